"""The queue's filters as they travel in URLs: parsed once, validated, turned back into links."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from werkzeug.datastructures import MultiDict

from ..store import STATUSES
from ..vocabulary import CATEGORIES, DOC_TYPES, FAMILIES, SEVERITIES

DEFAULT_STATUS = "pending"
ALL = "all"
_CHOICES: dict[str, tuple[str, ...]] = {
    "family": FAMILIES,
    "category": CATEGORIES,
    "severity": SEVERITIES,
    "doc_type": DOC_TYPES,
}


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = DEFAULT_STATUS  # None: every status
    family: str | None = None
    category: str | None = None
    severity: str | None = None
    region: str | None = None
    doc_type: str | None = None
    rule: str | None = None

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> QueueFilters:
        """Unknown values are dropped rather than refused: a stale bookmark still opens the queue."""
        status_arg = args.get("status", DEFAULT_STATUS)
        status: str | None = status_arg if status_arg in STATUSES else None
        if status_arg not in STATUSES and status_arg != ALL:
            status = DEFAULT_STATUS
        values: dict[str, Any] = {"status": status}
        for name in ("family", "category", "severity", "doc_type"):
            value = args.get(name) or None
            values[name] = value if value in _CHOICES[name] else None
        for name in ("region", "rule"):
            values[name] = (args.get(name) or "").strip() or None
        return cls(**values)

    def store_kwargs(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def query(self, **changes: Any) -> dict[str, str]:
        """URL parameters for these filters with ``changes`` applied (None removes a filter)."""
        target = replace(self, **changes) if changes else self
        params: dict[str, str] = {}
        for f in fields(target):
            value = getattr(target, f.name)
            if f.name == "status":
                if value != DEFAULT_STATUS:
                    params["status"] = value or ALL
            elif value:
                params[f.name] = value
        return params

    def active(self) -> list[tuple[str, str]]:
        """(name, value) of each filter narrowing the queue beyond the default."""
        return [(f.name, getattr(self, f.name)) for f in fields(self) if f.name != "status" and getattr(self, f.name)]
