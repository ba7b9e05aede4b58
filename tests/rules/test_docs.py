"""The generated coverage table and rule reference are current with the rule files."""

from __future__ import annotations

from qinglai_rules.laws import load_laws
from qinglai_rules.rules.docs import coverage_markdown, rules_markdown
from qinglai_rules.rules.loader import load_rulebook

from ..conftest import ROOT


def test_generated_docs_are_current():
    book = load_rulebook()
    laws = load_laws()
    assert (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8") == coverage_markdown(book, laws), \
        "run `qinglai rules docs` to regenerate docs/coverage.md"
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(book, laws), \
        "run `qinglai rules docs` to regenerate docs/rules.md"


def test_coverage_lists_every_family_and_rule():
    book = load_rulebook(ROOT / "rulesets" / "demo")
    text = coverage_markdown(book, load_laws())
    for rule in book.rules:
        if rule.kind == "finding":
            assert f"`{rule.id}`" in text
    assert "| tax-rebate 税收优惠与返还 | LC |" in text
    assert "《税收征收管理法》第三条第2款" in text
