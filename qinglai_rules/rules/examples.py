"""Rule examples are tests: each ``hit`` must fire the rule with its evidence on the marked span,
each ``clean`` look-alike must not fire it.

An example becomes a tiny document: an optional lead-in clause (``context``), the example clause
in the scope it names (default: the rule's first scope), and an optional rest of the document
(``document``) for document-level conditions. Examples run through the whole compiled ruleset,
so exception rules and suppression apply as in a real review.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Clause, Document, Span
from ..reading.assemble import document_from_text
from .findings import evidence_span, trace_tree
from .spec import Example, RuleSpec

_KIND_OF_SCOPE = {"outline": "outline-2"}


@dataclass
class ExampleResult:
    rule_id: str
    kind: str  # hit / clean
    index: int
    example: Example
    passed: bool
    problem: str = ""

    @property
    def label(self) -> str:
        return f"{self.rule_id}:{self.kind}[{self.index}]"


def clause_document(
    text: str,
    *,
    kind: str = "article",
    doc_type: str = "policy",
    context: str | None = None,
    document: str | None = None,
    date: str | None = None,
    issuer_level: str | None = None,
    name: str = "<example>",
) -> Document:
    """A tiny document holding ``text`` as one clause (id ``ex``) of the given kind, optionally under a
    lead-in clause (``context``) and followed by the rest of a document (``document``)."""
    parts = [p for p in (context, text, document) if p]
    doc = document_from_text("\n".join(parts), path=name)
    clauses: list[Clause] = []
    offset = 0
    parent_id = None
    if context:
        end = len(context)
        parent_id = "ctx"
        clauses.append(Clause("ctx", "article", "第一条", ["第一条"], 0, end + 1 + len(text), 0, end, [1],
                              children=["ex"]))
        offset = end + 1
    label = "（一）" if parent_id else "第一条"
    path = ["第一条", label] if parent_id else [label]
    end = offset + len(text)
    clauses.append(Clause("ex", kind, label, path, offset, end, offset, end, [1], parent=parent_id))
    if document:
        rest_start = end + 1
        clauses.append(Clause("rest", "article", "第二条", ["第二条"], rest_start, len(doc.text), rest_start,
                              len(doc.text), [1]))
    doc.clauses = clauses
    doc.metadata.doc_type = doc_type
    doc.metadata.doc_type_reason = "example"
    doc.metadata.date = date
    doc.metadata.issuer_level = issuer_level
    return doc


def example_document(rule: RuleSpec, example: Example) -> tuple[Document, str]:
    """The document for an example and the id of the clause holding the example text."""
    scope = example.scope or rule.scopes[0]
    doc = clause_document(
        example.text,
        kind=_KIND_OF_SCOPE.get(scope, scope),
        doc_type=example.doc_type or rule.doc_types[0],
        context=example.context,
        document=example.document,
        date=example.date,
        issuer_level=example.issuer_level,
        name=f"<example {rule.id}>",
    )
    return doc, "ex"


def _exception_hits(evaluation, rule: RuleSpec, clause_id: str) -> list[Span]:
    """Evidence of an exception rule (which reports nothing) on the example clause."""
    for rule_id, uid in evaluation.fired:
        view = evaluation.facts.views[uid]
        if rule_id == rule.id and view.unit.clause.id == clause_id:
            _, _, spans = trace_tree(rule.when, view)
            return [evidence_span(spans, view)]
    return []


def check_example(reviewer, rule: RuleSpec, kind: str, index: int, example: Example) -> ExampleResult:
    doc, clause_id = example_document(rule, example)
    offset = doc.clause(clause_id).body_start
    evaluation = reviewer.evaluate(doc)
    if rule.kind == "exception":
        evidence = _exception_hits(evaluation, rule, clause_id)
    else:
        evidence = [f.evidence for f in evaluation.all_findings if f.rule_id == rule.id and f.clause_id == clause_id]
    if kind == "clean":
        if evidence:
            shown = doc.text[evidence[0][0] : evidence[0][1]]
            return ExampleResult(rule.id, kind, index, example, False, f"fired on a clean example (evidence: "
                                                                       f"{shown!r})")
        return ExampleResult(rule.id, kind, index, example, True)
    if not evidence:
        return ExampleResult(rule.id, kind, index, example, False, "did not fire on a hit example")
    marked = [(offset + s, offset + e) for s, e in example.marked]
    for start, end in evidence:
        if any(start < m_end and m_start < end for m_start, m_end in marked):
            return ExampleResult(rule.id, kind, index, example, True)
    shown = doc.text[evidence[0][0] : evidence[0][1]]
    wanted = " / ".join(example.text[s:e] for s, e in example.marked)
    return ExampleResult(rule.id, kind, index, example, False,
                         f"evidence {shown!r} does not overlap the marked span {wanted!r}")


def check_rule(reviewer, rule: RuleSpec) -> list[ExampleResult]:
    results = [check_example(reviewer, rule, "hit", i, e) for i, e in enumerate(rule.hits)]
    results += [check_example(reviewer, rule, "clean", i, e) for i, e in enumerate(rule.cleans)]
    return results
