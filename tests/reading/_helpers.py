"""Helpers for the reading tests."""

from __future__ import annotations

import re
from pathlib import Path

from qinglai_rules.model import Document
from qinglai_rules.synth.render import plain_lines
from qinglai_rules.synth.source import SynthDoc

CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
DATA = Path(__file__).resolve().parent.parent / "data"
SOURCES = Path(__file__).resolve().parent / "sources"


def source_text(name: str) -> str:
    """A synth source (front matter + body, see ``qinglai_rules.synth.source``) from tests/reading/sources."""
    return (SOURCES / name).read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    """What a PDF keeps of a line: no whitespace between two CJK characters."""
    return re.sub(rf"(?<=[{CJK}])[\s\u3000]+(?=[{CJK}])", "", text.strip())


def block_texts(doc: Document) -> list[str]:
    return [doc.text[block.start : block.end] for block in doc.blocks]


def expected_lines(source: SynthDoc, pdf: bool = False) -> list[str]:
    """The block texts a reader should produce for ``source`` (squeezed as a PDF keeps them)."""
    lines = plain_lines(source)
    if not pdf:
        return lines
    return ["\t".join(squeeze(cell) for cell in line.split("\t")) for line in lines]
