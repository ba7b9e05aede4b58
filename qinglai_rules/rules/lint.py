"""Checks on a loaded rulebook beyond what loading refuses: things that load but are poor rules."""

from __future__ import annotations

from .loader import RuleBook
from .regexsafe import check_pattern

MIN_EXAMPLES = 2


def lint_rulebook(book: RuleBook) -> list[str]:
    """Problems as ``file:line: message`` strings."""
    problems: list[str] = []
    used: set[str] = set()
    for rule in book.rules:
        used |= rule.signal_names()
        if rule.published and rule.kind == "finding":
            if len(rule.hits) < MIN_EXAMPLES:
                problems.append(f"{rule.file}:1: {rule.id} has {len(rule.hits)} hit example(s); "
                                f"published rules need at least {MIN_EXAMPLES}")
            if len(rule.cleans) < MIN_EXAMPLES:
                problems.append(f"{rule.file}:1: {rule.id} has {len(rule.cleans)} clean example(s); "
                                f"published rules need at least {MIN_EXAMPLES} look-alikes")
        texts = [(e.text, e.doc_type, e.date, e.issuer_level, e.context, e.document, e.scope)
                 for e in rule.hits + rule.cleans]
        if len(texts) != len(set(texts)):
            problems.append(f"{rule.file}:1: {rule.id} repeats an example text")
    for signal in book.signals.values():
        if "#" in signal.id:
            continue  # inline terms of a rule
        if signal.id not in used and book.rules:
            problems.append(f"{signal.source}: signal '{signal.id}' is not used by any loaded rule")
        seen: set[str] = set()
        for term in signal.terms:
            if term in seen:
                problems.append(f"{signal.source}: signal '{signal.id}' lists '{term}' twice")
            seen.add(term)
        for pattern in signal.patterns:
            reason = check_pattern(pattern)
            if reason:  # pragma: no cover - refused at load time already
                problems.append(f"{signal.source}: {reason}")
    return problems
