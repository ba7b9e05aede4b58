"""Review runs and what each input produced.

Every input of a run gets a ``run_documents`` row (ok, error or skipped), written together with the
document, its clauses and its findings in ONE transaction: a crash mid-run leaves whole documents
only, and the run stays ``running`` so the next start can find it (``unfinished_run``) and resume
with the inputs not yet in ``reviewed_in_run``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, select

from ..errors import StoreError
from ..model import DocumentResult, RunInfo
from .db import NotFoundError, now
from .documents import document_lineage, supersede_others, touch_document, upsert_clauses, upsert_document
from .findings import insert_findings
from .schema import RESULT_STATUSES, documents, run_documents, runs


@dataclass
class RunRow:
    id: int
    status: str
    started_at: str
    finished_at: str | None
    user: str
    ruleset_version: str
    laws_version: str
    tool_version: str
    as_of: str | None
    inputs_count: int
    inputs: list[str] = field(default_factory=list)


@dataclass
class PreviousReview:
    """The latest completed review of the same content with the same rules and laws."""

    run_id: int
    document_id: int
    path: str
    recorded_at: str
    findings_count: int

    @property
    def skip_reason(self) -> str:
        return f"unchanged since run {self.run_id}"


@dataclass
class RunDocumentRow:
    """What one input of a run produced."""

    path: str
    status: str  # ok / error / skipped
    document_id: int | None
    sha256: str | None
    error: str | None
    error_code: str | None
    skip_reason: str | None
    seconds: float
    findings_count: int
    recorded_at: str


def _run_row(r) -> RunRow:  # type: ignore[no-untyped-def]
    return RunRow(
        id=r.id,
        status=r.status,
        started_at=r.started_at,
        finished_at=r.finished_at,
        user=r.user_name,
        ruleset_version=r.ruleset_version,
        laws_version=r.laws_version,
        tool_version=r.tool_version,
        as_of=r.as_of,
        inputs_count=r.inputs_count,
        inputs=json.loads(r.inputs),
    )


def begin_run(conn: Connection, info: RunInfo) -> int:
    result = conn.execute(
        runs.insert().values(
            started_at=info.started_at or now(),
            status="running",
            user_name=info.user,
            ruleset_version=info.ruleset_version,
            laws_version=info.laws_version,
            tool_version=info.tool_version,
            as_of=info.as_of,
            inputs_count=len(info.inputs),
            inputs=json.dumps(list(info.inputs), ensure_ascii=False),
        )
    )
    return int(result.inserted_primary_key[0])


def get_run(conn: Connection, run_id: int) -> RunRow:
    record = conn.execute(select(runs).where(runs.c.id == run_id)).first()
    if record is None:
        raise NotFoundError(f"没有编号为 {run_id} 的运行")
    return _run_row(record)


def list_runs(conn: Connection) -> list[RunRow]:
    return [_run_row(r) for r in conn.execute(select(runs).order_by(runs.c.id.desc()))]


def finish_run(conn: Connection, run_id: int, status: str) -> None:
    if status not in ("finished", "interrupted"):
        raise StoreError(f"运行只能以 finished 或 interrupted 结束，而不是 {status!r}")
    run = get_run(conn, run_id)
    if run.status != "running":
        raise StoreError(f"运行 {run_id} 已经结束（{run.status}）")
    conn.execute(runs.update().where(runs.c.id == run_id).values(status=status, finished_at=now()))


def unfinished_run(conn: Connection) -> RunRow | None:
    """The latest run still marked running: crashed (or still going in another process)."""
    record = conn.execute(
        select(runs).where(runs.c.status == "running").order_by(runs.c.id.desc()).limit(1)
    ).first()
    return _run_row(record) if record else None


def reviewed_in_run(conn: Connection, run_id: int) -> set[str]:
    get_run(conn, run_id)
    return set(conn.execute(select(run_documents.c.path).where(run_documents.c.run_id == run_id)).scalars())


def run_documents_of(conn: Connection, run_id: int) -> list[RunDocumentRow]:
    get_run(conn, run_id)
    query = (
        select(
            run_documents.c.path,
            run_documents.c.status,
            run_documents.c.document_id,
            run_documents.c.sha256,
            run_documents.c.error,
            run_documents.c.error_code,
            run_documents.c.skip_reason,
            run_documents.c.seconds,
            run_documents.c.findings_count,
            run_documents.c.recorded_at,
        )
        .where(run_documents.c.run_id == run_id)
        .order_by(run_documents.c.id)
    )
    return [RunDocumentRow(*record) for record in conn.execute(query)]


def previous_result(
    conn: Connection, sha256: str, ruleset_version: str, laws_version: str
) -> PreviousReview | None:
    query = (
        select(
            run_documents.c.run_id,
            run_documents.c.document_id,
            run_documents.c.path,
            run_documents.c.recorded_at,
            run_documents.c.findings_count,
        )
        .join(runs, runs.c.id == run_documents.c.run_id)
        .join(documents, documents.c.id == run_documents.c.document_id)
        .where(
            and_(
                documents.c.sha256 == sha256,
                run_documents.c.status == "ok",
                runs.c.ruleset_version == ruleset_version,
                runs.c.laws_version == laws_version,
            )
        )
        .order_by(run_documents.c.id.desc())
        .limit(1)
    )
    record = conn.execute(query).first()
    return PreviousReview(*record) if record else None


def record_document(conn: Connection, run_id: int, result: DocumentResult) -> None:
    """Record one input's outcome; the caller's transaction makes it all-or-nothing."""
    run = get_run(conn, run_id)
    if run.status != "running":
        raise StoreError(f"运行 {run_id} 已经结束（{run.status}），不能再记录 {result.path}")
    if result.status not in RESULT_STATUSES:
        raise StoreError(f"{result.path}: 未知的结果状态 {result.status!r}")
    already = conn.execute(
        select(run_documents.c.id).where(
            and_(run_documents.c.run_id == run_id, run_documents.c.path == result.path)
        )
    ).first()
    if already:
        raise StoreError(f"{result.path}: 已在运行 {run_id} 中记录过")
    document = result.document
    sha256 = result.sha256 or (document.sha256 if document else None)
    document_id: int | None = None
    count = 0
    if result.status == "ok":
        if document is None or not sha256:
            raise StoreError(f"{result.path}: 结果为 ok 却没有文档内容，无法记录")
        document_id = upsert_document(conn, run_id, result.path, document, sha256)
        clause_ids = upsert_clauses(conn, document_id, document)
        insert_findings(
            conn, run_id, document_id, document, clause_ids, document_lineage(document), result.findings
        )
        count = len(result.findings)
    elif result.status == "skipped" and sha256:
        document_id = touch_document(conn, run_id, result.path, sha256)
    if document_id is not None:
        supersede_others(conn, document_id, run_id)
    conn.execute(
        run_documents.insert().values(
            run_id=run_id,
            path=result.path,
            document_id=document_id,
            sha256=sha256,
            status=result.status,
            error=result.error,
            error_code=result.error_code,
            skip_reason=result.skip_reason,
            seconds=float(result.seconds or 0.0),
            findings_count=count,
            recorded_at=now(),
        )
    )
