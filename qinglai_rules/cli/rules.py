"""``qinglai rules``: lint, test and list the rules."""

from __future__ import annotations

import click
from rich.table import Table

from . import main
from .common import console, err_console, rules_option


@main.group()
def rules() -> None:
    """Author and check rules: lint, test (their examples), list."""


def _load(rules_dir: str | None, all_packs: bool = False):
    from ..rules.loader import load_rulebook

    return load_rulebook(rules_dir, default_only=not all_packs)


@rules.command()
@rules_option
def lint(rules_dir: str | None) -> None:
    """Check every rule, signal and pack file (all packs); print each problem with file:line:column."""
    from ..rules.lint import lint_rulebook

    book = _load(rules_dir, all_packs=True)
    problems = [str(e) for e in book.errors] + lint_rulebook(book)
    for problem in problems:
        click.echo(problem, err=True)
    console.print(f"{len(book.rules)} rules, {len(book.signals)} signals, {len(book.packs)} packs: "
                  f"{len(problems)} problem(s)")
    raise SystemExit(1 if problems else 0)


@rules.command("test")
@click.argument("rule_ids", nargs=-1)
@rules_option
@click.option("--all-packs", is_flag=True, help="Also test packs not loaded by default (e.g. demo).")
def test_rules(rule_ids: tuple[str, ...], rules_dir: str | None, all_packs: bool) -> None:
    """Run the rules' own hit and clean examples."""
    from ..review import Reviewer, RuleLoadError
    from ..rules.examples import check_rule

    book = _load(rules_dir, all_packs)
    try:
        reviewer = Reviewer(book=book, engine="reference")
    except RuleLoadError as error:
        err_console.print(str(error))
        raise SystemExit(2) from error
    selected = [r for r in book.rules if not rule_ids or r.id in rule_ids]
    unknown = set(rule_ids) - {r.id for r in book.rules}
    if unknown:
        err_console.print(f"unknown rule id(s): {', '.join(sorted(unknown))}")
        raise SystemExit(2)
    failed = 0
    total = 0
    for rule in selected:
        for result in check_rule(reviewer, rule):
            total += 1
            if not result.passed:
                failed += 1
                console.print(f"[red]FAIL[/] {result.label} (line {result.example.line}): {result.problem}")
    console.print(f"{total} examples of {len(selected)} rules: {total - failed} passed, {failed} failed")
    raise SystemExit(1 if failed else 0)


@rules.command("list")
@rules_option
@click.option("--all-packs", is_flag=True, help="Also list packs not loaded by default.")
def list_rules(rules_dir: str | None, all_packs: bool) -> None:
    """A table of the rules: id, family, category, severity, legal basis."""
    from ..laws import load_laws

    book = _load(rules_dir, all_packs)
    laws = load_laws()
    table = Table(title=f"{len(book.rules)} rules")
    for column in ("id", "family", "category", "severity", "basis", "title"):
        table.add_column(column)
    for rule in sorted(book.rules, key=lambda r: (r.family, r.id)):
        basis = "；".join(
            f"《{laws.laws[b['law']].title}》{laws.ref(b['law'], b['article']).label}" for b in rule.basis
        )
        table.add_row(rule.id, rule.family, rule.category, rule.severity, basis, rule.title)
    console.print(table)
    for error in book.errors:
        err_console.print(str(error))


@rules.command("docs")
@rules_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="docs", show_default=True)
def docs_command(rules_dir: str | None, out_dir: str) -> None:
    """Regenerate docs/coverage.md and docs/rules.md from the rule files."""
    from pathlib import Path

    from ..laws import load_laws
    from ..rules.docs import coverage_markdown, rules_markdown

    book = _load(rules_dir)
    if book.errors:
        for error in book.errors:
            err_console.print(str(error))
        raise SystemExit(2)
    laws = load_laws()
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "coverage.md").write_text(coverage_markdown(book, laws), encoding="utf-8")
    (folder / "rules.md").write_text(rules_markdown(book, laws), encoding="utf-8")
    console.print(f"wrote {folder / 'coverage.md'} and {folder / 'rules.md'}")
