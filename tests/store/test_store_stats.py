"""Rule statistics: the reviewers' verdict on each rule, noisiest first."""

from __future__ import annotations

import pytest
from store_builders import make_document, make_finding, ok, run_info

TEXT = "\n".join(
    [
        "某县招商引资会议纪要",
        "第一条 甲企业税收地方留成部分全额返还。",
        "第二条 乙企业税收地方留成部分返还一半。",
        "第三条 丙企业税收地方留成部分返还三年。",
        "第四条 同意以零地价向丁企业出让土地。",
        "第五条 同意以成本价向戊企业出让土地。",
        "第六条 政府承诺兜底企业的投资收益。",
    ]
)
NOISY, GOOD, FRESH = "tax-rebate.noisy", "land-price.zero", "guarantee-return.floor"


def test_rule_stats_precision_reasons_and_order(reviewers) -> None:
    store = reviewers
    document = make_document(
        TEXT, "minutes.txt", doc_number=None, title="某县招商引资会议纪要", doc_type="minutes"
    )
    found = [
        make_finding(document, "第一条", NOISY, "返还"),
        make_finding(document, "第二条", NOISY, "返还"),
        make_finding(document, "第三条", NOISY, "返还"),
        make_finding(document, "第四条", GOOD, "零地价"),
        make_finding(document, "第五条", GOOD, "成本价"),
        make_finding(document, "第六条", FRESH, "兜底"),
    ]
    run = store.begin_run(run_info("minutes.txt"))
    store.record_document(run, ok(document, found))
    rows = {(r.rule_id, r.clause_label): r for r in store.list_findings()}
    store.decide(rows[NOISY, "第一条"].id, "confirm", "wang", "确属返还")
    store.decide(rows[NOISY, "第二条"].id, "dismiss", "wang", "已由省政府批准")
    store.decide(rows[NOISY, "第三条"].id, "confirm", "li", "先确认")
    store.decide(rows[NOISY, "第三条"].id, "dismiss", "li", "已由省政府批准 ")  # latest decision counts
    store.decide(rows[GOOD, "第四条"].id, "confirm", "wang", "零地价违法")
    store.decide(rows[GOOD, "第五条"].id, "amend", "wang", "应为提示", severity="提示")  # amended = confirmed

    stats = store.rule_stats()
    assert [s.rule_id for s in stats] == [NOISY, GOOD, FRESH]
    noisy, good, fresh = stats
    assert (noisy.confirmed, noisy.dismissed, noisy.pending) == (1, 2, 0)
    assert noisy.precision == pytest.approx(1 / 3)
    assert noisy.dismissal_reasons == [("已由省政府批准", 2)]
    assert (good.confirmed, good.dismissed, good.precision) == (2, 0, 1.0)
    assert (fresh.pending, fresh.precision) == (1, None)
    assert fresh.to_json()["precision"] is None
