"""Schema versions: an ordered list of migrations and the check that runs when a store is opened.

Each ``Migration`` upgrades a database from ``version - 1`` to ``version``. A new, empty database
is built straight from ``schema.py`` by the first migration and stamped with every version, so a
later migration only ever runs on a database that really is at the previous version. To change
the schema: edit ``schema.py`` *and* append a migration that makes the same change to an existing
database (``ALTER TABLE``…), then bump nothing else — ``LATEST`` follows the list.

Opening never writes to a database from a newer version, nor to a file that holds tables but no
``schema_version`` (someone else's database).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, func, inspect, select

from ..errors import StoreError
from .db import Database, now
from .schema import ledger_entries, ledger_history, metadata, schema_version


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


_APPEND_ONLY_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions
       BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision instead'); END""",
    """CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON decisions
       BEGIN SELECT RAISE(ABORT, 'decisions are append-only: they cannot be deleted'); END""",
)


_LEDGER_HISTORY_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS ledger_history_no_update BEFORE UPDATE ON ledger_history
       BEGIN SELECT RAISE(ABORT, 'ledger history is append-only: record a new change instead'); END""",
    """CREATE TRIGGER IF NOT EXISTS ledger_history_no_delete BEFORE DELETE ON ledger_history
       BEGIN SELECT RAISE(ABORT, 'ledger history is append-only: it cannot be deleted'); END""",
)


def _initial(conn: Connection) -> None:
    """A new database: every table of ``schema.py`` and every trigger, whatever the version."""
    metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        for statement in _APPEND_ONLY_TRIGGERS + _LEDGER_HISTORY_TRIGGERS:
            conn.exec_driver_sql(statement)


def _ledger(conn: Connection) -> None:
    """Version 2: the campaign ledger (附件1/2/3 entries) and its append-only history."""
    ledger_entries.create(conn, checkfirst=True)
    ledger_history.create(conn, checkfirst=True)
    if conn.dialect.name == "sqlite":
        for statement in _LEDGER_HISTORY_TRIGGERS:
            conn.exec_driver_sql(statement)


MIGRATIONS: list[Migration] = [
    Migration(
        1, "initial schema: runs, documents, clauses, findings, append-only decisions, users", _initial
    ),
    Migration(2, "campaign ledger: ledger_entries (附件1/2/3) and append-only ledger_history", _ledger),
]
LATEST = MIGRATIONS[-1].version


def current_version(conn: Connection, name: str) -> int:
    """The database's schema version; 0 for an empty database."""
    tables = set(inspect(conn).get_table_names())
    if "schema_version" not in tables:
        if tables:
            raise StoreError(f"{name}: 这不是 qinglai 的数据库（没有 schema_version 表），未作任何改动")
        return 0
    return int(conn.execute(select(func.max(schema_version.c.version))).scalar() or 0)


def _refuse_newer(version: int, name: str) -> None:
    if version > LATEST:
        raise StoreError(
            f"数据库版本 {version} 比本程序支持的 {LATEST} 新：{name} 由更新版本的 qinglai 创建，"
            "请升级 qinglai 后再打开（数据库未被改动）"
        )


def migrate(db: Database) -> int:
    """Bring the database to ``LATEST``; returns the version it was at. Idempotent."""
    with db.read() as conn:
        version = current_version(conn, db.name)
    _refuse_newer(version, db.name)
    if db.is_sqlite and db.raw_pragma("PRAGMA journal_mode") not in ("wal", "memory"):
        db.raw_pragma("PRAGMA journal_mode = WAL")
    if version == LATEST:
        return version
    with db.write() as conn:
        version = current_version(conn, db.name)  # another process may have migrated meanwhile
        _refuse_newer(version, db.name)
        pending = MIGRATIONS if version == 0 else [m for m in MIGRATIONS if m.version > version]
        if version == 0:
            _initial(conn)
        else:
            for migration in pending:
                migration.apply(conn)
        for migration in pending:
            conn.execute(
                schema_version.insert().values(
                    version=migration.version, description=migration.description, applied_at=now()
                )
            )
    return version
