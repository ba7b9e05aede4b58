"""Schema version 2 on a version-1 database that holds data: nothing lost, the ledger added."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import MetaData
from store_builders import POLICY_V1, make_document, ok, run_info

from qinglai_rules.ledger.book import Ledger
from qinglai_rules.store import SCHEMA_VERSION, open_store
from qinglai_rules.store import decisions as decisions_module
from qinglai_rules.store import runs as runs_module
from qinglai_rules.store import users as users_module
from qinglai_rules.store.db import Database, now
from qinglai_rules.store.migrate import _APPEND_ONLY_TRIGGERS
from qinglai_rules.store.schema import metadata, schema_version

LEDGER_TABLES = {"ledger_entries", "ledger_history"}


def _version_1_database(path: Path) -> None:
    """A database exactly as version 1 of the store built it, with a run, findings, users and a decision."""
    v1 = MetaData()
    for table in metadata.sorted_tables:
        if table.name not in LEDGER_TABLES:
            table.to_metadata(v1)
    db = Database(str(path))
    with db.write() as conn:
        v1.create_all(conn)
        for statement in _APPEND_ONLY_TRIGGERS:
            conn.exec_driver_sql(statement)
        conn.execute(schema_version.insert().values(version=1, description="initial schema", applied_at=now()))
        users_module.add_user(conn, "wang", "reviewer", "password-wang", "王审")
        run = runs_module.begin_run(conn, run_info("policy.txt"))
        runs_module.record_document(conn, run, ok(make_document(POLICY_V1, "policy.txt")))
        runs_module.finish_run(conn, run, "finished")
        decisions_module.decide(conn, 1, "confirm", "wang", "地方留成返还，违反税收征收管理法")
    db.close()


def _dump(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def test_version_1_database_with_data_migrates_to_2(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _version_1_database(path)
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not tables & LEDGER_TABLES
    before = {table: _dump(path, table) for table in ("users", "runs", "documents", "clauses", "findings", "decisions")}
    assert len(before["findings"]) == 2 and len(before["decisions"]) == 1

    store = open_store(str(path))  # migrates
    store.close()
    with sqlite3.connect(path) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert versions == [1, 2] == list(range(1, SCHEMA_VERSION + 1))
    assert tables >= LEDGER_TABLES
    assert {"ledger_history_no_update", "ledger_history_no_delete", "decisions_no_update"} <= triggers
    for table, rows in before.items():
        assert _dump(path, table) == rows, table  # every row kept, unchanged

    with open_store(str(path)) as store:  # the migrated store works: the confirmed finding syncs
        result = Ledger(store).sync()
        assert len(result.created) == 1
        entry = Ledger(store).get(result.created[0])
        assert entry.family == "tax-rebate" and entry.region == "哈尔滨市" and entry.list_no == "附件1"


def test_history_is_append_only_on_a_migrated_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _version_1_database(path)
    with open_store(str(path)) as store:
        Ledger(store).sync()
    with sqlite3.connect(path) as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE ledger_history SET new_value = '已整改'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM ledger_history")
        with pytest.raises(sqlite3.IntegrityError, match="list_matches_unit_kind"):
            conn.execute("UPDATE ledger_entries SET list_no = '附件3'")  # the list follows the unit kind
