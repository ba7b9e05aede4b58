"""The clause tree: numbered units of a document found with the grammar in ``grammar.py``.

The builder reads the document line by line (on ``Document.norm``) and keeps a stack of open clauses.
A line that starts with a marker (第三条, 一、, （一）, 1. …) opens a clause if the marker fits the
sequence at its depth; it closes every open clause of the same or a deeper rank. Everything else is text
of the innermost open clause, with two exceptions:

- inside an article (第X条), an unnumbered line is a new paragraph (款): the article's first paragraph is
  its own body, its second and later paragraphs are ``paragraph`` clauses labelled 第二款, 第三款…
  Not a new paragraph: a line after one that did not finish its sentence (a hard line break), a line
  continuing the items above it (the next marker continues their sequence), a short title-like line, and
  signature/closing lines (甲方（盖章）, dates, 附件 …) which stay in the tail of the last clause;
- text before the first marker is the ``preamble`` clause.

Table rows are ``table-row`` clauses, children of the clause the table sits in. Every non-blank character
from the first clause on lies in the body of exactly one clause: a clause's body runs from its start to its
first child, and a clause ends where the next clause that is not its descendant starts, so text after the
last child belongs to that child (the same rule that puts text after a table into the table's last row).

Ids are derived from the path: one token per level (``ch2.a12.i3``, ``o3.o2.o1``, ``m2``,
``a5.t1r3``) with the number as parsed (第十二条 → ``a12``); siblings with the same token (numbering that
restarts under the same parent, e.g. the 1./2./3. under each 第X阶段 heading of a plan) get ``_2``, ``_3``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import Clause, Document
from . import grammar
from .grammar import Marker, recognise
from .lines import Line, rstrip_offset, split_lines
from .numerals import DATE_LINE
from .orgs import is_org_line

# A line ending like this finished its sentence; the next line may start a new paragraph.
_SENTENCE_DONE = re.compile(r"[。;:!?”’)」』]$")
_SENTENCE_PUNCT = re.compile(r"[。;,!?]")
_LEAD_PHRASE = re.compile(r"^([^。;:!?,]{1,20})[。:]")
_GUANYU = re.compile(r"^(关于[^。;:!?]{1,80})")
_BRACKET_HEADING = re.compile(r"^(?:【([^】]{1,20})】|\(([^)]{1,20})\))")

_ITEM_STYLES = ("cn_dun", "cn_paren", "ar_dot", "ar_paren")
# Lines of a signature or closing block: never a new paragraph (款) of the last article.
_CLOSING = re.compile(
    r"^(?:[甲乙丙丁]\s*方\s*(?:\(|:|签|盖)|(?:法定代表人|委托代理人|授权代表|负责人|签订|签约|签署|签字|盖章"
    r"|附\s*件|抄送|印发|主送|联系人|联系电话|电话|地址|开户|账号|\(此页无正文)|(?:以下|此页)无正文)"
)


@dataclass
class _Node:
    kind: str
    style: str  # grammar style name, or paragraph / table-row / preamble
    rank: int
    number: int
    label: str
    token: str
    start: int
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    heading: str | None = None
    has_text: bool = True  # the marker line carries text (not only a heading)
    paragraphs: int = 1  # articles: paragraphs (款) so far
    end: int = -1


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _heading_like(rest: str) -> bool:
    """A short line without sentence punctuation: a title, not a sentence."""
    stripped = rest.rstrip(":").strip()
    return 0 < len(stripped) <= 25 and not _SENTENCE_PUNCT.search(stripped)


class _Builder:
    def __init__(self, doc: Document, lines: list[Line], minutes: bool) -> None:
        self.doc = doc
        self.lines = lines
        self.minutes = minutes
        self.stack: list[_Node] = []
        self.nodes: list[_Node] = []  # creation order = pre-order
        self.last_global: dict[str, int] = {}
        self.markers: list[Marker | None] = []
        previous = ""
        for line in lines:
            marker = None
            if line.row is None and not line.blank:
                marker = recognise(doc.norm, line.content_start, line.content_end, previous, minutes)
                previous = doc.norm[line.content_start : line.content_end]
            self.markers.append(marker)
        # next_marker[i]: the first line after i that starts with a marker (len(lines) if none)
        self.next_marker = [len(lines)] * (len(lines) + 1)
        for index in range(len(lines) - 1, 0, -1):
            following = index if self.markers[index] is not None else self.next_marker[index]
            self.next_marker[index - 1] = following
        self.previous: Line | None = None  # the previous non-blank line
        self.table_runs = 0  # tables seen (for readers that do not number tables)
        self.row_in_run = 0
        self.in_table = False

    # -- stack ---------------------------------------------------------------------------------

    def _pop_to(self, depth: int, at: int) -> None:
        while len(self.stack) > depth:
            node = self.stack.pop()
            node.end = rstrip_offset(self.doc.text, at, node.start)

    def _push(self, node: _Node) -> None:
        node.parent = self.stack[-1] if self.stack else None
        if node.parent is not None:
            node.parent.children.append(node)
        self.stack.append(node)
        self.nodes.append(node)

    def _article_depth(self, depth: int) -> int | None:
        for index in range(depth - 1, -1, -1):
            if self.stack[index].style == "article":
                return index
        return None

    def _open_preamble(self, line: Line) -> None:
        node = _Node("preamble", "preamble", grammar.PREAMBLE_RANK, 0, grammar.PREAMBLE_LABEL, "pre",
                     line.content_start)
        self._push(node)

    # -- sequence checks -------------------------------------------------------------------------

    def _later_markers(self, index: int) -> Iterator[Marker]:
        position = self.next_marker[index]
        while position < len(self.lines):
            marker = self.markers[position]
            assert marker is not None
            yield marker
            position = self.next_marker[position]

    def _confirmed(self, index: int, marker: Marker) -> bool:
        """Does the next marker at this depth or above continue ``marker``'s sequence?"""
        style = marker.style
        for later in self._later_markers(index):
            if later.style.rank > style.rank:
                continue
            return later.style is style and marker.number < later.number <= marker.number + 1 + style.gap
        return False

    def _in_sequence(self, index: int, marker: Marker, previous: _Node | None) -> bool:
        style = marker.style
        number = marker.number
        if style.scope == "global":
            last = self.last_global.get(style.name)
        else:
            last = previous.number if previous is not None else None
        if last is None:
            return number <= style.first_max and (not style.confirm_first or self._confirmed(index, marker))
        if last < number <= last + 1 + style.gap:
            return True
        return number == 1 and self._confirmed(index, marker)  # numbering restarts

    # -- lines -----------------------------------------------------------------------------------

    def marker(self, index: int, marker: Marker, line: Line) -> bool:
        """Open a clause for ``marker`` if it fits; False when the line is plain text after all."""
        style = marker.style
        depth = len(self.stack)
        previous = None  # the previous sibling: the open clause of the same style at this depth
        while depth and self.stack[depth - 1].rank >= style.rank:
            if self.stack[depth - 1].style == style.name:
                previous = self.stack[depth - 1]
            depth -= 1
        context = "article" if self._article_depth(depth) is not None else "minutes" if self.minutes else "outline"
        kind = style.kinds.get(context)
        if kind is None:
            return False
        if style.name == "minutes":
            number = previous.number + 1 if previous is not None else 1
            token = f"{grammar.MINUTES_PARAGRAPH_TOKEN}{number}"
        else:
            if not self._in_sequence(index, marker, previous):
                return False
            number = marker.number
            token = f"{grammar.ID_TOKENS[kind]}{number}"
        self._pop_to(depth, marker.start)
        node = _Node(kind, style.name, style.rank, number, marker.label, token, marker.start)
        rest = self.doc.norm[marker.end : line.content_end]
        node.heading = self._heading(node, rest, marker.end, line.content_end)
        # 第三条 甲方的权利和义务 (a title, no colon): its first paragraph is on the next line
        title_only = style.name == "article" and _heading_like(rest) and not rest.rstrip().endswith(":")
        node.has_text = bool(rest.strip()) and not title_only
        self._push(node)
        if style.scope == "global":
            self.last_global[style.name] = number
        return True

    def text(self, index: int, line: Line) -> None:
        if not self.stack:
            self._open_preamble(line)
            return
        article_depth = self._article_depth(len(self.stack))
        if article_depth is None:
            if self.stack[0].style == "preamble":
                self._preamble_paragraph(line)
            return  # text of the innermost open clause
        article = self.stack[article_depth]
        content = self.doc.norm[line.content_start : line.content_end]
        if _CLOSING.match(content) or DATE_LINE.match(content) or is_org_line(content):
            return  # signature, date, 附件: the tail of the last clause, not a paragraph of it
        if article.has_text and _heading_like(content):
            return  # a title line (补充协议, 附件标题): paragraphs are sentences
        if not article.has_text and not article.children:
            article.has_text = True  # 第五条 on a line of its own: this is its first paragraph
            return
        previous = self.previous
        if previous is not None and previous.row is None and not _SENTENCE_DONE.search(
            self.doc.norm[previous.content_start : previous.content_end]
        ):
            return  # a sentence broken by a hard line break (PDF): same paragraph
        if self._continues_items(index, article_depth):
            return
        self._pop_to(article_depth + 1, line.content_start)
        article.paragraphs += 1
        number = article.paragraphs
        node = _Node("paragraph", "paragraph", grammar.PARAGRAPH_RANK, number, f"第{_cn(number)}款",
                     f"k{number}", line.content_start)
        self._push(node)

    def _preamble_paragraph(self, line: Line) -> None:
        """Unnumbered text before the first clause (all of a letter, a 情况说明, a judgment's reasoning)
        is split into paragraphs 第2段, 第3段 … so a finding points at a paragraph, not the whole text.
        A new paragraph starts after a line that finished its sentence; the first is the preamble's body."""
        previous = self.previous
        if previous is None or previous.row is not None:
            return
        if not _SENTENCE_DONE.search(self.doc.norm[previous.content_start : previous.content_end]):
            return
        content = self.doc.norm[line.content_start : line.content_end]
        if _CLOSING.match(content) or DATE_LINE.match(content) or is_org_line(content):
            return  # signature, date, 附件: the tail of the paragraph above
        preamble = self.stack[0]
        self._pop_to(1, line.content_start)
        preamble.paragraphs += 1
        number = preamble.paragraphs
        node = _Node("paragraph", "preamble-paragraph", grammar.PREAMBLE_RANK, number, f"第{number}段",
                     f"d{number}", line.content_start)
        self._push(node)

    def _continues_items(self, index: int, article_depth: int) -> bool:
        """An unnumbered line among items is part of the item when the next marker continues them."""
        open_items = [node for node in self.stack[article_depth + 1 :] if node.style in _ITEM_STYLES]
        if not open_items:
            return False
        for later in self._later_markers(index):
            for node in open_items:
                if later.style.name == node.style and later.number == node.number + 1:
                    return True
            return later.style.rank > min(node.rank for node in open_items)
        return False

    def table_row(self, line: Line) -> None:
        block = line.row
        assert block is not None
        if not self.in_table:
            self.table_runs += 1
            self.row_in_run = 0
        self.in_table = True
        self.row_in_run += 1
        table = block.table + 1 if block.table is not None else self.table_runs
        row = block.row + 1 if block.row is not None else self.row_in_run
        if not self.stack:
            self._open_preamble(line)
        depth = len(self.stack)
        while depth and self.stack[depth - 1].style == "table-row":
            depth -= 1
        self._pop_to(depth, line.start)
        node = _Node("table-row", "table-row", grammar.TABLE_ROW_RANK, row, f"表{table}第{row}行",
                     f"t{table}r{row}", line.start)
        self._push(node)

    def run(self) -> list[_Node]:
        for index, line in enumerate(self.lines):
            if line.row is not None:
                self.table_row(line)
            elif not line.blank:
                self.in_table = False
                marker = self.markers[index]
                if marker is None or not self.marker(index, marker, line):
                    self.text(index, line)
            else:
                continue
            self.previous = line
        self._pop_to(0, len(self.doc.text))
        return self.nodes

    # -- headings ----------------------------------------------------------------------------------

    def _heading(self, node: _Node, rest: str, start: int, end: int) -> str | None:
        """The clause's title in the document's own characters (chapter title, 关于…… subject …)."""
        stripped = rest.strip()
        if not stripped:
            return None
        offset = start + (len(rest) - len(rest.lstrip()))

        def own(length: int, skip: int = 0) -> str:
            return _collapse(self.doc.text[offset + skip : offset + skip + length]).rstrip(":：") or None

        if node.style in ("part", "chapter", "section"):
            return own(len(stripped))
        if node.style == "minutes":
            return None
        if node.style == "article":
            bracket = _BRACKET_HEADING.match(stripped)
            if bracket:
                inner = bracket.group(1) or bracket.group(2)
                return own(len(inner), 1)
            titled = _heading_like(stripped) and not stripped.endswith(":")
            return own(len(stripped)) if titled else None
        if node.kind == "minutes-item":
            about = _GUANYU.match(stripped)
            if about:
                return own(len(about.group(1).rstrip(",")))
        if _heading_like(stripped):
            return own(len(stripped))
        lead = _LEAD_PHRASE.match(stripped)
        if lead and stripped[lead.end() :].strip():  # 制定方案。各市… (not an item that is one phrase)
            return own(len(lead.group(1)))
        return None


