"""How well each rule does in review: the feedback loop from reviewers to rule authors.

Counts are per fingerprint (one judgement per finding identity, however many runs saw it).
confirmed/dismissed: every fingerprint ever recorded whose latest decision confirms (or amends)
or dismisses it — a judgement stays evidence about the rule after the document changed.
pending: fingerprints in the current worklist without any decision.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, distinct, func, select

from .decisions import latest_decision_ids
from .findings import current_condition
from .schema import decisions, documents, findings

TOP_REASONS = 3


@dataclass
class RuleStats:
    rule_id: str
    confirmed: int = 0
    dismissed: int = 0
    pending: int = 0
    dismissal_reasons: list[tuple[str, int]] = field(default_factory=list)  # most frequent first

    @property
    def precision(self) -> float | None:
        """confirmed / (confirmed + dismissed); None before any decision."""
        decided = self.confirmed + self.dismissed
        return self.confirmed / decided if decided else None

    def to_json(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "confirmed": self.confirmed,
            "dismissed": self.dismissed,
            "pending": self.pending,
            "precision": self.precision,
            "dismissal_reasons": [{"reason": r, "count": n} for r, n in self.dismissal_reasons],
        }


def rule_stats(conn: Connection) -> list[RuleStats]:
    """Per rule, noisiest first: lowest precision, then most dismissals; undecided rules last."""
    stats: dict[str, RuleStats] = {}

    def of(rule_id: str) -> RuleStats:
        return stats.setdefault(rule_id, RuleStats(rule_id))

    fingerprint_rule = (
        select(findings.c.fingerprint, func.min(findings.c.rule_id).label("rule_id"))
        .group_by(findings.c.fingerprint)
        .subquery("fingerprint_rule")
    )
    last = latest_decision_ids()
    decided = (
        select(fingerprint_rule.c.rule_id, decisions.c.action, decisions.c.reason)
        .select_from(fingerprint_rule)
        .join(last, last.c.fingerprint == fingerprint_rule.c.fingerprint)
        .join(decisions, decisions.c.id == last.c.decision_id)
    )
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    for rule_id, action, reason in conn.execute(decided):
        if action == "dismiss":
            of(rule_id).dismissed += 1
            reasons[rule_id][reason.strip()] += 1
        else:
            of(rule_id).confirmed += 1
    undecided = (
        select(findings.c.rule_id, func.count(distinct(findings.c.fingerprint)))
        .select_from(findings.join(documents, documents.c.id == findings.c.document_id))
        .where(and_(current_condition(), ~findings.c.fingerprint.in_(select(decisions.c.fingerprint))))
        .group_by(findings.c.rule_id)
    )
    for rule_id, count in conn.execute(undecided):
        of(rule_id).pending = int(count)
    for rule_id, counter in reasons.items():
        stats[rule_id].dismissal_reasons = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[
            :TOP_REASONS
        ]

    def noisy_first(item: RuleStats) -> tuple:
        precision = item.precision
        return (precision is None, precision if precision is not None else 0.0, -item.dismissed, item.rule_id)

    return sorted(stats.values(), key=noisy_first)
