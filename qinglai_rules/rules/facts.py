"""Flat facts for one document: one document fact and one fact per unit.

Facts hold only what the compiled rules refer to, and only attributes that are true or numeric,
so they stay far below durable-rules' 255-property limit. Text predicates are decided here, in
Python, by ``predicates.py``; the engines only combine them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..features.signals import DocumentMatches
from ..model import Document, Span
from .compiler import CompiledRuleset, date_int
from .predicates import UnitText, number_extremes
from .units import Unit, build_units


@dataclass
class DocumentFacts:
    doc: dict[str, Any]
    units: list[dict[str, Any]]
    views: list[UnitText]
    date: str
    date_source: str  # "document" / "as-of" / "today"


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
    index = ruleset.leaf_index
    unit_facts: list[dict[str, Any]] = []
    views: list[UnitText] = []
    per_unit = matches.by_span([unit.span for unit in units])
    # signals with a match inside a span (word boundaries judged on that span), per unit span and per
    # lead-in span: a lead-in is mostly an ancestor's body, i.e. an earlier unit's span
    in_spans: dict[Span, set[str]] = {}
    for unit, found in zip(units, per_unit, strict=True):
        view = UnitText(doc, unit, matches, found)
        views.append(view)
        fact: dict[str, Any] = {"t": "unit", "id": f"u{unit.index}", "uid": unit.index}
        for attr, scopes in ruleset.scope_groups.items():
            if unit.scope in scopes:
                fact[attr] = 1
        in_unit = view.signals
        in_spans.setdefault(unit.span, in_unit)
        for name in in_unit:
            for attr in index.unit_signal.get(name, ()):
                fact[attr] = 1
        if index.context_signal:
            in_context = set(in_unit)
            for span in unit.context:
                around = in_spans.get(span)
                if around is None:
                    around = {name for name in present if matches.in_span(name, span, span)}
                    in_spans[span] = around
                in_context |= around
            for name in in_context:
                for attr in index.context_signal.get(name, ()):
                    fact[attr] = 1
        for name in in_unit:
            for attr, leaf, required in index.composite.get(name, ()):
                if required <= in_unit and view.evaluate(leaf).matched:
                    fact[attr] = 1
        for attr, leaf in index.unkeyed:
            if view.evaluate(leaf).matched:
                fact[attr] = 1
        fact.update(number_extremes(view))
        unit_facts.append(fact)
    return DocumentFacts(doc_fact, unit_facts, views, date, source)
