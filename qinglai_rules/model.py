"""The shared vocabulary of the pipeline: plain dataclasses, no behaviour beyond small helpers.

Offsets: every span in this module is a half-open ``(start, end)`` pair of character offsets into
``Document.text``. ``Document.norm`` (Simplified, half-width) has exactly the same length as
``Document.text`` (see ``reading/normalize.py``), so one offset addresses both: rules match on
``norm`` and a reviewer is shown ``text``, the document's own characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

DocType = Literal["policy", "contract", "minutes", "judgment", "other"]
DOC_TYPES: tuple[str, ...] = ("policy", "contract", "minutes", "judgment", "other")

BlockKind = Literal["heading", "paragraph", "table_row"]

# Clause kinds, from the largest unit to the smallest.
#   part 编, chapter 章, section 节, article 条, paragraph 款, item 项 （一）, subitem 目 1./（1）,
#   outline-1..outline-4  plan/notice outline 一、/（一）/1./（1） when there are no 第X条 articles,
#   minutes-item  会议纪要 一、关于…… items, table-row  a table row, preamble  text before the first clause.
CLAUSE_KINDS: tuple[str, ...] = (
    "part",
    "chapter",
    "section",
    "article",
    "paragraph",
    "item",
    "subitem",
    "outline-1",
    "outline-2",
    "outline-3",
    "outline-4",
    "minutes-item",
    "table-row",
    "preamble",
)

Span = tuple[int, int]


@dataclass
class Page:
    """A page of the source (PDF page; one page for formats without pages)."""

    number: int  # 1-based
    start: int
    end: int


@dataclass
class Block:
    """A paragraph-like unit as the reader saw it: a heading, a paragraph or a table row.

    Table rows keep their cells: ``cells`` holds the span of each cell inside ``Document.text``
    (cells are joined with a tab in the text).
    """

    kind: BlockKind
    start: int
    end: int
    page: int
    style: str | None = None  # e.g. the DOCX paragraph style name ("Heading 1")
    cells: list[Span] = field(default_factory=list)
    table: int | None = None  # index of the table the row belongs to
    row: int | None = None  # 0-based row index inside that table


@dataclass
class Party:
    role: str  # 甲方 / 乙方 / 丙方
    name: str
    kind: str = "unknown"  # government / enterprise / unknown


@dataclass
class Metadata:
    title: str | None = None
    doc_number: str | None = None  # 文号, e.g. 哈政规〔2019〕3号
    issuer: str | None = None
    issuer_level: str | None = None  # province / city / county / department / unknown
    region: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD: the document's own date (issue, signing, meeting)
    doc_type: str = "other"
    doc_type_reason: str = ""
    doc_type_overridden: bool = False
    parties: list[Party] = field(default_factory=list)


@dataclass
class Document:
    """A document as read: its text in its own characters plus everything needed to locate spans."""

    path: str
    format: str  # pdf / docx / text / html
    text: str  # cleaned text in the document's own characters (headers/footers removed, lines joined)
    norm: str  # same length as text: Simplified, half-width; what every later stage matches on
    pages: list[Page]
    blocks: list[Block]
    sha256: str
    encoding: str | None = None  # for text/html: the detected encoding
    script: str = "simplified"  # simplified / traditional / mixed
    warnings: list[str] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    clauses: list[Clause] = field(default_factory=list)  # pre-order; filled by ``structure``

    def clause(self, clause_id: str) -> Clause:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)

    def page_of(self, offset: int) -> int:
        """1-based page number holding ``offset`` (the last page for the end offset)."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        return self.pages[-1].number if self.pages else 1

    def pages_of(self, start: int, end: int) -> list[int]:
        """All pages a span touches, in order."""
        last = max(start, end - 1)
        return [p.number for p in self.pages if p.start <= last and start < p.end] or [self.page_of(start)]


@dataclass
class Clause:
    """A numbered unit of a document (article, item, minutes item, table row …).

    ``start``/``end`` cover the clause with its children; ``body_start``/``body_end`` cover only
    its own text (up to its first child), which is what rules evaluate per clause.
    """

    id: str  # stable within a document: derived from the path, e.g. "ch2.a3.i1"
    kind: str
    label: str  # as numbered in the document, simplified: 第三条 / 一、 / （一） / 1. / 表1第2行
    path: list[str]  # labels from the root, e.g. ["第二章", "第三条"]
    start: int
    end: int
    body_start: int
    body_end: int
    pages: list[int]
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    heading: str | None = None  # e.g. the chapter title 总则, or 关于…… of a minutes item

    @property
    def path_text(self) -> str:
        return " › ".join(self.path)


@dataclass
class LawRef:
    """A legal basis as a rule cites it and a finding carries it (with the exact text)."""

    law_id: str
    title: str
    article: int
    label: str  # 第三条
    paragraph: int | None = None
    item: int | None = None
    text: str = ""  # the exact text of the article (or of the cited paragraph/item)
    version: str = ""


@dataclass
class TraceStep:
    """One condition of a rule and what it matched (spans and values) or why it failed."""

    condition: str
    matched: bool
    spans: list[Span] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)
    note: str = ""


@dataclass
class Finding:
    rule_id: str
    rule_version: str
    family: str
    categories: list[str]  # e.g. ["LC", "C5"] — LC is a legal conflict (违法冲突)
    severity: str  # 违法 / 高风险 / 提示
    confidence: float
    clause_id: str
    evidence: Span
    evidence_text: str  # in the document's own characters
    message: str
    suggestion: str
    law: list[LawRef]
    trace: list[TraceStep] = field(default_factory=list)
    title: str = ""
    also_matched: list[str] = field(default_factory=list)  # other rules of the same family on this clause


@dataclass
class Decision:
    """A reviewer's decision on a finding, identified by its fingerprint (append-only history)."""

    fingerprint: str
    action: Literal["confirm", "dismiss", "amend"]
    reviewer: str
    reason: str
    at: str  # ISO timestamp
    family: str | None = None  # for amend
    severity: str | None = None  # for amend


@dataclass
class DocumentResult:
    """What reviewing one input file produced. Every input gets one, whatever happened to it."""

    path: str
    status: Literal["ok", "error", "skipped"]
    sha256: str | None = None
    document: Document | None = None  # with clauses and metadata, when it could be read
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the user-facing message (names the file and the problem)
    error_code: str | None = None  # ReadError.code, "timeout", "internal"
    skip_reason: str | None = None  # e.g. "unchanged since run 12"
    seconds: float = 0.0


@dataclass
class RunInfo:
    """One review run: what was used, by whom, when."""

    ruleset_version: str  # content hash of the compiled rule packs
    laws_version: str  # content hash of the law corpus
    started_at: str  # ISO timestamp
    user: str
    as_of: str | None = None  # date used for documents without their own date
    tool_version: str = ""
    inputs: list[str] = field(default_factory=list)