_CN_DIGITS = "零一二三四五六七八九"


def _cn(number: int) -> str:
    """1..99 as Chinese numerals (for 第二款 labels)."""
    if number < 10:
        return _CN_DIGITS[number]
    tens, units = divmod(number, 10)
    prefix = "" if tens == 1 else _CN_DIGITS[tens]
    return f"{prefix}十{_CN_DIGITS[units] if units else ''}"


def _assign_ids(nodes: list[_Node]) -> dict[int, str]:
    ids: dict[int, str] = {}
    used: dict[int | None, set[str]] = {}
    for node in nodes:
        parent_key = id(node.parent) if node.parent is not None else None
        taken = used.setdefault(parent_key, set())
        token = node.token
        suffix = 2
        while token in taken:
            token = f"{node.token}_{suffix}"
            suffix += 1
        taken.add(token)
        prefix = ids[id(node.parent)] + "." if node.parent is not None else ""
        ids[id(node)] = prefix + token
    return ids


def build_clauses(doc: Document, doc_type: str | None = None) -> list[Clause]:
    """The document's clauses in pre-order; also stored in ``doc.clauses``.

    ``doc_type`` (as from ``doctype.classify``) switches on the minutes grammar for ``minutes``;
    when None the document is classified first.
    """
    if doc_type is None:
        from .doctype import classify

        doc_type = classify(doc)[0]
    builder = _Builder(doc, split_lines(doc), minutes=doc_type == "minutes")
    nodes = builder.run()
    ids = _assign_ids(nodes)
    paths: dict[int, list[str]] = {}
    clauses: list[Clause] = []
    for node in nodes:
        path = [*paths.get(id(node.parent), []), node.label] if node.parent is not None else [node.label]
        paths[id(node)] = path
        body_end = node.end
        if node.children:
            body_end = rstrip_offset(doc.text, node.children[0].start, node.start)
        clauses.append(
            Clause(
                id=ids[id(node)],
                kind=node.kind,
                label=node.label,
                path=path,
                start=node.start,
                end=node.end,
                body_start=node.start,
                body_end=body_end,
                pages=doc.pages_of(node.start, node.end),
                parent=ids[id(node.parent)] if node.parent is not None else None,
                children=[ids[id(child)] for child in node.children],
                heading=node.heading,
            )
        )
    doc.clauses = clauses
    return clauses
