"""findings.json: the machine-readable review result (schema in rules/schema/findings.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

from ..model import DocumentResult, RunInfo
from .serialize import report_dict


def write_json(out_dir: Path, run: RunInfo, results: list[DocumentResult]) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "findings.json"
    text = json.dumps(report_dict(run, results), ensure_ascii=False, indent=2, sort_keys=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
