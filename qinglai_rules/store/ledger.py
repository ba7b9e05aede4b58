"""The campaign ledger in the database: entries of the 附件1/2/3 lists and their append-only history.

Connection-level functions, each run inside the caller's transaction (``Database.read()/write()``),
like the other modules of the store. Values arrive already validated (``ledger.fields``); this
module only stores them, derives the list from the unit kind, and writes one history row per
created value and per changed field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Connection, and_, select

from .db import NotAllowedError, NotFoundError
from .decisions import latest_decision_ids
from .findings import current_condition
from .schema import clauses, decisions, documents, findings, ledger_entries, ledger_history, users

LEDGER_ROLES = ("reviewer", "admin")
LIST_OF_UNIT_KIND = {"地市": "附件1", "县区": "附件1", "地方部门": "附件1", "中省直": "附件2", "垂直管理": "附件3"}
ENTRY_FIELDS = (
    "region", "department", "unit_kind", "title", "doc_title", "doc_number", "clause", "page", "content",
    "category", "family", "legal_basis", "amount", "market_entity", "arrears_scope", "arrears_progress",
    "handling_opinion", "written_agreement", "budget_line", "deadline", "responsible_unit", "status",
    "finding_fingerprint", "finding_id",
)


_ORDER = {name: index for index, name in enumerate(ENTRY_FIELDS)}


@dataclass
class EntryRow:
    id: int
    list_no: str
    region: str | None
    department: str | None
    unit_kind: str
    title: str
    doc_title: str | None
    doc_number: str | None
    clause: str | None
    page: int | None
    content: str
    category: str | None
    family: str | None
    legal_basis: str | None
    amount: float | None
    market_entity: str | None
    arrears_scope: bool | None
    arrears_progress: str | None
    handling_opinion: str | None
    written_agreement: str | None
    budget_line: str | None
    deadline: str | None
    responsible_unit: str | None
    status: str
    finding_fingerprint: str | None
    finding_id: int | None
    created_by: str
    created_at: str
    updated_at: str


@dataclass
class HistoryRow:
    id: int
    entry_id: int
    field: str
    old_value: str | None
    new_value: str | None
    changed_by: str
    changed_at: str
    note: str


ENTRY_COLUMNS = [f.name for f in fields(EntryRow)]


def _entry(record: Any) -> EntryRow:
    values = {name: getattr(record, name) for name in ENTRY_COLUMNS}
    if values["arrears_scope"] is not None:
        values["arrears_scope"] = bool(values["arrears_scope"])
    return EntryRow(**values)


def _history(record: Any) -> HistoryRow:
    return HistoryRow(record.id, record.entry_id, record.field, record.old_value, record.new_value,
                      record.changed_by, record.changed_at, record.note)


def history_text(value: Any) -> str | None:
    """How a value is written into the history: text, 是/否 for booleans, integers without ``.0``."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def require_ledger_user(conn: Connection, username: str) -> str:
    """The user name, if the user may change the ledger (role reviewer or admin)."""
    name = (username or "").strip()
    record = conn.execute(select(users.c.username, users.c.role).where(users.c.username == name)).first()
    if record is None:
        raise NotAllowedError(f"没有用户 {name!r}：台账的每项改动都要记下经办人，请先用 `qinglai users add` 添加")
    if record.role not in LEDGER_ROLES:
        raise NotAllowedError(f"用户 {name}（角色 {record.role}）无权修改台账：只有 reviewer 或 admin 可以")
    return name


def insert_entry(conn: Connection, values: dict[str, Any], by: str, at: str, note: str = "") -> int:
    """A new entry; every value it is created with goes into the history (old value empty)."""
    row = {name: values.get(name) for name in ENTRY_FIELDS}
    row["status"] = row["status"] or "未整改"
    row["content"] = row["content"] or ""
    row["list_no"] = LIST_OF_UNIT_KIND[row["unit_kind"]]
    new_id = conn.execute(
        ledger_entries.insert().values(**row, created_by=by, created_at=at, updated_at=at)
    ).inserted_primary_key[0]
    history = [
        {"entry_id": new_id, "field": name, "old_value": None, "new_value": history_text(row[name]),
         "changed_by": by, "changed_at": at, "note": note or "新建"}
        for name in ("status", *[n for n in ENTRY_FIELDS if n != "status"])
        if history_text(row[name]) is not None
    ]
    conn.execute(ledger_history.insert(), history)
    return int(new_id)


