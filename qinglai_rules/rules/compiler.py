"""Compile loaded rules into durable-rules rulesets (plain JSON data) plus what Python must compute.

Each rule becomes one durable-rules rule joining two facts of a document's session:

    all: [ {d: <document conditions>}, {u: <unit conditions>} ]

Unit conditions are the rule's ``when`` tree in negation normal form over flat attributes
(``s_*`` signal present, ``q_*`` composite text predicate true, ``n_*`` numbers, ``g_*`` scope
group). Text is never matched inside durable-rules (its regex misses matches and crashes on CJK).

Sharding: durable-rules keeps at most 64 pending alpha nodes per fact, 128 ``$nex`` children and
256 joins per node, and never finishes building a ruleset with more than 512 root branches. Rules
are therefore grouped by family into shards of at most ``SHARD_BRANCHES`` branches, each its own
ruleset named by a content hash (a name cannot be registered twice in a process).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ..features.signals import Signal, SignalSet
from .conditions import All, AnyOf, Leaf, Node, Not, Number, positive_leaves
from .loader import ALL_DOC_TYPES, RuleBook
from .spec import RuleSpec
from .units import SCOPES

SHARD_BRANCHES = 24
_INVERSE = {">": "$lte", ">=": "$lt", "<": "$gte", "<=": "$gt"}
_OP = {">": "$gt", ">=": "$gte", "<": "$lt", "<=": "$lte"}


def _hash(*parts: Any) -> str:
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:10]


def group_attr(prefix: str, values: tuple[str, ...]) -> str:
    return f"{prefix}_{_hash(sorted(values))}"


def date_int(iso: str) -> int:
    return int(iso.replace("-", ""))


@dataclass
class CompiledRule:
    spec: RuleSpec
    unit_condition: dict[str, Any]
    doc_condition: dict[str, Any]
    python_leaves: dict[str, Leaf]  # attr → leaf decided in Python
    anchors: frozenset[str]  # attrs of which at least one must be present for the rule to fire
    branches: int
    scope_attr: str | None
    doctype_attr: str | None
    doc_signal_attrs: dict[str, str]  # attr → signal

    @property
    def id(self) -> str:
        return self.spec.id

    def durable_definition(self) -> dict[str, Any]:
        return {"all": [{"d": self.doc_condition}, {"u": self.unit_condition}], "run": self.spec.id}


@dataclass
class Shard:
    name: str
    rules: list[CompiledRule]
    unit_attrs: frozenset[str]
    doc_attrs: frozenset[str]
    anchors: frozenset[str]

    def definition(self) -> dict[str, Any]:
        rules = {rule.id: rule.durable_definition() for rule in self.rules}
        rules["__end__"] = {"all": [{"e": {"t": "end"}}], "run": "__end__"}
        return {self.name: rules}


@dataclass
class CompiledRuleset:
    rules: list[CompiledRule]
    shards: list[Shard]
    signals: SignalSet
    version: str
    # gate attributes: attr → the scopes / document types / issuer levels it stands for
    scope_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    doctype_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    level_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    python_leaves: dict[str, Leaf] = field(default_factory=dict)
    doc_signals: dict[str, str] = field(default_factory=dict)
    by_id: dict[str, CompiledRule] = field(default_factory=dict)

    def rule(self, rule_id: str) -> CompiledRule:
        return self.by_id[rule_id]


def _to_nnf(node: Node, negate: bool, python_leaves: dict[str, Leaf]) -> dict[str, Any]:
    if isinstance(node, All | AnyOf):
        conj = isinstance(node, All) != negate
        parts = [_to_nnf(child, negate, python_leaves) for child in node.children]
        return _combine("$and" if conj else "$or", parts)
    if isinstance(node, Not):
        return _to_nnf(node.child, not negate, python_leaves)
    attr = node.attr
    if isinstance(node, Number) and node.in_engine:
        if not negate:
            return {_OP[node.op]: {attr: node.value}}
        return {"$or": [{"$nex": {attr: 1}}, {_INVERSE[node.op]: {attr: node.value}}]}
    python_leaves[attr] = node
    return {"$nex": {attr: 1}} if negate else {attr: 1}


def _combine(op: str, parts: list[dict[str, Any]]) -> dict[str, Any]:
    flat: list[dict[str, Any]] = []
    for part in parts:
        if op in part and len(part) == 1:
            flat.extend(part[op])
        else:
            flat.append(part)
    if len(flat) == 1:
        return flat[0]
    if op == "$and":
        flat.sort(key=_order)
    return {op: flat}


def _order(part: dict[str, Any]) -> tuple[int, str]:
    """Positive attributes first (shared alpha prefixes, cheap rejection), then numbers, then
    disjunctions, then absences."""
    key = next(iter(part))
    if not key.startswith("$"):
        return (0, key)
    if key in ("$gt", "$gte", "$lt", "$lte"):
        return (1, json.dumps(part, sort_keys=True))
    if key == "$or":
        return (2, json.dumps(part, sort_keys=True))
    return (3, json.dumps(part, sort_keys=True))


def _branches(condition: dict[str, Any]) -> int:
    """Number of DNF branches of a condition (an upper bound of durable-rules' expansion)."""
    if "$and" in condition:
        total = 1
        for part in condition["$and"]:
            total *= _branches(part)
        return total
    if "$or" in condition:
        return sum(_branches(part) for part in condition["$or"])
    return 1


def _anchors(node: Node) -> frozenset[str]:
    """Attributes of which at least one is present on every unit the rule can fire on.

    The engines only look at a rule for units carrying one of them, so the tighter the better: an
    ``all`` needs just one of its children's sets (the smallest; composite ``q_`` predicates before
    single signals, being rarer), an ``any`` the union of all of them. A rulebook grows mostly by
    rules that find nothing in a given document; with every positive leaf as anchor they were still
    evaluated on every unit holding any of their words. Conditions this cannot anchor (under a
    ``not``) fall back to every positive leaf, which is sound but looser.
    """
    tight = _tight_anchors(node)
    if tight:
        return tight
    return frozenset(
        leaf.attr for leaf in positive_leaves(node) if not (isinstance(leaf, Number) and leaf.in_engine)
    )


def _tight_anchors(node: Node) -> frozenset[str] | None:
    if isinstance(node, All):
        options = [found for found in (_tight_anchors(child) for child in node.children) if found]
        if not options:
            return None
        return min(options, key=lambda found: (len(found), not all(a.startswith("q_") for a in found)))
    if isinstance(node, AnyOf):
        options = [_tight_anchors(child) for child in node.children]
        return frozenset().union(*options) if all(options) else None  # type: ignore[arg-type]
    if isinstance(node, Not) or (isinstance(node, Number) and node.in_engine):
        return None
    return frozenset({node.attr})


def compile_rule(spec: RuleSpec) -> CompiledRule:
    python_leaves: dict[str, Leaf] = {}
    unit = _to_nnf(spec.when, False, python_leaves)
    unit_parts = [{"t": "unit"}]
    scope_attr = None
    if set(spec.scopes) != set(SCOPES):
        scope_attr = group_attr("g", spec.scopes)
        unit_parts.append({scope_attr: 1})
    unit_condition = {"$and": unit_parts + (unit.get("$and", [unit]))}
    doc_parts: list[dict[str, Any]] = [{"t": "doc"}]
    doctype_attr = None
    if set(spec.doc_types) != set(ALL_DOC_TYPES):
        doctype_attr = group_attr("dt", spec.doc_types)
        doc_parts.append({doctype_attr: 1})
    levels = spec.document.get("issuer_level")
    if levels:
        doc_parts.append({group_attr("lv", tuple(levels)): 1})
    window_from = max(filter(None, [spec.in_force.get("from"), spec.document.get("date", {}).get("from")]),
                      default=None)
    window_until = min(filter(None, [spec.in_force.get("until"), spec.document.get("date", {}).get("until")]),
                       default=None)
    if window_from:
        doc_parts.append({"$gte": {"date": date_int(window_from)}})
    if window_until:
        doc_parts.append({"$lt": {"date": date_int(window_until)}})
    doc_signal_attrs: dict[str, str] = {}
    for name in spec.document.get("has", []):
        attr = "ds_" + _slug(name)
        doc_signal_attrs[attr] = name
        doc_parts.append({attr: 1})
    for name in spec.document.get("lacks", []):
        attr = "ds_" + _slug(name)
        doc_signal_attrs[attr] = name
        doc_parts.append({"$nex": {attr: 1}})
    doc_condition = {"$and": doc_parts} if len(doc_parts) > 1 else doc_parts[0]
    return CompiledRule(
        spec=spec,
        unit_condition=unit_condition,
        doc_condition=doc_condition,
        python_leaves=python_leaves,
        anchors=_anchors(spec.when),
        branches=_branches(unit_condition),
        scope_attr=scope_attr,
        doctype_attr=doctype_attr,
        doc_signal_attrs=doc_signal_attrs,
    )


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() and ch.isascii() else "_" for ch in name)


