"""PDF reader: the text layer via pypdfium2 (fast); tables via pdfplumber, only on pages with ruling lines.

Two engines produce the same ``PdfPage`` records (positioned lines, tables) and share the cleaning in
``pdflayout.py``:

* ``pdfium`` (default): per page text from pypdfium2, split into lines; each line is placed by the
  box of its first and last character. On pages with enough drawn path objects (table rulings)
  pdfplumber finds the table cells in a copy of the page that holds only the rulings, and the cells'
  text comes from pypdfium2; lines inside a table's box are dropped so table text is not repeated
  as paragraphs.
* ``pdfplumber``: everything from pdfplumber (slower; the fallback when pypdfium2 cannot open a file,
  and selectable with ``read(path, pdf_engine="pdfplumber")`` so both can be compared).

Pages without a text layer (scans) are reported: all of them → ``ReadError(needs-ocr)``; some of them →
a warning naming the pages.
"""

from __future__ import annotations

import ctypes
import io
import itertools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..model import Document
from .assemble import assemble, sha256_of
from .pdflayout import PdfLine, PdfPage, PdfTable, blocks_from_pages, clean_line, join_text

ENGINES = ("pdfium", "pdfplumber")
# A page with at least two horizontal and two vertical rulings may hold a ruled table; a page with
# only horizontal rules (the red line under a 红头, the 抄送 box lines) is not sent to pdfplumber.
_MIN_RULINGS = 2
_THIN = 2.0  # points: a path this thin is a ruling
_LONG = 8.0  # points: and at least this long
_BOX_SEGMENTS = 6  # a plain rectangle has 4–5 segments
# pdfplumber engine: lines + rects + curves on a page before table detection is tried
_MIN_RULING_OBJECTS = 4
_LINE = re.compile(r"[^\r\n]+")
_SAME_LINE = 0.5  # lines whose tops differ by less than this share of the font size are one line


def read_pdf(path: Path, engine: str = "pdfium") -> Document:
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; use one of {ENGINES}")
    if engine == "pdfium":
        try:
            pages = _pages_pdfium(path)
        except ReadError as exc:
            if exc.code != "corrupt":
                raise
            pages = _pages_pdfplumber(path)  # pdfminer sometimes opens what pdfium refuses
        except Exception:  # an unexpected pdfium failure on some page: the slow engine still may read it
            pages = _pages_pdfplumber(path)
    else:
        pages = _pages_pdfplumber(path)
    warnings = _check_text_layer(path, pages)
    blocks = blocks_from_pages(pages)
    if not blocks:
        raise ReadError(str(path), "empty", "PDF 中没有任何文字 (empty PDF)")
    return assemble(
        str(path), "pdf", blocks, sha256=sha256_of(str(path)), page_count=len(pages), warnings=warnings
    )


def page_ranges(numbers: Iterable[int]) -> str:
    """1, 2, 3, 5 → "1–3、5"."""
    numbers = sorted(numbers)
    parts: list[str] = []
    start = prev = None
    for number in [*numbers, None]:
        if start is not None and (number is None or number != prev + 1):
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if number is not None and start is None:
            start = number
        prev = number
    return "、".join(parts)


def _check_text_layer(path: Path, pages: list[PdfPage]) -> list[str]:
    scanned = [page.number for page in pages if not page.has_text and page.has_images]
    if not any(page.has_text for page in pages):
        if scanned:
            raise ReadError(
                str(path),
                "needs-ocr",
                f"扫描件：第{page_ranges(scanned)}页没有文字层，需要先做 OCR (needs OCR)",
            )
        raise ReadError(str(path), "empty", "PDF 中没有任何文字 (empty PDF)")
    if scanned:
        return [
            f"第{page_ranges(scanned)}页没有文字层（扫描页），未读取这些页的内容 (needs OCR for some pages)"
        ]
    return []


# --------------------------------------------------------------------------------------------- pdfium


def _open_error(path: Path, message: str) -> ReadError:
    lowered = message.lower()
    if "password" in lowered or "security" in lowered:
        return ReadError(str(path), "encrypted", "PDF 已加密，需要密码才能打开 (encrypted)")
    return ReadError(str(path), "corrupt", f"PDF 文件已损坏，无法打开：{message} (corrupt)")


def _pages_pdfium(path: Path) -> list[PdfPage]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise _open_error(path, str(exc)) from exc
    pages: list[PdfPage] = []
    table_pages: list[int] = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                width, height = page.get_size()
                horizontal, vertical, images = _count_objects(page, raw)
                textpage = page.get_textpage()
                try:
                    # distances from the top of the visible page (a media box need not start at 0)
                    lines = _pdfium_lines(textpage, raw, page.get_cropbox()[3])
                    record = PdfPage(index + 1, width, height, lines, [], bool(lines), images > 0)
                    if horizontal >= _MIN_RULINGS and vertical >= _MIN_RULINGS and lines:
                        try:
                            _keep_tables(record, _tables_from_rulings(document, index, page, textpage))
                        except Exception:  # an odd page: pdfplumber on the whole page below
                            table_pages.append(index)
                finally:
                    textpage.close()
            finally:
                page.close()
            pages.append(record)
    finally:
        document.close()
    if table_pages:
        _add_tables(path, pages, table_pages)
    return pages


