"""Deciding on a finding: CSRF, the required reason, amendments, concurrent decisions."""

from __future__ import annotations

import re

from .conftest import csrf_from, login
from .helpers import decision_form, decisions_on, finding_id_of, open_seeded, post_decision


def _status(db_path, finding_id: int) -> str:  # type: ignore[no-untyped-def]
    with open_seeded(db_path) as store:
        return store.finding(finding_id).status


def test_confirm_with_a_reason_is_recorded_and_moves_on(client, db_path) -> None:
    login(client, "wang")
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    response = post_decision(client, finding, action="confirm", reason="限定本地产品，违反公平竞争审查条例")
    assert response.status_code == 303
    assert re.fullmatch(r"/findings/\d+", response.location)  # the next pending finding
    [decision] = decisions_on(db_path, finding)
    assert (decision.action, decision.reviewer, decision.reason) == (
        "confirm",
        "wang",
        "限定本地产品，违反公平竞争审查条例",
    )
    assert _status(db_path, finding) == "confirmed"
    page = client.get(response.location).get_data(as_text=True)
    assert f"发现 #{finding} 已确认" in page
    history = client.get(f"/findings/{finding}").get_data(as_text=True)
    assert "限定本地产品，违反公平竞争审查条例" in history and "王审" in history


def test_the_queue_count_drops_after_a_decision(client, db_path, seeded) -> None:
    _path, counts = seeded
    total = sum(counts.values())
    login(client, "wang")
    assert f'id="queue-total">{total}<' in client.get("/").get_data(as_text=True)
    post_decision(client, finding_id_of(db_path, "DEMO-PAY-TERM"), action="dismiss", reason="工程款不属中小企业款项")
    page = client.get("/").get_data(as_text=True)
    assert f'id="queue-total">{total - 1}<' in page
    assert f'id="pending-count">{total - 1}<' in page
    assert 'id="queue-total">1<' in client.get("/?status=dismissed").get_data(as_text=True)


def test_a_post_without_csrf_token_is_refused_and_nothing_written(client, db_path) -> None:
    login(client, "wang")
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    _html, token, last = decision_form(client, finding)
    fields = {"last_decision_id": last, "action": "confirm", "reason": "违法"}
    response = client.post(f"/findings/{finding}/decide", data=fields)
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    assert (
        client.post(f"/findings/{finding}/decide", data=fields | {"csrf_token": token[:-2] + "xx"}).status_code == 400
    )
    cross_site = client.post(
        f"/findings/{finding}/decide", data=fields | {"csrf_token": token}, headers={"Origin": "http://evil.example"}
    )
    assert cross_site.status_code == 400
    assert decisions_on(db_path, finding) == []


def test_another_sessions_token_does_not_work(app, client, db_path) -> None:
    login(client, "wang")
    other = app.test_client()
    login(other, "li")
    foreign = csrf_from(other.get("/").get_data(as_text=True))
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    data = {"csrf_token": foreign, "last_decision_id": "0", "action": "confirm", "reason": "违法"}
    assert client.post(f"/findings/{finding}/decide", data=data).status_code == 400
    assert decisions_on(db_path, finding) == []


def test_a_reason_is_required(client, db_path) -> None:
    login(client, "wang")
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    for reason in ("", "   \n "):
        response = post_decision(client, finding, action="dismiss", reason=reason)
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert "必须填写理由" in page and 'value="dismiss" id="action-dismiss" required checked' in page
    assert post_decision(client, finding, reason="忘了选结论").status_code == 400
    assert decisions_on(db_path, finding) == []


def test_a_form_without_its_decision_version_is_refused(client, db_path) -> None:
    login(client, "wang")
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    _html, token, _last = decision_form(client, finding)
    data = {"csrf_token": token, "action": "confirm", "reason": "违法"}
    assert client.post(f"/findings/{finding}/decide", data=data).status_code == 400
    assert decisions_on(db_path, finding) == []


def test_amend_changes_family_or_severity(client, db_path) -> None:
    login(client, "wang")
    finding = finding_id_of(db_path, "DEMO-PAY-TERM")
    unchanged = post_decision(client, finding, action="amend", reason="改", family="payment-default", severity="高风险")
    assert unchanged.status_code == 400 and "需要改变" in unchanged.get_data(as_text=True)
    response = post_decision(
        client, finding, action="amend", reason="属违法，不仅是风险", family="payment-default", severity="违法"
    )
    assert response.status_code == 303
    with open_seeded(db_path) as store:
        row = store.finding(finding)
    assert (row.status, row.family, row.severity, row.found_severity) == (
        "confirmed",
        "payment-default",
        "违法",
        "高风险",
    )
    [decision] = decisions_on(db_path, finding)
    assert decision.action == "amend" and decision.family is None and decision.severity == "违法"


def test_a_concurrent_decision_is_reported_and_not_overwritten(app, client, db_path) -> None:
    login(client, "wang")
    finding = finding_id_of(db_path, "DEMO-GOV-GUARANTEE")
    _html, token, last = decision_form(client, finding)
    assert last == "0"
    other = app.test_client()  # 李审 decides while 王审 is still reading
    login(other, "li")
    assert post_decision(other, finding, action="dismiss", reason="担保由企业自担，非政府担保").status_code == 303
    data = {"csrf_token": token, "last_decision_id": last, "action": "confirm", "reason": "政府协调担保，违法"}
    response = client.post(f"/findings/{finding}/decide", data=data)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "李审" in page and "驳回" in page and "担保由企业自担，非政府担保" in page
    assert "政府协调担保，违法</textarea>" in page  # what 王审 typed is still there
    [only] = decisions_on(db_path, finding)
    assert only.reviewer == "li"
    assert _status(db_path, finding) == "dismissed"
    # The re-rendered form carries the new state: submitting again is a deliberate override.
    newer = re.search(r'name="last_decision_id" value="(\d+)"', page).group(1)
    assert newer == str(only.id)
    data |= {"last_decision_id": newer, "csrf_token": csrf_from(page)}
    assert client.post(f"/findings/{finding}/decide", data=data).status_code == 303
    assert [d.reviewer for d in decisions_on(db_path, finding)] == ["li", "wang"]


def test_after_a_decision_the_next_finding_follows_the_filters(client, db_path) -> None:
    login(client, "wang")
    with open_seeded(db_path) as store:
        ids = store.finding_ids(status="pending", family="tax-rebate")
    assert len(ids) == 3
    response = post_decision(client, ids[0], "?family=tax-rebate", action="confirm", reason="按留成比例奖励")
    assert response.location == f"/findings/{ids[1]}?family=tax-rebate"
    response = post_decision(client, ids[2], "?family=tax-rebate", action="confirm", reason="按留成比例奖励")
    assert response.location == f"/findings/{ids[1]}?family=tax-rebate"  # wraps to what is left
    response = post_decision(client, ids[1], "?family=tax-rebate", action="confirm", reason="按留成比例奖励")
    assert response.location == "/?family=tax-rebate"  # nothing left: back to the (empty) queue


def test_unknown_finding_is_a_404(client) -> None:
    login(client, "wang")
    response = client.get("/findings/9999")
    assert response.status_code == 404 and "9999" in response.get_data(as_text=True)
