"""Plain-text reader: decode (see ``encoding.py``), one paragraph block per non-empty line; runs of
tab-separated lines with the same number of cells are table rows.

Lines keep their own characters (only trailing whitespace is stripped). Text scraped from web
portals often ends with 分享到：/相关文章： and starts with a breadcrumb; those lines are dropped
(see ``boilerplate.py``), nothing in between is.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ReadError
from ..model import Document
from .assemble import RawBlock, assemble, sha256_of
from .boilerplate import leading_cut, trailing_cut
from .encoding import UndecodableText, decode_bytes


def decode_file(path: Path, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode or raise ``ReadError(undecodable)`` naming the first bad byte."""
    try:
        text, encoding = decode_bytes(data, declared)
    except UndecodableText as exc:
        raise ReadError(
            str(path),
            "undecodable",
            f"无法识别文本编码：既不是 UTF-8/UTF-16，也不像 GB18030(GBK)/Big5 中文文本；"
            f"第 {exc.offset} 字节（0x{exc.byte:02X}）处开始无法解码 (undecodable text encoding)",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def text_lines(text: str) -> list[str]:
    """Non-empty lines (trailing whitespace stripped), with portal boilerplate at both ends removed."""
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if line.strip()]
    lines = lines[: trailing_cut(lines)]
    return lines[leading_cut(lines) :]


def text_blocks(lines: list[str]) -> list[RawBlock]:
    """Paragraph blocks, except runs of two or more lines with the same number of tabs (≥ 1): those
    are the rows of a table (a spreadsheet pasted into a text file), with their cells."""
    blocks: list[RawBlock] = []
    table = 0
    index = 0
    while index < len(lines):
        tabs = lines[index].count("\t")
        run = index
        while tabs and run + 1 < len(lines) and lines[run + 1].count("\t") == tabs:
            run += 1
        if tabs and run > index:
            for row, line in enumerate(lines[index : run + 1]):
                cells = [cell.strip() for cell in line.split("\t")]
                blocks.append(RawBlock("table_row", "", cells=cells, table=table, row=row))
            table += 1
            index = run + 1
            continue
        blocks.append(RawBlock("paragraph", lines[index]))
        index += 1
    return blocks


def read_text(path: Path, data: bytes | None = None) -> Document:
    data = path.read_bytes() if data is None else data
    text, encoding = decode_file(path, data)
    lines = text_lines(text.replace("\ufeff", ""))
    if not lines:
        raise ReadError(str(path), "empty", "文件没有任何文字 (empty text file)")
    blocks = text_blocks(lines)
    return assemble(str(path), "text", blocks, sha256=sha256_of(str(path)), encoding=encoding)