def _pdfium_lines(textpage: Any, raw: Any, page_top: float) -> list[PdfLine]:
    text = textpage.get_text_range()
    if not text.strip():
        return []
    handle = textpage.raw
    count = textpage.count_chars()
    index_of = _char_indices(text, count)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    fragments: list[PdfLine] = []
    for match in _LINE.finditer(text):
        piece = match.group()
        stripped = piece.strip()
        if not stripped:
            continue
        first = index_of(match.start() + (len(piece) - len(piece.lstrip())))
        last = index_of(match.start() + len(piece.rstrip()) - 1)
        raw.FPDFText_GetCharBox(handle, first, left, right, bottom, top)
        x0, baseline = left.value, bottom.value
        raw.FPDFText_GetCharBox(handle, last, left, right, bottom, top)
        x1 = right.value
        size = raw.FPDFText_GetFontSize(handle, first) or 10.0
        fragments.append(PdfLine(stripped, x0, x1, page_top - baseline - 0.88 * size, size))
    return merge_fragments(fragments)


def _char_indices(text: str, count: int) -> Any:
    """Map a position in the extracted text to pdfium's char index (they differ after non-BMP chars)."""
    if len(text) == count:
        return lambda position: position
    starts: list[int] = []
    index = 0
    for ch in text:
        starts.append(index)
        index += 2 if ord(ch) > 0xFFFF else 1
    return lambda position: min(starts[position], count - 1)


def merge_fragments(fragments: list[PdfLine]) -> list[PdfLine]:
    """Sort top-down and merge fragments on one visual line (left to right)."""
    ordered = sorted(fragments, key=lambda line: line.top)
    lines: list[list[PdfLine]] = []
    for fragment in ordered:
        if lines and abs(lines[-1][0].top - fragment.top) < _SAME_LINE * max(fragment.size, 1.0):
            lines[-1].append(fragment)
        else:
            lines.append([fragment])
    merged: list[PdfLine] = []
    for group in lines:
        group.sort(key=lambda line: line.x0)
        for fragment in group:
            fragment.text = clean_line(fragment.text)
        text = group[0].text
        for before, after in itertools.pairwise(group):
            gap = after.x0 - before.x1
            text = text + " " + after.text if gap > 0.8 * after.size else join_text(text, after.text)
        merged.append(PdfLine(text, group[0].x0, group[-1].x1, group[0].top, group[0].size))
    return merged


def _count_objects(page: Any, raw: Any) -> tuple[int, int, int]:
    """(horizontal rulings, vertical rulings, images) on the page, one level into form XObjects.

    A thin path is a horizontal or vertical ruling; a box counts as both (a cell or a frame), a box
    made of many segments (a whole grid in one path) as two of each.
    """
    counts = [0, 0, 0]
    handle = page.raw
    bounds = [ctypes.c_float() for _ in range(4)]

    def visit(obj: Any) -> None:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            counts[2] += 1
        elif kind == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPageObj_GetBounds(obj, *bounds):
            left, bottom, right, top = (value.value for value in bounds)
            width, height = right - left, top - bottom
            if height <= _THIN and width > _LONG:
                counts[0] += 1
            elif width <= _THIN and height > _LONG:
                counts[1] += 1
            elif width > _LONG and height > _LONG:
                weight = 2 if raw.FPDFPath_CountSegments(obj) > _BOX_SEGMENTS else 1
                counts[0] += weight
                counts[1] += weight

    for index in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, index)
        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_FORM:
            for inner in range(raw.FPDFFormObj_CountObjects(obj)):
                visit(raw.FPDFFormObj_GetObject(obj, inner))
        else:
            visit(obj)
    return counts[0], counts[1], counts[2]


