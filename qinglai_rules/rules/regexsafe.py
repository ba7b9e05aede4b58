"""Refuse regular expressions that could hang a batch (catastrophic backtracking) or match
half a document.

Allowed: literals, classes, alternation, bounded repeats, unbounded repeats of a single literal
or class that is not "any character". Refused: back-references, nested repeats where the inner one
is unbounded or the outer one is, unbounded repeats of ``.`` or negated classes (write
``.{0,20}`` to say "within 20 characters"), and patterns longer than 400 characters.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    import re._constants as sre_constants
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_LENGTH = 400
MAX_BOUND = 200
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}
_UNBOUNDED = sre_constants.MAXREPEAT


def check_pattern(pattern: str) -> str | None:
    """None if ``pattern`` is safe, else the reason it is refused."""
    if len(pattern) > MAX_LENGTH:
        return f"pattern longer than {MAX_LENGTH} characters"
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        return f"invalid regular expression: {exc}"
    return _walk(list(parsed), inside_repeat=False)


def _is_broad(items: list) -> bool:
    """A single ANY or a negated class: matches almost everything."""
    if len(items) != 1:
        return False
    op, arg = items[0]
    if op in (sre_constants.ANY, sre_constants.NOT_LITERAL):
        return True
    if op == sre_constants.IN:
        return any(sub_op == sre_constants.NEGATE for sub_op, _ in arg)
    return False


def _walk(items: list, inside_repeat: bool) -> str | None:
    for op, arg in items:
        if op in (sre_constants.GROUPREF, getattr(sre_constants, "GROUPREF_EXISTS", None)):
            return "back-references are not allowed"
        if op in _REPEATS:
            _low, high, sub = arg
            sub_items = list(sub)
            unbounded = high == _UNBOUNDED
            if unbounded and _is_broad(sub_items):
                return "unbounded repeat of '.' or a negated class; bound it, e.g. .{0,20}"
            if high != _UNBOUNDED and high > MAX_BOUND:
                return f"repeat bound {high} is larger than {MAX_BOUND}"
            if inside_repeat and (unbounded or _contains_unbounded(sub_items)):
                return "nested repeats with an unbounded part can backtrack catastrophically"
            has_repeat = _contains_repeat(sub_items)
            if has_repeat and unbounded:
                return "nested repeats with an unbounded part can backtrack catastrophically"
            reason = _walk(sub_items, inside_repeat=True)
            if reason:
                return reason
        elif op == sre_constants.SUBPATTERN:
            reason = _walk(list(arg[-1]), inside_repeat)
            if reason:
                return reason
        elif op == sre_constants.BRANCH:
            for branch in arg[1]:
                reason = _walk(list(branch), inside_repeat)
                if reason:
                    return reason
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            reason = _walk(list(arg[1]), inside_repeat)
            if reason:
                return reason
    return None


def _children(op: int, arg: object) -> list[list]:
    if op in _REPEATS:
        return [list(arg[2])]  # type: ignore[index]
    if op == sre_constants.SUBPATTERN:
        return [list(arg[-1])]  # type: ignore[index]
    if op == sre_constants.BRANCH:
        return [list(b) for b in arg[1]]  # type: ignore[index]
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [list(arg[1])]  # type: ignore[index]
    return []


def _contains_repeat(items: list) -> bool:
    return any(op in _REPEATS or any(_contains_repeat(c) for c in _children(op, arg)) for op, arg in items)


def _contains_unbounded(items: list) -> bool:
    for op, arg in items:
        if op in _REPEATS and arg[1] == _UNBOUNDED:
            return True
        if any(_contains_unbounded(c) for c in _children(op, arg)):
            return True
    return False
