"""The key that signs session cookies: one per database, so a restart does not log anyone out.

Order: an explicit key, ``$QINGLAI_DESK_SECRET``, else ``<database file>.desk-key`` beside the
SQLite file (created once with 64 random hex characters, mode 0600). The key is kept out of the
database on purpose: a copy or backup of the data must not let anyone forge a reviewer's session.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from ..store.db import is_url

ENV_SECRET = "QINGLAI_DESK_SECRET"
KEY_SUFFIX = ".desk-key"
MIN_LENGTH = 32

log = logging.getLogger(__name__)


class SecretError(Exception):
    """The configured key is unusable (too short)."""


def key_file(db_location: str) -> Path | None:
    """Where the key of a SQLite database lives; None for a database URL."""
    if is_url(db_location):
        return None
    return Path(db_location).expanduser().with_name(Path(db_location).name + KEY_SUFFIX)


def _checked(key: str, origin: str) -> str:
    key = key.strip()
    if len(key) < MIN_LENGTH:
        raise SecretError(f"{origin}: 会话密钥至少需要 {MIN_LENGTH} 个字符")
    return key


def load_secret(db_location: str, explicit: str | None = None) -> tuple[str, str]:
    """(key, where it came from). Falls back to a key for this process only, with a warning."""
    if explicit:
        return _checked(explicit, "settings"), "settings"
    if os.environ.get(ENV_SECRET):
        return _checked(os.environ[ENV_SECRET], ENV_SECRET), ENV_SECRET
    path = key_file(db_location)
    if path is None:
        log.warning("数据库是 URL：请设置 %s，否则每次重启都会让所有人重新登录", ENV_SECRET)
        return secrets.token_hex(32), "process"
    try:
        return _checked(path.read_text(encoding="ascii"), str(path)), str(path)
    except FileNotFoundError:
        pass
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another desk process created it first: use theirs
        return _checked(path.read_text(encoding="ascii"), str(path)), str(path)
    except OSError as exc:
        log.warning("无法创建会话密钥文件 %s（%s）：重启后所有人需要重新登录", path, exc)
        return key, "process"
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key, str(path)
