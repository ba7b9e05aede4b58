from __future__ import annotations

import pytest

from qinglai_rules.errors import RuleError
from qinglai_rules.rules.yamlload import load_yaml


def _error(text: str) -> RuleError:
    with pytest.raises(RuleError) as info:
        load_yaml("rule.yaml", text)
    return info.value


def test_values_keep_their_positions():
    loaded = load_yaml("rule.yaml", "id: X\nwhen:\n  all:\n    - signal: a\n")
    assert loaded.data == {"id": "X", "when": {"all": [{"signal": "a"}]}}
    assert loaded.where(("when", "all", 0, "signal")) == (4, 7)
    assert loaded.where(("when", "missing", "deeper")) == (2, 1)


def test_duplicate_key_is_an_error_with_both_lines():
    error = _error("id: A\ntitle: t\nid: B\n")
    assert (error.line, error.column) == (3, 1)
    assert "duplicate key 'id'" in error.message and "line 1" in error.message


@pytest.mark.parametrize("word", ["no", "yes", "on", "Off", "NO"])
def test_yaml11_booleans_are_refused(word):
    error = _error(f"flag: {word}\n")
    assert error.line == 1 and error.column == 7
    assert word in error.message


def test_quoted_yes_is_text_and_true_is_boolean():
    assert load_yaml("r.yaml", "a: 'no'\nb: true\n").data == {"a": "no", "b": True}


def test_unquoted_date_is_refused_and_quoted_date_is_a_string():
    error = _error("in_force:\n  from: 2024-08-01\n")
    assert (error.line, error.column) == (2, 9) and "quote" in error.message
    assert load_yaml("r.yaml", "d: '2024-08-01'\n").data == {"d": "2024-08-01"}


def test_octal_looking_number_is_refused():
    assert "ambiguous number" in _error("article: 012\n").message


def test_syntax_error_has_position():
    error = _error("a: [1, 2\n")
    assert error.file == "rule.yaml" and error.line is not None
    assert str(error).startswith("rule.yaml:")
