"""``Ledger``: the campaign ledger on top of the review store (整治督办).

Each method is one transaction on the store's database. Every change names who made it (a user
with role reviewer or admin) and lands in the append-only history; unchanged values write nothing.
Confirmed findings become entries with ``sync()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from ..reading.normalize import normalize
from ..store import Store
from ..store import ledger as db
from ..store.db import now
from ..vocabulary import FAMILY_TITLES
from .commitments import Context, commitments_in_text, government_name
from .fields import BY_NAME, EDITABLE, OVERDUE, parse_value
from .units import unit_kind_for

SYNC_ACTOR = "系统（ledger sync）"
CHINA = dt.timezone(dt.timedelta(hours=8))  # the campaign's dates are Beijing dates


def local_date(timestamp: str) -> dt.date:
    """The Beijing date of an ISO timestamp (the store writes UTC)."""
    moment = dt.datetime.fromisoformat(timestamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(CHINA).date()


@dataclass
class LedgerEntry:
    """An entry as stored, plus what follows from it."""

    row: db.EntryRow

    def __getattr__(self, name: str) -> Any:
        return getattr(self.row, name)

    def effective_status(self, as_of: dt.date | None = None) -> str:
        """逾期 when the deadline has passed (the deadline day itself is still in time) and not 已整改."""
        as_of = as_of or dt.datetime.now(CHINA).date()
        if self.row.status != "已整改" and self.row.deadline and self.row.deadline < as_of.isoformat():
            return OVERDUE
        return self.row.status

    def to_json(self, as_of: dt.date | None = None) -> dict[str, Any]:
        values = {name: getattr(self.row, name) for name in db.ENTRY_COLUMNS}
        return values | {"effective_status": self.effective_status(as_of)}


class LedgerError(StoreError):
    """A value a person gave cannot go into the ledger (unknown status, bad date …)."""


@dataclass
class SyncResult:
    created: list[int] = field(default_factory=list)
    already: int = 0  # confirmed findings already in the ledger


class Ledger:
    def __init__(self, store: Store, clock: Callable[[], str] | None = None) -> None:
        self.store = store
        self._db = store.database
        self.clock = clock or now

    # reading -----------------------------------------------------------------------------------
    def get(self, entry_id: int) -> LedgerEntry:
        with self._db.read() as conn:
            return LedgerEntry(db.get_entry(conn, entry_id))

    def entries(self, list_no: str | None = None, region: str | None = None, department: str | None = None,
                status: str | None = None) -> list[LedgerEntry]:
        with self._db.read() as conn:
            return [LedgerEntry(r) for r in db.list_entries(conn, list_no, region, department, status)]

    def history(self, entry_id: int | None = None, field_name: str | None = None) -> list[db.HistoryRow]:
        with self._db.read() as conn:
            return db.entry_history(conn, entry_id, field_name)

    # writing -----------------------------------------------------------------------------------
    def add(self, values: dict[str, Any], by: str, note: str = "") -> LedgerEntry:
        """A new entry from raw values (as typed: 是/否, 436万, 2020-06-30 …), validated first."""
        parsed = self.parse(values)
        for name in ("unit_kind", "title"):
            if not parsed.get(name):
                raise LedgerError(f"新增台账事项需要{BY_NAME[name].header}（{BY_NAME[name].option}）")
        if parsed.get("status") == OVERDUE:
            raise LedgerError("“逾期”由整改期限推算，不能直接设定；请设定整改期限")
        with self._db.write() as conn:
            who = db.require_ledger_user(conn, by)
            new_id = db.insert_entry(conn, parsed, who, self.clock(), note)
            return LedgerEntry(db.get_entry(conn, new_id))

    def update(self, entry_id: int, values: dict[str, Any], by: str, note: str = "") -> tuple[LedgerEntry, list[str]]:
        """Change fields of an entry; returns it and the fields that really changed (history written)."""
        parsed = self.parse(values)
        with self._db.write() as conn:
            who = db.require_ledger_user(conn, by)
            current = db.get_entry(conn, entry_id)
            parsed = resolve_overdue(parsed, current)
            if "status" in parsed and parsed["status"] is None:
                raise LedgerError("整改状态不能为空")
            changed = db.update_entry(conn, entry_id, parsed, who, self.clock(), note)
            return LedgerEntry(db.get_entry(conn, entry_id)), changed

    @staticmethod
    def parse(values: dict[str, Any]) -> dict[str, Any]:
        parsed: dict[str, Any] = {}
        for name, raw in values.items():
            spec = BY_NAME.get(name)
            if spec is None or spec not in EDITABLE:
                raise LedgerError(f"台账没有可修改的字段 {name!r}")
            try:
                parsed[name] = parse_value(spec, raw)
            except ValueError as error:
                raise LedgerError(f"{spec.header}：{error}") from error
        return parsed

    def sync(self, by: str | None = None) -> SyncResult:
        """Confirmed (or amended) findings not yet in the ledger become entries (status 未整改)."""
        result = SyncResult()
        with self._db.write() as conn:
            who = db.require_ledger_user(conn, by) if by else SYNC_ACTOR
            known = db.ledger_fingerprints(conn)
            at = self.clock()
            for finding in db.confirmed_findings(conn):
                if finding.fingerprint in known:
                    result.already += 1
                    continue
                values = entry_from_finding(finding)
                result.created.append(db.insert_entry(conn, values, who, at, f"同步自已确认的发现 {finding.id}"))
                known.add(finding.fingerprint)
        return result


def resolve_overdue(parsed: dict[str, Any], current: db.EntryRow) -> dict[str, Any]:
    """“逾期” as a status means “unchanged” (it is what the exported list shows); it cannot undo 已整改."""
    if parsed.get("status") != OVERDUE:
        return parsed
    if current.status == "已整改":
        raise LedgerError(f"事项 {current.id} 已整改，不能标为“逾期”；“逾期”由整改期限推算")
    return {k: v for k, v in parsed.items() if k != "status"}


def entry_from_finding(finding: db.ConfirmedFinding) -> dict[str, Any]:
    """The ledger entry for a confirmed finding; amount and market entity from the commitment on its
    clause, when the clause holds one."""
    ctx = Context.from_metadata(finding.metadata, finding.document_path)
    commitments = commitments_in_text(finding.clause_text, ctx, finding.clause_label)
    commitment = next((c for c in commitments if c.amount is not None), commitments[0] if commitments else None)
    market_entity = commitment.promisee if commitment else (ctx.firm_party() if ctx.doc_type == "contract" else None)
    laws = []
    for law in finding.law:
        text = f"《{law.get('title', '')}》{law.get('label', '')}"
        if text not in laws:
            laws.append(text)
    department = finding.department or (finding.issuer if finding.issuer_level == "department" else None)
    responsible = (ctx.government_party() if ctx.doc_type == "contract" else None) or finding.issuer
    responsible = government_name(normalize(responsible), ctx) if responsible else None
    market_entity = normalize(market_entity) if market_entity else None
    return {
        "region": finding.region,
        "department": normalize(department) if department else None,
        "unit_kind": unit_kind_for(responsible or finding.issuer, finding.issuer_level, finding.region),
        "title": finding.title or FAMILY_TITLES.get(finding.family, finding.family),
        "doc_title": finding.document_title,
        "doc_number": finding.doc_number,
        "clause": " › ".join(finding.clause_path) or finding.clause_label,
        "page": finding.page,
        "content": finding.clause_text.strip(),
        "category": parse_value(BY_NAME["category"], ",".join(finding.categories)) if finding.categories else None,
        "family": finding.family,
        "legal_basis": "；".join(laws) or None,
        "amount": commitment.amount if commitment else None,
        "market_entity": market_entity,
        "responsible_unit": responsible,
        "status": "未整改",
        "finding_fingerprint": finding.fingerprint,
        "finding_id": finding.id,
    }
