"""A plain-Python evaluator of the same compiled rules (the durable-rules JSON conditions).

It interprets exactly the condition subset the compiler emits, over the same facts, and is
indexed by anchor attribute so a unit is only tested against rules that could fire on it. Tests
run it side by side with durable-rules on the whole corpus (the differential test); it is also
the engine for rule examples, where it is faster than building sessions.
"""

from __future__ import annotations

from typing import Any

from .compiler import CompiledRule, CompiledRuleset
from .facts import DocumentFacts

Fired = set[tuple[str, int]]


def holds(condition: dict[str, Any], fact: dict[str, Any]) -> bool:
    """Does ``fact`` satisfy a durable-rules condition (the subset the compiler emits)?"""
    for key, value in condition.items():
        if key == "$and":
            if not all(holds(part, fact) for part in value):
                return False
        elif key == "$or":
            if not any(holds(part, fact) for part in value):
                return False
        elif key == "$nex":
            if any(attr in fact for attr in value):
                return False
        elif key == "$ex":
            if not all(attr in fact for attr in value):
                return False
        elif key in ("$gt", "$gte", "$lt", "$lte", "$neq"):
            ((attr, bound),) = value.items()
            if attr not in fact:
                return False
            actual = fact[attr]
            if key == "$gt" and not actual > bound:
                return False
            if key == "$gte" and not actual >= bound:
                return False
            if key == "$lt" and not actual < bound:
                return False
            if key == "$lte" and not actual <= bound:
                return False
            if key == "$neq" and actual == bound:
                return False
        elif key.startswith("$"):
            raise ValueError(f"operator {key} is not produced by the compiler")
        elif fact.get(key) != value:
            return False
    return True


class ReferenceEngine:
    name = "reference"

    def __init__(self, ruleset: CompiledRuleset) -> None:
        self.ruleset = ruleset
        self._by_anchor: dict[str, list[CompiledRule]] = {}
        for rule in ruleset.rules:
            for anchor in rule.anchors:
                self._by_anchor.setdefault(anchor, []).append(rule)

    def run(self, facts: DocumentFacts) -> Fired:
        fired: Fired = set()
        doc_ok: dict[str, bool] = {}
        for unit in facts.units:
            candidates: dict[str, CompiledRule] = {}
            for attr in unit:
                for rule in self._by_anchor.get(attr, ()):
                    candidates[rule.id] = rule
            for rule in candidates.values():
                if rule.id not in doc_ok:
                    doc_ok[rule.id] = holds(rule.doc_condition, facts.doc)
                if doc_ok[rule.id] and holds(rule.unit_condition, unit):
                    fired.add((rule.id, unit["uid"]))
        return fired
