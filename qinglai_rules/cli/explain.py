"""``qinglai explain``: why a rule fired on a document, or which condition failed."""

from __future__ import annotations

import click

from . import main
from .common import console, engine_option, fail, make_reviewer, rules_option


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--rule", "rule_id", required=True, help="Rule id.")
@click.option("--clause", "clause_label", default=None, help="Clause label or path, e.g. 第三条 or '第二章 › 第三条'.")
@click.option("--doc-type", type=click.Choice(["policy", "contract", "minutes", "judgment", "other"]), default=None)
@click.option("--as-of", default=None)
@rules_option
@engine_option
def explain(file: str, rule_id: str, clause_label: str | None, doc_type: str | None, as_of: str | None,
            rules_dir: str | None, engine: str) -> None:
    """Explain one rule on one document."""
    from ..errors import ReadError
    from ..reading import read
    from ..rules.explain import explain as explain_rule
    from ..structure import analyse

    reviewer = make_reviewer(rules_dir, engine, as_of)
    try:
        rule = reviewer.ruleset.rule(rule_id)
    except KeyError:
        fail(f"unknown rule {rule_id}")
    try:
        doc = read(file)
    except ReadError as error:
        fail(str(error))
    analyse(doc, doc_type=doc_type)
    evaluation = reviewer.evaluate(doc)
    result = explain_rule(evaluation, rule, clause_label)
    console.print(f"[bold]{rule.id}[/] {rule.spec.title} — {file}")
    for check, passed, detail in result.document_checks:
        console.print(f"  {'✓' if passed else '✗'} {check}：{detail}")
    if not result.clauses:
        missing = f"（条款 {clause_label} 不存在？）" if clause_label else ""
        console.print("  没有条款匹配该规则的任何正向条件" + missing)
    for clause in result.clauses:
        verdict = "[green]命中 FIRED[/]" if clause.fired else "[yellow]未命中[/]"
        console.print(f"\n{verdict} {clause.path}：{clause.text[:80]}")
        for step in clause.steps:
            mark = "✓" if step.matched else "✗"
            shown = "、".join(str(v) for v in step.values[:4])
            console.print(f"    {mark} {step.condition}" + (f" → {shown}" if shown else ""))
        for reason in clause.reasons:
            console.print(f"    · {reason}")
    if not result.document_ok:
        console.print("\n文件层面的条件未满足，规则不会命中。")
