"""durable-rules and the plain-Python reference evaluator give the same results on the whole corpus,
with every rule of every pack loaded; and the compiled conditions agree with the rule trees."""

from __future__ import annotations

import pytest

from qinglai_rules.review import Reviewer
from qinglai_rules.rules.findings import trace_tree
from qinglai_rules.rules.loader import load_rulebook
from qinglai_rules.rules.reference import holds

from ..conftest import RULESETS


@pytest.fixture(scope="module")
def reviewers():
    book = load_rulebook(RULESETS, default_only=False)
    assert not book.errors
    return Reviewer(book=book, engine="durable"), Reviewer(book=book, engine="reference")


def test_engines_agree_on_every_corpus_document(corpus_documents, reviewers):
    durable, reference = reviewers
    total = 0
    for key, doc in corpus_documents.items():
        fired = durable.evaluate(doc).fired
        assert fired == reference.evaluate(doc).fired, key
        total += len(fired)
    assert total > 0


def test_compiled_conditions_agree_with_the_rule_trees(corpus_documents, reviewers):
    """The tree evaluator (used for traces and explanations) decides exactly what the engines fire."""
    _, reference = reviewers
    for key, doc in corpus_documents.items():
        evaluation = reference.evaluate(doc)
        for rule in reference.ruleset.rules:
            doc_ok = holds(rule.doc_condition, evaluation.facts.doc)
            for view in evaluation.facts.views:
                expected = doc_ok and view.unit.scope in rule.spec.scopes and trace_tree(rule.spec.when, view)[0]
                fired = (rule.id, view.unit.index) in evaluation.fired
                assert fired == expected, (key, rule.id, view.unit.clause.id)
