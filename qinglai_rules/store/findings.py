"""Findings as recorded, with their review status derived from the decisions on their fingerprint.

The *current* worklist is every finding of each document's latest completed review
(``findings.latest``) whose document is not superseded by a newer version. ``run=`` lists one
run's findings instead, current or not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, case, func, select

from ..errors import StoreError
from ..model import Document, Finding
from ..reports.serialize import law_dict, trace_dict
from .decisions import DecisionRow, latest_decision_ids
from .documents import clause_body
from .fingerprint import fingerprint
from .schema import clauses, decisions, documents, findings, users

STATUSES = ("pending", "confirmed", "dismissed")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def insert_findings(
    conn: Connection,
    run_id: int,
    document_id: int,
    document: Document,
    clause_ids: dict[str, int],
    lineage: str,
    found: list[Finding],
) -> None:
    """The document's findings from this review become its latest; earlier ones stay as history."""
    conn.execute(
        findings.update()
        .where(and_(findings.c.document_id == document_id, findings.c.latest.is_(True)))
        .values(latest=False)
    )
    rows = []
    for item in found:
        if item.clause_id not in clause_ids:
            raise StoreError(f"{document.path}: 发现（规则 {item.rule_id}）指向不存在的条款 {item.clause_id}")
        clause = document.clause(item.clause_id)
        start, end = item.evidence
        rows.append(
            {
                "fingerprint": fingerprint(
                    item.rule_id, clause_body(document, clause), clause.label, lineage
                ),
                "run_id": run_id,
                "document_id": document_id,
                "clause_id": clause_ids[item.clause_id],
                "rule_id": item.rule_id,
                "rule_version": item.rule_version,
                "family": item.family,
                "categories": _dumps(list(item.categories)),
                "severity": item.severity,
                "confidence": float(item.confidence),
                "title": item.title,
                "evidence_start": start,
                "evidence_end": end,
                "evidence_text": item.evidence_text,
                "page": document.page_of(start),
                "message": item.message,
                "suggestion": item.suggestion,
                "law": _dumps([law_dict(ref) for ref in item.law]),
                "trace": _dumps([trace_dict(step) for step in item.trace]),
                "latest": True,
            }
        )
    if rows:
        conn.execute(findings.insert(), rows)


@dataclass
class FindingRow:
    """A finding as a reviewer sees it: what the rule found, where, and where review stands."""

    id: int
    fingerprint: str
    run_id: int
    status: str  # pending / confirmed / dismissed
    rule_id: str
    rule_version: str
    family: str  # in force: amended if a reviewer amended it
    severity: str
    categories: list[str]
    confidence: float
    title: str
    message: str
    suggestion: str
    evidence_start: int
    evidence_end: int
    evidence_text: str
    page: int | None
    law: list[dict[str, Any]]
    trace: list[dict[str, Any]]
    found_family: str  # as the rule found it
    found_severity: str
    found_categories: list[str]
    document_id: int
    document_path: str
    document_title: str | None
    doc_number: str | None
    doc_type: str
    region: str | None
    issuer: str | None
    clause_key: str
    clause_label: str
    clause_path: list[str]
    clause_pages: list[int]
    clause_text: str
    last_decision_id: int = 0  # 0: undecided. Pass it back as decide(expected_last_decision_id=…)
    last_decision: DecisionRow | None = None
    clause_kind: str = ""
    clause_body_start: int = 0  # document offset of ``clause_text``

    @property
    def amended(self) -> bool:
        return (self.family, self.severity) != (self.found_family, self.found_severity)

    @property
    def document_label(self) -> str:
        return self.document_title or self.doc_number or self.document_path

    def to_json(self) -> dict[str, Any]:
        """The finding's JSON shape plus where it stands in review."""
        return {
            "id": self.id,
            "fingerprint": self.fingerprint,
            "status": self.status,
            "rule_id": self.rule_id,
            "rule_version": self.rule_version,
            "family": self.family,
            "categories": self.categories,
            "severity": self.severity,
            "confidence": self.confidence,
            "title": self.title,
            "clause": {
                "id": self.clause_key,
                "label": self.clause_label,
                "path": self.clause_path,
                "page": self.page,
                "text": self.clause_text,
            },
            "evidence": {"start": self.evidence_start, "end": self.evidence_end, "text": self.evidence_text},
            "law": self.law,
            "message": self.message,
            "suggestion": self.suggestion,
            "trace": self.trace,
            "found": {
                "family": self.found_family,
                "severity": self.found_severity,
                "categories": self.found_categories,
            },
            "document": {
                "id": self.document_id,
                "path": self.document_path,
                "title": self.document_title,
                "doc_number": self.doc_number,
                "doc_type": self.doc_type,
                "region": self.region,
                "issuer": self.issuer,
            },
            "run_id": self.run_id,
            "decision": self.last_decision.to_json() if self.last_decision else None,
        }


