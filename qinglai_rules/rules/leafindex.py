"""Text leaves indexed by the signals they need, so a unit only looks at leaves that can be true there.

A rulebook has hundreds of text leaves; a unit holds a handful of signals. Looping over every leaf
for every unit costs per rule even for rules that never fire. Instead, ``build_facts`` walks the
signals found in a unit and reaches the leaves through this index:

* a unit-scope signal leaf is true exactly when its signal is in the unit;
* a context-scope signal leaf is true when its signal is in the unit or in one of its lead-in spans;
* a composite leaf (sentence, near, a number near a signal) can only be true when every signal it
  requires is in the unit: it is listed under one of them (the one fewest leaves share) and
  evaluated only where all are present;
* leaves needing no signal (``number … ==`` without ``near``) are evaluated on every unit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .conditions import Leaf, Near, Number, Sentence, SignalIn


def required_signals(leaf: Leaf) -> frozenset[str]:
    """Signals that must match inside the unit for ``leaf`` to be true (context signals excluded)."""
    if isinstance(leaf, SignalIn):
        return frozenset() if leaf.scope == "context" else frozenset({leaf.signal})
    if isinstance(leaf, Sentence | Near):
        return frozenset(leaf.signals)
    if isinstance(leaf, Number):
        return frozenset({leaf.near}) if leaf.near else frozenset()
    return frozenset()


@dataclass
class LeafIndex:
    unit_signal: dict[str, list[str]] = field(default_factory=dict)  # signal → attrs
    context_signal: dict[str, list[str]] = field(default_factory=dict)  # signal → attrs
    composite: dict[str, list[tuple[str, Leaf, frozenset[str]]]] = field(default_factory=dict)
    unkeyed: list[tuple[str, Leaf]] = field(default_factory=list)

    @classmethod
    def build(cls, python_leaves: dict[str, Leaf]) -> LeafIndex:
        index = cls()
        composite = [(attr, leaf, required_signals(leaf)) for attr, leaf in sorted(python_leaves.items())
                     if not isinstance(leaf, SignalIn)]
        sharing = Counter(name for _, _, required in composite for name in required)
        for attr, leaf in sorted(python_leaves.items()):
            if isinstance(leaf, SignalIn):
                target = index.context_signal if leaf.scope == "context" else index.unit_signal
                target.setdefault(leaf.signal, []).append(attr)
        for attr, leaf, required in composite:
            if not required:
                index.unkeyed.append((attr, leaf))
                continue
            key = min(required, key=lambda name: (sharing[name], name))
            index.composite.setdefault(key, []).append((attr, leaf, required))
        return index
