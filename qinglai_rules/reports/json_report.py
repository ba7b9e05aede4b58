"""findings.json: the machine-readable review result (schema in rules/schema/findings.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def dumps(report: dict[str, Any]) -> str:
    """Deterministic text: same inputs and rules, same bytes.

    The header keys are indented; each document is one compact line, so the file stays a third of its
    indented size on a large batch and a diff between two runs shows which documents changed.
    """
    lines = ["{"]
    for key, value in report.items():
        if key != "documents":
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    documents = [json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in report.get("documents", [])]
    lines.append('  "documents": [')
    lines.append(",\n".join(f"    {line}" for line in documents))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_json_report(report: dict[str, Any], out_dir: Path) -> list[Path]:
    path = out_dir / "findings.json"
    path.write_text(dumps(report), encoding="utf-8")
    return [path]
