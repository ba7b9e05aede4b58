"""DOCX reader (python-docx for the package): body paragraphs and tables in document order.

* Body children are walked in XML order (``w:p``, ``w:tbl``, content controls); headers, footers,
  comments, footnotes and text boxes are not part of the body and are left out; hidden runs and
  deleted revisions are skipped.
* Automatic numbering is rendered as Word shows it (``numbering.py``): the label (第一条, （一）, 1.) is
  put in front of the paragraph text, followed by one space when Word puts a tab or space after it.
* A manual line break (``w:br``) inside a paragraph starts a new paragraph block.
* Paragraph styles named ``Heading N``/``标题 N``/``Title``, or paragraphs with an outline level, become
  ``heading`` blocks; ``Block.style`` keeps the style name.
* Each table row becomes a ``table_row`` block; a cell spanning several grid columns is followed by
  empty cells and a vertically merged continuation cell is empty, so no text is duplicated and columns
  stay aligned. A nested table's text is flattened into its cell.
* Tabs inside a paragraph become a space (a tab is the cell separator of ``Document.text``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..model import Document
from .assemble import RawBlock, assemble, sha256_of
from .numbering import Numbering, W
from .pdflayout import join_text

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*[1-9]$|^(?:title|标题|subtitle|副标题)$", re.IGNORECASE)
_SKIP = {
    W + "txbxContent",
    _MC + "Fallback",
    W + "del",
    W + "moveFrom",
    W + "instrText",
    W + "delText",
    W + "pPr",
    W + "rPr",
    W + "footnoteReference",
    W + "endnoteReference",
    W + "commentReference",
}
_BREAK = object()


class _Style:
    def __init__(
        self, name: str, based_on: str | None, num_id: str | None, ilvl: int | None, outline: int | None
    ) -> None:
        self.name = name
        self.based_on = based_on
        self.num_id = num_id
        self.ilvl = ilvl
        self.outline = outline


def read_docx(path: Path) -> Document:
    try:
        import docx

        package = docx.Document(str(path))
        body = package.element.body
        styles = _styles(package)
        numbering = Numbering(_numbering_root(package))
    except ReadError:
        raise
    except Exception as exc:  # python-docx/zipfile/lxml raise many types for broken packages
        raise ReadError(
            str(path), "corrupt", f"DOCX 文件已损坏，无法解析：{type(exc).__name__} (corrupt)"
        ) from exc
    reader = _BodyReader(styles, numbering)
    reader.walk(body)
    if not reader.blocks:
        raise ReadError(str(path), "empty", "文档没有任何文字 (empty document)")
    return assemble(str(path), "docx", reader.blocks, sha256=sha256_of(str(path)))


def _numbering_root(package: Any) -> Any | None:
    try:
        return package.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return None


def _styles(package: Any) -> dict[str, _Style]:
    try:
        root = package.styles.element
    except Exception:
        return {}
    styles: dict[str, _Style] = {}
    for style in root.findall(W + "style"):
        style_id = style.get(W + "styleId", "")
        name_el = style.find(W + "name")
        based = style.find(W + "basedOn")
        ppr = style.find(W + "pPr")
        num_id = ilvl = outline = None
        if ppr is not None:
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                num_id = _attr(numpr.find(W + "numId"))
                level = _attr(numpr.find(W + "ilvl"))
                ilvl = int(level) if level is not None else None
            outline_value = _attr(ppr.find(W + "outlineLvl"))
            outline = int(outline_value) if outline_value is not None else None
        styles[style_id] = _Style(
            name_el.get(W + "val", style_id) if name_el is not None else style_id,
            _attr(based),
            num_id,
            ilvl,
            outline,
        )
    return styles


def _attr(element: Any, name: str = "val") -> str | None:
    return element.get(W + name) if element is not None else None


class _BodyReader:
    def __init__(self, styles: dict[str, _Style], numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[RawBlock] = []
        self.tables = 0

    # -- document order -------------------------------------------------------------------------
    def walk(self, container: Any) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag in (W + "sdt", W + "customXml", W + "sdtContent"):
                self.walk(child.find(W + "sdtContent") if tag == W + "sdt" else child)
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    self.walk(choice)

    def paragraph(self, element: Any) -> None:
        segments, style_name, heading = self.paragraph_parts(element)
        kind = "heading" if heading else "paragraph"
        for segment in segments:
            text = segment.strip()
            if text:
                self.blocks.append(RawBlock(kind, text, style=style_name))

    def paragraph_parts(self, element: Any) -> tuple[list[str], str | None, bool]:
        """(text segments split at manual breaks, style name, is heading); the label leads segment 0."""
        ppr = element.find(W + "pPr")
        style_id = _attr(ppr.find(W + "pStyle")) if ppr is not None else None
        style = self.styles.get(style_id or "")
        label = self._label(ppr, style_id)
        segments = [label]
        for piece in _inline_text(element):
            if piece is _BREAK:
                segments.append("")
            else:
                segments[-1] += piece
        outline = _attr(ppr.find(W + "outlineLvl")) if ppr is not None else None
        heading = bool(style and _HEADING_STYLE.match(style.name.strip()))
        heading = heading or (outline is not None and int(outline) < 9)
        if not heading and outline is None and style is not None:
            inherited = self._style_chain(style_id, "outline")
            heading = inherited is not None and inherited < 9
        return segments, style.name if style else None, heading

    def _style_chain(self, style_id: str | None, attribute: str) -> Any:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return None
            value = getattr(style, attribute)
            if value is not None:
                return value
            style_id = style.based_on
        return None

    def _label(self, ppr: Any, style_id: str | None) -> str:
        num_id = ilvl = None
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is not None:
            num_id = _attr(numpr.find(W + "numId"))
            level = _attr(numpr.find(W + "ilvl"))
            ilvl = int(level) if level is not None else None
        if num_id is None:
            num_id = self._style_chain(style_id, "num_id")
        if num_id is None or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = self._style_chain(style_id, "ilvl") or 0
        return self.numbering.label(num_id, ilvl)

    # -- tables ---------------------------------------------------------------------------------
    def table(self, element: Any) -> None:
        index = self.tables
        self.tables += 1
        row_index = 0
        for row in _children(element, W + "tr"):
            cells = self.row_cells(row)
            if any(cell.strip() for cell in cells):
                self.blocks.append(RawBlock("table_row", "", cells=cells, table=index, row=row_index))
                row_index += 1

    def row_cells(self, row: Any) -> list[str]:
        cells: list[str] = []
        for cell in _children(row, W + "tc"):
            tcpr = cell.find(W + "tcPr")
            span = int(_attr(tcpr.find(W + "gridSpan")) or 1) if tcpr is not None else 1
            merge = tcpr.find(W + "vMerge") if tcpr is not None else None
            continued = merge is not None and merge.get(W + "val", "continue") == "continue"
            cells.append("" if continued else self.cell_text(cell))
            cells.extend("" for _ in range(span - 1))
        return cells

    def cell_text(self, cell: Any) -> str:
        text = ""
        for child in _children(cell, W + "p", W + "tbl"):
            if child.tag == W + "p":
                segments, _, _ = self.paragraph_parts(child)
                for segment in segments:
                    text = join_text(text, segment.strip())
            else:
                for row in _children(child, W + "tr"):
                    for piece in self.row_cells(row):
                        text = join_text(text, piece)
        return text


def _children(element: Any, *tags: str) -> list[Any]:
    """Direct children with the given tags, looking through content controls and custom XML."""
    found: list[Any] = []
    for child in element:
        if child.tag in tags:
            found.append(child)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                found.extend(_children(content, *tags))
        elif child.tag == W + "customXml":
            found.extend(_children(child, *tags))
    return found


def _inline_text(element: Any) -> list[Any]:
    """Text pieces of a paragraph in order, with ``_BREAK`` at manual line breaks."""
    pieces: list[Any] = []

    def visit(node: Any) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "r":
                rpr = child.find(W + "rPr")
                vanish = rpr.find(W + "vanish") if rpr is not None else None
                if vanish is not None and vanish.get(W + "val", "true") not in ("0", "false", "off"):
                    continue
                visit(child)
            elif tag == W + "t":
                pieces.append(child.text or "")
            elif tag == W + "tab":
                pieces.append(" ")
            elif tag in (W + "br", W + "cr"):
                pieces.append(_BREAK)
            elif tag == W + "noBreakHyphen":
                pieces.append("-")
            elif tag == W + "sym":
                code = child.get(W + "char", "")
                try:
                    char = chr(int(code, 16))
                except ValueError:
                    continue
                if not "\uf000" <= char <= "\uf0ff":
                    pieces.append(char)
            else:
                visit(child)

    visit(element)
    return pieces