class FindingPage(list):
    """A page of ``FindingRow``s plus ``total`` (all rows matching the filters) and ``by_status``."""

    def __init__(self, rows: list[FindingRow], total: int, by_status: dict[str, int]) -> None:
        super().__init__(rows)
        self.total = total
        self.by_status = by_status


_last = latest_decision_ids()
_dl = decisions.alias("dl")
_reviewer = users.alias("reviewer_user")
_STATUS = case((_dl.c.id.is_(None), "pending"), (_dl.c.action == "dismiss", "dismissed"), else_="confirmed")
_FAMILY = func.coalesce(_dl.c.family, findings.c.family)
_SEVERITY = func.coalesce(_dl.c.severity, findings.c.severity)
_CATEGORIES = func.coalesce(_dl.c.categories, findings.c.categories)
_FROM = (
    findings.join(documents, documents.c.id == findings.c.document_id)
    .join(clauses, clauses.c.id == findings.c.clause_id)
    .outerjoin(_last, _last.c.fingerprint == findings.c.fingerprint)
    .outerjoin(_dl, _dl.c.id == _last.c.decision_id)
    .outerjoin(_reviewer, _reviewer.c.username == _dl.c.reviewer)
)
_COLUMNS = (
    findings,
    _STATUS.label("status"),
    _FAMILY.label("eff_family"),
    _SEVERITY.label("eff_severity"),
    _CATEGORIES.label("eff_categories"),
    documents.c.path.label("document_path"),
    documents.c.title.label("document_title"),
    documents.c.doc_number,
    documents.c.doc_type,
    documents.c.region,
    documents.c.issuer,
    clauses.c.clause_key,
    clauses.c.label.label("clause_label"),
    clauses.c.path.label("clause_path"),
    clauses.c.pages.label("clause_pages"),
    clauses.c.text.label("clause_text"),
    clauses.c.kind.label("clause_kind"),
    clauses.c.body_start.label("clause_body_start"),
    _dl.c.id.label("d_id"),
    _dl.c.finding_id.label("d_finding_id"),
    _dl.c.action.label("d_action"),
    _dl.c.reviewer.label("d_reviewer"),
    _reviewer.c.display_name.label("d_reviewer_name"),
    _dl.c.reason.label("d_reason"),
    _dl.c.at.label("d_at"),
    _dl.c.family.label("d_family"),
    _dl.c.severity.label("d_severity"),
    _dl.c.categories.label("d_categories"),
    _dl.c.supersedes.label("d_supersedes"),
)


def _row(r) -> FindingRow:  # type: ignore[no-untyped-def]
    decision = None
    if r.d_id is not None:
        decision = DecisionRow(
            id=r.d_id,
            fingerprint=r.fingerprint,
            finding_id=r.d_finding_id,
            action=r.d_action,
            reviewer=r.d_reviewer,
            reviewer_name=r.d_reviewer_name or r.d_reviewer,
            reason=r.d_reason,
            at=r.d_at,
            family=r.d_family,
            severity=r.d_severity,
            categories=json.loads(r.d_categories) if r.d_categories else None,
            supersedes=r.d_supersedes,
        )
    return FindingRow(
        id=r.id,
        fingerprint=r.fingerprint,
        run_id=r.run_id,
        status=r.status,
        rule_id=r.rule_id,
        rule_version=r.rule_version,
        family=r.eff_family,
        severity=r.eff_severity,
        categories=json.loads(r.eff_categories),
        confidence=r.confidence,
        title=r.title,
        message=r.message,
        suggestion=r.suggestion,
        evidence_start=r.evidence_start,
        evidence_end=r.evidence_end,
        evidence_text=r.evidence_text,
        page=r.page,
        law=json.loads(r.law),
        trace=json.loads(r.trace),
        found_family=r.family,
        found_severity=r.severity,
        found_categories=json.loads(r.categories),
        document_id=r.document_id,
        document_path=r.document_path,
        document_title=r.document_title,
        doc_number=r.doc_number,
        doc_type=r.doc_type,
        region=r.region,
        issuer=r.issuer,
        clause_key=r.clause_key,
        clause_label=r.clause_label,
        clause_path=json.loads(r.clause_path),
        clause_pages=json.loads(r.clause_pages),
        clause_text=r.clause_text,
        last_decision_id=r.d_id or 0,
        last_decision=decision,
        clause_kind=r.clause_kind,
        clause_body_start=r.clause_body_start,
    )


def current_condition():  # type: ignore[no-untyped-def]
    """The current worklist: latest review of each document that no newer version superseded."""
    return and_(findings.c.latest.is_(True), documents.c.superseded_by.is_(None))


