"""Opening the store: schema creation, migrations, and refusing what must not be touched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from store_builders import POLICY_V1, make_document, ok, run_info

from qinglai_rules.store import SCHEMA_VERSION, StoreError, default_location, open_store
from qinglai_rules.store.db import Database
from qinglai_rules.store.migrate import MIGRATIONS, migrate

TABLES = {"schema_version", "users", "runs", "documents", "run_documents", "clauses", "findings", "decisions"}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _schema_dump(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_new_store_has_every_table_triggers_and_pragmas(store, db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        versions = conn.execute("SELECT version FROM schema_version").fetchall()
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert names >= TABLES
    assert {"decisions_no_update", "decisions_no_delete"} <= triggers
    assert versions == [(m.version,) for m in MIGRATIONS]
    assert MIGRATIONS[-1].version == SCHEMA_VERSION
    assert journal == "wal"
    with store._db.read() as conn:  # every connection the store makes enforces foreign keys
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migrations_are_idempotent(db_path: Path) -> None:
    open_store(str(db_path)).close()
    before = _schema_dump(db_path)
    open_store(str(db_path)).close()
    db = Database(str(db_path))
    assert migrate(db) == SCHEMA_VERSION  # already current: nothing to do
    db.close()
    assert _schema_dump(db_path) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_newer_database_is_refused_and_left_untouched(db_path: Path) -> None:
    store = open_store(str(db_path))
    run = store.begin_run(run_info("a.txt"))
    store.record_document(run, ok(make_document(POLICY_V1, "a.txt")))
    store.close()
    newer = SCHEMA_VERSION + 1
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 'from the future', '2030-01-01')", (newer,))
    digest = _sha(db_path)
    with pytest.raises(StoreError) as error:
        open_store(str(db_path))
    message = str(error.value)
    assert f"数据库版本 {newer} 比本程序支持的 {SCHEMA_VERSION} 新" in message
    assert str(db_path) in message
    assert _sha(db_path) == digest
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == newer
        assert conn.execute("SELECT count(*) FROM findings").fetchone()[0] == 2


def test_read_only_file_is_refused_with_its_name(db_path: Path) -> None:
    open_store(str(db_path)).close()
    digest = _sha(db_path)
    db_path.chmod(0o444)
    try:
        with pytest.raises(StoreError) as error:
            open_store(str(db_path))
    finally:
        db_path.chmod(0o644)
    assert str(db_path) in str(error.value)
    assert "只读" in str(error.value)
    assert _sha(db_path) == digest


def test_locked_database_gives_a_clear_error(store, db_path: Path) -> None:
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    holder.execute(
        "INSERT INTO runs (started_at, status, user_name, ruleset_version, laws_version, "
        "tool_version, inputs_count, inputs) VALUES ('x', 'running', 'u', 'r', 'l', '', 0, '[]')"
    )
    try:
        waiting = open_store(str(db_path), timeout=0.2)  # reading still works in WAL mode
        with pytest.raises(StoreError) as error:
            waiting.begin_run(run_info("a.txt"))
        waiting.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(db_path) in str(error.value)
    assert "占用" in str(error.value)
    assert store.runs() == []  # neither the holder's nor the refused run was written


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库\n" * 200, encoding="utf-8")
    digest = _sha(path)
    with pytest.raises(StoreError) as error:
        open_store(str(path))
    assert str(path) in str(error.value)
    assert _sha(path) == digest


def test_someone_elses_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    before = _schema_dump(path)
    with pytest.raises(StoreError, match="不是 qinglai 的数据库"):
        open_store(str(path))
    assert _schema_dump(path) == before


def test_missing_file_is_not_created_when_only_reading(tmp_path: Path) -> None:
    path = tmp_path / "absent.sqlite"
    with pytest.raises(StoreError, match="找不到数据库文件"):
        open_store(str(path), create=False)
    assert not path.exists()


def test_default_location_is_env_or_working_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("QINGLAI_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_location() == str(tmp_path / "qinglai.sqlite")
    open_store().close()
    assert (tmp_path / "qinglai.sqlite").exists()
    elsewhere = tmp_path / "sub" / "team.sqlite"
    elsewhere.parent.mkdir()
    monkeypatch.setenv("QINGLAI_DB", str(elsewhere))
    assert default_location() == str(elsewhere)
    open_store().close()
    assert elsewhere.exists()
