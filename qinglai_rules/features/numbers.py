"""Numbers in Chinese legal text: percentages, amounts, durations, dates — written in digits or
in Chinese numerals (百分之五十 = 50%, 五千万元 = 5e7 元, 六十日 = 60 days, 二〇一九年三月五日).

Works on normalised text (half-width digits). Every quantity keeps its span so a rule's trace
can point at the words it compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

CN_NUM = "[零〇○一二两三四五六七八九十百千万亿]"
_CN_NUMBER = f"{CN_NUM}+(?:点[零〇一二三四五六七八九]+)?"
_AR_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
NUMBER = f"(?:{_AR_NUMBER}|{_CN_NUMBER})"


def cn_to_number(text: str) -> float | None:
    """Parse a Chinese numeral (一千二百五十, 二〇一九, 三点五, 十二) → number; None if not one."""
    if not text:
        return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        base = cn_to_number(whole) if whole else 0
        if base is None or not frac or any(ch not in _DIGITS for ch in frac):
            return None
        return base + float("0." + "".join(str(_DIGITS[ch]) for ch in frac))
    if all(ch in _DIGITS for ch in text):  # digit by digit: 二〇一九
        return float(int("".join(str(_DIGITS[ch]) for ch in text)))
    total = 0
    section = 0
    digit = None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch in _BIG_UNITS:
            section += digit or 0
            total = (total + section) * _BIG_UNITS[ch] if ch == "亿" else total + section * _BIG_UNITS[ch]
            section = 0
            digit = None
        else:
            return None
    return float(total + section + (digit or 0))


def to_number(text: str) -> float | None:
    """Arabic (with thousands separators) or Chinese numeral → number."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    return cn_to_number(text)


@dataclass(frozen=True)
class Quantity:
    kind: str  # percent / amount / days / months / years / date
    value: float | str  # percent 50.0; amount in 元; days; months; years; date "2019-03-05"
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        return (self.start, self.end)


_DATE = re.compile(
    r"(?P<y>\d{4}|[零〇○一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?"
)
_PERCENT = re.compile(rf"(?P<n>{_AR_NUMBER})\s*%|百分之(?P<c>{_CN_NUMBER}|{_AR_NUMBER})")
_PERMILLE = re.compile(rf"(?P<n>{_AR_NUMBER})\s*‰|千分之(?P<c>{_CN_NUMBER}|{_AR_NUMBER})")
# 三分之一, 二分之一, 万分之五 (百分之 and 千分之 are matched first by the two patterns above)
_FRACTION = re.compile(rf"(?P<d>{_CN_NUMBER}|{_AR_NUMBER})分之(?P<c>{_CN_NUMBER}|{_AR_NUMBER})")
_AMOUNT = re.compile(rf"(?P<n>{NUMBER})\s*(?P<u>亿|万|千)?\s*(?:元|块)(?!/)")
_DURATION = re.compile(
    rf"(?P<n>{NUMBER}|半)\s*(?P<u>个工作日|工作日|日|天|个月|月|周年|年)(?P<tail>内|以内|之内|后|以上|以下|期|为限|起|届满)?"
)


def _date_iso(match: re.Match[str]) -> str | None:
    year = to_number(match["y"])
    month = to_number(match["m"])
    day = to_number(match["d"]) if match["d"] else 1
    if year is None or month is None or day is None:
        return None
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def extract_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """All quantities in ``text[start:end]`` (absolute spans), dates first so that the 年/月/日 of
    a date are not mistaken for durations."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    taken: list[Span] = []

    def free(span: Span) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    for match in _DATE.finditer(text, start, end):
        iso = _date_iso(match)
        if iso:
            out.append(Quantity("date", iso, match.start(), match.end(), match.group()))
            taken.append(match.span())
    for pattern, scale in ((_PERCENT, 1.0), (_PERMILLE, 0.1)):
        for match in pattern.finditer(text, start, end):
            if not free(match.span()):
                continue
            value = to_number(match["n"] or match["c"])
            if value is not None:
                out.append(Quantity("percent", value * scale, match.start(), match.end(), match.group()))
                taken.append(match.span())
    for match in _FRACTION.finditer(text, start, end):
        if not free(match.span()):
            continue
        denominator = 10_000.0 if match["d"] == "万" else to_number(match["d"])
        numerator = to_number(match["c"])
        if denominator and numerator is not None and numerator <= denominator:
            out.append(Quantity("percent", numerator / denominator * 100, match.start(), match.end(), match.group()))
            taken.append(match.span())
    for match in _AMOUNT.finditer(text, start, end):
        if not free(match.span()):
            continue
        value = to_number(match["n"])
        if value is None:
            continue
        unit = {"亿": 1e8, "万": 1e4, "千": 1e3}.get(match["u"] or "", 1.0)
        out.append(Quantity("amount", value * unit, match.start(), match.end(), match.group()))
        taken.append(match.span())
    for match in _DURATION.finditer(text, start, end):
        if not free(match.span()):
            continue
        raw = match["n"]
        value = 0.5 if raw == "半" else to_number(raw)
        if value is None:
            continue
        unit = match["u"]
        if unit in ("个月", "月"):
            if unit == "月" and not match["tail"]:
                continue  # "3月" alone is a month name, not a duration
            out.append(Quantity("months", value, match.start(), match.end(), match.group()))
            out.append(Quantity("days", value * 30, match.start(), match.end(), match.group()))
        elif unit in ("年", "周年"):
            if unit == "年" and value >= 1900:
                continue  # a calendar year (2019年, 2021年后, 二〇二一年起), never a duration
            out.append(Quantity("years", value, match.start(), match.end(), match.group()))
            out.append(Quantity("days", value * 365, match.start(), match.end(), match.group()))
        else:
            out.append(Quantity("days", value, match.start(), match.end(), match.group()))
        taken.append(match.span())
    out.sort(key=lambda q: (q.start, q.kind))
    return out


def article_number(label: str) -> int | None:
    """第十二条 / 第12条 → 12."""
    match = re.fullmatch(rf"第\s*({NUMBER})\s*[条章节编款项]", label.strip())
    if not match:
        return None
    value = to_number(match.group(1))
    return int(value) if value is not None else None
