"""Sentence spans inside a unit of text.

A sentence ends at 。！？；!?; or a line break. Semicolons end a sentence on purpose: Chinese
legal clauses chain separate provisions with ；, and "same sentence" conditions should not
join words from two provisions.
"""

from __future__ import annotations

import re

from ..model import Span

_END = re.compile(r"[。！？；!?;\n]")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans (absolute offsets) of the non-blank sentences of ``text[start:end]``."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        if text[cursor:stop].strip():
            spans.append((cursor, stop))
        cursor = stop
    if cursor < end and text[cursor:end].strip():
        spans.append((cursor, end))
    return spans
