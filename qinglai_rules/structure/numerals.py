"""Chinese and Arabic numerals and dates as they appear in documents (``第十二条`` = ``第12条``).

Everything here works on normalised text (``Document.norm``): half-width digits, Simplified characters.
"""

from __future__ import annotations

import re
from datetime import date

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "O": 0,
    "0": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}

# Characters a Chinese numeral is written with (regex character class body).
CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千"


def parse_number(token: str) -> int | None:
    """``12`` / ``十二`` / ``一百零五`` / ``二〇一九`` → int; None when the token is not a numeral."""
    token = token.strip()
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if all(ch in CN_DIGITS for ch in token):
        # Digit by digit, as in years: 二〇一九 → 2019.
        value = 0
        for ch in token:
            value = value * 10 + CN_DIGITS[ch]
        return value
    total = 0
    current = 0
    for ch in token:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            total += (current or 1) * unit  # 十二: a bare 十 means 一十
            current = 0
        else:
            return None
    return total + current


_Y = r"(\d{4}|[〇○零O一二三四五六七八九]{4})"
_MD = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_RE = re.compile(_Y + r"\s*年\s*" + _MD + r"\s*月\s*" + _MD + r"\s*日")
# A line that is only a date (a 成文日期 or signing date under a signature), possibly in brackets.
DATE_LINE = re.compile(r"^[\s(]*" + DATE_RE.pattern + r"[\s)]*$")


def to_iso(year: str, month: str, day: str) -> str | None:
    """ISO ``YYYY-MM-DD`` from the three numeral tokens of a date; None when not a valid date."""
    y, m, d = parse_number(year), parse_number(month), parse_number(day)
    if y is None or m is None or d is None:
        return None
    if not 1949 <= y <= 2100:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:  # 2月30日
        return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """All full dates (year, month and day) in ``text[start:end]`` as ``(start, end, iso)``."""
    found = []
    for match in DATE_RE.finditer(text, start, len(text) if end is None else end):
        iso = to_iso(*match.groups())
        if iso:
            found.append((match.start(), match.end(), iso))
    return found
