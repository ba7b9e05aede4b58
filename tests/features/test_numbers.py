from __future__ import annotations

import pytest

from qinglai_rules.features.numbers import article_number, cn_to_number, extract_quantities


@pytest.mark.parametrize(
    ("text", "value"),
    [("十二", 12), ("二十", 20), ("一百零五", 105), ("三万五千", 35000), ("两亿三千万", 230000000),
     ("二〇一九", 2019), ("三点五", 3.5), ("十", 10), ("一千二百五十万", 12500000)],
)
def test_chinese_numerals(text, value):
    assert cn_to_number(text) == value


def _kinds(text):
    return [(q.kind, q.value) for q in extract_quantities(text)]


def test_percent_in_digits_and_words():
    assert _kinds("按地方留成部分的百分之五十给予奖励") == [("percent", 50.0)]
    assert _kinds("按50%返还") == [("percent", 50.0)]


def test_amounts_are_in_yuan():
    assert _kinds("补贴五千万元") == [("amount", 5e7)]
    assert _kinds("补贴1.5亿元") == [("amount", 1.5e8)]
    assert _kinds("奖励1,200元") == [("amount", 1200.0)]


def test_durations_become_days():
    assert ("days", 180.0) in _kinds("验收合格后180日内支付")
    assert ("days", 3650.0) in _kinds("十年内不得迁出") and ("years", 10.0) in _kinds("十年内不得迁出")
    assert ("days", 60.0) in _kinds("两个月内付清")


def test_dates_are_not_durations():
    kinds = _kinds("二〇一九年三月五日签订，2020年1月10日前支付")
    assert ("date", "2019-03-05") in kinds and ("date", "2020-01-10") in kinds
    assert not [k for k in kinds if k[0] in ("days", "years", "months")]


def test_month_name_alone_is_not_a_duration():
    assert _kinds("3月份召开会议") == []


def test_spans_point_at_the_words():
    text = "甲方在验收后一百八十日内支付"
    (quantity,) = [q for q in extract_quantities(text) if q.kind == "days"]
    assert text[quantity.start : quantity.end].startswith("一百八十日")
    assert quantity.value == 180


@pytest.mark.parametrize(("label", "number"), [("第十二条", 12), ("第12条", 12), ("第一百零三条", 103), ("第三章", 3)])
def test_article_numbers(label, number):
    assert article_number(label) == number
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
