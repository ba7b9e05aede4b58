"""Rules, packs and examples as loaded from YAML (before compilation)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..features.signals import Signal
from ..vocabulary import (  # noqa: F401  (re-exported: rules speak this vocabulary)
    CATEGORIES,
    CATEGORY_TITLES,
    DOC_TYPES,
    FAMILIES,
    FAMILY_TITLES,
    LEGAL_CONFLICT_FAMILIES,
    SEVERITIES,
)
from .conditions import Node, signal_refs

_MARK = re.compile(r"\[\[(.+?)\]\]", re.S)


@dataclass
class Example:
    text: str  # without the [[ ]] markers
    marked: list[tuple[int, int]]  # spans of the [[ ]] markers in ``text``
    doc_type: str | None = None
    date: str | None = None
    scope: str | None = None
    context: str | None = None
    document: str | None = None
    note: str | None = None
    issuer_level: str | None = None
    line: int | None = None

    @classmethod
    def parse(cls, data: Any, line: int | None = None) -> Example:
        if isinstance(data, str):
            data = {"text": data}
        raw = data["text"]
        spans: list[tuple[int, int]] = []
        plain: list[str] = []
        cursor = 0
        length = 0
        for match in _MARK.finditer(raw):
            before = raw[cursor : match.start()]
            plain.append(before)
            length += len(before)
            inner = match.group(1)
            spans.append((length, length + len(inner)))
            plain.append(inner)
            length += len(inner)
            cursor = match.end()
        plain.append(raw[cursor:])
        return cls(
            text="".join(plain),
            marked=spans,
            doc_type=data.get("doc_type"),
            date=data.get("date"),
            scope=data.get("scope"),
            context=data.get("context"),
            document=data.get("document"),
            note=data.get("note"),
            issuer_level=data.get("issuer_level"),
            line=line,
        )


@dataclass
class Pack:
    name: str
    version: str
    title: str
    folder: str
    description: str = ""
    default: bool = True
    defaults: dict[str, Any] = field(default_factory=dict)


@dataclass
class RuleSpec:
    id: str
    title: str
    family: str
    category: str
    severity: str
    confidence: float
    status: str
    kind: str
    doc_types: tuple[str, ...]
    scopes: tuple[str, ...]
    when: Node
    document: dict[str, Any]
    in_force: dict[str, str]
    basis: list[dict[str, int | str]]
    policy_refs: list[str]
    message: str
    suggestion: str
    suppresses: list[str]
    void_risk_doc_types: tuple[str, ...]
    hits: list[Example]
    cleans: list[Example]
    pack: str
    file: str
    raw: dict[str, Any]
    inline_signals: dict[str, list[str]] = field(default_factory=dict)
    version: str = ""

    @property
    def published(self) -> bool:
        return self.status == "published"

    def signal_names(self) -> set[str]:
        names = signal_refs(self.when)
        names.update(self.document.get("has", []))
        names.update(self.document.get("lacks", []))
        return names

    def compute_version(self, signals: dict[str, Signal]) -> str:
        """Content hash of everything that changes what the rule reports (not its examples)."""
        payload = {k: v for k, v in self.raw.items() if k not in ("examples", "notes")}
        payload["_signals"] = {
            name: [signals[name].terms, signals[name].patterns, signals[name].word, signals[name].not_after]
            for name in sorted(self.signal_names())
            if name in signals
        }
        payload["_void_risk_doc_types"] = list(self.void_risk_doc_types)
        payload["_scopes"] = list(self.scopes)
        payload["_doc_types"] = list(self.doc_types)
        blob = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        self.version = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]
        return self.version
