"""Required literals of a regex: strings of which at least one occurs in any text the regex matches.

A rulebook has hundreds of signal patterns and each is a separate pass over the document; most of
them cannot match a given document because a word they need is not in it. ``required_literals``
reads the parsed pattern (``re._parser``) and returns such a set, or ``None`` when it cannot tell
(it only ever returns a set when every match must contain one of its members — being conservative
costs a pass, never a match). ``signals.SignalSet`` looks for all these literals in one
Aho-Corasick pass and skips the patterns whose literals are all absent.

Rules used: a literal run is required; a group, an atomic group, or a repetition with at least one
occurrence requires what its content requires; an alternation requires the union of its branches'
requirements (unknown if any branch is unknown); a positive lookaround requires its content *in the
text* (not in the match, which is all the filter needs); a class of plain characters requires one of
them; everything else (negative lookarounds, optional parts, classes with ranges, ``.``) requires
nothing. Of several required parts of a sequence the most selective is kept. Case-insensitive or
verbose patterns are not analysed.
"""

from __future__ import annotations

from typing import Any

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

Literals = frozenset[str]

_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)


def required_literals(pattern: str) -> Literals | None:
    try:
        parsed = _parser.parse(pattern)
    except Exception:  # an unparsable pattern is simply not pre-filtered
        return None
    if parsed.state.flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_VERBOSE):
        return None
    return _sequence(list(parsed))


def _most_selective(options: list[Literals | None]) -> Literals | None:
    known = [option for option in options if option]
    if not known:
        return None
    return max(known, key=lambda found: (min(len(text) for text in found), -len(found)))


def _sequence(items: list[tuple[Any, Any]]) -> Literals | None:
    options: list[Literals | None] = []
    run: list[str] = []
    for op, value in items:
        if op is _c.LITERAL:
            run.append(chr(value))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        options.append(_element(op, value))
    if run:
        options.append(frozenset({"".join(run)}))
    return _most_selective(options)


def _element(op: Any, value: Any) -> Literals | None:
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, content = value
        if add_flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_VERBOSE):
            return None
        return _sequence(list(content))
    if _ATOMIC is not None and op is _ATOMIC:
        return _sequence(list(value))
    if op is _c.BRANCH:
        _, branches = value
        found = [_sequence(list(branch)) for branch in branches]
        if any(not option for option in found):
            return None
        return frozenset().union(*found)  # type: ignore[arg-type]
    if op in _REPEATS:
        low, _high, content = value
        return _sequence(list(content)) if low >= 1 else None
    if op is _c.ASSERT:  # positive lookahead / lookbehind: the text must contain it
        _direction, content = value
        return _sequence(list(content))
    if op is _c.IN:
        chars = [item for kind, item in value if kind is _c.LITERAL]
        if chars and len(chars) == len(value):
            return frozenset(chr(char) for char in chars)
        return None
    return None
