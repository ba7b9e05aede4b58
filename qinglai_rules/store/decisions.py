"""Reviewer decisions: append-only, attached to a finding's fingerprint, checked for conflicts.

A finding's status is its fingerprint's latest decision: confirm → confirmed, dismiss → dismissed,
amend → confirmed with a corrected family and/or severity. Each decision row stores the
family/severity/categories *in force after it* (null = the rule's own), so a later plain confirm
keeps an earlier amendment instead of silently undoing it; a dismissal clears it.

Optimistic concurrency: a reviewer passes the id of the latest decision they saw
(``FindingRow.last_decision_id``, 0 when there was none). If someone decided in between, the new
decision is refused with a ``ConflictError`` naming who decided what.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, Subquery, func, select

from ..errors import StoreError
from ..vocabulary import FAMILIES, SEVERITIES, categories_for
from .db import ConflictError, NotFoundError, now
from .schema import ACTIONS, decisions, documents, findings, users
from .users import require_decider

ACTION_WORDS = {"confirm": "确认", "dismiss": "驳回", "amend": "修改后确认"}


@dataclass
class DecisionRow:
    id: int
    fingerprint: str
    finding_id: int | None
    action: str
    reviewer: str
    reviewer_name: str
    reason: str
    at: str
    family: str | None  # in force after this decision; None = the rule's own
    severity: str | None
    categories: list[str] | None
    supersedes: int | None

    def describe(self) -> str:
        who = (
            self.reviewer
            if self.reviewer_name == self.reviewer
            else f"{self.reviewer_name}（{self.reviewer}）"
        )
        return f"{who}于 {self.at} {ACTION_WORDS[self.action]}（理由：{self.reason}）"

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "fingerprint": self.fingerprint,
            "finding_id": self.finding_id,
            "action": self.action,
            "reviewer": self.reviewer,
            "reviewer_name": self.reviewer_name,
            "reason": self.reason,
            "at": self.at,
            "family": self.family,
            "severity": self.severity,
            "categories": self.categories,
            "supersedes": self.supersedes,
        }


def latest_decision_ids() -> Subquery:
    """fingerprint → id of its latest decision."""
    return (
        select(decisions.c.fingerprint, func.max(decisions.c.id).label("decision_id"))
        .group_by(decisions.c.fingerprint)
        .subquery("last_decision")
    )


def _select_decisions():  # type: ignore[no-untyped-def]
    return select(decisions, users.c.display_name).join(users, users.c.username == decisions.c.reviewer)


def _decision_row(record) -> DecisionRow:  # type: ignore[no-untyped-def]
    return DecisionRow(
        id=record.id,
        fingerprint=record.fingerprint,
        finding_id=record.finding_id,
        action=record.action,
        reviewer=record.reviewer,
        reviewer_name=record.display_name,
        reason=record.reason,
        at=record.at,
        family=record.family,
        severity=record.severity,
        categories=json.loads(record.categories) if record.categories else None,
        supersedes=record.supersedes,
    )


def latest_decision(conn: Connection, fingerprint: str) -> DecisionRow | None:
    record = conn.execute(
        _select_decisions()
        .where(decisions.c.fingerprint == fingerprint)
        .order_by(decisions.c.id.desc())
        .limit(1)
    ).first()
    return _decision_row(record) if record else None


def resolve(conn: Connection, target: int | str, *, lock: bool = False):  # type: ignore[no-untyped-def]
    """A finding by id, or the latest finding with a fingerprint; NotFoundError otherwise."""
    query = select(findings, documents.c.doc_type).join(documents, documents.c.id == findings.c.document_id)
    if isinstance(target, int):
        query = query.where(findings.c.id == target)
    else:
        query = query.where(findings.c.fingerprint == target).order_by(findings.c.id.desc()).limit(1)
    if lock:
        query = query.with_for_update(
            of=findings
        )  # serialises deciders on PostgreSQL; SQLite uses BEGIN IMMEDIATE
    record = conn.execute(query).first()
    if record is None:
        raise NotFoundError(
            f"没有编号为 {target} 的发现" if isinstance(target, int) else f"没有指纹为 {target} 的发现"
        )
    return record


def history(conn: Connection, target: int | str) -> list[DecisionRow]:
    """Every decision on the finding's fingerprint, oldest first."""
    fingerprint = resolve(conn, target).fingerprint if isinstance(target, int) else target
    query = _select_decisions().where(decisions.c.fingerprint == fingerprint).order_by(decisions.c.id)
    return [_decision_row(r) for r in conn.execute(query)]


def _validate(action: str, reason: str, family: str | None, severity: str | None) -> str:
    if action not in ACTIONS:
        raise StoreError(f"未知的操作 {action!r}：可选 confirm（确认）、dismiss（驳回）、amend（修改后确认）")
    reason = (reason or "").strip()
    if not reason:
        raise StoreError("必须填写理由：每个审查结论都要说明依据")
    if action == "amend":
        if not family and not severity:
            raise StoreError("amend 需要给出新的类别（family）或严重程度（severity）")
        if family and family not in FAMILIES:
            raise StoreError(f"未知的类别 {family!r}：可选 {', '.join(FAMILIES)}")
        if severity and severity not in SEVERITIES:
            raise StoreError(f"未知的严重程度 {severity!r}：可选 {'、'.join(SEVERITIES)}")
    elif family or severity:
        raise StoreError("只有 amend 可以修改类别或严重程度")
    return reason


def decide(
    conn: Connection,
    target: int | str,
    action: str,
    reviewer: str,
    reason: str,
    family: str | None = None,
    severity: str | None = None,
    expected_last_decision_id: int | None = None,
) -> DecisionRow:
    """Append a decision; run inside a write transaction so the conflict check and the insert are one."""
    reason = _validate(action, reason, family, severity)
    user = require_decider(conn, reviewer)
    finding = resolve(conn, target, lock=True)
    latest = latest_decision(conn, finding.fingerprint)
    latest_id = latest.id if latest else 0
    if expected_last_decision_id is not None and expected_last_decision_id != latest_id:
        if latest is None:
            raise ConflictError(f"发现 {finding.id} 的结论已变化，请重新载入后再决定", None)
        raise ConflictError(
            f"发现 {finding.id} 在你载入之后已被 {latest.describe()}。请重新载入后再决定。", latest
        )
    kept = latest if latest and latest.action != "dismiss" else None
    values: dict[str, object] = {"family": None, "severity": None, "categories": None}
    if action == "confirm" and kept:
        values = {"family": kept.family, "severity": kept.severity, "categories": _dump(kept.categories)}
    elif action == "amend":
        new_family = family or (kept.family if kept else None)
        categories = kept.categories if kept and not family else None
        if new_family and new_family != finding.family:
            categories = categories_for(new_family, finding.doc_type)
        values = {
            "family": new_family,
            "severity": severity or (kept.severity if kept else None),
            "categories": _dump(categories),
        }
    record = {
        "fingerprint": finding.fingerprint,
        "finding_id": finding.id,
        "action": action,
        "reviewer": user.username,
        "reason": reason,
        "at": now(),
        "supersedes": latest.id if latest else None,
        **values,
    }
    new_id = conn.execute(decisions.insert().values(**record)).inserted_primary_key[0]
    return _decision_row(conn.execute(_select_decisions().where(decisions.c.id == new_id)).one())


def _dump(categories: list[str] | None) -> str | None:
    return json.dumps(categories, ensure_ascii=False) if categories else None
