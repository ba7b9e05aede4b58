"""Flat facts for one document: one document fact and one fact per unit.

Facts hold only what the compiled rules refer to, and only attributes that are true or numeric,
so they stay far below durable-rules' 255-property limit. Text predicates are decided here, in
Python, by ``predicates.py``; the engines only combine them.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..features.signals import DocumentMatches
from ..model import Document
from .compiler import CompiledRuleset, date_int
from .conditions import Near, Number, Sentence, SignalIn
from .predicates import UnitText, number_extremes
from .units import Unit, build_units


@dataclass
class DocumentFacts:
    doc: dict[str, Any]
    units: list[dict[str, Any]]
    views: list[UnitText]
    date: str
    date_source: str  # "document" / "as-of" / "today"


def _required(leaf: Any) -> set[str]:
    if isinstance(leaf, SignalIn):
        return set() if leaf.scope == "context" else {leaf.signal}
    if isinstance(leaf, Sentence):
        return set(leaf.signals)
    if isinstance(leaf, Near):
        return set(leaf.signals)
    if isinstance(leaf, Number):
        return {leaf.near} if leaf.near else set()
    return set()


def _candidates(units: list[Unit], matches: DocumentMatches, present: set[str]) -> list[set[str]]:
    """Per unit, the signals with a match starting inside it (``in_span`` then checks the rest).

    One pass over the matches instead of asking every unit about every signal. Units are clause
    bodies: disjoint and in document order (anything else falls back to every signal).
    """
    spans = [unit.span for unit in units]
    if any(a[1] > b[0] for a, b in pairwise(spans)):
        return [set(present) for _ in units]
    starts = [span[0] for span in spans]
    found: list[set[str]] = [set() for _ in units]
    for name in present:
        for start in matches.starts(name):
            index = bisect_right(starts, start) - 1
            if index >= 0 and start < spans[index][1]:
                found[index].add(name)
    return found


def document_date(doc: Document, as_of: str | None) -> tuple[str, str]:
    """The date rules are judged by: the document's own date, else ``as_of``, else today."""
    if doc.metadata.date:
        return doc.metadata.date, "document"
    if as_of:
        return as_of, "as-of"
    return dt.date.today().isoformat(), "today"


def build_facts(
    doc: Document,
    ruleset: CompiledRuleset,
    *,
    as_of: str | None = None,
    matches: DocumentMatches | None = None,
    units: list[Unit] | None = None,
) -> DocumentFacts:
    matches = matches or ruleset.signals.match(doc.norm)
    units = units if units is not None else build_units(doc)
    date, source = document_date(doc, as_of)
    doc_fact: dict[str, Any] = {"t": "doc", "id": "doc", "date": date_int(date)}
    doc_type = doc.metadata.doc_type
    for attr, types in ruleset.doctype_groups.items():
        if doc_type in types:
            doc_fact[attr] = 1
    level = doc.metadata.issuer_level or "unknown"
    for attr, levels in ruleset.level_groups.items():
        if level in levels:
            doc_fact[attr] = 1
    present = matches.present()
    for attr, signal in ruleset.doc_signals.items():
        if signal in present:
            doc_fact[attr] = 1
    required = {attr: _required(leaf) for attr, leaf in ruleset.python_leaves.items()}
    unit_facts: list[dict[str, Any]] = []
    views: list[UnitText] = []
    candidates = _candidates(units, matches, present)
    for unit, candidate in zip(units, candidates, strict=True):
        view = UnitText(doc, unit, matches)
        views.append(view)
        fact: dict[str, Any] = {"t": "unit", "id": f"u{unit.index}", "uid": unit.index}
        for attr, scopes in ruleset.scope_groups.items():
            if unit.scope in scopes:
                fact[attr] = 1
        in_unit = {name for name in candidate if matches.in_span(name, unit.span)}
        for attr, leaf in ruleset.python_leaves.items():
            if not required[attr] <= in_unit:
                continue
            if isinstance(leaf, SignalIn):
                # A signal in the unit is exactly what ``in_unit`` holds; one in the lead-in needs the
                # signal somewhere in the document. (The trace evaluates the leaf again, lazily.)
                if leaf.scope != "context":
                    if leaf.signal in in_unit:
                        fact[attr] = 1
                    continue
                if leaf.signal not in present:
                    continue
            if view.evaluate(leaf).matched:
                fact[attr] = 1
        fact.update(number_extremes(view))
        unit_facts.append(fact)
    return DocumentFacts(doc_fact, unit_facts, views, date, source)