def _add_tables(path: Path, pages: list[PdfPage], indices: list[int]) -> None:
    """Find tables with pdfplumber on the given pages; drop the lines that lie inside them."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for index in indices:
            plumber_page = pdf.pages[index]
            try:
                tables = _plumber_tables(plumber_page)
            finally:
                plumber_page.close()
            _keep_tables(pages[index], tables)


def _keep_tables(record: PdfPage, tables: list[PdfTable]) -> None:
    """Attach ``tables`` to the page and drop the text lines inside them (read as table rows instead)."""
    if tables:
        record.tables = tables
        record.lines = [line for line in record.lines if not _inside_any(line, tables)]


def _tables_from_rulings(document: Any, index: int, page: Any, textpage: Any) -> list[PdfTable]:
    """Tables of a ruled page: pdfplumber finds the cells, pypdfium2 reads their text.

    pdfplumber (pdfminer) spends most of a page interpreting its text; table detection only needs the
    rulings. So pdfplumber gets a one-page copy with the text and images removed, and each cell's
    text comes from pypdfium2's text layer of the original page. Twice as fast on a ruled page, with
    the same rows as pdfplumber on the whole page (tests/reading compares both engines).
    """
    import pdfplumber

    top_of_media = page.get_mediabox()[3]
    found: list[PdfTable] = []
    with pdfplumber.open(_rulings_only(document, index)) as copy:
        ruled = copy.pages[0]
        for table in ruled.find_tables():
            rows = [
                [_cell_text(textpage.get_text_bounded(left=cell[0], bottom=top_of_media - cell[3], right=cell[2],
                                                      top=top_of_media - cell[1])) if cell else ""
                 for cell in row.cells]
                for row in table.rows
            ]
            rows = [row for row in rows if any(row)]
            if rows:
                x0, top, x1, bottom = table.bbox
                found.append(PdfTable(top, bottom, x0, x1, rows))
        ruled.close()
    return found


def _rulings_only(document: Any, index: int) -> io.BytesIO:
    """A one-page PDF holding page ``index`` without its text and image objects."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    copy = pdfium.PdfDocument.new()
    try:
        copy.import_pages(document, [index])
        page = copy[0]
        try:
            for obj in list(page.get_objects(max_depth=1)):
                if obj.type in (raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_IMAGE):
                    page.remove_obj(obj)
            page.gen_content()
        finally:
            page.close()
        buffer = io.BytesIO()
        copy.save(buffer)
    finally:
        copy.close()
    buffer.seek(0)
    return buffer


def _inside_any(line: PdfLine, tables: list[PdfTable]) -> bool:
    middle = line.top + 0.5 * line.size
    return any(
        table.top - 1 <= middle <= table.bottom + 1 and line.x0 >= table.x0 - 1 and line.x1 <= table.x1 + 1
        for table in tables
    )


# ----------------------------------------------------------------------------------------- pdfplumber


def _plumber_tables(page: Any) -> list[PdfTable]:
    found = []
    for table in page.find_tables():
        rows = [[_cell_text(cell) for cell in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        if not rows:
            continue
        x0, top, x1, bottom = table.bbox
        found.append(PdfTable(top, bottom, x0, x1, rows))
    return found


def _cell_text(cell: str | None) -> str:
    if not cell:
        return ""
    text = ""
    for piece in cell.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        text = join_text(text, piece.strip())
    return text


def _pages_pdfplumber(path: Path) -> list[PdfPage]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(str(path))
    except PDFPasswordIncorrect as exc:
        raise _open_error(path, "password") from exc
    except Exception as exc:  # pdfminer raises many types for broken files
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise _open_error(path, "password") from exc
        raise _open_error(path, str(exc) or type(exc).__name__) from exc
    pages: list[PdfPage] = []
    with pdf:
        try:
            for index, page in enumerate(pdf.pages):
                try:
                    pages.append(_plumber_page(index + 1, page))
                finally:
                    page.close()
        except ReadError:
            raise
        except Exception as exc:
            raise _open_error(path, str(exc) or type(exc).__name__) from exc
    return pages


def _plumber_page(number: int, page: Any) -> PdfPage:
    chars = page.chars
    has_text = any(char["text"].strip() for char in chars)
    record = PdfPage(number, float(page.width), float(page.height), [], [], has_text, bool(page.images))
    if not has_text:
        return record
    rulings = len(page.lines) + len(page.rects) + len(page.curves)
    tables = _plumber_tables(page) if rulings >= _MIN_RULING_OBJECTS else []
    record.tables = tables
    source = page
    if tables:
        boxes = [(t.x0, t.top, t.x1, t.bottom) for t in tables]

        def outside(obj: dict[str, Any]) -> bool:
            if obj.get("object_type") != "char":
                return True
            middle = (obj["top"] + obj["bottom"]) / 2
            return not any(
                x0 - 1 <= obj["x0"] and obj["x1"] <= x1 + 1 and top - 1 <= middle <= bottom + 1
                for x0, top, x1, bottom in boxes
            )

        source = page.filter(outside)
    fragments = [
        PdfLine(line["text"], float(line["x0"]), float(line["x1"]), float(line["top"]), _line_size(line))
        for line in source.extract_text_lines(return_chars=True)
        if line["text"].strip()
    ]
    record.lines = merge_fragments(fragments)
    return record


def _line_size(line: dict[str, Any]) -> float:
    chars = line.get("chars") or []
    return float(chars[0]["size"]) if chars else float(line["bottom"] - line["top"])
