from __future__ import annotations

import pytest

from qinglai_rules.rules.regexsafe import check_pattern

SAFE = ["缴纳的?(增值税|所得税)", "留成.{0,20}奖励", r"\d+%", "(ab|cd){1,3}", "[^。]{0,30}奖励"]


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_patterns(pattern):
    assert check_pattern(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [("(a+)+", "nested"), (r"(\d+\s*)+", "nested"), (".*留成", "unbounded"), ("[^。]*奖励", "unbounded"),
     (r"(\w)\1", "back-references"), ("(", "invalid"), ("a{0,500}", "larger than"), ("x" * 401, "longer")],
)
def test_unsafe_patterns(pattern, reason):
    message = check_pattern(pattern)
    assert message is not None and reason in message
