"""Decisions: append-only, validated, role-checked, conflict-checked."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from store_builders import BRANCH_RULE, POLICY_V1, TAX_RULE, by_rule, make_document, ok, run_info

from qinglai_rules.store import ConflictError, NotAllowedError, NotFoundError, Store, StoreError, open_store


@pytest.fixture
def reviewed(reviewers) -> Store:
    """The sample policy recorded once, two pending findings."""
    run = reviewers.begin_run(run_info("policy.txt"))
    reviewers.record_document(run, ok(make_document(POLICY_V1, "policy.txt")))
    reviewers.finish_run(run)
    return reviewers


def _tax(store: Store):  # type: ignore[no-untyped-def]
    return by_rule(store.list_findings())[TAX_RULE]


def _decision_count(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM decisions").fetchone()[0]


def test_each_decision_appends_and_the_latest_wins(reviewed) -> None:
    finding = _tax(reviewed)
    first = reviewed.decide(finding.id, "dismiss", "wang", "看错了")
    second = reviewed.decide(finding.id, "confirm", "li", "确属地方留成返还")
    history = reviewed.history(finding.fingerprint)
    assert [d.id for d in history] == [first.id, second.id]
    assert second.supersedes == first.id and first.supersedes is None
    assert [d.reason for d in reviewed.history(finding.id)] == ["看错了", "确属地方留成返还"]
    assert _tax(reviewed).status == "confirmed"
    assert _tax(reviewed).last_decision_id == second.id


def test_decisions_cannot_be_updated_or_deleted(reviewed, db_path: Path) -> None:
    finding = _tax(reviewed)
    reviewed.decide(finding.id, "dismiss", "wang", "不构成返还")
    assert not [name for name in dir(reviewed) if "delete" in name or "update" in name]
    with sqlite3.connect(db_path) as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE decisions SET action = 'confirm'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM decisions")
    (only,) = reviewed.history(finding.fingerprint)
    assert (only.action, only.reason) == ("dismiss", "不构成返还")
    assert _tax(reviewed).status == "dismissed"


@pytest.mark.parametrize("reason", ["", "   ", "\u3000\n", None])
def test_a_reason_is_required(reviewed, db_path: Path, reason) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="理由"):
        reviewed.decide(_tax(reviewed).id, "confirm", "wang", reason)
    assert _decision_count(db_path) == 0


def test_the_database_itself_refuses_an_empty_reason(reviewed, db_path: Path) -> None:
    finding = _tax(reviewed)
    with sqlite3.connect(db_path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO decisions (fingerprint, action, reviewer, reason, at)"
            " VALUES (?, 'confirm', 'wang', ' ', 'x')",
            (finding.fingerprint,),
        )


def test_unknown_action_is_refused(reviewed, db_path: Path) -> None:
    with pytest.raises(StoreError, match="未知的操作"):
        reviewed.decide(_tax(reviewed).id, "approve", "wang", "ok")
    assert _decision_count(db_path) == 0


def test_a_rule_author_or_unknown_user_cannot_decide(reviewed, db_path: Path) -> None:
    with pytest.raises(NotAllowedError, match="rule_author"):
        reviewed.decide(_tax(reviewed).id, "confirm", "author", "我写的规则没错")
    with pytest.raises(NotAllowedError, match="没有用户"):
        reviewed.decide(_tax(reviewed).id, "confirm", "nobody", "路过")
    assert _decision_count(db_path) == 0
    assert reviewed.decide(_tax(reviewed).id, "confirm", "boss", "管理员确认").reviewer_name == "赵管"


def test_amend_corrects_family_and_severity_and_a_later_confirm_keeps_it(reviewed) -> None:
    finding = _tax(reviewed)
    amended = reviewed.decide(
        finding.id, "amend", "wang", "实为拖欠款项承诺", family="payment-default", severity="高风险"
    )
    assert (amended.family, amended.severity, amended.categories) == ("payment-default", "高风险", ["C1"])
    row = reviewed.finding(finding.id)
    assert (row.status, row.family, row.severity, row.categories) == (
        "confirmed",
        "payment-default",
        "高风险",
        ["C1"],
    )
    assert (row.found_family, row.found_categories) == ("tax-rebate", ["LC"]) and row.amended
    assert [r.id for r in reviewed.list_findings(family="payment-default")] == [finding.id]
    assert [r.id for r in reviewed.list_findings(category="C1")] == [finding.id]
    assert reviewed.list_findings(family="tax-rebate").total == 0

    reviewed.decide(finding.id, "confirm", "li", "同意修改")
    assert reviewed.finding(finding.id).family == "payment-default"  # not silently reverted
    reviewed.decide(finding.id, "dismiss", "boss", "不属实")
    row = reviewed.finding(finding.id)
    assert (row.status, row.family) == ("dismissed", "tax-rebate")


def test_amend_in_a_contract_adds_the_void_commitment_category(reviewers) -> None:
    contract = make_document(
        POLICY_V1, "contract.txt", doc_number=None, title="投资协议", doc_type="contract"
    )
    run = reviewers.begin_run(run_info("contract.txt"))
    reviewers.record_document(run, ok(contract))
    branch = by_rule(reviewers.list_findings())[BRANCH_RULE]
    decision = reviewers.decide(branch.id, "amend", "wang", "属于招标限制", family="bidding")
    assert decision.categories == ["LC", "C5"]


def test_amend_is_validated(reviewed, db_path: Path) -> None:
    finding = _tax(reviewed)
    with pytest.raises(StoreError, match="未知的类别"):
        reviewed.decide(finding.id, "amend", "wang", "x", family="tax-evasion")
    with pytest.raises(StoreError, match="未知的严重程度"):
        reviewed.decide(finding.id, "amend", "wang", "x", severity="critical")
    with pytest.raises(StoreError, match="amend 需要"):
        reviewed.decide(finding.id, "amend", "wang", "x")
    with pytest.raises(StoreError, match="只有 amend"):
        reviewed.decide(finding.id, "confirm", "wang", "x", severity="提示")
    assert _decision_count(db_path) == 0


def test_second_reviewer_on_a_stale_view_gets_a_conflict_naming_the_first(reviewed, db_path: Path) -> None:
    desk_a = open_store(str(db_path))
    desk_b = open_store(str(db_path))
    seen_a = _tax(desk_a)
    seen_b = _tax(desk_b)
    assert seen_a.last_decision_id == seen_b.last_decision_id == 0
    desk_a.decide(
        seen_a.id, "confirm", "wang", "违反税收法定", expected_last_decision_id=seen_a.last_decision_id
    )
    with pytest.raises(ConflictError) as conflict:
        desk_b.decide(
            seen_b.id, "dismiss", "li", "看着没问题", expected_last_decision_id=seen_b.last_decision_id
        )
    message = str(conflict.value)
    assert "王审" in message and "wang" in message and "确认" in message and "违反税收法定" in message
    assert conflict.value.latest.reviewer == "wang"
    assert _decision_count(db_path) == 1
    reloaded = _tax(desk_b)  # after reloading, B may overrule A on purpose
    desk_b.decide(
        reloaded.id, "dismiss", "li", "复核后驳回", expected_last_decision_id=reloaded.last_decision_id
    )
    assert _tax(desk_a).status == "dismissed"
    desk_a.close()
    desk_b.close()


def test_simultaneous_decisions_exactly_one_wins(reviewed, db_path: Path) -> None:
    finding = _tax(reviewed)
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def reviewer(name: str, action: str) -> None:
        desk = open_store(str(db_path))
        start.wait()
        try:
            outcomes[name] = desk.decide(
                finding.id, action, name, f"{name} 的结论", expected_last_decision_id=0
            )
        except ConflictError as error:
            outcomes[name] = error
        finally:
            desk.close()

    threads = [threading.Thread(target=reviewer, args=a) for a in (("wang", "confirm"), ("li", "dismiss"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    conflicts = [o for o in outcomes.values() if isinstance(o, ConflictError)]
    assert len(conflicts) == 1 and len(outcomes) == 2
    assert _decision_count(db_path) == 1


def test_decide_by_fingerprint_and_unknown_targets(reviewed) -> None:
    finding = _tax(reviewed)
    decision = reviewed.decide(finding.fingerprint, "confirm", "wang", "按指纹确认")
    assert decision.finding_id == finding.id
    with pytest.raises(NotFoundError):
        reviewed.decide(9999, "confirm", "wang", "x")
    with pytest.raises(NotFoundError):
        reviewed.decide("f" * 64, "confirm", "wang", "x")
    with pytest.raises(NotFoundError):
        reviewed.finding(9999)
