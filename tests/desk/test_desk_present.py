"""Small pure helpers: highlighting, law citations, queue filters in URLs."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from qinglai_rules.desk.filters import QueueFilters
from qinglai_rules.desk.present import law_label, segments


def test_segments_mark_evidence_over_signals() -> None:
    runs = segments(
        "第二条 按留成部分的50%给予奖励。", 100, [(104, 108, "signal"), (106, 117, "evidence"), (95, 103, "signal")]
    )
    assert [(run.text, run.kind) for run in runs] == [
        ("第二条", "signal"),  # a span starting before the clause is clipped to it
        (" ", None),
        ("按留", "signal"),
        ("成部分的50%给予奖励", "evidence"),
        ("。", None),
    ]
    assert [(run.text, run.kind) for run in segments("abc", 0, [])] == [("abc", None)]
    assert segments("", 0, [(0, 3, "evidence")]) == []


def test_law_labels() -> None:
    assert law_label({"label": "第三条", "article": 3, "paragraph": 2}) == "第三条第二款"
    assert law_label({"label": "第十条", "article": 10, "item": 1}) == "第十条第（一）项"
    assert law_label({"label": "", "article": 35}) == "第三十五条"


def test_queue_filters_round_trip() -> None:
    filters = QueueFilters.from_args(MultiDict({"family": "tax-rebate", "region": " 龙江县 ", "severity": "bogus"}))
    assert filters.status == "pending" and filters.family == "tax-rebate" and filters.region == "龙江县"
    assert filters.severity is None
    assert filters.query() == {"family": "tax-rebate", "region": "龙江县"}
    assert filters.query(status=None, family=None) == {"status": "all", "region": "龙江县"}
    assert QueueFilters.from_args(MultiDict({"status": "all"})).status is None
    assert QueueFilters.from_args(MultiDict({"status": "confirmed"})).query() == {"status": "confirmed"}
    assert filters.active() == [("family", "tax-rebate"), ("region", "龙江县")]
