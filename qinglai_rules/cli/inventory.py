"""``qinglai inventory`` (the commitment inventory, 自查建账) and ``qinglai inventory-eval``."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from . import main
from .common import console, engine_option, fail, make_reviewer, rules_option


@main.command("inventory")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out_xlsx", type=click.Path(dir_okay=False), default=None,
              help="Write the inventory as XLSX (承诺清单).")
@click.option("--json", "out_json", type=click.Path(dir_okay=False), default=None, help="Write it as JSON.")
@click.option("--no-review", is_flag=True, help="Only extract commitments; do not run the rules.")
@rules_option
@engine_option
def inventory_command(paths: tuple[str, ...], out_xlsx: str | None, out_json: str | None, no_review: bool,
                      rules_dir: str | None, engine: str) -> None:
    """List the commitments the government side makes to market entities in PATHS (files or folders),
    each with its clause and the findings on that clause."""
    from ..ledger.inventory import build_inventory, write_inventory_json, write_inventory_xlsx
    from ..reading import iter_inputs

    review = None if no_review else make_reviewer(rules_dir, engine).review_file
    inventory = build_inventory(iter_inputs(list(paths)), review)
    table = Table(title="承诺清单 Commitment inventory")
    for column in ("序号", "文件", "条款", "承诺主体", "承诺对象", "类型", "金额", "兑现状态", "发现"):
        table.add_column(column, overflow="fold")
    for item in inventory.items:
        c = item.commitment
        table.add_row(str(item.number), escape(Path(c.doc_path).name), escape(" › ".join(c.clause_path)),
                      escape(c.promisor), escape(c.promisee), c.kind_title,
                      "" if c.amount is None else f"{c.amount:,.0f}", c.status_text, str(len(item.findings)))
    console.print(table)
    console.print(f"{inventory.documents} 个文件，{len(inventory.items)} 项承诺，"
                  f"其中 {sum(1 for i in inventory.items if i.findings)} 项所在条款有审查发现。")
    for error in inventory.errors:
        console.print(f"  [red]✗[/] {escape(error)}")
    if out_xlsx:
        write_inventory_xlsx(inventory, Path(out_xlsx))
        console.print(f"清单已写入 {out_xlsx}")
    if out_json:
        write_inventory_json(inventory, Path(out_json))
        console.print(f"JSON 已写入 {out_json}")


@main.command("inventory-eval")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--labels", "labels_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Inventory labels (default: inventory.yaml in the corpus folder above PATH).")
@click.option("--min-precision", type=float, default=None, help="Exit 1 if overall precision is lower.")
@click.option("--min-recall", type=float, default=None, help="Exit 1 if overall recall is lower.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None, help="Also write the scores.")
def inventory_eval_command(paths: tuple[str, ...], labels_file: str | None, min_precision: float | None,
                           min_recall: float | None, json_out: str | None) -> None:
    """Score the commitment inventory against hand labels: precision/recall per kind, document type and
    split; amounts and statuses separately."""
    from ..ledger.inventory_eval import (
        LabelFileError,
        evaluate_inventory,
        inventory_report_dict,
        load_inventory_labels,
    )
    from ..reading import iter_inputs

    labels_path = Path(labels_file) if labels_file else _find_labels(Path(paths[0]))
    if labels_path is None:
        fail("no labels file: pass --labels FILE (corpus/inventory.yaml)")
    try:
        labels = load_inventory_labels(labels_path)
    except LabelFileError as error:
        fail(str(error))
    base = labels_path.parent.resolve()
    results = []
    for path in iter_inputs(list(paths)):
        try:
            key = Path(path).resolve().relative_to(base).as_posix()
        except ValueError:
            key = Path(path).as_posix()
        if key in labels:
            results.append(_extract(key, path))
    if not results:
        fail(f"none of the inputs is labelled in {labels_path}")
    splits = sorted({key.split("/", 1)[0] for key, *_ in results if "/" in key})
    reports = {"all": evaluate_inventory(results, labels)}
    if len(splits) > 1:
        for split in splits:
            reports[split] = evaluate_inventory([r for r in results if r[0].startswith(split + "/")], labels)
    for name, report in reports.items():
        _print(name, report)
    overall = reports["all"]
    if json_out:
        payload = {name: inventory_report_dict(report) for name, report in reports.items()}
        Path(json_out).write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    failures = []
    if min_precision is not None and overall.overall.precision < min_precision:
        failures.append(f"precision {overall.overall.precision:.3f} < {min_precision}")
    if min_recall is not None and overall.overall.recall < min_recall:
        failures.append(f"recall {overall.overall.recall:.3f} < {min_recall}")
    if overall.label_errors:
        failures.append(f"{len(overall.label_errors)} label(s) could not be located")
    for failure in failures:
        console.print(f"[red]below threshold[/]: {failure}")
    raise SystemExit(1 if failures else 0)


def _extract(key: str, path: Path):  # type: ignore[no-untyped-def]
    from ..errors import ReadError
    from ..ledger.commitments import extract_commitments
    from ..reading import read
    from ..structure import analyse

    try:
        doc = analyse(read(path))
    except ReadError:
        return key, "other", None, []
    return key, doc.metadata.doc_type, doc, extract_commitments(doc)


def _find_labels(start: Path) -> Path | None:
    for folder in [start if start.is_dir() else start.parent, *start.resolve().parents]:
        if (folder / "inventory.yaml").is_file():
            return folder / "inventory.yaml"
    return None


def _print(name: str, report) -> None:  # type: ignore[no-untyped-def]
    title = "全部 all" if name == "all" else name
    table = Table(title=f"承诺清单评测 {title}（{report.documents} 个文件）")
    for column in ("", "labels", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column else "left")
    rows = [("overall", report.overall)] + [(f"  {k}", v) for k, v in report.by_kind.items()
                                           if v.labels or v.tp or v.fp]
    rows += [(f"  doc:{k}", v) for k, v in sorted(report.by_doc_type.items())]
    for label, counts in rows:
        table.add_row(escape(label), str(counts.labels), str(counts.tp), str(counts.fp), str(counts.fn),
                      f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}")
    console.print(table)
    console.print(f"金额正确 amounts right: {report.amount_correct}/{report.amount_checked}   "
                  f"兑现状态正确 status right: {report.status_correct}/{report.amount_checked}")
    if name != "all":
        return
    for label in report.misses:
        console.print(f"  [yellow]漏报 miss[/] {label.doc} {escape(f'[{label.kind}]')} {escape(label.quote)}")
    for prediction in report.false_alarms:
        console.print(f"  [red]误报 false alarm[/] {prediction.doc_path} {escape(' › '.join(prediction.clause_path))} "
                      f"[{prediction.kind}] {escape(prediction.text[:60])}")
    for matched in report.amount_errors():
        console.print(f"  金额 amount {matched.label.doc} {escape(matched.label.quote[:30])}: "
                      f"label {matched.label.amount} predicted {matched.prediction.amount}")
    for error in report.label_errors + report.unreadable:
        console.print(f"[red]label problem[/]: {escape(error)}")