def update_entry(conn: Connection, entry_id: int, changes: dict[str, Any], by: str, at: str,
                 note: str = "") -> list[str]:
    """Apply the fields that really change; one history row each. Returns the changed field names."""
    current = get_entry(conn, entry_id)
    changed: dict[str, Any] = {}
    for name, value in sorted(changes.items(), key=lambda item: _ORDER.get(item[0], len(_ORDER))):
        if name not in ENTRY_FIELDS:
            raise KeyError(name)
        if history_text(getattr(current, name)) != history_text(value):
            changed[name] = value
    if not changed:
        return []
    if "unit_kind" in changed:
        changed["list_no"] = LIST_OF_UNIT_KIND[changed["unit_kind"]]
    conn.execute(ledger_entries.update().where(ledger_entries.c.id == entry_id).values(**changed, updated_at=at))
    rows = [
        {"entry_id": entry_id, "field": name, "old_value": history_text(getattr(current, name)),
         "new_value": history_text(value), "changed_by": by, "changed_at": at, "note": note}
        for name, value in changed.items() if name != "list_no"
    ]
    conn.execute(ledger_history.insert(), rows)
    return [row["field"] for row in rows]


def get_entry(conn: Connection, entry_id: int) -> EntryRow:
    record = conn.execute(select(ledger_entries).where(ledger_entries.c.id == entry_id)).first()
    if record is None:
        raise NotFoundError(f"台账中没有编号为 {entry_id} 的事项")
    return _entry(record)


def list_entries(conn: Connection, list_no: str | None = None, region: str | None = None,
                 department: str | None = None, status: str | None = None) -> list[EntryRow]:
    conditions = []
    if list_no:
        conditions.append(ledger_entries.c.list_no == list_no)
    if region:
        conditions.append(ledger_entries.c.region == region)
    if department:
        conditions.append(ledger_entries.c.department == department)
    if status:
        conditions.append(ledger_entries.c.status == status)
    query = select(ledger_entries).where(*conditions).order_by(ledger_entries.c.list_no, ledger_entries.c.id)
    return [_entry(r) for r in conn.execute(query)]


def entry_history(conn: Connection, entry_id: int | None = None, field: str | None = None) -> list[HistoryRow]:
    conditions = []
    if entry_id is not None:
        conditions.append(ledger_history.c.entry_id == entry_id)
    if field is not None:
        conditions.append(ledger_history.c.field == field)
    query = select(ledger_history).where(*conditions).order_by(ledger_history.c.id)
    return [_history(r) for r in conn.execute(query)]


def ledger_fingerprints(conn: Connection) -> set[str]:
    query = select(ledger_entries.c.finding_fingerprint).where(ledger_entries.c.finding_fingerprint.is_not(None))
    return {r[0] for r in conn.execute(query)}


@dataclass
class ConfirmedFinding:
    """A confirmed (or amended) finding of the current worklist, with what a ledger entry needs."""

    id: int
    fingerprint: str
    family: str
    categories: list[str]
    title: str
    message: str
    evidence_text: str
    law: list[dict[str, Any]]
    page: int | None
    document_path: str
    document_title: str | None
    doc_number: str | None
    doc_type: str
    region: str | None
    department: str | None
    issuer: str | None
    issuer_level: str | None
    metadata: dict[str, Any]
    clause_label: str
    clause_path: list[str]
    clause_text: str


def confirmed_findings(conn: Connection) -> list[ConfirmedFinding]:
    """Current findings whose latest decision confirms (or amends) them, oldest document first."""
    last = latest_decision_ids()
    query = (
        select(
            findings.c.id, findings.c.fingerprint, findings.c.family, findings.c.categories, findings.c.title,
            findings.c.message, findings.c.evidence_text, findings.c.law, findings.c.page,
            decisions.c.family.label("d_family"), decisions.c.categories.label("d_categories"),
            documents.c.path, documents.c.title.label("doc_title"), documents.c.doc_number,
            documents.c.doc_type, documents.c.region, documents.c.department, documents.c.issuer,
            documents.c.issuer_level, documents.c.metadata, clauses.c.label, clauses.c.path.label("clause_path"),
            clauses.c.text,
        )
        .select_from(
            findings.join(documents, documents.c.id == findings.c.document_id)
            .join(clauses, clauses.c.id == findings.c.clause_id)
            .join(last, last.c.fingerprint == findings.c.fingerprint)
            .join(decisions, decisions.c.id == last.c.decision_id)
        )
        .where(and_(current_condition(), decisions.c.action.in_(("confirm", "amend"))))
        .order_by(documents.c.id, clauses.c.id, findings.c.id)
    )
    out = []
    for r in conn.execute(query):
        out.append(ConfirmedFinding(
            id=r.id, fingerprint=r.fingerprint, family=r.d_family or r.family,
            categories=json.loads(r.d_categories or r.categories), title=r.title, message=r.message,
            evidence_text=r.evidence_text, law=json.loads(r.law), page=r.page, document_path=r.path,
            document_title=r.doc_title, doc_number=r.doc_number, doc_type=r.doc_type, region=r.region,
            department=r.department, issuer=r.issuer, issuer_level=r.issuer_level,
            metadata=json.loads(r.metadata or "{}"), clause_label=r.label,
            clause_path=json.loads(r.clause_path), clause_text=r.text,
        ))
    return out
