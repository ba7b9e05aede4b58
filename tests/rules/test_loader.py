"""Strict loading: every invalid rule file is refused with its file, line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from qinglai_rules.rules.loader import load_rulebook

PACK = "name: t\nversion: '1'\ntitle: 测试包\n"
SIGNALS = textwrap.dedent(
    """\
    signals:
      reward:
        terms: [奖励, 返还]
      base:
        terms: [地方留成]
    """
)
GOOD = textwrap.dedent(
    """\
    id: T-ONE
    title: 测试规则
    family: tax-rebate
    category: LC
    severity: 违法
    when:
      sentence: [base, reward]
    basis:
      - law: tax-collection-law
        article: 3
        paragraph: 2
    message: 以地方留成为基数奖励。
    suggestion: 删除该条款。
    examples:
      hit:
        - 按[[地方留成部分给予奖励]]。
      clean:
        - 按国家规定执行。
    """
)


def _pack(tmp_path: Path, rules: dict[str, str], signals: str = SIGNALS) -> Path:
    root = tmp_path / "rules"
    (root / "signals").mkdir(parents=True)
    (root / "signals" / "s.yaml").write_text(signals, encoding="utf-8")
    pack = root / "t"
    (pack / "sub").mkdir(parents=True)
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    for name, text in rules.items():
        (pack / "sub" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


def _errors(tmp_path: Path, rules: dict[str, str], signals: str = SIGNALS) -> list:
    return load_rulebook(_pack(tmp_path, rules, signals)).errors


def test_good_rule_loads(tmp_path):
    book = load_rulebook(_pack(tmp_path, {"T-ONE": GOOD}))
    assert not book.errors
    rule = book.rule("T-ONE")
    assert rule.hits[0].text == "按地方留成部分给予奖励。"
    assert rule.hits[0].marked == [(1, 11)]
    assert len(rule.version) == 12


def test_unknown_field_points_at_the_rule(tmp_path):
    errors = _errors(tmp_path, {"T-ONE": GOOD + "severty: 违法\n"})
    assert len(errors) == 1
    assert "unknown field(s) severty" in errors[0].message
    assert errors[0].file.endswith("T-ONE.yaml") and errors[0].line == 1


def test_unknown_signal_points_at_its_use(tmp_path):
    errors = _errors(tmp_path, {"T-ONE": GOOD.replace("[base, reward]", "[base, rewrad]")})
    assert [e.message for e in errors] == ["unknown signal 'rewrad'"]
    assert errors[0].line == 7


def test_unknown_law_and_article(tmp_path):
    bad_law = GOOD.replace("law: tax-collection-law", "law: tax-law")
    errors = _errors(tmp_path, {"T-ONE": bad_law})
    assert "unknown law id 'tax-law'" in errors[0].message and (errors[0].line, errors[0].column) == (9, 5)
    bad_article = GOOD.replace("article: 3", "article: 300")
    errors = _errors(tmp_path / "b", {"T-ONE": bad_article})
    assert "has no article 300" in errors[0].message and errors[0].line == 10
    bad_paragraph = GOOD.replace("paragraph: 2", "paragraph: 5")
    errors = _errors(tmp_path / "c", {"T-ONE": bad_paragraph})
    assert "2 paragraph(s), not 5" in errors[0].message and errors[0].line == 11


def test_duplicate_ids_across_files(tmp_path):
    root = _pack(tmp_path, {"T-ONE": GOOD})
    other = root / "t" / "other"
    other.mkdir()
    (other / "T-ONE.yaml").write_text(GOOD, encoding="utf-8")
    errors = load_rulebook(root).errors
    assert any("duplicate rule id T-ONE" in e.message for e in errors)


def test_id_must_match_file_stem(tmp_path):
    errors = _errors(tmp_path, {"T-TWO": GOOD})
    assert any("must equal the file name stem T-TWO" in e.message for e in errors)


def test_unsafe_regex_in_signal(tmp_path):
    signals = SIGNALS + "  greedy:\n    patterns: ['(奖励+)+']\n"
    errors = _errors(tmp_path, {"T-ONE": GOOD}, signals)
    assert len(errors) == 1 and "unsafe pattern" in errors[0].message
    assert errors[0].line == 7 and errors[0].file.endswith("s.yaml")


def test_published_rule_needs_hit_and_clean_examples(tmp_path):
    no_clean = GOOD.replace("  clean:\n    - 按国家规定执行。\n", "")
    errors = _errors(tmp_path, {"T-ONE": no_clean})
    assert any("at least one 'hit' and one 'clean'" in e.message for e in errors)
    draft = no_clean + "status: draft\n"
    book = load_rulebook(_pack(tmp_path / "d", {"T-ONE": draft}))
    assert not book.errors and book.rules == []
    book = load_rulebook(_pack(tmp_path / "e", {"T-ONE": draft}), include_drafts=True)
    assert [r.id for r in book.rules] == ["T-ONE"]


def test_hit_example_needs_a_marked_span(tmp_path):
    errors = _errors(tmp_path, {"T-ONE": GOOD.replace("[[地方留成部分给予奖励]]", "地方留成部分给予奖励")})
    assert any("mark the offending span" in e.message for e in errors)


def test_yaml11_trap_inside_a_rule(tmp_path):
    errors = _errors(tmp_path, {"T-ONE": GOOD + "in_force:\n  from: 2024-08-01\n"})
    assert errors[0].line == 20 and "unquoted date" in errors[0].message


def test_rule_without_words_is_refused(tmp_path):
    negative_only = GOOD.replace("  sentence: [base, reward]", "  not: {signal: base}")
    errors = _errors(tmp_path, {"T-ONE": negative_only})
    assert any("must need some words" in e.message for e in errors)


def test_suppressing_an_unknown_rule(tmp_path):
    errors = _errors(tmp_path, {"T-ONE": GOOD + "suppresses: [T-NONE]\n"})
    assert any("suppresses unknown rule 'T-NONE'" in e.message for e in errors)


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("near: [base, reward]", "near"),
        ("number: {kind: percent, op: '>', value: x}", "value"),
        ("sentence: []", "sentence"),
        ("signal: base\n  scope: page", "scope"),
    ],
)
def test_malformed_conditions(tmp_path, condition, message):
    text = GOOD.replace("  sentence: [base, reward]", "  " + condition)
    errors = _errors(tmp_path, {"T-ONE": text})
    assert errors, condition
    assert errors[0].line is not None and errors[0].line >= 6
    assert message in errors[0].message or "not a valid condition" in errors[0].message


def test_folded_messages_lose_the_spaces_between_chinese_characters(tmp_path):
    message = "message: >-\n  以地方留成为基数\n  奖励，违反 Article 3。"
    folded = GOOD.replace("message: 以地方留成为基数奖励。", message)
    book = load_rulebook(_pack(tmp_path, {"T-ONE": folded}))
    assert not book.errors
    assert book.rule("T-ONE").message == "以地方留成为基数奖励，违反 Article 3。"
