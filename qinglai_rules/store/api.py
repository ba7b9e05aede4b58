"""``Store``: the one object the pipeline, the desk and the reports use to reach the database.

Each method is one transaction. ``record_document`` in particular writes a document, its clauses,
findings and run entry all-or-nothing.
"""

from __future__ import annotations

from types import TracebackType

from ..model import DocumentResult, RunInfo
from . import decisions as _decisions
from . import documents as _documents
from . import findings as _findings
from . import runs as _runs
from . import stats as _stats
from . import users as _users
from .db import Database, NotFoundError, default_location
from .decisions import DecisionRow
from .documents import ClauseRow, DocumentRow
from .findings import FindingPage, FindingRow
from .migrate import migrate
from .runs import PreviousReview, RunRow
from .stats import RuleStats
from .users import UserRow


def open_store(path: str | None = None, *, create: bool = True, timeout: float = 10.0) -> Store:
    """Open (and create or upgrade) the review store.

    ``path``: a SQLite file, or an SQLAlchemy URL (``postgresql://…``). Default: ``$QINGLAI_DB`` if
    set, else ``qinglai.sqlite`` in the current working directory. ``create=False`` refuses a
    missing file instead of creating it (for commands that only read). ``timeout``: seconds to wait
    for another writer before giving up with a StoreError.
    """
    db = Database(path or default_location(), create=create, timeout=timeout)
    try:
        migrate(db)
    except BaseException:
        db.close()
        raise
    return Store(db)


