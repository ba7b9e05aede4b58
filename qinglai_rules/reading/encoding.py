"""Decode the bytes of a text or HTML file reliably, even when the text is only a few characters long.

Order: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) → BOM-less UTF-16 (NUL bytes mostly on one
parity) → strict UTF-8 → the declared charset (an HTML meta charset; a CJK one only when the result looks
like Chinese) → strict GB18030 (a superset of GBK and GB2312) → strict Big5. GB18030 and Big5 accept
almost any byte sequence, so their result is only taken when it *looks like Chinese*: nearly all
non-ASCII characters must be common Han characters (GB2312 level 1 for GB18030, Big5 常用字 for Big5)
or CJK punctuation. Mojibake (Big5 read as GBK, Latin-1 read as GB18030 …) is mostly rare characters
and is rejected. When nothing fits, ``UndecodableText`` names the offset of the first bad byte.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# CJK and full-width punctuation that every Chinese text uses.
_PUNCT = set("，。、；：？！“”‘’（）《》〈〉〔〕【】「」『』—…·　～－％＋＝／")
_MIN_COMMON_SHARE = 0.8


class UndecodableText(ValueError):
    """No encoding fits; ``offset`` is the first byte that UTF-8 could not decode."""

    def __init__(self, offset: int, byte: int) -> None:
        self.offset = offset
        self.byte = byte
        super().__init__(f"byte 0x{byte:02X} at offset {offset}")


@lru_cache(maxsize=1)
def _common_simplified() -> frozenset[str]:
    # GB2312 level 1: rows 0xB0–0xD7, the 3755 most frequent Han characters.
    raw = bytes(b for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF) for b in (lead, trail))
    return frozenset(raw.decode("gb2312", errors="ignore"))


@lru_cache(maxsize=1)
def _common_traditional() -> frozenset[str]:
    # Big5 常用字: 0xA440–0xC67E.
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    raw = bytes(b for lead in range(0xA4, 0xC7) for trail in trails for b in (lead, trail))
    return frozenset(raw.decode("big5", errors="ignore"))


@lru_cache(maxsize=1)
def _common_both() -> frozenset[str]:
    return _common_simplified() | _common_traditional()


def chinese_share(text: str, common: frozenset[str]) -> float:
    """Share of non-ASCII characters that are common Han characters or CJK punctuation."""
    total = good = 0
    for ch in text:
        if ch < "\x80":
            continue
        total += 1
        if ch in common or ch in _PUNCT or "\uff01" <= ch <= "\uff5e":
            good += 1
    return good / total if total else 0.0


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes (the high byte of ASCII characters) mostly on one parity."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    # CJK characters such as 一 (U+4E00) put a NUL on the other parity now and then.
    if odd_nul >= 2 and odd_nul > 3 * even_nul:
        return "utf-16-le"
    if even_nul >= 2 and even_nul > 3 * odd_nul:
        return "utf-16-be"
    return None


def looks_like_utf16(data: bytes) -> bool:
    """BOM-less UTF-16 whose start decodes to plausible text (used to tell text from binary)."""
    name = _bomless_utf16(data)
    if name is None:
        return False
    sample = data[:4096]
    text = sample[: len(sample) - len(sample) % 2].decode(name, errors="replace")
    return "\ufffd" not in text[:-1] and _plausible(text)


def _plausible(text: str) -> bool:
    if any(ch < " " and ch not in "\t\n\r\f" for ch in text):
        return False
    ascii_share = sum(1 for ch in text if ch < "\x80") / max(len(text), 1)
    common = _common_both()
    return ascii_share > 0.9 or chinese_share(text, common) >= _MIN_COMMON_SHARE


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; ``declared`` is an HTML meta charset, if any."""
    bom = _bom(data)
    if bom:
        name, size = bom
        try:
            return data[size:].decode(name.removesuffix("-sig")), name
        except UnicodeDecodeError as exc:
            raise UndecodableText(exc.start + size, data[exc.start + size]) from exc
    if b"\x00" in data and len(data) % 2 == 0 and (utf16 := _bomless_utf16(data)):
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if text and _plausible(text):
            return text, utf16
    try:
        return data.decode("utf-8"), "utf-8"  # valid UTF-8 beats a declaration: pages lie about charsets
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    name = _canonical(declared) if declared else None
    if name and name not in ("utf-8", "utf-8-sig"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            text = ""
        cjk_codec = name in ("gb18030", "big5hkscs", "big5", "gbk", "gb2312")
        common = _common_both()
        if text and (not cjk_codec or chinese_share(text, common) >= _MIN_COMMON_SHARE):
            return text, name
    # GBK/GB18030 also encodes Traditional characters (a Traditional text saved as GB18030 is common),
    # so its result is judged against both common sets; Big5 mojibake read as GBK still fails.
    for name, common in (("gb18030", _common_both), ("big5", _common_traditional)):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if chinese_share(text, common()) >= _MIN_COMMON_SHARE:
            return text, name
    raise UndecodableText(first_bad, data[first_bad])


def _canonical(label: str) -> str | None:
    """A Python codec for a declared charset; GB2312/GBK widen to GB18030 (pages lie about it)."""
    label = label.strip().strip("\"'").lower()
    if label in {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn"}:
        return "gb18030"
    if label in {"big5", "big5-hkscs", "x-big5"}:
        return "big5hkscs"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None
