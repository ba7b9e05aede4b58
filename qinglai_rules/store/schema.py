"""The tables of the review store (SQLAlchemy Core; portable SQL, no SQLite-only types).

JSON values are stored as text (``json.dumps``), timestamps as ISO strings. Two columns are
derived state kept up to date when a document is recorded: ``findings.latest`` (the finding
belongs to its document's most recent completed review) and ``documents.superseded_by`` (a later
run saw a newer version at the same path or with the same 文号). A finding's review status is
never stored: it is the latest row in ``decisions`` for its fingerprint, and decisions are
append-only (see ``migrate.py`` for the triggers that enforce it on SQLite).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

RUN_STATUSES = ("running", "finished", "interrupted")
RESULT_STATUSES = ("ok", "error", "skipped")
ACTIONS = ("confirm", "dismiss", "amend")
ROLES = ("reviewer", "rule_author", "admin")


def _one_of(table: str, column: str, values: tuple[str, ...]) -> CheckConstraint:
    quoted = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=f"ck_{table}_{column}")


schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", String(40), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    _one_of("users", "role", ROLES),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("status", String(20), nullable=False),
    Column("user_name", Text, nullable=False),
    Column("ruleset_version", Text, nullable=False),
    Column("laws_version", Text, nullable=False),
    Column("tool_version", Text, nullable=False, default=""),
    Column("as_of", String(40)),
    Column("inputs_count", Integer, nullable=False, default=0),
    Column("inputs", Text, nullable=False, default="[]"),  # JSON list of paths, for resuming
    _one_of("runs", "status", RUN_STATUSES),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("format", String(20)),
    Column("title", Text),
    Column("doc_number", Text),
    Column("issuer", Text),
    Column("issuer_level", String(20)),
    Column("region", Text),
    Column("department", Text),
    Column("doc_type", String(20), nullable=False, default="other"),
    Column("date", String(20)),
    Column("lineage", Text, nullable=False),
    Column("metadata", Text, nullable=False, default="{}"),  # JSON of model.Metadata
    Column("first_run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("last_run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("superseded_by", Integer, ForeignKey("documents.id")),
    Index("ix_documents_lineage", "lineage"),
    Index("ix_documents_path", "path"),
)

run_documents = Table(
    "run_documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("path", Text, nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id")),
    Column("sha256", String(64)),
    Column("status", String(20), nullable=False),
    Column("error", Text),
    Column("error_code", String(40)),
    Column("skip_reason", Text),
    Column("seconds", Float, nullable=False, default=0.0),
    Column("findings_count", Integer, nullable=False, default=0),
    Column("recorded_at", String(40), nullable=False),
    UniqueConstraint("run_id", "path", name="uq_run_documents_run_path"),
    Index("ix_run_documents_document", "document_id"),
    _one_of("run_documents", "status", RESULT_STATUSES),
)

clauses = Table(
    "clauses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("clause_key", String(200), nullable=False),  # Clause.id, stable within the document
    Column("kind", String(20), nullable=False),
    Column("label", Text, nullable=False),
    Column("path", Text, nullable=False),  # JSON list of labels
    Column("heading", Text),
    Column("pages", Text, nullable=False),  # JSON list of page numbers
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("body_start", Integer, nullable=False),
    Column("body_end", Integer, nullable=False),
    Column("text", Text, nullable=False),  # the clause's own text (body), document characters
    Column("text_hash", String(64), nullable=False),  # sha256 of the normalised text, label stripped
    UniqueConstraint("document_id", "clause_key", name="uq_clauses_document_key"),
)

findings = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("clause_id", Integer, ForeignKey("clauses.id"), nullable=False),
    Column("rule_id", String(200), nullable=False),
    Column("rule_version", String(100), nullable=False),
    Column("family", String(50), nullable=False),
    Column("categories", Text, nullable=False),  # JSON list, e.g. ["LC", "C5"]
    Column("severity", String(20), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("page", Integer),  # the page of the evidence
    Column("message", Text, nullable=False),
    Column("suggestion", Text, nullable=False),
    Column("law", Text, nullable=False),  # JSON list of {id,title,article,label,paragraph,item,text,version}
    Column("trace", Text, nullable=False),  # JSON list of trace steps
    Column("latest", Boolean, nullable=False, default=True),
    Index("ix_findings_fingerprint", "fingerprint"),
    Index("ix_findings_document_latest", "document_id", "latest"),
    Index("ix_findings_run", "run_id"),
    Index("ix_findings_rule", "rule_id"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("finding_id", Integer, ForeignKey("findings.id")),  # the occurrence the reviewer looked at
    Column("action", String(20), nullable=False),
    Column("reviewer", String(100), ForeignKey("users.username"), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(40), nullable=False),
    # The family/severity/categories in force after this decision (null: the rule's own).
    Column("family", String(50)),
    Column("severity", String(20)),
    Column("categories", Text),
    Column("supersedes", Integer, ForeignKey("decisions.id")),
    _one_of("decisions", "action", ACTIONS),
    CheckConstraint("trim(reason) <> ''", name="ck_decisions_reason_given"),
    CheckConstraint(
        "action <> 'amend' OR family IS NOT NULL OR severity IS NOT NULL", name="ck_decisions_amend_changes"
    ),
    Index("ix_decisions_fingerprint", "fingerprint", "id"),
    sqlite_autoincrement=True,  # ids never reused: the latest decision is the highest id
)

# --- the campaign ledger (schema version 2) ------------------------------------------------------
# One row per item of the 附件1/2/3 lists. The list follows from the unit kind (a CHECK keeps them
# consistent): regional governments and their departments → 附件1, central and provincial
# departments in the province → 附件2, vertically managed departments → 附件3. The stored status is
# 未整改/整改中/已整改; 逾期 is derived (deadline passed, not 已整改) and never stored.
LEDGER_STATUSES = ("未整改", "整改中", "已整改")
LEDGER_LISTS = ("附件1", "附件2", "附件3")
UNIT_KINDS = ("地市", "县区", "地方部门", "中省直", "垂直管理")

ledger_entries = Table(
    "ledger_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("list_no", String(10), nullable=False),
    Column("region", Text),
    Column("department", Text),
    Column("unit_kind", String(20), nullable=False),
    Column("title", Text, nullable=False),
    Column("doc_title", Text),
    Column("doc_number", Text),
    Column("clause", Text),  # clause location, e.g. 第六条 › （一）
    Column("page", Integer),
    Column("content", Text, nullable=False, default=""),
    Column("category", String(40)),  # C1..C6 / LC, comma-separated (LC,C5)
    Column("family", String(50)),
    Column("legal_basis", Text),
    Column("amount", Float),  # 元
    Column("market_entity", Text),
    Column("arrears_scope", Boolean),  # 纳入拖欠民营企业中小企业账款清理范围; null: not yet determined
    Column("arrears_progress", Text),  # 完成情况 of the arrears clearing
    Column("handling_opinion", Text),
    Column("written_agreement", Text),
    Column("budget_line", Text),
    Column("deadline", String(20)),  # ISO date
    Column("responsible_unit", Text),
    Column("status", String(20), nullable=False, default="未整改"),
    Column("finding_fingerprint", String(64)),
    Column("finding_id", Integer, ForeignKey("findings.id")),
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    _one_of("ledger_entries", "status", LEDGER_STATUSES),
    _one_of("ledger_entries", "unit_kind", UNIT_KINDS),
    CheckConstraint(
        "(list_no = '附件1' AND unit_kind IN ('地市', '县区', '地方部门'))"
        " OR (list_no = '附件2' AND unit_kind = '中省直')"
        " OR (list_no = '附件3' AND unit_kind = '垂直管理')",
        name="ck_ledger_entries_list_matches_unit_kind",
    ),
    CheckConstraint("trim(title) <> ''", name="ck_ledger_entries_title_given"),
    Index("ux_ledger_entries_fingerprint", "finding_fingerprint", unique=True),  # NULLs may repeat
    Index("ix_ledger_entries_list", "list_no", "id"),
    sqlite_autoincrement=True,
)

# Append-only (triggers in migrate.py): every created value and every change, with who and when.
ledger_history = Table(
    "ledger_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("ledger_entries.id"), nullable=False),
    Column("field", String(40), nullable=False),
    Column("old_value", Text),
    Column("new_value", Text),
    Column("changed_by", String(100), nullable=False),
    Column("changed_at", String(40), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Index("ix_ledger_history_entry", "entry_id", "id"),
    Index("ix_ledger_history_field", "field", "changed_at"),
    sqlite_autoincrement=True,
)