def _conditions(
    *,
    family: str | None = None,
    category: str | None = None,
    severity: str | None = None,
    region: str | None = None,
    doc_type: str | None = None,
    rule: str | None = None,
    run: int | None = None,
) -> list:
    """The WHERE clauses of the filters (all but status); family/severity/category as amended."""
    conditions = [findings.c.run_id == run] if run is not None else [current_condition()]
    if family:
        conditions.append(family == _FAMILY)
    if category:
        conditions.append(_CATEGORIES.like(f'%"{category}"%'))
    if severity:
        conditions.append(severity == _SEVERITY)
    if region:
        conditions.append(documents.c.region == region)
    if doc_type:
        conditions.append(documents.c.doc_type == doc_type)
    if rule:
        conditions.append(findings.c.rule_id == rule)
    return conditions


def _check_status(status: str | None) -> None:
    if status is not None and status not in STATUSES:
        raise StoreError(f"未知的状态 {status!r}：可选 {', '.join(STATUSES)}")


_ORDER = (documents.c.path, documents.c.id, clauses.c.id, findings.c.id)


def list_findings(
    conn: Connection,
    *,
    status: str | None = None,
    family: str | None = None,
    category: str | None = None,
    severity: str | None = None,
    region: str | None = None,
    doc_type: str | None = None,
    rule: str | None = None,
    run: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> FindingPage:
    _check_status(status)
    conditions = _conditions(
        family=family, category=category, severity=severity, region=region, doc_type=doc_type, rule=rule, run=run
    )
    counted = select(_STATUS, func.count()).select_from(_FROM).where(*conditions).group_by(_STATUS)
    by_status = dict.fromkeys(STATUSES, 0)
    by_status.update({name: int(count) for name, count in conn.execute(counted)})
    if status is not None:
        conditions.append(status == _STATUS)
    total = by_status[status] if status else sum(by_status.values())
    query = select(*_COLUMNS).select_from(_FROM).where(*conditions).order_by(*_ORDER).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return FindingPage([_row(r) for r in conn.execute(query)], total, by_status)


def finding_ids(conn: Connection, *, status: str | None = None, **filters: Any) -> list[int]:
    """The ids ``list_findings`` would return with the same filters, in the same order (cheap)."""
    _check_status(status)
    conditions = _conditions(**filters)
    if status is not None:
        conditions.append(status == _STATUS)
    query = select(findings.c.id).select_from(_FROM).where(*conditions).order_by(*_ORDER)
    return [int(value) for value in conn.execute(query).scalars()]


FACETS = ("status", "family", "category", "severity", "region", "doc_type")
_FACET_COLUMNS = {
    "status": _STATUS,
    "family": _FAMILY,
    "category": _CATEGORIES,
    "severity": _SEVERITY,
    "region": documents.c.region,
    "doc_type": documents.c.doc_type,
}


def facet_counts(conn: Connection, *, status: str | None = None, **filters: Any) -> dict[str, dict[str, int]]:
    """For each filter (``FACETS``), how many findings each of its values would give.

    Each facet is counted with every *other* filter applied and its own left out, so the counts say
    what choosing that value would show. Values without a finding are absent (a ``None`` region
    is counted under ``""``). Categories are counted per category, a finding counting once in each.
    """
    _check_status(status)
    chosen = {"status": status, **filters}
    counts: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        others = {key: value for key, value in chosen.items() if key != facet and key != "status"}
        conditions = _conditions(**others)
        if facet != "status" and status is not None:
            conditions.append(status == _STATUS)
        column = _FACET_COLUMNS[facet]
        query = select(column, func.count()).select_from(_FROM).where(*conditions).group_by(column)
        values: dict[str, int] = {}
        for value, count in conn.execute(query):
            if facet == "category":
                for category in json.loads(value):
                    values[category] = values.get(category, 0) + int(count)
            else:
                key = "" if value is None else str(value)
                values[key] = values.get(key, 0) + int(count)
        counts[facet] = values
    return counts


def get_finding(conn: Connection, finding_id: int) -> FindingRow | None:
    record = conn.execute(select(*_COLUMNS).select_from(_FROM).where(findings.c.id == finding_id)).first()
    return _row(record) if record else None


def findings_of(conn: Connection, run_id: int, document_ids: list[int]) -> dict[int, list[FindingRow]]:
    """What one run found in the given documents, per document, in the order recorded.

    For a batch report: the run's own documents, or the earlier run an unchanged document was
    skipped against.
    """
    found: dict[int, list[FindingRow]] = {document_id: [] for document_id in document_ids}
    unique = sorted(set(document_ids))
    for chunk in (unique[i : i + 500] for i in range(0, len(unique), 500)):
        query = (
            select(*_COLUMNS)
            .select_from(_FROM)
            .where(findings.c.run_id == run_id, findings.c.document_id.in_(chunk))
            .order_by(findings.c.document_id, findings.c.id)
        )
        for record in conn.execute(query):
            found[record.document_id].append(_row(record))
    return found
