"""Required literals of signal patterns: sound (never skip a pattern that could match) and useful."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qinglai_rules.features.literals import required_literals

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("先建后(?:补|付|拨)", {"先建后"}),
        ("(?:指定|限定)(?:的)?(?:供应商|品牌)", {"指定", "限定"}),  # equally selective: the first
        ("(?:指定|限定)(?:的)?(?:供应商|品牌商)", {"供应商", "品牌商"}),  # the longer requirement wins
        ("(?:甲方)?担保", {"担保"}),  # an optional part requires nothing
        ("(?<=政府)担保", {"政府"}),  # a lookbehind's text must be in the document too
        ("(?<=政府)提供担保", {"提供担保"}),
        ("(?<!不)给予补偿", {"给予补偿"}),  # a negative lookbehind requires nothing
        ("(?:政府|)担保金", {"担保金"}),
        ("(?:政府|)", None),  # an empty branch: nothing is required
        ("[县市区]局", {"局"}),
        ("[县市区]", {"县", "市", "区"}),
        (r"\d+元/亩", {"元/亩"}),
        ("[\u4e00-\u9fa5]{2,24}(?:有限公司|集团)", {"有限公司", "集团"}),
        ("(?:保底){1,2}收益", {"保底"}),
        ("(?i)bt", None),  # case-insensitive: not analysed
        (r".{0,3}", None),
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (set(found) if found else None) == expected


@pytest.mark.parametrize("pattern", ["(?:甲方)?担保", "[县市区]局", "(?:政府|)担保金", "(?<=政府)担保", r"\d+元/亩"])
def test_a_text_without_the_literals_cannot_match(pattern: str) -> None:
    literals = required_literals(pattern)
    assert literals
    for text in ["县局", "政府担保金", "甲方担保", "每亩30元/亩", "无关的文字", "局"]:
        if re.search(pattern, text):
            assert any(literal in text for literal in literals), (pattern, text)


def test_bundled_signals_match_the_same_with_and_without_the_filter() -> None:
    from qinglai_rules.reading import read
    from qinglai_rules.rules.compiler import compile_rulebook
    from qinglai_rules.rules.loader import load_rulebook

    signals = compile_rulebook(load_rulebook()).signals
    assert sum(1 for needs in signals._needs if needs) > len(signals._needs) // 2
    texts = [read(path).norm for path in sorted((ROOT / "corpus" / "dev").glob("*.txt"))]
    assert texts
    filtered = [signals.match(text)._found for text in texts]
    signals._literals = None
    assert [signals.match(text)._found for text in texts] == filtered
