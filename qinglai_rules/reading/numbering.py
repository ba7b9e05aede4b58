"""Word automatic numbering: render the label Word shows (第一条, 一、, （一）, 1., A.) for a paragraph.

``numbering.xml`` defines abstract lists (one ``w:lvl`` per level: start, ``numFmt``, ``lvlText`` such as
``第%1条``, ``lvlRestart``, suffix) and list instances (``w:num``) pointing at them, possibly with
``lvlOverride``/``startOverride``. A paragraph refers to an instance through ``w:numPr`` (numId, ilvl),
directly or through its style. Counters live per abstract list, so instances of one abstract list
continue each other's numbering unless an instance overrides the start; a deeper level restarts
whenever a shallower level is used (or as ``lvlRestart`` says).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVELS = 9

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_LEGAL_UNITS = ((1000, "仟"), (100, "佰"), (10, "拾"))
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_SUFFIX = {"tab": " ", "space": " ", "nothing": ""}


def chinese_number(
    number: int, digits: str = _CN_DIGITS, units: tuple[tuple[int, str], ...] = _CN_UNITS
) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 110 → 一百一十 (as Word counts)."""
    if number <= 0:
        return digits[0]
    if number >= 10000:
        return (
            chinese_number(number // 10000, digits, units)
            + "万"
            + (
                ("零" if number % 10000 < 1000 else "") + chinese_number(number % 10000, digits, units)
                if number % 10000
                else ""
            )
        )
    out = ""
    rest = number
    pending_zero = False
    for value, unit in units:
        count, rest = divmod(rest, value)
        if count:
            if pending_zero:
                out += digits[0]
                pending_zero = False
            # 10–19 read 十, 十一 … when 十 leads (Word does the same).
            out += (
                unit
                if (value == 10 and count == 1 and not out and digits is _CN_DIGITS)
                else digits[count] + unit
            )
        elif out:
            pending_zero = True
    if rest:
        if pending_zero:
            out += digits[0]
        out += digits[rest]
    return out


def _letters(number: int, upper: bool) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB.
    letter = chr(ord("A" if upper else "a") + (number - 1) % 26)
    return letter * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    values = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = ""
    for value, symbol in values:
        while number >= value:
            out += symbol
            number -= value
    return out


def _from_table(table: str, number: int) -> str:
    return table[number - 1] if 1 <= number <= len(table) else str(number)


def format_number(number: int, fmt: str) -> str:
    """A counter value in a ``w:numFmt`` format."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "koreanCounting",
        "japaneseDigitalTenThousand",
    ):
        return chinese_number(number)
    if fmt == "chineseLegalSimplified":
        return chinese_number(number, _CN_LEGAL, _LEGAL_UNITS)
    if fmt in ("ideographDigital", "taiwaneseDigital", "koreanDigital"):
        return "".join("〇" if d == "0" else _CN_DIGITS[int(d)] for d in str(number))
    if fmt in ("ideographTraditional", "ideographLegalTraditional"):
        return _TIANGAN[(number - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(number - 1) % 12]
    if fmt == "upperLetter":
        return _letters(number, True)
    if fmt == "lowerLetter":
        return _letters(number, False)
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(number).translate({code: code + 0xFEE0 for code in range(0x30, 0x3A)})
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _from_table(_CIRCLED, number)
    if fmt == "decimalEnclosedParen":
        return _from_table(_PAREN, number)
    if fmt == "decimalEnclosedFullstop":
        return _from_table(_FULLSTOP, number)
    if fmt == "none":
        return ""
    return str(number)  # decimal, ordinal, cardinalText … render as digits


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: 1-based level whose use restarts this one; 0 = never
    suffix: str = "tab"
    legal: bool = False  # isLgl: show every referenced level as a decimal number


@dataclass
class _Instance:
    abstract: str
    overrides: dict[int, Level] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)
    used: bool = False


def _val(element: Any, name: str) -> str | None:
    child = element.find(W + name) if element is not None else None
    return child.get(W + "val") if child is not None else None


def _parse_level(element: Any, base: Level | None = None) -> Level:
    level = replace(base) if base else Level()
    if (start := _val(element, "start")) is not None:
        level.start = int(start)
    if (fmt := _val(element, "numFmt")) is not None:
        level.fmt = fmt
    if (text := _val(element, "lvlText")) is not None:
        level.text = text
    if (restart := _val(element, "lvlRestart")) is not None:
        level.restart = int(restart)
    if (suffix := _val(element, "suff")) is not None:
        level.suffix = suffix
    legal = element.find(W + "isLgl")
    if legal is not None:
        level.legal = legal.get(W + "val", "true") not in ("0", "false", "off")
    return level


class Numbering:
    """Counters for one document; ``label(num_id, ilvl)`` advances them like Word does."""

    def __init__(self, numbering_root: Any | None) -> None:
        self.abstracts: dict[str, list[Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self.counters: dict[str, list[int | None]] = {}
        if numbering_root is None:
            return
        for abstract in numbering_root.findall(W + "abstractNum"):
            levels = [Level() for _ in range(MAX_LEVELS)]
            for lvl in abstract.findall(W + "lvl"):
                index = int(lvl.get(W + "ilvl", "0"))
                if 0 <= index < MAX_LEVELS:
                    levels[index] = _parse_level(lvl)
            self.abstracts[abstract.get(W + "abstractNumId", "")] = levels
        for num in numbering_root.findall(W + "num"):
            abstract_id = _val(num, "abstractNumId")
            if abstract_id is None:
                continue
            instance = _Instance(abstract_id)
            for override in num.findall(W + "lvlOverride"):
                index = int(override.get(W + "ilvl", "0"))
                if (start := _val(override, "startOverride")) is not None:
                    instance.start_overrides[index] = int(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    base = self.abstracts.get(abstract_id, [Level()] * MAX_LEVELS)[index]
                    instance.overrides[index] = _parse_level(lvl, base)
            self.instances[num.get(W + "numId", "")] = instance

    def _levels(self, instance: _Instance) -> list[Level]:
        levels = list(self.abstracts.get(instance.abstract) or [Level() for _ in range(MAX_LEVELS)])
        for index, level in instance.overrides.items():
            levels[index] = level
        for index, start in instance.start_overrides.items():
            levels[index] = replace(levels[index], start=start)
        return levels

    def label(self, num_id: str, ilvl: int) -> str:
        """The rendered label plus its suffix ("第一条 "), or "" when the paragraph has no number."""
        instance = self.instances.get(num_id)
        if instance is None or num_id == "0":
            return ""
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        levels = self._levels(instance)
        counters = self.counters.setdefault(instance.abstract, [None] * MAX_LEVELS)
        if not instance.used:
            instance.used = True
            for index in set(instance.start_overrides) | set(instance.overrides):
                counters[index] = None
        counters[ilvl] = levels[ilvl].start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            restart = levels[deeper].restart
            restart = deeper if restart is None else restart
            if ilvl < restart:
                counters[deeper] = None
        level = levels[ilvl]
        if level.fmt == "bullet":
            text = "".join("•" if "\uf000" <= ch <= "\uf0ff" else ch for ch in level.text)
            return text + _SUFFIX.get(level.suffix, " ") if text else ""
        text = level.text
        for index in range(MAX_LEVELS - 1, -1, -1):
            token = f"%{index + 1}"
            if token not in text:
                continue
            value = counters[index] if counters[index] is not None else levels[index].start
            fmt = "decimal" if level.legal and levels[index].fmt != "decimalZero" else levels[index].fmt
            text = text.replace(token, format_number(value, fmt))
        return text + _SUFFIX.get(level.suffix, " ") if text else ""
