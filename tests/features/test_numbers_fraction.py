"""Fractions written as X分之Y are percentages (三分之一 ≈ 33.3%), as 百分之/千分之 already are."""

import pytest

from qinglai_rules.features.numbers import extract_quantities


def percents(text: str) -> list[float]:
    return [round(q.value, 2) for q in extract_quantities(text) if q.kind == "percent"]


@pytest.mark.parametrize(("text", "expected"), [
    ("按其形成地方财力部分的三分之一予以奖励", [33.33]),
    ("超过二分之一的部分", [50.0]),
    ("每日按万分之五支付违约金", [0.05]),
    ("按百分之五十给予奖励", [50.0]),
    ("按千分之三奖励引荐人", [0.3]),
    ("经三分之二以上成员同意", [66.67]),
])
def test_fractions_are_percentages(text: str, expected: list[float]) -> None:
    assert percents(text) == expected


def test_a_fraction_does_not_eat_dates_or_amounts() -> None:
    kinds = [q.kind for q in extract_quantities("2019年3月5日起按三分之一返还500万元")]
    assert kinds == ["date", "percent", "amount"]
