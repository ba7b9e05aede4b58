"""Who is at the desk: login against the store's argon2 hashes, session expiry, roles.

The session (Flask's signed cookie: HttpOnly, SameSite=Lax) holds the user name, the login time
and the time of the last request. It ends after ``idle_timeout`` without a request or
``absolute_timeout`` after login, whichever comes first. The account is re-read from the store on
every request, so a changed role applies at once.
"""

from __future__ import annotations

import threading
from collections import defaultdict, deque
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import abort, current_app, flash, g, redirect, request, session, url_for

from ..store import DECIDING_ROLES, UserRow
from . import csrf
from .settings import DeskSettings
from .storage import store

ROLE_WORDS = {"reviewer": "审查员", "rule_author": "规则编写人员", "admin": "管理员"}
PUBLIC_ENDPOINTS = frozenset({"desk.login", "static"})


def settings() -> DeskSettings:
    return current_app.extensions["qinglai_settings"]


def now() -> float:
    return settings().clock()


def can_decide(user: UserRow | None) -> bool:
    return user is not None and user.role in DECIDING_ROLES


def start_session(user: UserRow) -> None:
    """A fresh session for ``user``: nothing from before login survives, the CSRF token is new."""
    session.clear()
    session.permanent = True
    moment = int(now())
    session.update(user=user.username, login_at=moment, seen_at=moment)
    csrf.renew()


def end_session() -> None:
    session.clear()
    csrf.renew()


def _expired(moment: float) -> bool:
    config = settings()
    login_at = session.get("login_at")
    seen_at = session.get("seen_at")
    if not isinstance(login_at, int) or not isinstance(seen_at, int):
        return True
    return moment - seen_at > config.idle_timeout or moment - login_at > config.absolute_timeout


def load_user() -> None:
    """Set ``g.user`` from the session (None when absent or expired; an expired session is cleared)."""
    g.user = None
    username = session.get("user")
    if not username:
        return
    moment = now()
    if _expired(moment):
        end_session()
        flash("会话已过期，请重新登录。", "warning")
        return
    user = store().user(username)
    if user is None:
        end_session()
        return
    session["seen_at"] = int(moment)
    g.user = user


def require_login() -> Any:
    """Send anyone not logged in to the login page; a POST is not carried out."""
    if request.endpoint in PUBLIC_ENDPOINTS or g.user is not None:
        return None
    if request.method not in csrf.SAFE_METHODS:
        flash("请先登录：刚才的操作没有执行，也没有保存任何内容。", "warning")
        return redirect(url_for("desk.login"), code=303)
    return redirect(url_for("desk.login", next=request.full_path.rstrip("?")))


def deciders_only(view):  # type: ignore[no-untyped-def]
    """Only reviewer and admin may confirm, dismiss or amend; anyone else gets 403, nothing written."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not can_decide(g.user):
            abort(403, description="你的角色只能浏览，不能作出审查结论（只有审查员和管理员可以）。")
        return view(*args, **kwargs)

    return wrapped


def safe_next(target: str | None) -> str:
    """Only a path on this site (no scheme, no host, no //evil.example) may follow a login."""
    if not target:
        return url_for("desk.queue")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("desk.queue")
    return target


class LoginThrottle:
    """Refuse further tries after ``attempts`` failures for one user name from one address in ``window`` s.

    In memory, per process: enough to stop a password being guessed through the form at argon2's
    pace, forgotten on restart.
    """

    def __init__(self, attempts: int, window: float) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], moment: float) -> deque[float]:
        failures = self._failures[key]
        while failures and moment - failures[0] > self.window:
            failures.popleft()
        return failures

    def blocked(self, key: tuple[str, str], moment: float) -> bool:
        with self._lock:
            return len(self._recent(key, moment)) >= self.attempts

    def failed(self, key: tuple[str, str], moment: float) -> None:
        with self._lock:
            self._recent(key, moment).append(moment)

    def succeeded(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._failures.pop(key, None)
