"""The condition tree of a rule: all/any/not over leaves that are evaluated on text in Python.

A leaf's ``attr`` is the name of the flat fact attribute it becomes (see ``facts.py``); leaves
with the same meaning share an attribute, so durable-rules shares the alpha node too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from .yamlload import Loaded, PathKey

NUMBER_KINDS = ("percent", "amount", "days", "months", "years")
OPS = (">", ">=", "<", "<=", "==")
SIGNAL_SCOPES = ("unit", "context")


def _slug(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "_", name)


def _digest(*parts: Any) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class All:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class SignalIn:
    """The signal matches inside the unit (``unit``) or in the unit or its lead-in (``context``)."""

    signal: str
    scope: str = "unit"

    @property
    def attr(self) -> str:
        return ("s_" if self.scope == "unit" else "x_") + _slug(self.signal)

    def describe(self) -> str:
        where = "本条" if self.scope == "unit" else "本条或其上文"
        return f"signal {self.signal} in {self.scope} ({where}出现)"


@dataclass(frozen=True)
class Sentence:
    """All ``signals`` in one sentence that contains none of ``unless``."""

    signals: tuple[str, ...]
    unless: tuple[str, ...] = ()

    @property
    def attr(self) -> str:
        return "q_" + _digest("sentence", self.signals, self.unless)

    def describe(self) -> str:
        text = "same sentence: " + " + ".join(self.signals)
        return text + (f" (unless {', '.join(self.unless)})" if self.unless else "")


@dataclass(frozen=True)
class Near:
    """Two signals within ``within`` characters (in this order if ``ordered``)."""

    signals: tuple[str, str]
    within: int
    ordered: bool = False
    unless: tuple[str, ...] = ()

    @property
    def attr(self) -> str:
        return "q_" + _digest("near", self.signals, self.within, self.ordered, self.unless)

    def describe(self) -> str:
        joiner = " then " if self.ordered else " near "
        text = f"{self.signals[0]}{joiner}{self.signals[1]} within {self.within} chars"
        return text + (f" (unless {', '.join(self.unless)})" if self.unless else "")


@dataclass(frozen=True)
class Number:
    """Some number of ``kind`` in the unit (near a signal, if given) compares ``op value``."""

    kind: str
    op: str
    value: float
    near: str | None = None
    within: int = 20

    @property
    def attr(self) -> str:
        """Plain comparisons use the unit's max/min (compared inside durable-rules); comparisons
        tied to a signal or ``==`` are decided in Python and become a boolean attribute."""
        if self.near is None and self.op != "==":
            return f"n_{self.kind}_{'max' if self.op in ('>', '>=') else 'min'}"
        return "q_" + _digest("number", self.kind, self.op, self.value, self.near, self.within)

    @property
    def in_engine(self) -> bool:
        return self.near is None and self.op != "=="

    def describe(self) -> str:
        where = f" near {self.near} within {self.within}" if self.near else ""
        return f"number {self.kind} {self.op} {self.value:g}{where}"


Leaf = SignalIn | Sentence | Near | Number
Node = All | AnyOf | Not | Leaf


def leaves(node: Node) -> list[Leaf]:
    if isinstance(node, All | AnyOf):
        return [leaf for child in node.children for leaf in leaves(child)]
    if isinstance(node, Not):
        return leaves(node.child)
    return [node]


def positive_leaves(node: Node, negated: bool = False) -> list[Leaf]:
    """Leaves that count for a match when true (not under an odd number of ``not``)."""
    if isinstance(node, All | AnyOf):
        return [leaf for child in node.children for leaf in positive_leaves(child, negated)]
    if isinstance(node, Not):
        return positive_leaves(node.child, not negated)
    return [] if negated else [node]


def anchored(node: Node) -> bool:
    """Whether every way of satisfying ``node`` needs some text leaf to be true.

    Rules must be anchored: a rule satisfied by the absence of words would fire on every clause,
    and the engine is indexed by the text leaves it needs.
    """
    if isinstance(node, All):
        return any(anchored(child) for child in node.children)
    if isinstance(node, AnyOf):
        return all(anchored(child) for child in node.children)
    if isinstance(node, Not):
        return False
    return not isinstance(node, Number) or not node.in_engine


def signal_refs(node: Node) -> set[str]:
    refs: set[str] = set()
    for leaf in leaves(node):
        if isinstance(leaf, SignalIn):
            refs.add(leaf.signal)
        elif isinstance(leaf, (Sentence, Near)):
            refs.update(leaf.signals)
            refs.update(leaf.unless)
        elif isinstance(leaf, Number) and leaf.near:
            refs.add(leaf.near)
    return refs


class ConditionParser:
    """YAML condition data → tree. Inline ``terms`` become anonymous signals of the rule."""

    def __init__(self, loaded: Loaded, rule_id: str) -> None:
        self.loaded = loaded
        self.rule_id = rule_id
        self.inline_signals: dict[str, list[str]] = {}

    def parse(self, data: Any, path: PathKey) -> Node:
        if not isinstance(data, dict) or not data:
            raise self.loaded.error(path, "a condition must be a mapping such as {signal: NAME}")
        keys = set(data)
        if keys == {"all"} or keys == {"any"}:
            key = next(iter(keys))
            items = data[key]
            if not isinstance(items, list) or not items:
                raise self.loaded.error((*path, key), f"'{key}' needs a non-empty list of conditions")
            children = tuple(self.parse(item, (*path, key, i)) for i, item in enumerate(items))
            return All(children) if key == "all" else AnyOf(children)
        if keys == {"not"}:
            return Not(self.parse(data["not"], (*path, "not")))
        if "signal" in keys or "terms" in keys:
            allowed = {"signal", "terms", "scope"}
            self._only(data, allowed, path)
            if ("signal" in keys) == ("terms" in keys):
                raise self.loaded.error(path, "give either 'signal' or 'terms', not both")
            signal = data["signal"] if "signal" in keys else self._inline(data["terms"], (*path, "terms"))
            scope = data.get("scope", "unit")
            if scope not in SIGNAL_SCOPES:
                raise self.loaded.error((*path, "scope"), f"scope must be one of {', '.join(SIGNAL_SCOPES)}")
            return SignalIn(self._name(signal, (*path, "signal")), scope)
        if "sentence" in keys:
            self._only(data, {"sentence", "unless"}, path)
            signals = self._names(data["sentence"], (*path, "sentence"), minimum=1)
            unless = self._names(data.get("unless", []), (*path, "unless"), minimum=0)
            return Sentence(tuple(signals), tuple(unless))
        if "near" in keys:
            self._only(data, {"near", "within", "ordered", "unless"}, path)
            signals = self._names(data["near"], (*path, "near"), minimum=2)
            if len(signals) != 2:
                raise self.loaded.error((*path, "near"), "'near' takes exactly two signals")
            within = data.get("within")
            if not isinstance(within, int) or isinstance(within, bool) or not 1 <= within <= 500:
                raise self.loaded.error((*path, "within"), "'near' needs 'within: N' characters (1–500)")
            ordered = data.get("ordered", False)
            if not isinstance(ordered, bool):
                raise self.loaded.error((*path, "ordered"), "'ordered' is true or false")
            unless = self._names(data.get("unless", []), (*path, "unless"), minimum=0)
            return Near((signals[0], signals[1]), within, ordered, tuple(unless))
        if "number" in keys:
            self._only(data, {"number"}, path)
            spec = data["number"]
            where = (*path, "number")
            if not isinstance(spec, dict):
                raise self.loaded.error(where, "'number' is a mapping {kind, op, value[, near, within]}")
            self._only(spec, {"kind", "op", "value", "near", "within"}, where)
            if spec.get("kind") not in NUMBER_KINDS:
                raise self.loaded.error((*where, "kind"), f"kind must be one of {', '.join(NUMBER_KINDS)}")
            if spec.get("op") not in OPS:
                raise self.loaded.error((*where, "op"), f"op must be one of {' '.join(OPS)} (quote it)")
            value = spec.get("value")
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise self.loaded.error((*where, "value"), "value must be a number")
            near = spec.get("near")
            if near is not None:
                near = self._name(near, (*where, "near"))
            within = spec.get("within", 20)
            if not isinstance(within, int) or not 1 <= within <= 200:
                raise self.loaded.error((*where, "within"), "within must be 1–200 characters")
            return Number(spec["kind"], spec["op"], float(value), near, within)
        raise self.loaded.error(path, f"unknown condition {sorted(keys)}; use all/any/not/signal/terms/"
                                      "sentence/near/number")

    def _only(self, data: dict, allowed: set[str], path: PathKey) -> None:
        for key in data:
            if key not in allowed:
                raise self.loaded.error((*path, key), f"unknown field '{key}' here (allowed: "
                                                      f"{', '.join(sorted(allowed))})")

    def _name(self, value: Any, path: PathKey) -> str:
        if not isinstance(value, str) or not value:
            raise self.loaded.error(path, "a signal name is a non-empty string")
        return value

    def _names(self, value: Any, path: PathKey, minimum: int) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or len(value) < minimum:
            raise self.loaded.error(path, f"'{path[-1]}' needs a list of at least {minimum} signal name(s)")
        return [self._name(v, (*path, i)) for i, v in enumerate(value)]

    def _inline(self, terms: Any, path: PathKey) -> str:
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t for t in terms):
            raise self.loaded.error(path, "'terms' is a non-empty list of strings")
        name = f"{self.rule_id}#{len(self.inline_signals) + 1}"
        self.inline_signals[name] = list(terms)
        return name
