"""The durable-rules adapter: runs compiled shards over a document's facts.

Designed around the measured defects in the project notes:
- one Host per process whose dispatch threads never start (``_run`` does nothing), so every action
  runs inside the ``assert_fact`` call that triggered it, in this thread;
- facts are asserted one at a time with ``assert_fact`` (never ``post``, never batches);
  ``MessageNotHandledException`` for facts no rule wants is expected and ignored;
- one session id per document; each document ends with a sentinel fact that a sentinel rule
  matches, so ``delete_state`` (which segfaults on a session where no action ran) is safe, and
  state never accumulates (at most 1024 live sessions per ruleset);
- actions only append ``(rule, unit)`` to a list; nothing in an action can raise;
- a unit fact is only asserted to shards that have a rule anchored on one of its attributes, and
  it carries only the attributes that shard refers to.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from typing import Any

from durable.engine import Host, MessageNotHandledException

from .compiler import CompiledRuleset, Shard
from .facts import DocumentFacts

Fired = set[tuple[str, int]]


class _QuietHost(Host):
    """A Host without background dispatch threads, routing actions to the current collector."""

    def __init__(self) -> None:
        self.collector: list[tuple[str, int]] = []
        super().__init__()

    def _run(self) -> None:  # no timer threads: actions run synchronously in assert_fact
        return None

    def get_action(self, action_name: str):
        if action_name == "__end__":
            return _noop
        collector_owner = self

        def record(closure: Any) -> None:
            collector_owner.collector.append((action_name, closure.u.uid))

        return record


def _noop(closure: Any) -> None:
    return None


_host: _QuietHost | None = None
_registered: set[str] = set()
_lock = threading.Lock()
_sessions = itertools.count(1)


def _get_host() -> _QuietHost:
    global _host
    if _host is None:
        _host = _QuietHost()
    return _host


def project(fact: dict[str, Any], attrs: frozenset[str], session: str) -> dict[str, Any]:
    out = {k: v for k, v in fact.items() if k in attrs}
    out["t"] = fact["t"]
    out["id"] = fact["id"]
    if "uid" in fact:
        out["uid"] = fact["uid"]
    out["sid"] = session
    return out


class DurableEngine:
    """Evaluate a compiled ruleset with durable-rules. One instance per ruleset per process."""

    name = "durable"

    def __init__(self, ruleset: CompiledRuleset) -> None:
        self.ruleset = ruleset
        host = _get_host()
        with _lock:
            for shard in ruleset.shards:
                if shard.name not in _registered:
                    host.set_rulesets(shard.definition())
                    _registered.add(shard.name)

    def run(self, facts: DocumentFacts) -> Fired:
        host = _get_host()
        fired: Fired = set()
        with _lock:
            for shard in self.ruleset.shards:
                fired |= self._run_shard(host, shard, facts)
        return fired

    def _run_shard(self, host: _QuietHost, shard: Shard, facts: DocumentFacts) -> Fired:
        units = [u for u in facts.units if shard.anchors.intersection(u)]
        if not units:
            return set()
        session = f"s{next(_sessions)}"
        host.collector = []
        try:
            self._assert(host, shard.name, project(facts.doc, shard.doc_attrs | {"date"}, session))
            for unit in units:
                self._assert(host, shard.name, project(unit, shard.unit_attrs, session))
            self._assert(host, shard.name, {"t": "end", "id": "end", "sid": session})
        finally:
            host.delete_state(shard.name, session)
        return {(rule_id, uid) for rule_id, uid in host.collector}

    @staticmethod
    def _assert(host: _QuietHost, ruleset_name: str, fact: dict[str, Any]) -> None:
        with contextlib.suppress(MessageNotHandledException):
            host.assert_fact(ruleset_name, fact)