def _attrs(condition: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(condition, dict):
        for key, value in condition.items():
            if key.startswith("$"):
                found |= _attrs(value)
            else:
                found.add(key)
    elif isinstance(condition, list):
        for item in condition:
            found |= _attrs(item)
    return found


def _shard(rules: list[CompiledRule], salt: str) -> list[Shard]:
    by_family: dict[str, list[CompiledRule]] = {}
    for rule in rules:
        by_family.setdefault(rule.spec.family, []).append(rule)
    shards: list[Shard] = []
    for family in sorted(by_family):
        group: list[CompiledRule] = []
        weight = 0
        for rule in sorted(by_family[family], key=lambda r: r.id):
            if group and weight + rule.branches > SHARD_BRANCHES:
                shards.append(_make_shard(group, salt))
                group, weight = [], 0
            group.append(rule)
            weight += rule.branches
        if group:
            shards.append(_make_shard(group, salt))
    return shards


def _make_shard(rules: list[CompiledRule], salt: str) -> Shard:
    definition = {rule.id: rule.durable_definition() for rule in rules}
    name = f"q_{_hash(salt, definition)}"
    unit_attrs = frozenset(a for rule in rules for a in _attrs(rule.unit_condition)) - {"t"}
    doc_attrs = frozenset(a for rule in rules for a in _attrs(rule.doc_condition)) - {"t"}
    anchors = frozenset(a for rule in rules for a in rule.anchors)
    return Shard(name, rules, unit_attrs, doc_attrs, anchors)


def ruleset_version(book: RuleBook, *, kinds: tuple[str, ...] = ("finding", "exception")) -> str:
    """The version ``compile_rulebook(book).version`` will have, without compiling (no jieba start-up)."""
    rules = [(rule.id, rule.version) for rule in book.rules if rule.kind in kinds]
    return _hash(rules, [(p.name, p.version) for p in book.packs.values()])


def compile_rulebook(book: RuleBook, *, kinds: tuple[str, ...] = ("finding", "exception")) -> CompiledRuleset:
    """Compile every rule of ``book``; raises nothing (the loader has already validated)."""
    compiled = [compile_rule(rule) for rule in book.rules if rule.kind in kinds]
    used_signals: set[str] = set()
    for rule in compiled:
        used_signals |= rule.spec.signal_names()
    signals: list[Signal] = [book.signals[name] for name in sorted(used_signals)]
    version = ruleset_version(book, kinds=kinds)
    ruleset = CompiledRuleset(
        rules=compiled,
        shards=_shard(compiled, version),
        signals=SignalSet(signals),
        version=version,
    )
    for rule in compiled:
        ruleset.by_id[rule.id] = rule
        ruleset.python_leaves.update(rule.python_leaves)
        ruleset.doc_signals.update(rule.doc_signal_attrs)
        if rule.scope_attr:
            ruleset.scope_groups[rule.scope_attr] = rule.spec.scopes
        if rule.doctype_attr:
            ruleset.doctype_groups[rule.doctype_attr] = rule.spec.doc_types
        levels = rule.spec.document.get("issuer_level")
        if levels:
            ruleset.level_groups[group_attr("lv", tuple(levels))] = tuple(levels)
    return ruleset
