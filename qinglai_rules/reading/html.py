"""HTML reader: decode, keep the main content of a (government portal) page, emit blocks in order.

1. Decode: a byte-order mark, then the ``<meta charset>``/``http-equiv`` declaration (GB2312/GBK read
   as GB18030), else the text heuristic of ``encoding.py``.
2. Drop what is never content: script/style/nav/header/footer/aside/form …, hidden elements, and
   elements whose id/class names them as navigation, menus, share bars, breadcrumbs, related
   articles, footers or copyright (unless they hold most of the page's text or its ``<h1>``).
3. Choose the content container by text density: every ``div``/``article``/``section``/``main``/``td``
   scores its text minus twice its link text; the smallest container scoring at least 90 % of the
   best one wins. A title (``h1``–``h3`` or an element whose class/id names a title) just before the
   container is kept as a heading.
4. Blocks: ``p``/``div``/``li``/… and ``<br>``-separated lines are paragraphs, ``h1``–``h6`` headings,
   rows of data tables ``table_row`` blocks (layout tables are walked as containers).
5. Lines that are portal boilerplate (分享到, 相关文章, 上一篇, 版权所有 …; see ``boilerplate.py``) and
   publication info lines (发布时间：, 来源：) are dropped.

readability-lxml was considered: it needs ``lxml_html_clean``, keeps ``<div>`` markup rather than
blocks, and its English-tuned scoring (commas, class weights) gives nothing a 100-line scorer tuned
to Chinese portals does not, so it is not used.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..model import Document
from .assemble import RawBlock, assemble, sha256_of
from .boilerplate import is_boilerplate_line, leading_cut, trailing_cut
from .pdflayout import CJK
from .text import decode_file

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "nav",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "svg",
    "canvas",
    "object",
    "embed",
    "map",
    "link",
    "meta",
    "head",
    "title",
}
_EDGE_TAGS = {"header", "footer"}  # dropped unless inside <article>/<main>
_NOISE_TOKENS = {
    "nav",
    "navbar",
    "navi",
    "menu",
    "submenu",
    "share",
    "sharing",
    "bdshare",
    "jiathis",
    "social",
    "footer",
    "foot",
    "bottom",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "location",
    "position",
    "weizhi",
    "dqwz",
    "related",
    "relate",
    "xgwz",
    "xgxx",
    "xgwj",
    "xgld",
    "sidebar",
    "side",
    "copyright",
    "banner",
    "login",
    "search",
    "toolbar",
    "tools",
    "ad",
    "ads",
    "advert",
    "comment",
    "comments",
    "pager",
    "pagination",
    "topbar",
    "logo",
    "qrcode",
    "ewm",
    "erweima",
    "subnav",
    "friendlink",
    "yqlj",
    "links",
    "header",
    "head",
    "top",
}
_NOISE_PREFIXES = (
    "nav",
    "menu",
    "bdshare",
    "share",
    "jiathis",
    "breadcrumb",
    "crumb",
    "footer",
    "copyright",
    "related",
    "sidebar",
)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_CANDIDATES = {"div", "article", "section", "main", "td", "body", "center", "font", "span", "form"}

_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "table",
    "tr",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "body",
    "td",
    "th",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_INFO_LINE = re.compile(
    r"^(?:发布时间|发布日期|发文日期|更新时间|时间|日期|来源|信息来源|文章来源|作者|发布机构|浏览次数|点击数|阅读量)\s*[:：]"
)
_CJK_WRAP = re.compile(rf"(?<=[{CJK}])[ \t\r\f\v]*\n\s*(?=[{CJK}])")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_DENSITY_SHARE = 0.9
_MAX_TITLE = 120


def read_html(path: Path, data: bytes | None = None) -> Document:
    import lxml.etree
    import lxml.html

    data = path.read_bytes() if data is None else data
    declared = _declared_charset(data)
    text, encoding = decode_file(path, data, declared)
    text = _XML_DECL.sub("", text.replace("\ufeff", ""))
    if not text.strip():
        raise ReadError(str(path), "empty", "网页没有任何内容 (empty page)")
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError(str(path), "corrupt", f"无法解析 HTML：{exc} (corrupt)") from exc
    blocks = extract_blocks(root)
    if not blocks:
        raise ReadError(str(path), "empty", "网页中没有正文文字 (no text content)")
    return assemble(str(path), "html", blocks, sha256=sha256_of(str(path)), encoding=encoding)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii", "ignore") if match else None


def extract_blocks(root: Any) -> list[RawBlock]:
    """Main-content blocks of a parsed page (``root`` is modified)."""
    _strip_noise(root)
    container, title = _content(root)
    builder = _BlockBuilder()
    if title is not None:
        builder.heading_from(title)
    builder.walk(container)
    builder.flush()
    return _drop_boilerplate(builder.blocks)


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _text_len(element: Any) -> int:
    return sum(len(piece) for piece in _SPACE.split(element.text_content()) if piece)


def _strip_noise(root: Any) -> None:
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            _remove(element)
    total = max(_text_len(root), 1)
    for element in list(root.iter()):
        if element.getparent() is None and element is not root:
            continue  # already removed with an ancestor
        if _droppable(element, total):
            _remove(element)


def _droppable(element: Any, total: int) -> bool:
    tag = _tag(element)
    if tag in _DROP_TAGS:
        # ASP.NET portals wrap the whole page in a <form>: keep a form that holds the content.
        return not (tag == "form" and _holds_content(element, total))
    if tag in _EDGE_TAGS:
        return not any(_tag(ancestor) in ("article", "main") for ancestor in element.iterancestors())
    if _HIDDEN.search(element.get("style", "")) or element.get("hidden") is not None:
        return True
    return tag not in ("html", "body") and _is_noise(element) and not _holds_content(element, total)


def _is_noise(element: Any) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    for token in _TOKEN_SPLIT.split(names):
        if token and (token in _NOISE_TOKENS or token.startswith(_NOISE_PREFIXES)):
            return True
    return False


def _holds_content(element: Any, total: int) -> bool:
    if element.find(".//h1") is not None:
        return True
    return _text_len(element) > 0.3 * total


def _remove(element: Any) -> None:
    """Remove an element but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _content(root: Any) -> tuple[Any, Any | None]:
    """The content container and a title element just before it (or None)."""
    scores: dict[Any, int] = {}

    def measure(element: Any) -> tuple[int, int]:
        text = len(_SPACE.sub("", element.text or ""))
        links = text if _tag(element) == "a" else 0
        for child in element:
            child_text, child_links = measure(child)
            text += child_text + len(_SPACE.sub("", child.tail or ""))
            links += child_text if _tag(element) == "a" else child_links
        if _tag(element) in _CANDIDATES:
            scores[element] = text - 2 * links
        return text, links

    measure(root)
    body = root.find("body")
    body = body if body is not None else root
    if not scores:
        return body, None
    best = max(scores.values())
    if best <= 0:
        return body, None
    good = [element for element, score in scores.items() if score >= _DENSITY_SHARE * best]
    container = min(good, key=lambda element: (sum(1 for _ in element.iter()), -scores[element]))
    if container.find(".//h1") is not None or container.find(".//h2") is not None:
        return container, None
    return container, _title_before(container)


