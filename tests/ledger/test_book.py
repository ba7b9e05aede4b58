"""Ledger entries: add and update with history, who may change them, 逾期, sync from confirmed findings."""

from __future__ import annotations

import datetime as dt

import pytest
from store_builders import POLICY_V1, make_document, make_finding, ok, run_info

from qinglai_rules.ledger.book import SYNC_ACTOR, Ledger, LedgerError
from qinglai_rules.store import NotAllowedError, NotFoundError, Store

ITEM = {"unit_kind": "县区", "region": "宾县", "title": "暂缓兑现扶持资金", "market_entity": "哈尔滨谷丰食品有限公司",
        "amount": "218万", "category": "C1", "family": "payment-default", "deadline": "2019-12-31"}


def test_add_derives_the_list_and_records_every_value(ledger: Ledger) -> None:
    entry = ledger.add(ITEM, by="wang", note="热线投诉")
    assert (entry.list_no, entry.status, entry.amount, entry.created_by) == ("附件1", "未整改", 2_180_000, "wang")
    history = ledger.history(entry.id)
    assert {h.field for h in history} == {"status", "unit_kind", "region", "title", "market_entity", "amount",
                                          "category", "family", "deadline"}
    assert all(h.old_value is None and h.changed_by == "wang" and h.note == "热线投诉" for h in history)
    assert next(h for h in history if h.field == "amount").new_value == "2180000"
    provincial = ledger.add({**ITEM, "unit_kind": "中省直部门", "department": "黑龙江省交通运输厅"}, by="wang")
    vertical = ledger.add({**ITEM, "unit_kind": "垂直管理"}, by="wang")
    assert (provincial.list_no, provincial.unit_kind, vertical.list_no) == ("附件2", "中省直", "附件3")


def test_update_writes_history_for_changed_fields_only(ledger: Ledger, clock) -> None:  # type: ignore[no-untyped-def]
    entry = ledger.add(ITEM, by="wang")
    before = len(ledger.history(entry.id))
    clock.set("2019-09-01")
    updated, changed = ledger.update(entry.id, {"status": "整改中", "handling_opinion": "列入2020年预算分期兑现",
                                                "amount": "2180000", "deadline": "2019/12/31"}, by="wang", note="督办")
    assert changed == ["handling_opinion", "status"]  # the same amount and deadline written differently: no change
    assert (updated.status, updated.handling_opinion) == ("整改中", "列入2020年预算分期兑现")
    new = ledger.history(entry.id)[before:]
    assert [(h.field, h.old_value, h.new_value, h.changed_by, h.note) for h in new] == [
        ("handling_opinion", None, "列入2020年预算分期兑现", "wang", "督办"),
        ("status", "未整改", "整改中", "wang", "督办"),
    ]
    assert new[0].changed_at == "2019-09-01T02:00:00+00:00"
    _, again = ledger.update(entry.id, {"status": "整改中"}, by="wang")
    assert again == [] and len(ledger.history(entry.id)) == before + 2
    moved, _ = ledger.update(entry.id, {"unit_kind": "垂直管理"}, by="wang")
    assert moved.list_no == "附件3"


def test_changes_need_a_known_user_who_may_change_the_ledger(ledger: Ledger) -> None:
    entry = ledger.add(ITEM, by="wang")
    with pytest.raises(NotAllowedError, match="没有用户"):
        ledger.update(entry.id, {"status": "已整改"}, by="nobody")
    with pytest.raises(NotAllowedError, match="rule_author"):
        ledger.update(entry.id, {"status": "已整改"}, by="author")
    with pytest.raises(NotFoundError):
        ledger.update(999, {"status": "已整改"}, by="wang")
    assert ledger.get(entry.id).status == "未整改"


@pytest.mark.parametrize(("values", "message"), [
    ({"status": "完成"}, "未知的整改状态"),
    ({"deadline": "2019-02-30"}, "不存在"),
    ({"amount": "若干"}, "不是数字"),
    ({"category": "C9"}, "未知的问题类别"),
    ({"unit_kind": "乡镇"}, "未知的单位类型"),
    ({"arrears_scope": "也许"}, "是”或“否"),
    ({"colour": "red"}, "没有可修改的字段"),
])
def test_bad_values_are_refused_in_words(ledger: Ledger, values: dict, message: str) -> None:
    entry = ledger.add(ITEM, by="wang")
    with pytest.raises(LedgerError, match=message):
        ledger.update(entry.id, values, by="wang")


