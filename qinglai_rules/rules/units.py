"""Evaluation units: the pieces of a document a rule is tested on, one per clause body.

A unit is a clause's own text (its body, without its children), so every sentence belongs to
exactly one unit. Its ``context`` is the text a reader would take as the unit's lead-in: the
bodies of its ancestors and, for a table row, the table's header row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Clause, Document, Span

SCOPES = (
    "part", "chapter", "section", "article", "paragraph", "item", "subitem", "outline",
    "minutes-item", "table-row", "preamble",
)
DEFAULT_SCOPES = tuple(s for s in SCOPES if s not in ("part", "chapter", "section"))


def scope_of(kind: str) -> str:
    return "outline" if kind.startswith("outline-") else kind


@dataclass
class Unit:
    index: int
    clause: Clause
    scope: str
    span: Span
    context: list[Span] = field(default_factory=list)


def build_units(doc: Document) -> list[Unit]:
    """One unit per clause with a non-blank body, in document order."""
    clauses = doc.clauses or [_whole_document_clause(doc)]
    by_id = {c.id: c for c in clauses}
    header_rows = _table_header_spans(doc)
    units: list[Unit] = []
    for clause in clauses:
        span = (clause.body_start, clause.body_end)
        if not doc.norm[span[0] : span[1]].strip():
            continue
        context: list[Span] = []
        parent = by_id.get(clause.parent) if clause.parent else None
        while parent is not None:
            if doc.norm[parent.body_start : parent.body_end].strip():
                context.append((parent.body_start, parent.body_end))
            parent = by_id.get(parent.parent) if parent.parent else None
        if clause.kind == "table-row":
            header = _header_for(doc, span, header_rows)
            if header and header != span:
                context.append(header)
        context.sort()
        units.append(Unit(len(units), clause, scope_of(clause.kind), span, context))
    return units


def _whole_document_clause(doc: Document) -> Clause:
    return Clause("doc", "preamble", "全文", ["全文"], 0, len(doc.text), 0, len(doc.text),
                  doc.pages_of(0, len(doc.text)))


def _table_header_spans(doc: Document) -> dict[int, Span]:
    headers: dict[int, Span] = {}
    for block in doc.blocks:
        if block.kind == "table_row" and block.table is not None and block.row == 0:
            headers[block.table] = (block.start, block.end)
    return headers


def _header_for(doc: Document, span: Span, headers: dict[int, Span]) -> Span | None:
    for block in doc.blocks:
        if block.kind == "table_row" and block.start <= span[0] < max(block.end, block.start + 1):
            return headers.get(block.table) if block.table is not None else None
    return None
