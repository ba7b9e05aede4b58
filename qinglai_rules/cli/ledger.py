"""``qinglai ledger``: the campaign ledger (附件1/2/3) — sync from confirmed findings, add, update with
history, list/show, spreadsheet export and import, progress against the targets, the monthly report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from ..ledger.fields import EDITABLE, LIST_TITLES, OVERDUE
from ..store.schema import LEDGER_LISTS, LEDGER_STATUSES
from . import main
from .store_access import console, db_option, excerpt, store_for


def _field_options(command):  # type: ignore[no-untyped-def]
    for spec in reversed(EDITABLE):
        command = click.option(spec.option, spec.name, default=None, metavar="VALUE",
                               help=f"{spec.header}")(command)
    return command


def _date(value: str | None, name: str) -> dt.date:
    if value is None:
        return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"应写成 YYYY-MM-DD，不是 {value!r}", param_hint=name) from error


def _targets(values: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from ..ledger.progress import DEFAULT_TARGETS, parse_target

    if not values:
        return DEFAULT_TARGETS
    try:
        return tuple(sorted((parse_target(v) for v in values), key=lambda t: t.date))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--target") from error


def _given(values: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if value is not None}


@main.group("ledger")
def ledger() -> None:
    """The campaign ledger: 失信违诺事项清单 (附件1/2/3), rectification and progress (整治督办、验收追责)."""


@ledger.command("sync")
@db_option
@click.option("--by", "by", default=None, help="Your user name (default: recorded as the system).")
def sync_command(db_path: str | None, by: str | None) -> None:
    """Create ledger entries for confirmed (or amended) findings not yet in the ledger."""
    from ..ledger.book import Ledger

    with store_for(db_path) as store:
        result = Ledger(store).sync(by)
    ids = "、".join(str(i) for i in result.created)
    click.echo(f"新建台账事项 {len(result.created)} 项{f'（编号 {ids}）' if ids else ''}；"
               f"已在台账中的已确认发现 {result.already} 项。")


@ledger.command("add")
@db_option
@click.option("--by", "by", required=True, help="Your user name (role reviewer or admin).")
@click.option("--note", default="", help="Why (kept in the history).")
@_field_options
def add_command(db_path: str | None, by: str, note: str, **values: Any) -> None:
    """Add an entry by hand (e.g. a complaint received on the hotline). --unit-kind and --title are required."""
    from ..ledger.book import Ledger

    with store_for(db_path) as store:
        entry = Ledger(store).add(_given(values), by, note)
    click.echo(f"已新增台账事项 {entry.id}（{LIST_TITLES[entry.list_no]}）：{entry.title}")


@ledger.command("update")
@click.argument("entry_id", type=int)
@db_option
@click.option("--by", "by", required=True, help="Your user name (role reviewer or admin).")
@click.option("--note", default="", help="Why (kept in the history).")
@_field_options
def update_command(entry_id: int, db_path: str | None, by: str, note: str, **values: Any) -> None:
    """Change fields of an entry (status, handling opinion, deadline …); every change is kept in the history."""
    from ..ledger.book import Ledger

    given = _given(values)
    if not given:
        raise click.UsageError("没有要修改的字段：例如 --status 整改中 或 --deadline 2020-06-30")
    with store_for(db_path) as store:
        entry, changed = Ledger(store).update(entry_id, given, by, note)
    if changed:
        click.echo(f"事项 {entry.id} 已更新：{'、'.join(changed)}")
    else:
        click.echo(f"事项 {entry.id} 没有变化（未记录历史）")


@ledger.command("list")
@db_option
@click.option("--list", "list_no", type=click.Choice(LEDGER_LISTS), help="Only one list.")
@click.option("--region", help="Only this region (地区).")
@click.option("--department", help="Only this unit (单位).")
@click.option("--status", type=click.Choice((*LEDGER_STATUSES, OVERDUE)), help="Only this status (逾期: derived).")
@click.option("--as-of", "as_of", default=None, help="Date for 逾期 (default: today).")
@click.option("--json", "as_json", is_flag=True)
def list_command(db_path: str | None, list_no: str | None, region: str | None, department: str | None,
                 status: str | None, as_of: str | None, as_json: bool) -> None:
    """List ledger entries with their effective status (逾期 when past the deadline)."""
    from ..ledger.book import Ledger

    day = _date(as_of, "--as-of")
    with store_for(db_path) as store:
        entries = Ledger(store).entries(list_no, region, department)
    entries = [e for e in entries if status is None or e.effective_status(day) == status]
    if as_json:
        click.echo(json.dumps([e.to_json(day) for e in entries], ensure_ascii=False, indent=2))
        return
    table = Table()
    for column in ("编号", "清单", "地区", "单位", "事项名称", "金额(元)", "期限", "状态"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(str(e.id), e.list_no, escape(e.region or ""), escape(e.department or ""),
                      escape(excerpt(e.title, 30)), "" if e.amount is None else f"{e.amount:,.0f}",
                      e.deadline or "", e.effective_status(day))
    out = console()
    out.print(table)
    out.print(f"共 {len(entries)} 项（逾期按 {day.isoformat()} 推算）", markup=False)


@ledger.command("show")
@click.argument("entry_id", type=int)
@db_option
@click.option("--json", "as_json", is_flag=True)
def show_command(entry_id: int, db_path: str | None, as_json: bool) -> None:
    """Show one entry with its whole history."""
    from ..ledger.book import Ledger
    from ..ledger.fields import FIELDS, display

    with store_for(db_path) as store:
        book = Ledger(store)
        entry = book.get(entry_id)
        history = book.history(entry_id)
    if as_json:
        payload = entry.to_json() | {"history": [vars(h) for h in history]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    out = console()
    out.print(f"[bold]台账事项 {entry.id}[/bold]  {LIST_TITLES[entry.list_no]}  {entry.effective_status()}")
    for spec in FIELDS[1:]:
        value = display(spec, getattr(entry, spec.name))
        if value not in (None, ""):
            out.print(f"{spec.header}：{value}", markup=False)
    out.print("历史：")
    for row in history:
        out.print(f"  #{row.id} {row.changed_at} {row.changed_by} {row.field}: {row.old_value or '（空）'} → "
                  f"{row.new_value or '（空）'}  {row.note}", markup=False)


@ledger.command("export")
@db_option
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write into.")
@click.option("--as-of", "as_of", default=None, help="Date for 逾期 in the status column (default: today).")
def export_command(db_path: str | None, out_dir: str, as_of: str | None) -> None:
    """Write the three lists (附件1/2/3) as one XLSX workbook, entry ids in 编号 (edit it, then import it)."""
    from ..ledger.book import Ledger
    from ..ledger.sheets import export_workbook

    day = _date(as_of, "--as-of")
    with store_for(db_path) as store:
        entries = Ledger(store).entries()
    path = export_workbook(entries, Path(out_dir) / f"失信违诺事项清单-{day.isoformat()}.xlsx", day)
    counts = {list_no: sum(1 for e in entries if e.list_no == list_no) for list_no in LEDGER_LISTS}
    click.echo(f"已导出 {path}（" + "，".join(f"{k} {v} 项" for k, v in counts.items()) + "）")


@ledger.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--by", "by", required=True, help="Your user name (role reviewer or admin).")
@click.option("--allow-new", is_flag=True, help="Rows with an empty 编号 become new entries.")
def import_command(file: str, db_path: str | None, by: str, allow_new: bool) -> None:
    """Apply an edited workbook: all rows validated first, then applied in one transaction (all or nothing)."""
    from ..ledger.book import Ledger
    from ..ledger.sheets import import_workbook

    with store_for(db_path) as store:
        result = import_workbook(Ledger(store), Path(file), by, allow_new)
    changes = sum(len(fields) for fields in result.updated.values())
    click.echo(f"已导入：更新 {len(result.updated)} 项（{changes} 处改动），新增 {len(result.created)} 项，"
               f"未变化 {result.unchanged} 项。")


@ledger.command("progress")
@db_option
@click.option("--as-of", "as_of", default=None, help="Date of the count (default: today).")
@click.option("--by", "by", type=click.Choice(["region", "department"]), default="region", show_default=True)
@click.option("--target", "targets", multiple=True, metavar="DATE:SHARE",
              help="A target, e.g. 2019-12-31:50% (repeat; default: the plan's 50% by 2019-12-31, 100% by 2020-12-31).")
@click.option("--json", "as_json", is_flag=True)
def progress_command(db_path: str | None, as_of: str | None, by: str, targets: tuple[str, ...],
                     as_json: bool) -> None:
    """Share rectified per region/department against the targets, as of a date; overdue items."""
    from ..ledger.book import Ledger
    from ..ledger.progress import progress

    day = _date(as_of, "--as-of")
    with store_for(db_path) as store:
        book = Ledger(store)
        report = progress(book.entries(), book.history(), day, by, _targets(targets))
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return
    table = Table(title=f"整改进度（截至 {day.isoformat()}）")
    for column in ("单位", "事项", "已整改", "整改中", "未整改", "逾期", "比例", "已到期目标", "下一目标", "尚需整改"):
        table.add_column(column, overflow="fold")
    for unit in [*report.units, report.total]:
        c = unit.counts
        past = "；".join(f"{p.target.label}：{p.verdict}" for p in unit.checkpoints)
        table.add_row(escape(unit.unit), str(c.total), str(c.rectified), str(c.in_progress), str(c.not_started),
                      str(c.overdue), f"{c.share:.1%}", past or "—",
                      unit.next_target.label if unit.next_target else "—",
                      str(unit.needed) if unit.next_target else "—")
    out = console()
    out.print(table)
    if report.overdue:
        out.print(f"逾期事项（{len(report.overdue)}）：", markup=False)
        for entry, unit in report.overdue:
            responsible = entry.responsible_unit or "—"
            out.print(f"  {entry.id} {unit} {entry.title}（期限 {entry.deadline}，责任单位 {responsible}）",
                      markup=False)


@ledger.command("monthly")
@db_option
@click.option("--month", required=True, help="The month reported on, YYYY-MM.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write into.")
@click.option("--by", "by", type=click.Choice(["region", "department"]), default="region", show_default=True)
@click.option("--target", "targets", multiple=True, metavar="DATE:SHARE", help="As for `ledger progress`.")
def monthly_command(db_path: str | None, month: str, out_dir: str, by: str, targets: tuple[str, ...]) -> None:
    """The monthly report (月报) as DOCX and XLSX, with the progress curve (SVG, PNG)."""
    from ..ledger.book import Ledger
    from ..ledger.monthly import build_monthly, write_monthly

    with store_for(db_path) as store:
        book = Ledger(store)
        try:
            report = build_monthly(book.entries(), book.history(), month, by, _targets(targets))
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--month") from error
    for path in write_monthly(report, Path(out_dir)):
        click.echo(f"已写入 {path}")
