"""``qinglai review``: review files and folders, print a summary, write the reports."""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path

import click
from rich.table import Table

from .. import __version__
from ..errors import ReportError
from ..model import RunInfo
from ..reports import WRITERS, write_reports
from ..reports.serialize import report_dict
from . import main
from .common import console, engine_option, fail, make_reviewer, rules_option


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="reports", show_default=True,
              help="Folder for the reports.")
@click.option("--format", "formats", default="json", show_default=True,
              help=f"Comma-separated report formats: {', '.join(WRITERS)}.")
@click.option("--template", "docx_template", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Word template (docxtpl) for the docx review opinions; default: $QINGLAI_DOCX_TEMPLATE, "
                   "else the bundled one. Variables: docs/reports.md.")
@click.option("--doc-type", type=click.Choice(["policy", "contract", "minutes", "judgment", "other"]),
              default=None, help="Override the detected document type for every input.")
@click.option("--as-of", default=None, help="Date (YYYY-MM-DD) for documents that carry no date of their own.")
@rules_option
@engine_option
def review(paths: tuple[str, ...], out_dir: str, formats: str, docx_template: str | None, doc_type: str | None,
           as_of: str | None, rules_dir: str | None, engine: str) -> None:
    """Review documents (files or folders, recursively) and write DIR/findings.json."""
    from ..reading import iter_inputs

    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in WRITERS]
    if unknown:
        fail(f"unknown format(s): {', '.join(unknown)} (known: {', '.join(WRITERS)})")
    if as_of:
        try:
            dt.date.fromisoformat(as_of)
        except ValueError:
            fail(f"--as-of must be a date YYYY-MM-DD, not {as_of!r}")
    missing = [p for p in paths if not Path(p).exists()]
    inputs = iter_inputs([p for p in paths if Path(p).exists()])
    reviewer = make_reviewer(rules_dir, engine, as_of)
    results = [reviewer.review_file(path, doc_type=doc_type) for path in inputs]
    from ..model import DocumentResult

    results += [DocumentResult(path=p, status="error", error=f"{p}: 文件不存在 (not found)", error_code="not-found")
                for p in missing]
    run = RunInfo(
        ruleset_version=reviewer.ruleset_version,
        laws_version=reviewer.laws_version,
        started_at=dt.datetime.now().isoformat(timespec="seconds"),
        user=getpass.getuser(),
        as_of=as_of,
        tool_version=__version__,
        inputs=[str(p) for p in paths],
    )
    options = {"docx": {"template": docx_template}} if docx_template else None
    try:
        written = write_reports(report_dict(run, results), Path(out_dir), wanted, options)
    except ReportError as error:
        fail(str(error))
    _print_summary(results)
    for path in written:
        console.print(f"报告已写入 {path}")


def _print_summary(results) -> None:
    table = Table(title="审查结果 Review summary")
    for column in ("文件", "类型", "状态", "发现"):
        table.add_column(column)
    for result in sorted(results, key=lambda r: r.path):
        doc_type = result.document.metadata.doc_type if result.document else "—"
        status = "ok" if result.status == "ok" else f"[red]{result.error_code}[/]"
        table.add_row(result.path, doc_type, status, str(len(result.findings)))
    console.print(table)
    findings = sum(len(r.findings) for r in results)
    errors = [r for r in results if r.status == "error"]
    console.print(f"{len(results)} 个文件，{findings} 条发现，{len(errors)} 个文件无法读取。")
    for result in errors:
        console.print(f"  [red]✗[/] {result.error}")
