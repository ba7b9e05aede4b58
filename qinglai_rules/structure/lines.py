"""The document as lines: what the numbering grammar and the metadata finders scan.

A line is a ``\\n``-separated piece of ``Document.norm`` (blocks are joined with ``\\n``, so every block
starts a line). Table rows are one line each and are flagged so that nothing inside a cell is read as
numbering.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Block, Document


@dataclass
class Line:
    start: int  # offset of the line in Document.text / norm
    end: int  # end of the line (excluding the newline)
    content_start: int  # first non-blank character
    content_end: int  # after the last non-blank character
    row: Block | None = None  # the table_row block when this line is a table row

    @property
    def blank(self) -> bool:
        return self.content_start >= self.content_end


def split_lines(doc: Document) -> list[Line]:
    """Every line of the document, blank ones included, in order."""
    rows = {block.start: block for block in doc.blocks if block.kind == "table_row"}
    norm = doc.norm
    lines: list[Line] = []
    start = 0
    length = len(norm)
    while start <= length:
        end = norm.find("\n", start)
        if end < 0:
            end = length
        content_start = start
        while content_start < end and norm[content_start].isspace():
            content_start += 1
        content_end = end
        while content_end > content_start and norm[content_end - 1].isspace():
            content_end -= 1
        row = rows.get(start)
        if row is not None and row.end > end:  # a row never spans lines; be safe with odd readers
            row = None
        lines.append(Line(start, end, content_start, content_end, row))
        start = end + 1
    return lines


def content_lines(doc: Document) -> list[Line]:
    """Non-blank lines only."""
    return [line for line in split_lines(doc) if not line.blank or line.row is not None]


def rstrip_offset(text: str, end: int, floor: int = 0) -> int:
    """Move ``end`` left over trailing whitespace, never below ``floor``."""
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end
