"""``qinglai review``: review files and folders in parallel, record them in the store, write the reports."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..batch import DEFAULT_TIMEOUT, BatchOptions, BatchReport
from ..batch import Progress as BatchProgress
from ..errors import ReportError, StoreError
from ..pool import PoolError
from ..reports import WRITERS, write_reports
from . import main
from .common import console, engine_option, err_console, fail, rules_option

STATUS_NAMES = {"ok": "已审查", "error": "出错", "skipped": "跳过"}
REVIEW_NAMES = {"pending": "待复核", "confirmed": "已确认", "dismissed": "已驳回"}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="reports", show_default=True,
              help="Folder for the reports (findings.json, run.json, …).")
@click.option("--format", "formats", default="json", show_default=True,
              help=f"Comma-separated report formats: {', '.join(WRITERS)}.")
@click.option("--template", "docx_template", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Word template (docxtpl) for the docx review opinions; default: $QINGLAI_DOCX_TEMPLATE, "
                   "else the bundled one. Variables: docs/reports.md.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Review processes (default: one per core; 1 reviews in this process).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds allowed per file; a file over the limit is reported as timeout.")
@click.option("--force", is_flag=True, help="Review documents again even when unchanged since a completed review.")
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
              help="Review store (default: $QINGLAI_DB or ./qinglai.sqlite).")
@click.option("--no-store", is_flag=True, help="Do not record anything (no skipping, no finding ids).")
@click.option("--doc-type", type=click.Choice(["policy", "contract", "minutes", "judgment", "other"]),
              default=None, help="Override the detected document type for every input.")
@click.option("--as-of", default=None, help="Date (YYYY-MM-DD) for documents that carry no date of their own.")
@rules_option
@engine_option
def review(paths: tuple[str, ...], out_dir: str, formats: str, docx_template: str | None, jobs: int | None,
           timeout: float, force: bool, db: str | None, no_store: bool, doc_type: str | None, as_of: str | None,
           rules_dir: str | None, engine: str) -> None:
    """Review documents (files or folders, recursively) and write DIR/findings.json.

    Unchanged documents already reviewed with the same rules and laws are skipped (their findings
    still appear in the reports); Ctrl-C stops cleanly and a later run continues where it stopped.
    """
    from ..batch import run_batch
    from ..review import RuleLoadError

    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in WRITERS]
    if unknown:
        fail(f"unknown format(s): {', '.join(unknown)} (known: {', '.join(WRITERS)})")
    if as_of:
        try:
            dt.date.fromisoformat(as_of)
        except ValueError:
            fail(f"--as-of must be a date YYYY-MM-DD, not {as_of!r}")
    if db and no_store:
        fail("--db and --no-store exclude each other")
    options = BatchOptions(paths=list(paths), jobs=jobs, timeout=timeout, force=force, use_store=not no_store,
                           db=db, doc_type=doc_type, as_of=as_of, rules_dir=rules_dir, engine=engine,
                           exclude=[out_dir])
    try:
        outcome = run_batch(options, progress=_ProgressBar())
    except KeyboardInterrupt:  # before the review started (loading rules, opening the store)
        err_console.print("已中断，尚未开始审查。")
        sys.exit(130)
    except RuleLoadError as error:
        fail(str(error))
    except (StoreError, PoolError) as error:
        fail(str(error), code=1)
    out = Path(out_dir)
    writer_options: dict[str, dict] = {"docx": {"template": docx_template}} if docx_template else {}
    if "xlsx" in wanted and outcome.store_location:
        writer_options["xlsx"] = {"ledger_entries": _ledger_entries(outcome.store_location)}
    try:
        written = write_reports(outcome.report, out, wanted, writer_options)
    except ReportError as error:
        fail(str(error))
    run_json = out / "run.json"
    run_json.write_text(json.dumps(outcome.timing, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_summary(outcome)
    for path in [*written, run_json]:
        console.print(f"报告已写入 {path}")
    sys.exit(outcome.exit_code)


def _ledger_entries(location: str) -> list:
    """The campaign ledger's entries, for the 附件1–3 sheets of findings.xlsx (empty until synced)."""
    from ..ledger.book import Ledger
    from ..store import open_store

    store = open_store(location, create=False)
    try:
        return Ledger(store).entries()
    finally:
        store.close()


class _ProgressBar(BatchProgress):
    """A rich progress bar on stderr with files/s and ETA; nothing when stderr is not a terminal."""

    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self.bar: Progress | None = None
        self.task: Any = None

    def start(self, total: int) -> None:
        if not self.console.is_terminal:
            return
        self.bar = Progress(
            TextColumn("审查"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("剩余"),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("review", total=total, rate="")

    def advance(self, count: int = 1) -> None:
        if self.bar is None:
            return
        self.bar.advance(self.task, count)
        speed = self.bar.tasks[0].speed
        self.bar.update(self.task, rate=f"{speed:.1f} 文件/秒" if speed else "")

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def print_summary(outcome: BatchReport) -> None:
    """Counts by status, by family and by review status; every error with its message."""
    report, timing = outcome.report, outcome.timing
    totals = report["totals"]
    documents = report["documents"]
    for note in outcome.notes:
        console.print(f"[yellow]注意[/]: {note}")
    interrupted = sum(1 for d in documents if d["status"] == "skipped" and d["skip_reason"] == "interrupted")
    unchanged = totals["skipped"] - interrupted
    parts = [f"{STATUS_NAMES['ok']} {totals['ok']}", f"{STATUS_NAMES['error']} {totals['error']}",
             f"未变化跳过 {unchanged}"]
    if interrupted:
        parts.append(f"因中断未审查 {interrupted}")
    console.print(f"共 {totals['inputs']} 个输入：" + "，".join(parts) + "。")
    review_state: dict[str, int] = {}
    for document in documents:
        for finding in document["findings"]:
            if "status" in finding:
                review_state[finding["status"]] = review_state.get(finding["status"], 0) + 1
    line = f"发现 {totals['findings']} 条"
    if review_state:
        counts = [f"{name} {review_state[key]}" for key, name in REVIEW_NAMES.items() if key in review_state]
        line += "（" + "，".join(counts) + "）"
    console.print(line + "。")
    if totals["by_family"]:
        console.print("按问题类别：" + "，".join(f"{family} {count}" for family, count in totals["by_family"].items()))
    errors = [d for d in documents if d["status"] == "error"]
    if errors:
        console.print(f"[red]{len(errors)} 个文件出错：[/]")
        for document in errors:
            console.print("  [red]✗[/] " + escape(f"[{document['error_code']}] {document['error']}"))
    reviewed, seconds = timing["reviewed"], timing["seconds"]
    rate = f"，{reviewed / seconds:.1f} 个/秒" if reviewed and seconds else ""
    console.print(f"用时 {seconds:.1f} 秒（{timing['jobs']} 个审查进程{rate}）。")
    if outcome.run_id is not None:
        state = "已中断" if outcome.interrupted else "已完成"
        console.print(f"运行 {outcome.run_id} {state}，结果已记录到 {outcome.store_location}")
    if outcome.interrupted:
        console.print("[yellow]审查被中断[/]：已完成的部分已记录；再次运行同一命令会跳过已审查的文件继续。")
