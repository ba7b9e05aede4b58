"""A finding's identity across runs and document versions.

fingerprint = sha256(rule id, normalised clause text, document lineage key). The clause text is
folded so that cosmetic differences do not count as a change: Traditional → Simplified, full- and
half-width punctuation alike, whitespace removed, the clause's own number (第三条, 一、…) stripped so
renumbering keeps the identity. The lineage key names the document across versions: the 文号
(issuer prefix, year and number, whatever the bracket style or width), else the title, else the
file name. A reviewer's decision is attached to the fingerprint, so it carries over to a re-review
and to an amended version; a changed clause gets a new fingerprint and is pending again.
"""

from __future__ import annotations

import hashlib
import re

from ..reading.normalize import normalize

# CJK punctuation that width folding (normalize) leaves alone, mapped to its ASCII counterpart.
_PUNCT = str.maketrans(
    {
        "。": ".",
        "、": ",",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "《": "<",
        "》": ">",
        "〈": "<",
        "〉": ">",
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "〖": "[",
        "〗": "]",
        "﹝": "[",
        "﹞": "]",
        "—": "-",
        "–": "-",
        "―": "-",
        "·": ".",
        "・": ".",
        "…": "...",
    }
)
_SPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")

_DOC_NUMBER = re.compile(r"^(?P<prefix>.*?)[\[(<\"]?(?P<year>(?:19|20)\d{2})[\])>\"]?第?(?P<number>\d+)号")
_BRACKETS = re.compile(r"[\[\]()<>\"']")


def fold(text: str) -> str:
    """Simplified, ASCII punctuation, no whitespace: the form compared across versions."""
    return _SPACE.sub("", normalize(text).translate(_PUNCT))


def clause_text_key(text: str, label: str = "") -> str:
    """The clause text as compared across versions: folded, with its own number stripped."""
    folded = fold(text)
    folded_label = fold(label)
    if folded_label and folded.startswith(folded_label):
        folded = folded[len(folded_label) :]
    return folded


def doc_number_stem(doc_number: str) -> str:
    """``哈政规〔2019〕3号``, ``哈政规[2019]第03号`` → ``哈政规[2019]3``; else folded, without brackets."""
    folded = fold(doc_number)
    match = _DOC_NUMBER.match(folded)
    if match and match.group("prefix"):
        return f"{match.group('prefix')}[{match.group('year')}]{int(match.group('number'))}"
    return _BRACKETS.sub("", folded)


def lineage_key(doc_number: str | None, title: str | None, path: str) -> str:
    """The name of a document across its versions: ``no:`` 文号 stem, else ``title:``, else ``file:``."""
    if doc_number and doc_number.strip():
        return "no:" + doc_number_stem(doc_number)
    if title and fold(title):
        return "title:" + fold(title)
    name = re.split(r"[\\/]", path)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return "file:" + fold(stem).casefold()


def _sha(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def text_hash(text: str, label: str = "") -> str:
    """sha256 of the clause text as compared across versions."""
    return _sha(clause_text_key(text, label))


def fingerprint(rule_id: str, clause_text: str, clause_label: str, lineage: str) -> str:
    """A finding's identity: rule, clause text (normalised, label stripped), document lineage."""
    return _sha("qinglai-finding/1", rule_id, clause_text_key(clause_text, clause_label), lineage)


def partial_fingerprints(rule_id: str, clause_text: str, clause_label: str, lineage: str) -> dict[str, str]:
    """SARIF ``partialFingerprints``: matching on the text alone, and on where the clause sits."""
    return {
        "ruleClauseText/v1": _sha(rule_id, clause_text_key(clause_text, clause_label)),
        "ruleLineageLabel/v1": _sha(rule_id, lineage, fold(clause_label)),
    }
