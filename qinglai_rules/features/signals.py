"""Signals: named term lists and patterns, matched over a whole document in one pass.

All terms of all signals go into one Aho-Corasick automaton (pyahocorasick); patterns are Python
regexes checked for safety at load time. Both run on normalised text, and terms are normalised
the same way when the signal set is built, so authors may write Traditional or full-width terms.
Matching happens once per document; units then look up the matches inside their span.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from ..model import Span
from ..reading.normalize import normalize
from . import nlp
from .literals import required_literals


@dataclass
class Signal:
    id: str
    title: str = ""
    terms: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    word: bool = False  # matches must sit on jieba token boundaries
    not_after: list[str] = field(default_factory=list)  # drop a match right after one of these (不, 不予 …)
    source: str = ""  # file:line, for error messages


@dataclass(frozen=True)
class Match:
    signal: str
    start: int
    end: int
    text: str


class SignalSet:
    """A compiled set of signals: one automaton plus the regexes."""

    def __init__(self, signals: Iterable[Signal]) -> None:
        self.signals: dict[str, Signal] = {s.id: s for s in signals}
        self._automaton = ahocorasick.Automaton()
        by_term: dict[str, list[str]] = {}
        for signal in self.signals.values():
            for term in signal.terms:
                by_term.setdefault(normalize(term), []).append(signal.id)
        for term, ids in by_term.items():
            self._automaton.add_word(term, (term, tuple(sorted(set(ids)))))
        self._has_terms = bool(by_term)
        if self._has_terms:
            self._automaton.make_automaton()
        self._patterns: list[tuple[str, re.Pattern[str]]] = [
            (signal.id, re.compile(normalize(pattern)))
            for signal in self.signals.values()
            for pattern in signal.patterns
        ]
        # Per pattern, literals of which one must be in the text for it to match (None: unknown);
        # one Aho-Corasick pass finds which are, and patterns that cannot match are not run.
        self._needs: list[frozenset[str] | None] = [required_literals(p.pattern) for _, p in self._patterns]
        literals = {text for needs in self._needs if needs for text in needs}
        self._literals: ahocorasick.Automaton | None = None
        if literals:
            self._literals = ahocorasick.Automaton()
            for text in literals:
                self._literals.add_word(text, text)
            self._literals.make_automaton()
        self._word_signals = {s.id for s in self.signals.values() if s.word}
        self._not_after = {s.id: tuple(normalize(t) for t in s.not_after) for s in self.signals.values() if s.not_after}
        # Only the terms of word signals become jieba words: they must segment as one token. Adding
        # every term would let one rule's phrase (提供担保) swallow another rule's word (担保).
        nlp.add_words(normalize(term) for s in self.signals.values() if s.word for term in s.terms if len(term) <= 8)

    def match(self, norm: str) -> DocumentMatches:
        """Every match of every signal in ``norm`` (the normalised document text)."""
        found: dict[str, list[Match]] = {}
        if self._has_terms:
            for end_index, (term, ids) in self._automaton.iter(norm):
                start = end_index - len(term) + 1
                for signal_id in ids:
                    found.setdefault(signal_id, []).append(Match(signal_id, start, end_index + 1, term))
        present = {text for _, text in self._literals.iter(norm)} if self._literals is not None else None
        for (signal_id, pattern), needs in zip(self._patterns, self._needs, strict=True):
            if needs and present is not None and needs.isdisjoint(present):
                continue
            for hit in pattern.finditer(norm):
                if hit.end() > hit.start():
                    found.setdefault(signal_id, []).append(Match(signal_id, hit.start(), hit.end(), hit.group()))
        for signal_id, matches in found.items():
            matches.sort(key=lambda m: (m.start, m.end))
            matches = _dedupe(matches)
            blockers = self._not_after.get(signal_id)
            if blockers:
                matches = [m for m in matches if not _preceded_by(norm, m.start, blockers)]
            found[signal_id] = matches
        found = {signal_id: matches for signal_id, matches in found.items() if matches}
        return DocumentMatches(norm, found, self._word_signals)


def _preceded_by(norm: str, start: int, blockers: tuple[str, ...]) -> bool:
    """Is the text right before ``start`` one of ``blockers`` (e.g. 不 before 给予补偿)?"""
    return any(norm.endswith(blocker, 0, start) for blocker in blockers)


def _dedupe(matches: list[Match]) -> list[Match]:
    out: list[Match] = []
    for match in matches:
        if out and out[-1].start == match.start and out[-1].end == match.end:
            continue
        out.append(match)
    return out


class DocumentMatches:
    """The signal matches of one document, queried per span."""

    def __init__(self, norm: str, found: dict[str, list[Match]], word_signals: set[str]) -> None:
        self.norm = norm
        self._found = found
        self._starts = {sid: [m.start for m in matches] for sid, matches in found.items()}
        self._word_signals = word_signals
        self._bounds_cache: dict[Span, frozenset[int]] = {}

    def present(self) -> set[str]:
        return set(self._found)

    def starts(self, signal_id: str) -> list[int]:
        """Start offsets of every match of ``signal_id``, ascending."""
        return self._starts.get(signal_id, [])

    def in_span(self, signal_id: str, span: Span, boundary_span: Span | None = None) -> list[Match]:
        """Matches of ``signal_id`` lying entirely inside ``span``.

        For word signals, a match must start and end on a token boundary of the text of
        ``boundary_span`` (default: ``span``), tokenised once and cached.
        """
        matches = self._found.get(signal_id)
        if not matches:
            return []
        start, end = span
        index = bisect_left(self._starts[signal_id], start)
        inside = []
        for match in matches[index:]:
            if match.start >= end:
                break
            if match.end <= end:
                inside.append(match)
        if inside and signal_id in self._word_signals:
            region = boundary_span or span
            bounds = self._bounds(region)
            inside = [
                m for m in inside if (m.start - region[0]) in bounds and (m.end - region[0]) in bounds
            ]
        return inside

    def _bounds(self, region: Span) -> frozenset[int]:
        bounds = self._bounds_cache.get(region)
        if bounds is None:
            bounds = nlp.token_boundaries(self.norm[region[0] : region[1]])
            self._bounds_cache[region] = bounds
        return bounds