def test_overdue_is_derived_never_stored(ledger: Ledger) -> None:
    entry = ledger.add(ITEM, by="wang")  # deadline 2019-12-31
    assert entry.effective_status(dt.date(2019, 12, 31)) == "未整改"  # the deadline day is still in time
    assert entry.effective_status(dt.date(2020, 1, 1)) == "逾期"
    in_progress, _ = ledger.update(entry.id, {"status": "整改中"}, by="wang")
    assert in_progress.effective_status(dt.date(2020, 1, 1)) == "逾期"
    _, changed = ledger.update(entry.id, {"status": "逾期"}, by="wang")  # what the exported list shows: no change
    assert changed == [] and ledger.get(entry.id).status == "整改中"
    done, _ = ledger.update(entry.id, {"status": "已整改"}, by="wang")
    assert done.effective_status(dt.date(2021, 1, 1)) == "已整改"
    with pytest.raises(LedgerError, match="已整改"):
        ledger.update(entry.id, {"status": "逾期"}, by="wang")
    with pytest.raises(LedgerError, match="逾期"):
        ledger.add({**ITEM, "status": "逾期"}, by="wang")
    assert ledger.add({k: v for k, v in ITEM.items() if k != "deadline"}, by="wang").effective_status(
        dt.date(2030, 1, 1)) == "未整改"  # no deadline, never overdue


def _reviewed_store(store: Store) -> dict[str, int]:
    """The sample policy reviewed: 第二条 tax rebate, 第三条 local protection, 第四条 a payment term."""
    document = make_document(POLICY_V1.replace("第四条 本办法自发布之日起施行。",
                                               "第四条 对企业的奖励资金于年度终了后180日内拨付给奖励100万元。"),
                             "policy.txt")
    findings = [
        make_finding(document, "第二条", "tax-rebate.local-retention", "给予返还", categories=["LC"]),
        make_finding(document, "第三条", "local-protection.branch-requirement", "须在本市设立分支机构"),
        make_finding(document, "第四条", "payment-default.term", "180日内拨付", family="payment-default",
                     categories=["C1"]),
    ]
    run = store.begin_run(run_info("policy.txt"))
    store.record_document(run, ok(document, findings))
    store.finish_run(run)
    return {row.rule_id.split(".")[0]: row.id for row in store.list_findings()}


def test_sync_creates_entries_for_confirmed_and_amended_findings_once(store: Store, ledger: Ledger) -> None:
    ids = _reviewed_store(store)
    store.decide(ids["tax-rebate"], "confirm", "wang", "以地方留成为基数返还，违反税收征收管理法第三条")
    store.decide(ids["local-protection"], "dismiss", "wang", "误报")
    store.decide(ids["payment-default"], "amend", "wang", "实为新官不理旧账", family="new-official")
    result = ledger.sync()
    assert len(result.created) == 2 and result.already == 0
    entries = {e.family: e for e in ledger.entries()}
    assert set(entries) == {"tax-rebate", "new-official"}  # dismissed: not in the ledger; amended: as amended
    tax = entries["tax-rebate"]
    assert (tax.category, tax.region, tax.list_no, tax.unit_kind, tax.status) == ("LC", "哈尔滨市", "附件1", "地市",
                                                                                   "未整改")
    assert tax.clause == "第二条" and "50%给予返还" in tax.content and tax.finding_id == ids["tax-rebate"]
    assert tax.legal_basis == "《优化营商环境条例》第十三条"
    assert entries["new-official"].category == "C1"
    assert entries["new-official"].amount == 1_000_000  # from the commitment on the clause (奖励100万元)
    assert all(h.changed_by == SYNC_ACTOR for h in ledger.history(tax.id))
    again = ledger.sync()
    assert again.created == [] and again.already == 2
    store.decide(ids["local-protection"], "confirm", "wang", "复核后确认")
    assert len(ledger.sync(by="wang").created) == 1
    with pytest.raises(NotAllowedError):
        ledger.sync(by="author")
