"""Shared CLI helpers: the console, reviewer construction and error exits."""

from __future__ import annotations

import sys

import click
from rich.console import Console


def _console(stderr: bool = False) -> Console:
    """A console that does not wrap at 80 columns when writing to a file or pipe."""
    probe = Console(stderr=stderr)
    return Console(stderr=stderr, highlight=False, width=None if probe.is_terminal else 200)


console = _console()
err_console = _console(stderr=True)

rules_option = click.option(
    "--rules", "rules_dir", type=click.Path(exists=True, file_okay=False), default=None,
    help="Rules folder or pack (default: the bundled rulesets).",
)
engine_option = click.option(
    "--engine", type=click.Choice(["durable", "reference"]), default="durable", show_default=True,
    help="Rule engine: durable-rules, or the plain-Python reference evaluator of the same rules.",
)


def fail(message: str, code: int = 2) -> None:
    err_console.print(f"[bold red]错误[/]: {message}")
    sys.exit(code)


def make_reviewer(rules_dir: str | None, engine: str = "durable", as_of: str | None = None):
    from ..review import Reviewer, RuleLoadError

    try:
        return Reviewer(rules_dir, engine=engine, as_of=as_of)
    except RuleLoadError as error:
        fail(str(error))
    return None  # unreachable
