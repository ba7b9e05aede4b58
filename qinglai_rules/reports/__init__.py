"""Reports people read and files other tools read, all rendered from one report dictionary.

Every writer takes ``(report, out_dir)`` where ``report`` is ``serialize.report_dict(run, results)``
— the content of findings.json — optionally enriched per finding with the review store's
``finding_id``, ``fingerprint`` and ``status`` (pending / confirmed / dismissed) and per document with
``region``; writers must cope with those keys being absent. ``write_reports`` runs the writers the
user asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .json_report import write_json_report

Writer = Callable[[dict[str, Any], Path], list[Path]]

WRITERS: dict[str, Writer] = {
    "json": write_json_report,
}


def write_reports(report: dict[str, Any], out_dir: Path, formats: list[str]) -> list[Path]:
    unknown = [name for name in formats if name not in WRITERS]
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(unknown)} (known: {', '.join(WRITERS)})")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in formats:
        written.extend(WRITERS[name](report, out_dir))
    return written
