"""Turn a reader's raw blocks into a ``Document``: one text, page offsets, block offsets.

Every reader (PDF, DOCX, text, HTML) produces ``RawBlock``s in reading order and hands them to
``assemble``; only this module decides how blocks are joined, so offsets mean the same thing for
every format. Blocks are joined with ``\\n``; the cells of a table row with ``\\t``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..model import Block, BlockKind, Document, Page
from .normalize import detect_script, normalize


@dataclass
class RawBlock:
    kind: BlockKind
    text: str  # for table rows: unused, see ``cells``
    page: int = 1
    style: str | None = None
    cells: list[str] = field(default_factory=list)
    table: int | None = None
    row: int | None = None
    # (offset inside this block's text, page number) where a later page starts inside the block,
    # e.g. a paragraph the PDF reader joined across a page break.
    page_marks: list[tuple[int, int]] = field(default_factory=list)


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def assemble(
    path: str,
    fmt: str,
    raw_blocks: list[RawBlock],
    *,
    sha256: str,
    encoding: str | None = None,
    page_count: int | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """Join raw blocks into a Document; pages without any text still get an (empty) Page."""
    parts: list[str] = []
    blocks: list[Block] = []
    page_starts: dict[int, int] = {}
    offset = 0
    for index, raw in enumerate(raw_blocks):
        if index:
            parts.append("\n")
            offset += 1
        page_starts.setdefault(raw.page, offset)
        if raw.kind == "table_row":
            cell_spans = []
            for cell_index, cell in enumerate(raw.cells):
                if cell_index:
                    parts.append("\t")
                    offset += 1
                cell_text = cell.replace("\n", " ").replace("\t", " ")
                cell_spans.append((offset, offset + len(cell_text)))
                parts.append(cell_text)
                offset += len(cell_text)
            start = cell_spans[0][0] if cell_spans else offset
            blocks.append(
                Block("table_row", start, offset, raw.page, raw.style, cell_spans, raw.table, raw.row)
            )
            continue
        text = raw.text.replace("\n", " ") if raw.kind == "heading" else raw.text
        start = offset
        for mark_offset, mark_page in raw.page_marks:
            page_starts.setdefault(mark_page, start + mark_offset)
        parts.append(text)
        offset += len(text)
        blocks.append(Block(raw.kind, start, offset, raw.page, raw.style))
    text = "".join(parts)
    last_page = max([page_count or 1, *page_starts.keys()])
    pages: list[Page] = []
    next_start = 0
    for number in range(1, last_page + 1):
        start = page_starts.get(number, next_start)
        start = max(start, next_start)
        pages.append(Page(number, start, start))
        next_start = start
    for index, page in enumerate(pages):
        page.end = pages[index + 1].start if index + 1 < len(pages) else len(text)
    norm = normalize(text)
    return Document(
        path=str(path),
        format=fmt,
        text=text,
        norm=norm,
        pages=pages,
        blocks=blocks,
        sha256=sha256,
        encoding=encoding,
        script=detect_script(text, norm),  # norm is also width-folded; only Han characters are compared
        warnings=list(warnings or []),
    )


def document_from_text(text: str, path: str = "<text>", fmt: str = "text") -> Document:
    """A Document from a string, one paragraph block per line (for tests, examples and stdin)."""
    raw = [RawBlock("paragraph", line) for line in text.split("\n")]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return assemble(path, fmt, raw, sha256=digest)
