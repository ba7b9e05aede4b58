"""findings.json: the machine-readable review result (schema in rules/schema/findings.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def dumps(report: dict[str, Any]) -> str:
    """Deterministic text: same inputs and rules, same bytes."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def write_json_report(report: dict[str, Any], out_dir: Path) -> list[Path]:
    path = out_dir / "findings.json"
    path.write_text(dumps(report), encoding="utf-8")
    return [path]
