"""Accounts: who may decide. Passwords are stored as argon2 hashes only.

Roles: ``reviewer`` (confirms or dismisses findings), ``rule_author`` (maintains rules; may not
decide), ``admin`` (everything). Accounts are never deleted, so every decision keeps its author.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, select

from ..errors import StoreError
from .db import NotAllowedError, now
from .schema import ROLES, users

DECIDING_ROLES = ("reviewer", "admin")
MIN_PASSWORD = 8

_hasher = PasswordHasher()


@dataclass
class UserRow:
    username: str
    display_name: str
    role: str
    created_at: str


def _row(record) -> UserRow:  # type: ignore[no-untyped-def]
    return UserRow(record.username, record.display_name, record.role, record.created_at)


def add_user(
    conn: Connection, username: str, role: str, password: str, display_name: str | None = None
) -> UserRow:
    username = (username or "").strip()
    if not username:
        raise StoreError("用户名不能为空")
    if role not in ROLES:
        raise StoreError(f"未知的角色 {role!r}：可选 {', '.join(ROLES)}")
    if len(password or "") < MIN_PASSWORD:
        raise StoreError(f"密码至少 {MIN_PASSWORD} 个字符")
    if conn.execute(select(users.c.id).where(users.c.username == username)).first():
        raise StoreError(f"用户 {username} 已存在")
    values = {
        "username": username,
        "display_name": (display_name or "").strip() or username,
        "role": role,
        "password_hash": _hasher.hash(password),
        "created_at": now(),
    }
    conn.execute(users.insert().values(**values))
    return UserRow(values["username"], values["display_name"], role, values["created_at"])


def get_user(conn: Connection, username: str) -> UserRow | None:
    record = conn.execute(select(users).where(users.c.username == username)).first()
    return _row(record) if record else None


def list_users(conn: Connection) -> list[UserRow]:
    return [_row(r) for r in conn.execute(select(users).order_by(users.c.username))]


def check_password(conn: Connection, username: str, password: str) -> tuple[bool, bool]:
    """(matches, the stored hash should be upgraded because argon2's parameters changed)."""
    record = conn.execute(select(users.c.password_hash).where(users.c.username == username)).first()
    if record is None:
        _hasher.hash(password or "-")  # spend the same time as for a real user
        return False, False
    try:
        _hasher.verify(record.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False, False
    return True, _hasher.check_needs_rehash(record.password_hash)


def rehash_password(conn: Connection, username: str, password: str) -> None:
    conn.execute(
        users.update().where(users.c.username == username).values(password_hash=_hasher.hash(password))
    )


def require_decider(conn: Connection, username: str) -> UserRow:
    """The user, if they may confirm, dismiss or amend findings; else a NotAllowedError saying why."""
    user = get_user(conn, (username or "").strip())
    if user is None:
        raise NotAllowedError(f"没有用户 {username!r}：请先用 `qinglai users add` 添加审查人员")
    if user.role not in DECIDING_ROLES:
        raise NotAllowedError(
            f"用户 {user.username}（角色 {user.role}）无权作出审查结论：只有 reviewer 或 admin 可以"
        )
    return user
