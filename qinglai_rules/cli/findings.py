"""``qinglai findings``: list, show and decide on findings in the review store."""

from __future__ import annotations

import json

import click
from rich.markup import escape
from rich.table import Table

from ..store import FAMILIES, SEVERITIES, STATUSES, FindingRow
from . import main
from .store_access import console, db_option, excerpt, store_for

STATUS_WORDS = {"pending": "待审", "confirmed": "已确认", "dismissed": "已驳回"}
DONE_WORDS = {"confirm": "已确认", "dismiss": "已驳回", "amend": "已修改并确认"}


@main.group("findings")
def findings() -> None:
    """Findings in the review store: list, show, confirm, dismiss, amend (审查结论)."""


@findings.command("list")
@db_option
@click.option("--status", type=click.Choice(STATUSES), help="Only findings with this review status.")
@click.option("--family", help="Finding family, e.g. tax-rebate (as amended, if amended).")
@click.option("--category", help="Category: C1..C6 or LC.")
@click.option("--severity", type=click.Choice(SEVERITIES))
@click.option("--region", help="Region of the document (地区).")
@click.option("--doc-type", help="policy / contract / minutes / judgment / other.")
@click.option("--rule", help="Rule id.")
@click.option("--run", "run_id", type=int, help="Findings of this run (default: the current worklist).")
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many rows (0: all).")
@click.option("--offset", type=int, default=0, help="Skip this many rows (paging).")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def list_command(
    db_path: str | None,
    status: str | None,
    family: str | None,
    category: str | None,
    severity: str | None,
    region: str | None,
    doc_type: str | None,
    rule: str | None,
    run_id: int | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """List findings: the current worklist, or one run's findings."""
    with store_for(db_path) as store:
        page = store.list_findings(
            status=status,
            family=family,
            category=category,
            severity=severity,
            region=region,
            doc_type=doc_type,
            rule=rule,
            run=run_id,
            limit=limit or None,
            offset=offset,
        )
    if as_json:
        payload = {"total": page.total, "by_status": page.by_status, "findings": [r.to_json() for r in page]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(show_lines=False)
    for column in ("id", "status", "family", "severity"):
        table.add_column(column, no_wrap=True)
    for column in ("document", "clause", "evidence"):
        table.add_column(column, overflow="fold")
    for row in page:
        table.add_row(
            str(row.id),
            STATUS_WORDS[row.status],
            escape(row.family + (" *" if row.amended else "")),
            row.severity,
            escape(excerpt(row.document_label, 30)),
            escape(row.clause_label),
            escape(excerpt(row.evidence_text)),
        )
    out = console()
    out.print(table)
    counts = "，".join(f"{STATUS_WORDS[s]} {page.by_status[s]}" for s in STATUSES)
    shown = f"第 {offset + 1}–{offset + len(page)} 条，" if len(page) < page.total else ""
    out.print(f"{shown}共 {page.total} 条（{counts}）", markup=False)


def _show(row: FindingRow, history: list) -> None:
    out = console()
    out.print(
        f"[bold]发现 {row.id}[/bold]  {STATUS_WORDS[row.status]}  {escape(row.family)} / {row.severity}"
    )
    if row.amended:
        out.print(f"  规则原判：{row.found_family} / {row.found_severity}", markup=False)
    out.print(
        f"规则：{row.rule_id} v{row.rule_version}  置信度 {row.confidence:.2f}  {row.title}", markup=False
    )
    out.print(f"文件：{row.document_label}  {row.doc_number or ''}  ({row.document_path})", markup=False)
    out.print(f"条款：{' › '.join(row.clause_path) or row.clause_label}  第 {row.page} 页", markup=False)
    out.print(f"条款原文：{row.clause_text}", markup=False)
    out.print(f"证据：{row.evidence_text}", markup=False)
    out.print(f"说明：{row.message}", markup=False)
    if row.suggestion:
        out.print(f"建议：{row.suggestion}", markup=False)
    for law in row.law:
        out.print(f"依据：《{law['title']}》{law['label']} {law['text']}", markup=False)
    out.print(f"指纹：{row.fingerprint}", markup=False)
    if history:
        out.print("审查记录：")
        for decision in history:
            out.print(f"  #{decision.id} {decision.describe()}", markup=False)
    out.print(
        f"最新结论编号：{row.last_decision_id}（决定时可用 --expect {row.last_decision_id} 防止覆盖他人结论）"
    )


@findings.command("show")
@click.argument("finding_id", type=int)
@db_option
@click.option("--json", "as_json", is_flag=True)
def show_command(finding_id: int, db_path: str | None, as_json: bool) -> None:
    """Show one finding with its clause, legal basis and review history."""
    with store_for(db_path) as store:
        row = store.finding(finding_id)
        history = store.history(row.fingerprint)
    if as_json:
        payload = row.to_json() | {"history": [d.to_json() for d in history]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _show(row, history)


def _decide(
    db_path: str | None,
    finding_id: int,
    action: str,
    reviewer: str,
    reason: str,
    expect: int | None,
    family: str | None = None,
    severity: str | None = None,
) -> None:
    with store_for(db_path) as store:
        decision = store.decide(
            finding_id,
            action,
            reviewer,
            reason,
            family=family,
            severity=severity,
            expected_last_decision_id=expect,
        )
    amended = f"：{decision.family or ''} {decision.severity or ''}".rstrip() if action == "amend" else ""
    click.echo(
        f"发现 {finding_id} {DONE_WORDS[action]}{amended}（{decision.reviewer_name}，结论 #{decision.id}）"
    )


def _decision_options(command):  # type: ignore[no-untyped-def]
    command = click.option(
        "--expect",
        type=int,
        default=None,
        help="The latest decision number you saw (0: none); refuse if someone decided since.",
    )(command)
    command = click.option("--reviewer", required=True, help="Your user name (role reviewer or admin).")(
        command
    )
    command = click.option("--reason", required=True, help="Why (required, kept in the record).")(command)
    command = db_option(command)
    return click.argument("finding_id", type=int)(command)


@findings.command("confirm")
@_decision_options
def confirm_command(
    finding_id: int, db_path: str | None, reason: str, reviewer: str, expect: int | None
) -> None:
    """Confirm a finding (确认): the clause does have this problem."""
    _decide(db_path, finding_id, "confirm", reviewer, reason, expect)


@findings.command("dismiss")
@_decision_options
def dismiss_command(
    finding_id: int, db_path: str | None, reason: str, reviewer: str, expect: int | None
) -> None:
    """Dismiss a finding (驳回): the machine was wrong here."""
    _decide(db_path, finding_id, "dismiss", reviewer, reason, expect)


@findings.command("amend")
@_decision_options
@click.option("--family", type=click.Choice(FAMILIES), help="The correct finding family.")
@click.option("--severity", type=click.Choice(SEVERITIES), help="The correct severity.")
def amend_command(
    finding_id: int,
    db_path: str | None,
    reason: str,
    reviewer: str,
    expect: int | None,
    family: str | None,
    severity: str | None,
) -> None:
    """Confirm with a corrected family and/or severity (修改后确认)."""
    _decide(db_path, finding_id, "amend", reviewer, reason, expect, family, severity)
