"""The fast paths of the facts stage give exactly what the straightforward algorithms give.

Each fast path replaced a simple algorithm for speed; the simple one is kept here as the reference
and both run over the whole corpus and the probes with every rule of every pack (and the demo rules,
which have word signals):

* facts: leaves reached through the signals a unit holds (``LeafIndex``), unit matches bucketed in
  one pass (``DocumentMatches.by_span``), sentence lookups filtering the unit's matches — versus
  evaluating every leaf on every unit with a linear ``in_span``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qinglai_rules.features.signals import DocumentMatches, Match
from qinglai_rules.model import Document, Span
from qinglai_rules.probes import KIND_BY_DOC_TYPE, load_probes
from qinglai_rules.rules.compiler import CompiledRuleset, compile_rulebook
from qinglai_rules.rules.facts import build_facts
from qinglai_rules.rules.loader import load_rulebook
from qinglai_rules.rules.predicates import UnitText, number_extremes
from qinglai_rules.rules.units import build_units

from ..conftest import RULESETS
from .conftest import CORPUS


class _LinearMatches:
    """``DocumentMatches.in_span`` as a plain scan over every match of the signal."""

    def __init__(self, matches: DocumentMatches) -> None:
        self.inner = matches

    def in_span(self, signal_id: str, span: Span, boundary_span: Span | None = None) -> list[Match]:
        inside = [m for m in self.inner._found.get(signal_id, []) if span[0] <= m.start and m.end <= span[1]]
        if inside and signal_id in self.inner._word_signals:
            region = boundary_span or span
            bounds = self.inner._bounds(region)
            inside = [m for m in inside if m.start - region[0] in bounds and m.end - region[0] in bounds]
        return inside


class _PlainView(UnitText):
    """Every lookup goes to the document's matches; nothing is cached but leaf results."""

    def signal(self, name: str, span: Span | None = None) -> list[Match]:
        return self.matches.in_span(name, span or self.unit.span, self.unit.span)


def reference_units(doc: Document, ruleset: CompiledRuleset) -> list[dict[str, Any]]:
    matches = _LinearMatches(ruleset.signals.match(doc.norm))
    out = []
    for unit in build_units(doc):
        view = _PlainView(doc, unit, matches)  # type: ignore[arg-type]
        fact: dict[str, Any] = {"t": "unit", "id": f"u{unit.index}", "uid": unit.index}
        for attr, scopes in ruleset.scope_groups.items():
            if unit.scope in scopes:
                fact[attr] = 1
        for attr, leaf in ruleset.python_leaves.items():
            if view.evaluate(leaf).matched:
                fact[attr] = 1
        fact.update(number_extremes(view))
        out.append(fact)
    return out


def _probe_documents() -> dict[str, Document]:
    from qinglai_rules.rules.examples import clause_document

    documents = {}
    for folder in ("probes", "probes-b"):
        for probe in load_probes(CORPUS / folder):
            kind = "table-row" if "\t" in probe.text else KIND_BY_DOC_TYPE.get(probe.doc_type, "article")
            documents[f"{folder}/{probe.source}"] = clause_document(
                probe.text, kind=kind, doc_type=probe.doc_type, context=probe.context, name=probe.source)
    return documents


@pytest.fixture(scope="module")
def documents(corpus_documents) -> dict[str, Document]:
    return {**corpus_documents, **_probe_documents()}


@pytest.fixture(scope="module", params=["every-pack", "demo"])
def ruleset(request) -> CompiledRuleset:
    folder = RULESETS if request.param == "every-pack" else RULESETS / "demo"
    book = load_rulebook(Path(folder), default_only=False)
    assert not book.errors
    return compile_rulebook(book)


def test_facts_equal_every_leaf_on_every_unit(documents, ruleset):
    assert ruleset.python_leaves
    for key, doc in documents.items():
        assert build_facts(doc, ruleset).units == reference_units(doc, ruleset), key
