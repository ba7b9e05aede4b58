"""durable-rules and the plain-Python reference evaluator agree, and the adapter survives the
engine's measured limits (sharding, sentinel, state cleanup)."""

from __future__ import annotations

import random

import pytest

from qinglai_rules.model import Clause
from qinglai_rules.reading.assemble import document_from_text
from qinglai_rules.review import Reviewer
from qinglai_rules.rules.compiler import SHARD_BRANCHES
from qinglai_rules.rules.loader import load_rulebook
from qinglai_rules.synth.rulegen import generate_rulebook, generate_text


def _doc(text: str, doc_type: str = "policy"):
    doc = document_from_text(text)
    clauses = []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        end = offset + len(line)
        clauses.append(Clause(f"a{index + 1}", "article", f"第{index + 1}条", [f"第{index + 1}条"],
                              offset, end, offset, end, [1]))
        offset = end + 1
    doc.clauses = clauses
    doc.metadata.doc_type = doc_type
    return doc


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = generate_rulebook(tmp_path_factory.mktemp("gen"), 700)
    book = load_rulebook(folder, include_drafts=True)
    assert not book.errors, book.errors[:3]
    return book


def test_large_ruleset_is_sharded_within_engine_limits(generated):
    reviewer = Reviewer(book=generated, engine="durable")
    shards = reviewer.ruleset.shards
    assert len(reviewer.ruleset.rules) == 700
    assert all(sum(r.branches for r in s.rules) <= SHARD_BRANCHES or len(s.rules) == 1 for s in shards)
    assert sum(len(s.rules) for s in shards) == 700


def test_durable_and_reference_agree_on_generated_documents(generated):
    durable = Reviewer(book=generated, engine="durable")
    reference = Reviewer(book=generated, engine="reference")
    rng = random.Random(11)
    total = 0
    for index in range(40):
        doc = _doc(generate_text(rng, 12), rng.choice(["policy", "contract", "minutes"]))
        fired_d = durable.evaluate(doc).fired
        fired_r = reference.evaluate(doc).fired
        assert fired_d == fired_r, f"document {index}"
        total += len(fired_d)
    assert total > 500  # the generated texts really exercise the rules


def test_many_documents_do_not_exhaust_sessions(demo_reviewer):
    """durable-rules allows 1024 live sessions per ruleset: state must be deleted per document."""
    doc = _doc("对新落户企业，按其缴纳增值税地方留成部分的50%给予奖励。")
    for _ in range(1100):
        findings = demo_reviewer.review_document(doc)
    assert [f.rule_id for f in findings] == ["DEMO-TAX-SHARE"]


def test_document_without_matches_runs_cleanly(demo_reviewer):
    doc = _doc("第一条 为规范管理，制定本办法。\n第二条 本办法自印发之日起施行。")
    assert demo_reviewer.evaluate(doc).fired == set()


def test_two_reviewers_of_the_same_rules_share_one_host(demo_book):
    first = Reviewer(book=demo_book)
    second = Reviewer(book=demo_book)
    doc = _doc("甲方协调县城投公司为乙方银行贷款提供连带责任担保。", "contract")
    assert first.evaluate(doc).fired == second.evaluate(doc).fired != set()


def test_near_unless_checks_every_sentence_the_pair_touches(tmp_path):
    from qinglai_rules.features.signals import Signal, SignalSet
    from qinglai_rules.rules.conditions import Near
    from qinglai_rules.rules.predicates import UnitText
    from qinglai_rules.rules.units import build_units

    signals = SignalSet([Signal("gov", terms=["县政府"]), Signal("guar", terms=["担保"]),
                         Signal("ban", terms=["不得"])])
    leaf = Near(("gov", "guar"), 30, False, ("ban",))
    allowed = _doc("县政府支持企业发展。企业自行提供担保。")
    banned = _doc("县政府支持企业发展。不得约定由政府提供担保。")
    for doc, expected in ((allowed, True), (banned, False)):
        view = UnitText(doc, build_units(doc)[0], signals.match(doc.norm))
        assert view.evaluate(leaf).matched is expected