def _title_before(container: Any) -> Any | None:
    """The nearest h1–h3 or *title* element before the container, within three levels up."""
    scope = container
    for _ in range(3):
        parent = scope.getparent()
        if parent is None:
            break
        scope = parent
    found = None
    for element in scope.iter():
        if element is container:
            break
        if not isinstance(element.tag, str):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if _tag(element) in ("h1", "h2", "h3") or ("title" in names and _tag(element) != "a"):
            text = _SPACE.sub(" ", element.text_content()).strip()
            if text and len(text) <= _MAX_TITLE and container not in element.iterdescendants():
                found = element
    return found


class _BlockBuilder:
    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.buffer: list[str] = []
        self.tables = 0

    def flush(self, kind: str = "paragraph") -> None:
        text = _inline("".join(self.buffer))
        self.buffer = []
        if text:
            self.blocks.append(RawBlock(kind, text))

    def heading_from(self, element: Any) -> None:
        self.buffer.append(element.text_content())
        self.flush("heading")

    def walk(self, element: Any) -> None:
        tag = _tag(element)
        if tag == "br":
            self.flush()
        elif tag in _HEADINGS:
            self.flush()
            self.heading_from(element)
        elif tag == "table" and _is_data_table(element):
            self.flush()
            self.table(element)
        elif tag == "pre":
            self.flush()
            for line in element.text_content().split("\n"):
                self.buffer.append(line)
                self.flush()
        else:
            block = tag in _BLOCK_TAGS
            if block:
                self.flush()
            if element.text:
                self.buffer.append(element.text)
            for child in element:
                self.walk(child)
                if child.tail:
                    self.buffer.append(child.tail)
            if block:
                self.flush()

    def table(self, element: Any) -> None:
        index = self.tables
        self.tables += 1
        row_index = 0
        for row in element.iter("tr"):
            if _nearest_table(row) is not element:
                continue
            cells: list[str] = []
            for cell in row:
                if _tag(cell) not in ("td", "th"):
                    continue
                text = _inline(_cell_text(cell))
                cells.append(text)
                span = cell.get("colspan", "1")
                cells.extend("" for _ in range(int(span) - 1 if span.isdigit() and int(span) < 50 else 0))
            if any(cells):
                self.blocks.append(RawBlock("table_row", "", cells=cells, table=index, row=row_index))
                row_index += 1


def _inline(text: str) -> str:
    """Collapse HTML whitespace; a source line break between two CJK characters is no space at all."""
    text = _CJK_WRAP.sub("", text)
    return _SPACE.sub(" ", text).strip("\u3000\xa0 \t\r\n")


def _cell_text(cell: Any) -> str:
    parts: list[str] = []

    def visit(node: Any) -> None:
        if _tag(node) == "br" or (_tag(node) in _BLOCK_TAGS and parts):
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in node:
            visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(cell)
    return "".join(parts)


def _nearest_table(element: Any) -> Any | None:
    for ancestor in element.iterancestors():
        if _tag(ancestor) == "table":
            return ancestor
    return None


def _is_data_table(table: Any) -> bool:
    """A table of data rather than page layout: no nested tables, no long multi-paragraph cells."""
    if table.find(".//table") is not None:
        return False
    return all(not (len(cell.findall(".//p")) > 1 and _text_len(cell) > 200) for cell in table.iter("td", "th"))


def _drop_boilerplate(blocks: list[RawBlock]) -> list[RawBlock]:
    kept = [
        block
        for block in blocks
        if block.kind == "table_row"
        or not (is_boilerplate_line(block.text, strong_only=True) or _INFO_LINE.match(block.text))
    ]
    texts = ["\t".join(block.cells) if block.kind == "table_row" else block.text for block in kept]
    kept = kept[: trailing_cut(texts)]
    texts = texts[: len(kept)]
    return kept[leading_cut(texts) :]
