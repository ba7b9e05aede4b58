"""``qinglai eval``: precision and recall of the rules on a labelled corpus."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from ..evaluation import EvalReport
from . import main
from .common import console, engine_option, fail, make_reviewer, rules_option


@main.command("eval")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--labels", "labels_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Labels file (default: labels.yaml in the corpus folder above PATH).")
@click.option("--min-precision", type=float, default=None, help="Exit 1 if overall precision is lower.")
@click.option("--min-recall", type=float, default=None, help="Exit 1 if overall recall is lower.")
@click.option("--min-family-f1", type=float, default=None, help="Exit 1 if any labelled family's F1 is lower.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None,
              help="Also write the scores as JSON.")
@rules_option
@engine_option
def eval_command(paths: tuple[str, ...], labels_file: str | None, min_precision: float | None,
                 min_recall: float | None, min_family_f1: float | None, json_out: str | None,
                 rules_dir: str | None, engine: str) -> None:
    """Review labelled documents and score the findings against the labels."""
    from ..evaluation import evaluate, load_labels, report_dict
    from ..reading import iter_inputs

    labels_path = Path(labels_file) if labels_file else _find_labels(Path(paths[0]))
    if labels_path is None:
        fail("no labels file: pass --labels FILE (corpus/labels.yaml)")
    labels = load_labels(labels_path)
    base = labels_path.parent.resolve()
    reviewer = make_reviewer(rules_dir, engine)
    results = []
    for path in iter_inputs(list(paths)):
        try:
            key = Path(path).resolve().relative_to(base).as_posix()
        except ValueError:
            key = Path(path).as_posix()
        if key in labels:
            results.append((key, reviewer.review_file(path)))
    if not results:
        fail(f"none of the inputs is labelled in {labels_path}")
    report = evaluate(results, labels)
    _print(report)
    if json_out:
        Path(json_out).write_text(json.dumps(report_dict(report), ensure_ascii=False, indent=2), encoding="utf-8")
    failures = []
    if min_precision is not None and report.overall.precision < min_precision:
        failures.append(f"precision {report.overall.precision:.3f} < {min_precision}")
    if min_recall is not None and report.overall.recall < min_recall:
        failures.append(f"recall {report.overall.recall:.3f} < {min_recall}")
    if min_family_f1 is not None:
        failures += [f"{family} F1 {counts.f1:.3f} < {min_family_f1}" for family, counts in report.by_family.items()
                     if counts.labels and counts.f1 < min_family_f1]
    if report.label_errors:
        failures.append(f"{len(report.label_errors)} label(s) could not be located")
    for failure in failures:
        console.print(f"[red]below threshold[/]: {failure}")
    raise SystemExit(1 if failures else 0)


def _find_labels(start: Path) -> Path | None:
    for folder in [start if start.is_dir() else start.parent, *start.resolve().parents]:
        if (folder / "labels.yaml").is_file():
            return folder / "labels.yaml"
    return None


def _print(report: EvalReport) -> None:
    for title, table_data in (("按问题类型 by family", report.by_family), ("按类别 by category", report.by_category)):
        table = Table(title=title)
        for column in ("", "labels", "TP", "FP", "FN", "precision", "recall", "F1"):
            table.add_column(column, justify="right" if column else "left")
        for key, counts in sorted(table_data.items()):
            if not counts.labels and not counts.fp and not counts.tp:
                continue
            table.add_row(key, str(counts.labels), str(counts.tp), str(counts.fp), str(counts.fn),
                          f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}")
        console.print(table)
    overall = report.overall
    console.print(f"overall ({report.documents} documents, {overall.labels} flagged labels): "
                  f"precision {overall.precision:.3f}  recall {overall.recall:.3f}  F1 {overall.f1:.3f}")
    console.print(f"clean look-alikes: {report.clean_labels}, flagged by mistake: {report.clean_hit}")
    if report.misses:
        console.print("\n[bold]Misses[/] (labelled, not found):")
        for label in report.misses:
            console.print("  " + escape(f"{label.doc} [{label.family}] {label.quote}"))
    if report.false_alarms:
        console.print("\n[bold]False alarms[/]:")
        for prediction, clean in report.false_alarms:
            tag = " (labelled look-alike)" if clean else ""
            console.print("  " + escape(f"{prediction.doc} {prediction.clause_path} [{prediction.family}] "
                                        f"{','.join(prediction.rule_ids)}{tag}: {prediction.evidence}"))
    for error in report.label_errors + report.unreadable:
        console.print(f"[red]label problem[/]: {escape(error)}")
