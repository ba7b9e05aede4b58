"""Length-preserving normalisation: Traditional → Simplified and full-width → half-width.

``normalize(text)`` returns a string of exactly the same length as ``text`` so that an offset in
the normalised text is the same offset in the original: rules match on the normalised text and
findings show the document's own characters without any offset map. OpenCC converts whole
phrases; where a phrase conversion would change the length (rare), that line is converted
character by character instead.
"""

from __future__ import annotations

import operator
import re
from functools import lru_cache
from itertools import compress

import opencc

# Full-width ASCII variants U+FF01..U+FF5E → U+0021..U+007E, ideographic space → space.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20

_LINE = re.compile(r"[^\n]*\n?")
_HAN = re.compile("[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified, keeping the length (phrase conversion where it keeps it)."""
    cc = _converter()
    converted = cc.convert(text)
    if len(converted) == len(text):
        return converted
    parts: list[str] = []
    for line in _LINE.findall(text):
        out = cc.convert(line)
        if len(out) != len(line):
            out = "".join(ch if len(c := cc.convert(ch)) != 1 else c for ch in line)
        parts.append(out)
    return "".join(parts)


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation → ASCII; ideographic space → space."""
    return text.translate(_WIDTH)


def normalize(text: str) -> str:
    """The text every later stage matches on: Simplified, half-width, same length as ``text``."""
    return fold_width(to_simplified(text))


def detect_script(text: str, norm: str | None = None) -> str:
    """``traditional`` when conversion changes a noticeable share of Han characters."""
    norm = norm if norm is not None else to_simplified(text)
    han = len(_HAN.findall(text))
    if not han:
        return "simplified"
    # map/compress run in C: only the few differing positions are looked at in Python.
    differing = compress(text, map(operator.ne, text, norm))
    changed = sum(1 for ch in differing if "\u4e00" <= ch <= "\u9fff")
    share = changed / han
    if share >= 0.05:
        return "traditional"
    return "mixed" if changed >= 3 else "simplified"