class Store:
    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def location(self) -> str:
        return self._db.name

    @property
    def database(self) -> Database:
        """The handle other packages use for their own tables (the ledger): ``read()``/``write()``."""
        return self._db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # runs ----------------------------------------------------------------------------------
    def begin_run(self, run_info: RunInfo) -> int:
        with self._db.write() as conn:
            return _runs.begin_run(conn, run_info)

    def record_document(self, run_id: int, result: DocumentResult) -> None:
        with self._db.write() as conn:
            _runs.record_document(conn, run_id, result)

    def finish_run(self, run_id: int, status: str = "finished") -> None:
        with self._db.write() as conn:
            _runs.finish_run(conn, run_id, status)

    def run(self, run_id: int) -> RunRow:
        with self._db.read() as conn:
            return _runs.get_run(conn, run_id)

    def runs(self) -> list[RunRow]:
        with self._db.read() as conn:
            return _runs.list_runs(conn)

    def run_documents(self, run_id: int) -> list[_runs.RunDocumentRow]:
        """Every input recorded in the run, in the order recorded."""
        with self._db.read() as conn:
            return _runs.run_documents_of(conn, run_id)

    def unfinished_run(self) -> RunRow | None:
        with self._db.read() as conn:
            return _runs.unfinished_run(conn)

    def reviewed_in_run(self, run_id: int) -> set[str]:
        with self._db.read() as conn:
            return _runs.reviewed_in_run(conn, run_id)

    def previous_result(self, sha256: str, ruleset_version: str, laws_version: str) -> PreviousReview | None:
        with self._db.read() as conn:
            return _runs.previous_result(conn, sha256, ruleset_version, laws_version)

    def document_summaries(self, document_ids: list[int]) -> dict[int, dict]:
        """Format, type, metadata, clause and page counts of recorded documents (for reports)."""
        with self._db.read() as conn:
            return _documents.document_summaries(conn, document_ids)

    # findings ------------------------------------------------------------------------------
    def findings_of(self, run_id: int, document_ids: list[int]) -> dict[int, list[FindingRow]]:
        """The findings one run recorded for these documents, with their review status."""
        with self._db.read() as conn:
            return _findings.findings_of(conn, run_id, document_ids)

    def list_findings(
        self,
        status: str | None = None,
        family: str | None = None,
        category: str | None = None,
        severity: str | None = None,
        region: str | None = None,
        doc_type: str | None = None,
        run: int | None = None,
        rule: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> FindingPage:
        with self._db.read() as conn:
            return _findings.list_findings(
                conn,
                status=status,
                family=family,
                category=category,
                severity=severity,
                region=region,
                doc_type=doc_type,
                rule=rule,
                run=run,
                limit=limit,
                offset=offset,
            )

    def finding_ids(
        self,
        status: str | None = None,
        family: str | None = None,
        category: str | None = None,
        severity: str | None = None,
        region: str | None = None,
        doc_type: str | None = None,
        run: int | None = None,
        rule: str | None = None,
    ) -> list[int]:
        """The ids ``list_findings`` gives for the same filters, in its order (for next/previous)."""
        with self._db.read() as conn:
            return _findings.finding_ids(
                conn,
                status=status,
                family=family,
                category=category,
                severity=severity,
                region=region,
                doc_type=doc_type,
                rule=rule,
                run=run,
            )

    def facet_counts(
        self,
        status: str | None = None,
        family: str | None = None,
        category: str | None = None,
        severity: str | None = None,
        region: str | None = None,
        doc_type: str | None = None,
        run: int | None = None,
        rule: str | None = None,
    ) -> dict[str, dict[str, int]]:
        """Per filter, the count each of its values would give with the other filters applied."""
        with self._db.read() as conn:
            return _findings.facet_counts(
                conn,
                status=status,
                family=family,
                category=category,
                severity=severity,
                region=region,
                doc_type=doc_type,
                rule=rule,
                run=run,
            )

    def finding(self, finding_id: int) -> FindingRow:
        with self._db.read() as conn:
            row = _findings.get_finding(conn, finding_id)
        if row is None:
            raise NotFoundError(f"没有编号为 {finding_id} 的发现")
        return row

    # documents -----------------------------------------------------------------------------
    def document(self, document_id: int) -> DocumentRow:
        with self._db.read() as conn:
            return _documents.get_document(conn, document_id)

    def clauses(self, document_id: int) -> list[ClauseRow]:
        """The document's stored clauses in reading order, each with its own text."""
        with self._db.read() as conn:
            return _documents.document_clauses(conn, document_id)

    # decisions -----------------------------------------------------------------------------
    def decide(
        self,
        finding: int | str,
        action: str,
        reviewer: str,
        reason: str,
        family: str | None = None,
        severity: str | None = None,
        expected_last_decision_id: int | None = None,
    ) -> DecisionRow:
        """Confirm, dismiss or amend a finding (by id, or by fingerprint).

        ``expected_last_decision_id``: the ``FindingRow.last_decision_id`` the reviewer saw (0 if
        none); when someone decided since, ConflictError. ``None`` skips the check.
        """
        with self._db.write() as conn:
            return _decisions.decide(
                conn, finding, action, reviewer, reason, family, severity, expected_last_decision_id
            )

    def history(self, finding: int | str) -> list[DecisionRow]:
        """All decisions on a fingerprint (or on a finding id's fingerprint), oldest first."""
        with self._db.read() as conn:
            return _decisions.history(conn, finding)

    def rule_stats(self) -> list[RuleStats]:
        with self._db.read() as conn:
            return _stats.rule_stats(conn)

    # users ---------------------------------------------------------------------------------
    def add_user(self, username: str, role: str, password: str, display_name: str | None = None) -> UserRow:
        with self._db.write() as conn:
            return _users.add_user(conn, username, role, password, display_name)

    def user(self, username: str) -> UserRow | None:
        with self._db.read() as conn:
            return _users.get_user(conn, username)

    def users(self) -> list[UserRow]:
        with self._db.read() as conn:
            return _users.list_users(conn)

    def verify_password(self, username: str, password: str) -> bool:
        with self._db.read() as conn:
            matches, upgrade = _users.check_password(conn, username, password)
        if matches and upgrade:
            with self._db.write() as conn:
                _users.rehash_password(conn, username, password)
        return matches
