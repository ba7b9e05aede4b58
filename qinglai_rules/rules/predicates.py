"""Leaf conditions evaluated on a unit's text, with the spans and values that decided them.

The same code computes the flat facts for the engines and the trace of a finding, so what the
engine decided and what the reviewer is shown cannot drift apart.
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

from ..features.numbers import Quantity, extract_quantities
from ..features.sentences import sentence_spans
from ..features.signals import DocumentMatches, Match
from ..model import Document, Span
from .conditions import Leaf, Near, Number, Sentence, SignalIn
from .units import Unit

_OPS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq}


@dataclass
class LeafResult:
    matched: bool
    spans: list[Span] = field(default_factory=list)
    values: list[object] = field(default_factory=list)


class UnitText:
    """Lazy per-unit views (sentences, quantities) over the document's matches."""

    def __init__(
        self, doc: Document, unit: Unit, matches: DocumentMatches, in_unit: dict[str, list[Match]] | None = None
    ) -> None:
        """``in_unit``, when given, is every signal's matches inside the unit (``DocumentMatches.by_span``)."""
        self.doc = doc
        self.unit = unit
        self.matches = matches
        self._cache: dict[Leaf, LeafResult] = {}
        self._in_unit: dict[str, list[Match]] = in_unit if in_unit is not None else {}
        self._complete = in_unit is not None
        self._starts: dict[str, list[int]] = {}

    @property
    def signals(self) -> set[str]:
        """The signals with a match inside the unit (needs ``in_unit``)."""
        return {name for name, found in self._in_unit.items() if found}

    @cached_property
    def sentences(self) -> list[Span]:
        return sentence_spans(self.doc.norm, *self.unit.span)

    @cached_property
    def quantities(self) -> list[Quantity]:
        return extract_quantities(self.doc.norm, *self.unit.span)

    def signal(self, name: str, span: Span | None = None) -> list[Match]:
        """Matches of ``name`` inside ``span`` (default: the unit), word boundaries judged on the unit.

        The unit's matches of each signal are looked up once; a span inside the unit (a sentence)
        filters them, which is what a lookup of that span with the unit as boundary span returns.
        """
        found = self._in_unit.get(name)
        if found is None and self._complete:
            found = []
        elif found is None:
            found = self.matches.in_span(name, self.unit.span, self.unit.span)
            self._in_unit[name] = found
        if span is None:
            return found
        start, end = span
        if not (self.unit.span[0] <= start and end <= self.unit.span[1]):
            return self.matches.in_span(name, span, self.unit.span)
        if len(found) < 8:
            return [match for match in found if start <= match.start and match.end <= end]
        starts = self._starts.get(name)
        if starts is None:
            starts = self._starts[name] = [match.start for match in found]
        low = bisect_left(starts, start)
        return [match for match in found[low : bisect_left(starts, end, low)] if match.end <= end]

    def evaluate(self, leaf: Leaf) -> LeafResult:
        result = self._cache.get(leaf)
        if result is None:
            result = _EVALUATORS[type(leaf)](self, leaf)
            self._cache[leaf] = result
        return result


def _signal_in(view: UnitText, leaf: SignalIn) -> LeafResult:
    found = view.signal(leaf.signal)
    if not found and leaf.scope == "context":
        for span in view.unit.context:
            found = view.matches.in_span(leaf.signal, span, span)
            if found:
                break
    return LeafResult(bool(found), [(m.start, m.end) for m in found], [m.text for m in found])


def _sentence(view: UnitText, leaf: Sentence) -> LeafResult:
    for sentence in view.sentences:
        found = [view.signal(name, sentence) for name in leaf.signals]
        if not all(found):
            continue
        if any(view.signal(name, sentence) for name in leaf.unless):
            continue
        hits = [m for group in found for m in group]
        return LeafResult(True, [(m.start, m.end) for m in hits], [m.text for m in hits])
    return LeafResult(False)


def _sentence_of(view: UnitText, offset: int) -> Span:
    for span in view.sentences:
        if span[0] <= offset < span[1]:
            return span
    return view.unit.span


def _near(view: UnitText, leaf: Near) -> LeafResult:
    first = view.signal(leaf.signals[0])
    second = view.signal(leaf.signals[1])
    best: tuple[int, Match, Match] | None = None
    for a in first:
        for b in second:
            if leaf.ordered and b.start < a.end:
                continue
            gap = max(b.start - a.end, a.start - b.end, 0)
            if gap > leaf.within or (best is not None and gap >= best[0]):
                continue
            if leaf.unless:
                # every sentence the pair touches: a prohibition in the second sentence counts too
                first_sentence = _sentence_of(view, min(a.start, b.start))
                last_sentence = _sentence_of(view, max(a.end, b.end) - 1)
                covered = (first_sentence[0], last_sentence[1])
                if any(view.signal(name, covered) for name in leaf.unless):
                    continue
            best = (gap, a, b)
    if best is None:
        return LeafResult(False)
    _, a, b = best
    return LeafResult(True, [(a.start, a.end), (b.start, b.end)], [a.text, b.text])


def _number(view: UnitText, leaf: Number) -> LeafResult:
    compare = _OPS[leaf.op]
    anchors = view.signal(leaf.near) if leaf.near else []
    for quantity in view.quantities:
        if quantity.kind != leaf.kind or not compare(quantity.value, leaf.value):
            continue
        if leaf.near:
            close = [
                m for m in anchors
                if max(quantity.start - m.end, m.start - quantity.end, 0) <= leaf.within
            ]
            if not close:
                continue
            return LeafResult(True, [quantity.span, (close[0].start, close[0].end)], [quantity.value])
        return LeafResult(True, [quantity.span], [quantity.value])
    return LeafResult(False)


_EVALUATORS = {SignalIn: _signal_in, Sentence: _sentence, Near: _near, Number: _number}


def number_extremes(view: UnitText) -> dict[str, float]:
    """``n_<kind>_max`` / ``n_<kind>_min`` attributes for the unit's quantities."""
    out: dict[str, float] = {}
    for quantity in view.quantities:
        if quantity.kind == "date" or not isinstance(quantity.value, float):
            continue
        high = f"n_{quantity.kind}_max"
        low = f"n_{quantity.kind}_min"
        out[high] = max(out.get(high, quantity.value), quantity.value)
        out[low] = min(out.get(low, quantity.value), quantity.value)
    return out
