"""Accounts: argon2 hashes, roles, refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qinglai_rules.store import StoreError


def test_password_is_stored_as_an_argon2_hash_and_verified(store, db_path: Path) -> None:
    user = store.add_user("wang", "reviewer", "correct horse", "王审")
    assert (user.username, user.display_name, user.role) == ("wang", "王审", "reviewer")
    with sqlite3.connect(db_path) as conn:
        (stored,) = conn.execute("SELECT password_hash FROM users WHERE username = 'wang'").fetchone()
    assert stored.startswith("$argon2") and "correct horse" not in stored
    assert store.verify_password("wang", "correct horse")
    assert not store.verify_password("wang", "correct horsE")
    assert not store.verify_password("nobody", "correct horse")


def test_user_refusals(store) -> None:
    store.add_user("wang", "reviewer", "password-1")
    with pytest.raises(StoreError, match="已存在"):
        store.add_user("wang", "admin", "password-2")
    with pytest.raises(StoreError, match="未知的角色"):
        store.add_user("li", "auditor", "password-3")
    with pytest.raises(StoreError, match="密码至少"):
        store.add_user("li", "reviewer", "short")
    with pytest.raises(StoreError, match="用户名"):
        store.add_user("  ", "reviewer", "password-4")
    assert [u.username for u in store.users()] == ["wang"]
    assert store.user("wang").display_name == "wang"  # defaults to the user name
    assert store.user("li") is None


def test_an_outdated_hash_is_upgraded_on_login(store, db_path: Path) -> None:
    from argon2 import PasswordHasher

    store.add_user("wang", "reviewer", "correct horse")
    weak = PasswordHasher(time_cost=1, memory_cost=8192).hash("correct horse")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE users SET password_hash = ? WHERE username = 'wang'", (weak,))
    assert store.verify_password("wang", "correct horse")
    with sqlite3.connect(db_path) as conn:
        (stored,) = conn.execute("SELECT password_hash FROM users WHERE username = 'wang'").fetchone()
    assert stored != weak and PasswordHasher().verify(stored, "correct horse")
