"""``qinglai probes``: recall and false alarms of the rules on the sentence-level probe sets."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from . import main
from .common import console, engine_option, fail, make_reviewer, rules_option


@main.command("probes")
@click.argument("folder", type=click.Path(exists=True, file_okay=False), default="corpus/probes")
@click.option("--family", "families", multiple=True, help="Only these families (repeatable).")
@click.option("--part", type=click.Choice(["all", "even", "odd"]), default="all", show_default=True,
              help="Score every probe, or only the even / odd ones (tune on one half, check on the other).")
@click.option("--min-recall", type=float, default=None, help="Exit 1 if any family's recall is lower.")
@click.option("--min-precision", type=float, default=None, help="Exit 1 if any family's precision is lower.")
@rules_option
@engine_option
def probes_command(folder: str, families: tuple[str, ...], part: str, min_recall: float | None,
                   min_precision: float | None, rules_dir: str | None, engine: str) -> None:
    """Review every probe clause and score each family."""
    from ..probes import load_probes, run_probes

    probes = [p for p in load_probes(Path(folder)) if not families or p.family in families or not p.flagged]
    if part != "all":
        probes = [p for p in probes if p.index % 2 == (0 if part == "even" else 1)]
    if not probes:
        fail(f"no probes in {folder}")
    report = run_probes(make_reviewer(rules_dir, engine), probes)
    table = Table(title=f"probes ({len(probes)}, of which {report.clean} clean)")
    for column in ("family", "hits", "found", "false alarms", "recall", "precision"):
        table.add_column(column, justify="left" if column == "family" else "right")
    failures = []
    for family, score in report.scores.items():
        if families and family not in families:
            continue
        if not score.hits and not score.false_alarms:
            continue
        table.add_row(family, str(score.hits), str(score.found), str(score.false_alarms),
                      f"{score.recall:.3f}", f"{score.precision:.3f}")
        if min_recall is not None and score.hits and score.recall < min_recall:
            failures.append(f"{family} recall {score.recall:.3f}")
        if min_precision is not None and score.precision < min_precision:
            failures.append(f"{family} precision {score.precision:.3f}")
    console.print(table)
    for probe in report.misses:
        if not families or probe.family in families:
            console.print(f"[yellow]miss[/] {escape(f'{probe.source} [{probe.family}] {probe.text}')}")
    for probe, family, rule_ids in report.alarms:
        if not families or family in families:
            shown = f"{probe.source} [{family}: {','.join(rule_ids)}] {probe.text}"
            console.print(f"[red]false alarm[/] {escape(shown)}")
    for failure in failures:
        console.print(f"[red]below threshold[/]: {failure}")
    raise SystemExit(1 if failures else 0)
