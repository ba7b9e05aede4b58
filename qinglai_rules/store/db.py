"""The database handle: engine, SQLite pragmas, transactions, and errors a user can act on.

SQLite runs in WAL mode (readers never block the single writer) with foreign keys on and a busy
timeout. pysqlite's own implicit transactions are switched off and we emit ``BEGIN`` ourselves:
writes start with ``BEGIN IMMEDIATE`` so a read-then-write (the optimistic check in ``decide``)
cannot interleave with another writer. Every driver error leaves as a ``StoreError`` naming the file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..errors import StoreError

DEFAULT_FILE = "qinglai.sqlite"
ENV_VAR = "QINGLAI_DB"


class ConflictError(StoreError):
    """Someone decided on the finding after the reviewer loaded it; ``latest`` is their decision."""

    def __init__(self, message: str, latest: object) -> None:
        super().__init__(message)
        self.latest = latest


class NotAllowedError(StoreError):
    """The user may not do this (unknown user, or a role without the right)."""


class NotFoundError(StoreError):
    """No finding, run or user with that id."""


def now() -> str:
    """The current time as an ISO timestamp (UTC, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_location() -> str:
    """``$QINGLAI_DB`` if set, else ``qinglai.sqlite`` in the current working directory."""
    return os.environ.get(ENV_VAR) or str(Path.cwd() / DEFAULT_FILE)


def is_url(location: str) -> bool:
    """A database URL (postgresql://…, sqlite:///…) rather than a SQLite file path."""
    return "://" in location


def _check_file(path: Path, create: bool) -> None:
    """Refuse before touching anything: a missing file (unless creating) or a file marked read-only."""
    if not path.exists():
        if not create:
            raise StoreError(f"{path}: 找不到数据库文件（用 --db 指定，或设置环境变量 {ENV_VAR}）")
        if not path.parent.is_dir():
            raise StoreError(f"{path}: 目录 {path.parent} 不存在，无法创建数据库")
        if not os.access(path.parent, os.W_OK):
            raise StoreError(f"{path}: 目录 {path.parent} 不可写，无法创建数据库")
        return
    if path.is_dir():
        raise StoreError(f"{path}: 这是一个目录，不是数据库文件")
    mode = path.stat().st_mode
    # A file without any write bit was made read-only on purpose: respect it even when running as root.
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise StoreError(f"{path}: 数据库文件是只读的，无法记录审查结果（请检查文件权限）")
    if not os.access(path.parent, os.W_OK):
        raise StoreError(f"{path}: 数据库所在目录不可写（SQLite 需要在旁边写入 -wal/-shm 文件）")


class Database:
    """An engine plus the file it points at; ``read()``/``write()`` yield a connection in a transaction."""

    def __init__(self, location: str, *, create: bool = True, timeout: float = 10.0) -> None:
        self.location = location
        if is_url(location):
            self.engine: Engine = create_engine(location)
            self.is_sqlite = self.engine.dialect.name == "sqlite"
        else:
            path = Path(location).expanduser()
            _check_file(path, create)
            self.location = str(path)
            self.engine = create_engine(f"sqlite:///{path}")
            self.is_sqlite = True
        if self.is_sqlite:
            _install_sqlite_hooks(self.engine, timeout)

    @property
    def name(self) -> str:
        """How to name the store in messages: the file path (a URL without its password)."""
        if is_url(self.location):
            return self.engine.url.render_as_string(hide_password=True)
        return self.location

    def error(self, exc: BaseException) -> StoreError:
        """A driver error in words, naming the file."""
        text = str(getattr(exc, "orig", None) or exc)
        lowered = text.lower()
        if "locked" in lowered or "busy" in lowered:
            return StoreError(f"{self.name}: 数据库被另一个程序占用（正在写入），请稍后再试")
        if "readonly" in lowered or "read-only" in lowered:
            return StoreError(f"{self.name}: 数据库是只读的，无法写入")
        if "not a database" in lowered or "malformed" in lowered:
            return StoreError(f"{self.name}: 不是 SQLite 数据库，或文件已损坏")
        if "unable to open" in lowered:
            return StoreError(f"{self.name}: 无法打开数据库文件（检查路径和权限）")
        return StoreError(f"{self.name}: 数据库错误：{text}")

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (a consistent snapshot in WAL mode)."""
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except (DBAPIError, SQLAlchemyError) as exc:
            raise self.error(exc) from exc

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: all or nothing, serialised against other writers from the start."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(qinglai_write=True)
                with conn.begin():
                    yield conn
        except (DBAPIError, SQLAlchemyError) as exc:
            raise self.error(exc) from exc

    def raw_pragma(self, sql: str) -> str | None:
        """Run a PRAGMA outside any transaction (``journal_mode`` cannot change inside one)."""
        try:
            raw = self.engine.raw_connection()
            try:
                row = raw.cursor().execute(sql).fetchone()
            finally:
                raw.close()
        except Exception as exc:  # sqlite3 errors arrive unwrapped here
            raise self.error(exc) from exc
        return None if row is None else str(row[0])

    def close(self) -> None:
        self.engine.dispose()


def _install_sqlite_hooks(engine: Engine, timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see ``_on_begin``
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("qinglai_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
