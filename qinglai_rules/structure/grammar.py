"""The numbering grammar: which line starts open a clause, how deep, of what kind, with which id and label.

One table (``STYLES``) drives the outline builder. A *style* is a way of numbering (第X条, 一、, （一）, 1.,
（1）…); its *rank* says how deep it sits (a smaller rank contains a larger one); its *kind* depends on the
context the marker appears in:

=========== ========================= ========= ============== ============== ================
style       examples                  rank      inside 第X条    outline        minutes
=========== ========================= ========= ============== ============== ================
part        第一编 / 第一部分          10        part           part           part
chapter     第二章                     20        chapter        chapter        chapter
section     第三节                     30        section        section        section
article     第十二条 / 第12条          40        article        article        article
paragraph   (unnumbered line, 款)      45        paragraph      —              —
cn_dun      一、                       50        item           outline-1      minutes-item
minutes     会议议定/同意/决定…        55        —              —              minutes-item
cn_paren    （一）                     60        item           outline-2      outline-2
ar_dot      1. / 1、 / 1．             70        subitem        outline-3      outline-3
ar_paren    （1）                      80        subitem        outline-4      outline-4
=========== ========================= ========= ============== ============== ================

Sequence checks (see ``outline.py``): ``first_max`` is the largest number a run may start with, ``gap`` how
many numbers may be skipped, ``confirm_first`` whether a run's first marker needs its successor to follow
(a lone ``1.`` after a line break is running text, not an item), ``scope`` whether numbers run through the
whole document (articles) or restart under each parent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import CN_NUMERAL_CHARS, parse_number

_CN = f"[{CN_NUMERAL_CHARS}]"
_NUM = rf"(?:{_CN}{{1,6}}|\d{{1,4}})"

# After 第X条/章 at a line start: words that show the line continues a citation (依据《…》\n第三条规定).
CITATION_FOLLOW = re.compile(
    rf"^(?:之?规定|的规定|所规定|所称|所列|所述|中的|中规定|的|、|[和或及与至]\s*第|第{_NUM}\s*[款项目]|\))"
)
# A previous line ending like this is cut in the middle of a sentence (a law name or a verb wanting one).
CITATION_BEFORE = re.compile(r"(?:》|依据|根据|按照|依照|参照|违反|对照|适用|执行)$")


@dataclass(frozen=True)
class Style:
    name: str
    rank: int
    pattern: re.Pattern[str]
    kinds: dict[str, str]  # context (article / outline / minutes) → clause kind
    first_max: int = 1
    gap: int = 1
    confirm_first: bool = False
    scope: str = "parent"  # parent / global
    cited: bool = False  # 第X… styles: reject citation continuations


def _same(kind: str) -> dict[str, str]:
    return {"article": kind, "outline": kind, "minutes": kind}


STYLES: tuple[Style, ...] = (
    Style("part", 10, re.compile(rf"第({_NUM})\s*(?:编|部分)"), _same("part"), first_max=3, cited=True),
    Style("chapter", 20, re.compile(rf"第({_NUM})\s*章"), _same("chapter"), first_max=3, cited=True),
    Style("section", 30, re.compile(rf"第({_NUM})\s*节"), _same("section"), first_max=3, cited=True),
    Style(
        "article",
        40,
        re.compile(rf"第({_NUM})\s*条"),
        _same("article"),
        first_max=10_000,
        gap=2,
        scope="global",
        cited=True,
    ),
    Style(
        "cn_dun",
        50,
        # 一、 but not a list of numerals (一、二、三等奖) and not a decimal.
        re.compile(rf"({_CN}{{1,3}})\s*[、.](?!\d|{_CN}{{1,3}}\s*、)"),
        {"article": "item", "outline": "outline-1", "minutes": "minutes-item"},
        first_max=2,
    ),
    Style(
        "minutes",
        55,
        re.compile(r"会议(原则同意|研究决定|议定|同意|决定|要求|指出|强调|明确|认为)"),
        {"minutes": "minutes-item"},
        first_max=10_000,
    ),
    Style(
        "cn_paren",
        60,
        re.compile(rf"\(\s*({_CN}{{1,3}})\s*\)"),
        {"article": "item", "outline": "outline-2", "minutes": "outline-2"},
        first_max=2,
    ),
    Style(
        "ar_dot",
        70,
        # 1. / 1、 but not 1.5亿元, 1、2号楼 or a date 2019.4.8
        re.compile(r"(\d{1,2})\s*[.、](?!\d)"),
        {"article": "subitem", "outline": "outline-3", "minutes": "outline-3"},
        confirm_first=True,
    ),
    Style(
        "ar_paren",
        80,
        re.compile(r"\(\s*(\d{1,2})\s*\)"),
        {"article": "subitem", "outline": "outline-4", "minutes": "outline-4"},
        confirm_first=True,
    ),
)
STYLE_BY_NAME = {style.name: style for style in STYLES}

PARAGRAPH_RANK = 45
TABLE_ROW_RANK = 100
PREAMBLE_RANK = 999  # popped by every marker; table rows before the first clause nest in it

# Clause kind → id token (the id is the dot-joined tokens of the path, e.g. ch2.a12.i3).
ID_TOKENS = {
    "part": "p",
    "chapter": "ch",
    "section": "sec",
    "article": "a",
    "paragraph": "k",
    "item": "i",
    "subitem": "si",
    "outline-1": "o",
    "outline-2": "o",
    "outline-3": "o",
    "outline-4": "o",
    "minutes-item": "m",
    "preamble": "pre",
}
MINUTES_PARAGRAPH_TOKEN = "mp"  # 会议议定… paragraphs, numbered by order (m is for 一、 items)

PREAMBLE_LABEL = "序言"


@dataclass(frozen=True)
class Marker:
    """A numbering marker recognised at the start of a line (before any sequence check)."""

    style: Style
    number: int
    start: int  # offset of the marker in the document
    end: int  # offset after the marker (and the spaces following it)
    label: str  # display label: 第三条 / 一、 / （一） / 1. / （1） / 会议议定


def _label(style: Style, match: re.Match[str]) -> str:
    token = match.group(1)
    if style.name in ("part", "chapter", "section", "article"):
        return re.sub(r"\s+", "", match.group(0))
    if style.name == "cn_dun":
        return f"{token}、"
    if style.name == "cn_paren" or style.name == "ar_paren":
        return f"（{token}）"
    if style.name == "ar_dot":
        return f"{int(token)}."
    return match.group(0)


def _cut_citation(previous: str) -> bool:
    """The previous line stops mid-sentence before a citation (…依据《某某条例》 / …按照)."""
    if not CITATION_BEFORE.search(previous):
        return False
    # A line that is only a title (《某某办法》) may well be followed by 第一条.
    return not (previous.startswith("《") and previous.endswith("》"))


def recognise(norm: str, start: int, end: int, previous: str, minutes: bool) -> Marker | None:
    """The marker at ``norm[start:end]`` (a line without its leading blanks), if the line starts with one.

    ``previous`` is the preceding non-blank line (normalised), used to reject citations cut by a line break.
    """
    line = norm[start:end]
    for style in STYLES:
        if style.name == "minutes" and not minutes:
            continue
        match = style.pattern.match(line)
        if not match:
            continue
        if style.name == "minutes":
            number = 0
        else:
            parsed = parse_number(match.group(1))
            if parsed is None or parsed <= 0:
                continue
            number = parsed
        after = match.end()
        rest = line[after:].lstrip()
        if style.cited and (CITATION_FOLLOW.match(rest) or _cut_citation(previous)):
            continue
        while after < len(line) and line[after].isspace():
            after += 1
        return Marker(style, number, start, start + after, _label(style, match))
    return None
