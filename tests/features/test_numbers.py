"""Durations next to calendar years: a year number is never read as a number of years."""

from qinglai_rules.features.numbers import extract_quantities


def _durations(text: str) -> list[tuple[str, float]]:
    return [(q.kind, q.value) for q in extract_quantities(text) if q.kind in ("days", "years")]


def test_calendar_year_with_tail_is_not_a_duration():
    assert _durations("剩余款项于2021年后支付") == []
    assert _durations("二〇二一年起拨付") == []
    assert _durations("自2020年以上年度起") == []


def test_real_durations_still_parse():
    assert ("days", 365.0) in _durations("竣工验收合格满一年后30日内")
    assert ("days", 30.0) in _durations("竣工验收合格满一年后30日内")
    assert ("years", 3.0) in _durations("分三年支付")
    assert ("days", 90.0) in _durations("九十日内支付")
