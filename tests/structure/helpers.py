"""Shared helpers for the structure tests: building documents and checking tree invariants."""

from __future__ import annotations

from pathlib import Path

from qinglai_rules.model import Clause, Document
from qinglai_rules.reading.assemble import RawBlock, assemble, document_from_text
from qinglai_rules.structure import analyse

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "seed_plan_qinglai_traditional.txt"


def blocks_doc(spec: list[tuple], path: str = "<blocks>") -> Document:
    """A Document from ``(kind, text-or-cells, page[, page_marks])`` tuples, as a reader would build it."""
    raws = []
    for kind, value, page, *marks in spec:
        if kind == "table_row":
            raws.append(RawBlock("table_row", "", page=page, cells=list(value)))
        elif kind == "title":  # how a reader passes a web page's <title>
            raws.append(RawBlock("heading", value, page=page, style="title"))
        else:
            raws.append(RawBlock(kind, value, page=page, page_marks=marks[0] if marks else []))
    return assemble(path, "docx", raws, sha256="0" * 64)


def parsed(text: str, doc_type: str | None = None) -> Document:
    return analyse(document_from_text(text), doc_type)


def tree(doc: Document) -> list[tuple[str, str, str]]:
    """(id, kind, label) of every clause, in order."""
    return [(c.id, c.kind, c.label) for c in doc.clauses]


def clause_text(doc: Document, clause: Clause) -> str:
    return doc.text[clause.start : clause.end]


def by_label_path(doc: Document, *labels: str) -> Clause:
    matches = [c for c in doc.clauses if c.path == list(labels)]
    assert len(matches) == 1, (labels, [c.path for c in doc.clauses])
    return matches[0]


def check_invariants(doc: Document) -> None:
    """Spans nest, ids are unique and path-derived, bodies partition the text from the first clause on."""
    clauses = doc.clauses
    assert clauses, "no clauses"
    ids = [c.id for c in clauses]
    assert len(set(ids)) == len(ids), ids
    by_id = {c.id: c for c in clauses}
    starts = [c.start for c in clauses]
    assert starts == sorted(starts), "not in document order"
    for clause in clauses:
        assert 0 <= clause.start == clause.body_start <= clause.body_end <= clause.end <= len(doc.text)
        span = doc.text[clause.start : clause.end]
        assert span and span == span.strip(), (clause.id, span[:20])
        assert clause.pages == doc.pages_of(clause.start, clause.end)
        if clause.parent is None:
            assert clause.path == [clause.label]
            assert "." not in clause.id
        else:
            parent = by_id[clause.parent]
            assert clause.id in parent.children
            assert parent.start <= clause.start and clause.end <= parent.end
            assert clause.path == [*parent.path, clause.label]
            assert clause.id.startswith(parent.id + ".")
        for child in clause.children:
            assert by_id[child].parent == clause.id
        if clause.children:
            first = by_id[clause.children[0]]
            assert doc.text[clause.body_end : first.start].strip() == ""
    covered = [0] * len(doc.text)
    for clause in clauses:
        for offset in range(clause.body_start, clause.body_end):
            covered[offset] += 1
    assert doc.text[: clauses[0].start].strip() == ""
    for offset in range(clauses[0].start, len(doc.text)):
        if not doc.text[offset].isspace():
            assert covered[offset] == 1, (offset, doc.text[offset - 5 : offset + 5], covered[offset])
