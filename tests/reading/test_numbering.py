"""Word numbering rendering: number formats, per-level counters, restarts and overrides."""

from __future__ import annotations

import pytest
from lxml import etree

from qinglai_rules.reading.numbering import Numbering, chinese_number, format_number

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def numbering(abstracts: str, nums: str) -> Numbering:
    return Numbering(etree.fromstring(f"<w:numbering {NS}>{abstracts}{nums}</w:numbering>"))


def level(ilvl: int, text: str, fmt: str, start: int = 1, extra: str = "", suff: str = "nothing") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="{suff}"/>{extra}</w:lvl>'
    )


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (23, "二十三"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1005, "一千零五"),
    ],
)
def test_chinese_counting(number: int, text: str) -> None:
    assert chinese_number(number) == text


@pytest.mark.parametrize(
    ("number", "fmt", "text"),
    [
        (3, "decimal", "3"),
        (3, "upperLetter", "C"),
        (28, "lowerLetter", "bb"),
        (4, "upperRoman", "IV"),
        (3, "ideographTraditional", "丙"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (5, "decimalEnclosedCircle", "⑤"),
        (7, "decimalZero", "07"),
        (12, "chineseCountingThousand", "十二"),
    ],
)
def test_number_formats(number: int, fmt: str, text: str) -> None:
    assert format_number(number, fmt) == text


def test_levels_count_and_restart_like_word() -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "第%1条", "chineseCounting", suff="space")
        + level(1, "（%2）", "chineseCounting")
        + level(2, "%3.", "decimal")
        + "</w:abstractNum>"
    )
    counters = numbering(abstract, '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    got = [counters.label("5", lvl) for lvl in (0, 1, 1, 2, 2, 0, 1, 2)]
    assert got == ["第一条 ", "（一）", "（二）", "1.", "2.", "第二条 ", "（一）", "1."]


def test_no_restart_start_values_and_multi_level_text() -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "%1、", "chineseCounting", start=3)
        + level(1, "%1.%2", "decimal", extra='<w:lvlRestart w:val="0"/>')
        + "</w:abstractNum>"
    )
    counters = numbering(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    got = [counters.label("1", lvl) for lvl in (0, 1, 1, 0, 1)]
    assert got == ["三、", "三.1", "三.2", "四、", "四.3"]  # %1 keeps level 0's format


def test_instances_share_counters_unless_they_override_the_start() -> None:
    abstract = '<w:abstractNum w:abstractNumId="7">' + level(0, "%1.", "decimal") + "</w:abstractNum>"
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="7"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    counters = numbering(abstract, nums)
    got = [counters.label(num, 0) for num in ("1", "1", "2", "3", "3", "0", "99")]
    assert got == ["1.", "2.", "3.", "1.", "2.", "", ""]


def test_legal_numbering_and_bullets() -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "第%1章", "chineseCounting")
        + level(1, "%1.%2", "decimal", extra="<w:isLgl/>")
        + level(2, "\uf0b7", "bullet", suff="tab")
        + "</w:abstractNum>"
    )
    counters = numbering(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert [counters.label("1", lvl) for lvl in (0, 1, 2)] == ["第一章", "1.1", "• "]
