"""Reports people read and files other tools read, all rendered from one report dictionary.

Every writer takes ``(report, out_dir)`` where ``report`` is ``serialize.report_dict(run, results)``
— the content of findings.json — optionally enriched per finding with the review store's
``finding_id``, ``fingerprint`` and ``status`` (pending / confirmed / dismissed) and per document with
``region``; writers must cope with those keys being absent. ``write_reports`` runs the writers the
user asked for; ``options`` passes keyword arguments to one writer (e.g. the DOCX ``template``).
Formats and their columns/sections: docs/reports.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .docx_report import write_docx_report
from .html_report import write_html_report
from .json_report import write_json_report
from .sarif_report import write_sarif_report
from .xlsx_report import write_xlsx_report

# (report, out_dir, **options) -> files written; options only for writers that take them (docx: template)
Writer = Callable[..., list[Path]]

WRITERS: dict[str, Writer] = {
    "json": write_json_report,
    "html": write_html_report,
    "docx": write_docx_report,
    "xlsx": write_xlsx_report,
    "sarif": write_sarif_report,
}


def write_reports(
    report: dict[str, Any],
    out_dir: Path,
    formats: list[str],
    options: dict[str, dict[str, Any]] | None = None,
) -> list[Path]:
    unknown = [name for name in formats if name not in WRITERS]
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(unknown)} (known: {', '.join(WRITERS)})")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in formats:
        written.extend(WRITERS[name](report, out_dir, **(options or {}).get(name, {})))
    return written
