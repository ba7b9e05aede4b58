"""Every example of every rule is a test: hits fire with evidence on the marked span, clean
look-alikes stay clean — under both engines."""

from __future__ import annotations

import pytest

from qinglai_rules.rules.examples import check_example
from qinglai_rules.rules.loader import load_rulebook

from ..conftest import RULESETS


def _all_examples():
    book = load_rulebook(RULESETS, default_only=False)
    assert not book.errors, [str(e) for e in book.errors]
    for rule in book.rules:
        for index, _example in enumerate(rule.hits):
            yield pytest.param(rule.id, "hit", index, id=f"{rule.id}-hit{index}")
        for index, _example in enumerate(rule.cleans):
            yield pytest.param(rule.id, "clean", index, id=f"{rule.id}-clean{index}")


@pytest.fixture(scope="module")
def all_book():
    return load_rulebook(RULESETS, default_only=False)


@pytest.fixture(scope="module", params=["durable", "reference"])
def all_reviewer(request, all_book):
    from qinglai_rules.review import Reviewer

    return Reviewer(book=all_book, engine=request.param)


@pytest.mark.parametrize(("rule_id", "kind", "index"), list(_all_examples()))
def test_rule_example(all_reviewer, all_book, rule_id, kind, index):
    rule = all_book.rule(rule_id)
    example = (rule.hits if kind == "hit" else rule.cleans)[index]
    result = check_example(all_reviewer, rule, kind, index, example)
    assert result.passed, f"{result.label} ({rule.file}:{example.line}): {result.problem}"
