"""``qinglai rules stats``: how each rule fares in review, noisiest first."""

from __future__ import annotations

import json

import click
from rich.markup import escape
from rich.table import Table

from .rules import rules
from .store_access import console, db_option, excerpt, store_for


@rules.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def stats_command(db_path: str | None, as_json: bool) -> None:
    """Per rule: confirmed, dismissed, pending, precision and the top dismissal reasons."""
    with store_for(db_path) as store:
        stats = store.rule_stats()
    if as_json:
        click.echo(json.dumps([s.to_json() for s in stats], ensure_ascii=False, indent=2))
        return
    table = Table()
    table.add_column("rule", overflow="fold", min_width=20)
    for column in ("precision", "confirmed", "dismissed", "pending"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("top dismissal reasons", overflow="fold", min_width=16)
    for item in stats:
        precision = "—" if item.precision is None else f"{item.precision:.0%}"
        reasons = escape(
            "；".join(f"{excerpt(reason, 30)} ×{count}" for reason, count in item.dismissal_reasons)
        )
        table.add_row(
            item.rule_id, precision, str(item.confirmed), str(item.dismissed), str(item.pending), reasons
        )
    out = console()
    out.print(table)
    if not stats:
        out.print("还没有任何发现")
