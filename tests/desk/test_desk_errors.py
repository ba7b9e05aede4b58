"""A database the desk cannot use gives a clear page; a write that fails loses nothing."""

from __future__ import annotations

import os
import sqlite3
import stat

from qinglai_rules.desk import DeskSettings, create_app

from .conftest import login
from .helpers import decision_form, decisions_on, finding_id_of


def test_missing_database(tmp_path) -> None:
    client = create_app(str(tmp_path / "none.sqlite")).test_client()
    assert client.get("/login").status_code == 200  # the login page itself needs no database
    response = login(client, "wang")
    assert response.status_code == 503
    assert "找不到数据库文件" in response.get_data(as_text=True)
    assert not (tmp_path / "none.sqlite").exists()  # the desk never creates an empty store


def test_database_from_a_newer_qinglai(db_path) -> None:
    with sqlite3.connect(db_path) as raw:
        raw.execute("INSERT INTO schema_version VALUES (99, 'from the future', '2030-01-01')")
    raw.close()
    response = login(create_app(str(db_path)).test_client(), "wang")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "数据库版本 99" in page and "未被改动" in page


def test_read_only_database(db_path) -> None:
    os.chmod(db_path, stat.S_IRUSR | stat.S_IRGRP)
    try:
        response = login(create_app(str(db_path)).test_client(), "wang")
    finally:
        os.chmod(db_path, stat.S_IRUSR | stat.S_IWUSR)
    assert response.status_code == 503
    assert "只读" in response.get_data(as_text=True)


def test_a_locked_database_keeps_the_reason_and_writes_nothing(db_path) -> None:
    app = create_app(str(db_path), DeskSettings(store_timeout=0.2))
    client = app.test_client()
    login(client, "wang")
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    _html, token, last = decision_form(client, finding)
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        response = client.post(
            f"/findings/{finding}/decide",
            data={"csrf_token": token, "last_decision_id": last, "action": "confirm", "reason": "限定本地，违法"},
        )
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "占用" in page
    assert "限定本地，违法</textarea>" in page  # still in the form, ready to submit again
    assert decisions_on(db_path, finding) == []
    retry = client.post(
        f"/findings/{finding}/decide",
        data={"csrf_token": token, "last_decision_id": last, "action": "confirm", "reason": "限定本地，违法"},
    )
    assert retry.status_code == 303 and len(decisions_on(db_path, finding)) == 1


def test_when_even_the_page_cannot_be_read_the_error_page_keeps_the_reason(client, db_path, monkeypatch) -> None:
    from qinglai_rules.errors import StoreError
    from qinglai_rules.store import Store

    login(client, "wang")
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    _html, token, last = decision_form(client, finding)

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise StoreError("review.sqlite: 数据库错误：disk I/O error")

    monkeypatch.setattr(Store, "decide", broken)
    monkeypatch.setattr(Store, "clauses", broken)
    response = client.post(
        f"/findings/{finding}/decide",
        data={"csrf_token": token, "last_decision_id": last, "action": "dismiss", "reason": "只是举例"},
    )
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "disk I/O error" in page and 'id="unsaved-reason">只是举例</textarea>' in page
