"""Turn positioned PDF lines into clean blocks; independent of the PDF engine that found the lines.

Engines hand in lines already cleaned by ``clean_line`` (spaces between two CJK characters dropped;
fragments on one visual line far apart joined by one space). Cleaning here, in order:
1. page-number lines (— 1 —, - 2 -, 第 3 页, 第3页 共5页, 3/5, a bare 3) among the first/last lines of a page;
2. running headers/footers: lines in the top/bottom margin that recur (digits folded) on most pages;
   in a one-page document, margin lines in a smaller font than the body;
3. lines joined into paragraphs without any inserted space (Chinese has none). A new paragraph
   starts when the line
   - starts a numbered unit (第X条, 一、, （一）, 1., （1）, 第X章, 附件 …),
   - changes the font size (a title above the text), is centred, or follows a short line (the
     last line of a paragraph, a title, a signature),
   - lies further below the previous line than the usual line pitch (paragraph spacing),
   - is indented, in documents whose paragraphs have a first-line indent; otherwise follows a line
     ending in sentence-final punctuation 。：！？ (；only splits before a numbered line).
   A paragraph that runs over a page break stays one block, with a page mark where the next page
   starts. Tables (found by the engine) become ``table_row`` blocks at their place on the page.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .assemble import RawBlock


@dataclass
class PdfLine:
    text: str
    x0: float
    x1: float
    top: float  # distance of the line's top from the top of the page
    size: float  # font size of the line's first character


@dataclass
class PdfTable:
    top: float
    bottom: float
    x0: float
    x1: float
    rows: list[list[str]]


@dataclass
class PdfPage:
    number: int
    width: float
    height: float
    lines: list[PdfLine] = field(default_factory=list)  # outside tables, in reading order
    tables: list[PdfTable] = field(default_factory=list)
    has_text: bool = True
    has_images: bool = False


CJK = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{CJK}])[ \u00a0]+(?=[{CJK}])")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–―－~～·•\s]*\d{1,4}[-—–―－~～·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_CN_NUM = "一二三四五六七八九十百千零〇两"
NUMBERED_START = re.compile(
    rf"^(?:第[{_CN_NUM}\d]+[编章节条款部分]"
    rf"|[{_CN_NUM}]+[、，.．]"
    rf"|[（(][{_CN_NUM}]+[）)]"
    r"|\d+[.．、](?!\d)"
    r"|[（(]\d+[）)]"
    r"|[①-⑳]"
    r"|附件\s*\d*\s*[:：]?$|附[件表]\s*\d)"
)
_FINAL = tuple("。：！？:!?")
_WEAK_FINAL = tuple("；;")  # ends a list item (numbered next line) more often than a paragraph
_CLOSERS = "”’」』）)》〕】\"'"
_EDGE_LINES = 3
_MARGIN_SHARE = 0.15


def clean_line(text: str) -> str:
    """Strip the line and drop spaces the extractor put between two CJK characters."""
    return _CJK_GAP.sub("", text.strip())


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip())) and any(ch.isdigit() for ch in text)


def ends_sentence(text: str, weak: bool = True) -> bool:
    """Ends in 。：！？ (and, when ``weak``, ；) — possibly followed by closing quotes/brackets."""
    return text.rstrip(_CLOSERS + " ").endswith(_FINAL + (_WEAK_FINAL if weak else ()))


def starts_numbered(text: str) -> bool:
    return bool(NUMBERED_START.match(text.lstrip(" \u3000")))


def join_text(left: str, right: str) -> str:
    """Concatenate two pieces of one sentence: a space only between two Latin letters/digits."""
    if (
        left
        and right
        and left[-1].isascii()
        and left[-1].isalnum()
        and right[0].isascii()
        and right[0].isalnum()
    ):
        return f"{left} {right}"
    return left + right


def _fold(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _remove_page_furniture(pages: list[PdfPage]) -> None:
    """Drop page numbers and running headers/footers in place."""
    for page in pages:
        lines = page.lines
        edge = set(range(min(_EDGE_LINES, len(lines)))) | set(
            range(max(0, len(lines) - _EDGE_LINES), len(lines))
        )
        page.lines = [line for i, line in enumerate(lines) if not (i in edge and is_page_number(line.text))]
    text_pages = [page for page in pages if page.lines]
    if len(text_pages) < 2:
        _remove_small_margin_lines(text_pages)
        return
    top_counts: Counter[str] = Counter()
    bottom_counts: Counter[str] = Counter()
    for page in text_pages:
        top_counts.update({_fold(line.text) for line in _zone(page, top=True)})
        bottom_counts.update({_fold(line.text) for line in _zone(page, top=False)})
    needed = max(2, math.ceil(0.5 * len(text_pages)))
    top_keys = {key for key, count in top_counts.items() if count >= needed}
    bottom_keys = {key for key, count in bottom_counts.items() if count >= needed}
    for page in text_pages:
        drop = {id(line) for line in _zone(page, top=True) if _fold(line.text) in top_keys}
        drop |= {id(line) for line in _zone(page, top=False) if _fold(line.text) in bottom_keys}
        page.lines = [line for line in page.lines if id(line) not in drop]


def _remove_small_margin_lines(pages: list[PdfPage]) -> None:
    """Nothing recurs on a single page: take margin lines set smaller than the body as furniture."""
    for page in pages:
        sizes = Counter(round(line.size) for line in page.lines if len(line.text) >= 4)
        if not sizes:
            continue
        body = sizes.most_common(1)[0][0]
        margin = {id(line) for line in _zone(page, top=True) + _zone(page, top=False) if line.size < body - 1}
        page.lines = [line for line in page.lines if id(line) not in margin]


def _zone(page: PdfPage, top: bool) -> list[PdfLine]:
    lines = page.lines[:_EDGE_LINES] if top else page.lines[-_EDGE_LINES:]
    limit = page.height * _MARGIN_SHARE
    if top:
        return [line for line in lines if line.top <= limit]
    return [line for line in lines if line.top >= page.height - limit]


@dataclass
class _Layout:
    left: float
    right: float
    size: float
    indented_doc: bool
    pitch: float = 0.0  # the usual distance between two lines of one paragraph

    def full(self, line: PdfLine) -> bool:
        return line.x1 >= self.right - 2.5 * max(line.size, 1.0)

    def indented(self, line: PdfLine) -> bool:
        offset = line.x0 - self.left
        return 1.2 * line.size <= offset <= 5 * line.size

    def centred(self, line: PdfLine, page_width: float) -> bool:
        offset = line.x0 - self.left
        if offset <= 5 * line.size:
            return False
        return (
            abs((line.x0 - self.left) - (self.right - line.x1)) <= 3 * line.size or line.x0 > page_width / 3
        )


def _measure(pages: list[PdfPage]) -> _Layout:
    lines = [line for page in pages for line in page.lines if len(line.text) >= 2]
    if not lines:
        return _Layout(0.0, 0.0, 10.0, False)
    lefts = Counter(round(line.x0) for line in lines)
    left = float(min(x for x, count in lefts.items() if count >= lefts.most_common(1)[0][1] * 0.5))
    rights = sorted(line.x1 for line in lines)
    right = rights[int(0.95 * (len(rights) - 1))]
    size = Counter(round(line.size) for line in lines).most_common(1)[0][0]
    gaps = sorted(
        round(b.top - a.top, 1)
        for page in pages
        for a, b in itertools.pairwise(page.lines)
        if 0 < b.top - a.top < 4 * a.size
    )
    pitch = gaps[len(gaps) // 2] if gaps else 0.0
    layout = _Layout(left, right, float(size), False, pitch)
    indented = sum(1 for line in lines if layout.indented(line))
    layout.indented_doc = indented >= 2 and indented >= 0.03 * len(lines)
    return layout


def blocks_from_pages(pages: list[PdfPage]) -> list[RawBlock]:
    """Clean the pages and build raw blocks in reading order."""
    for page in pages:
        page.lines = [line for line in page.lines if line.text.strip()]
    _remove_page_furniture(pages)
    layout = _measure(pages)
    blocks: list[RawBlock] = []
    current: RawBlock | None = None
    previous: PdfLine | None = None
    table_index = 0
    for page in pages:
        items: list[tuple[float, int, PdfLine | PdfTable]] = [(line.top, 1, line) for line in page.lines]
        items += [(table.top, 0, table) for table in page.tables]
        items.sort(key=lambda item: (item[0], item[1]))
        for _, _, item in items:
            if isinstance(item, PdfTable):
                current = previous = None
                for row_index, row in enumerate(item.rows):
                    blocks.append(
                        RawBlock("table_row", "", page.number, cells=row, table=table_index, row=row_index)
                    )
                table_index += 1
                continue
            if (
                current is not None
                and previous is not None
                and _continues(previous, item, layout, page.width)
            ):
                if page.number != current.page and all(mark[1] != page.number for mark in current.page_marks):
                    joined = join_text(current.text, item.text)
                    current.page_marks.append((len(joined) - len(item.text), page.number))
                    current.text = joined
                else:
                    current.text = join_text(current.text, item.text)
            else:
                current = RawBlock("paragraph", item.text, page.number)
                blocks.append(current)
            previous = item
    return blocks


def _continues(prev: PdfLine, line: PdfLine, layout: _Layout, page_width: float) -> bool:
    """Whether ``line`` continues the paragraph whose last line is ``prev``."""
    if starts_numbered(line.text) or abs(prev.size - line.size) > 1:
        return False  # a numbered unit, or a change of font size (a title above the text)
    prev_centred = layout.centred(prev, page_width)
    if prev_centred and layout.centred(line, page_width):
        # A title broken over two centred lines of the same (large) size.
        return (
            abs(prev.size - line.size) < 0.5 and prev.size >= layout.size + 1 and not ends_sentence(prev.text)
        )
    if prev_centred or layout.centred(line, page_width) or not layout.full(prev):
        return False
    if layout.pitch and 0 < line.top - prev.top > 1.45 * layout.pitch:
        return False  # paragraph spacing
    if layout.indented_doc:
        return not layout.indented(line)
    return not ends_sentence(prev.text, weak=False)
