"""Plain-data views of documents and findings, shared by every output (JSON, store, HTML, XLSX…)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..model import Clause, Document, DocumentResult, Finding, LawRef, RunInfo, TraceStep

SCHEMA_VERSION = 1


def metadata_dict(doc: Document) -> dict[str, Any]:
    meta = asdict(doc.metadata)
    meta["parties"] = [asdict(p) for p in doc.metadata.parties]
    return meta


def clause_dict(doc: Document, clause: Clause) -> dict[str, Any]:
    """The clause's own text; ``start``/``end`` are its document offsets (after stripping), so a
    report can place the evidence inside it: ``text[evidence.start - start : evidence.end - start]``."""
    raw = doc.text[clause.body_start : clause.body_end]
    text = raw.strip()
    start = clause.body_start + (len(raw) - len(raw.lstrip()))
    return {
        "id": clause.id,
        "kind": clause.kind,
        "label": clause.label,
        "path": clause.path_text,
        "page": clause.pages[0] if clause.pages else 1,
        "pages": list(clause.pages),
        "start": start,
        "end": start + len(text),
        "text": text,
    }


def law_dict(ref: LawRef) -> dict[str, Any]:
    return {
        "id": ref.law_id,
        "title": ref.title,
        "article": ref.article,
        "label": ref.label,
        "paragraph": ref.paragraph,
        "item": ref.item,
        "version": ref.version,
        "text": ref.text,
    }


def trace_dict(step: TraceStep) -> dict[str, Any]:
    return {
        "condition": step.condition,
        "matched": step.matched,
        "spans": [list(span) for span in step.spans],
        "values": [_plain(v) for v in step.values],
        "note": step.note,
    }


def finding_dict(doc: Document, finding: Finding) -> dict[str, Any]:
    start, end = finding.evidence
    return {
        "rule_id": finding.rule_id,
        "rule_version": finding.rule_version,
        "title": finding.title,
        "family": finding.family,
        "category": finding.categories[0],
        "categories": list(finding.categories),
        "severity": finding.severity,
        "confidence": finding.confidence,
        "clause": clause_dict(doc, doc.clause(finding.clause_id)),
        "evidence": {"start": start, "end": end, "text": finding.evidence_text, "page": doc.page_of(start)},
        "law": [law_dict(ref) for ref in finding.law],
        "message": finding.message,
        "suggestion": finding.suggestion,
        "trace": [trace_dict(step) for step in finding.trace],
    }


def stored_finding_dict(row: Any) -> dict[str, Any]:
    """``finding_dict`` of a finding loaded from the review store (a ``store.FindingRow``).

    Same keys and values as the live finding, so a re-run that skips an unchanged document reports
    its findings as the first run did; family, severity and categories are the rule's own (a
    reviewer's amendment is the store's business, shown through ``status``).
    """
    pages = list(row.clause_pages)
    text = row.clause_text.strip()
    start = row.clause_body_start + (len(row.clause_text) - len(row.clause_text.lstrip()))
    return {
        "rule_id": row.rule_id,
        "rule_version": row.rule_version,
        "title": row.title,
        "family": row.found_family,
        "category": row.found_categories[0],
        "categories": list(row.found_categories),
        "severity": row.found_severity,
        "confidence": row.confidence,
        "clause": {
            "id": row.clause_key,
            "kind": row.clause_kind,
            "label": row.clause_label,
            "path": " › ".join(row.clause_path),
            "page": pages[0] if pages else 1,
            "pages": pages,
            "start": start,
            "end": start + len(text),
            "text": text,
        },
        "evidence": {
            "start": row.evidence_start,
            "end": row.evidence_end,
            "text": row.evidence_text,
            "page": row.page,
        },
        "law": [{key: ref.get(key) for key in _LAW_KEYS} for ref in row.law],
        "message": row.message,
        "suggestion": row.suggestion,
        "trace": [
            {
                "condition": step["condition"],
                "matched": step["matched"],
                "spans": [list(span) for span in step["spans"]],
                "values": [_plain(v) for v in step["values"]],
                "note": step["note"],
            }
            for step in row.trace
        ],
    }


_LAW_KEYS = ("id", "title", "article", "label", "paragraph", "item", "version", "text")


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def result_dict(result: DocumentResult) -> dict[str, Any]:
    doc = result.document
    return {
        "path": result.path,
        "sha256": result.sha256,
        "status": result.status,
        "error": result.error,
        "error_code": result.error_code,
        "skip_reason": result.skip_reason,
        "format": doc.format if doc else None,
        "encoding": doc.encoding if doc else None,
        "script": doc.script if doc else None,
        "warnings": list(doc.warnings) if doc else [],
        "doc_type": doc.metadata.doc_type if doc else None,
        "metadata": metadata_dict(doc) if doc else None,
        "pages": len(doc.pages) if doc else 0,
        "clauses": len(doc.clauses) if doc else 0,
        "findings": [finding_dict(doc, f) for f in result.findings] if doc else [],
    }


def totals(results: list[DocumentResult]) -> dict[str, Any]:
    return totals_of([result_dict(r) for r in results])


def totals_of(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts over report entries (``result_dict`` shapes): inputs by status, findings by label."""
    by_status = {"ok": 0, "error": 0, "skipped": 0}
    by_family: dict[str, int] = {}
    by_category: dict[str, int] = {}
    by_severity: dict[str, int] = {}
    for entry in documents:
        by_status[entry["status"]] = by_status.get(entry["status"], 0) + 1
        for finding in entry["findings"]:
            by_family[finding["family"]] = by_family.get(finding["family"], 0) + 1
            by_severity[finding["severity"]] = by_severity.get(finding["severity"], 0) + 1
            for category in finding["categories"]:
                by_category[category] = by_category.get(category, 0) + 1
    return {
        "inputs": len(documents),
        **by_status,
        "findings": sum(len(entry["findings"]) for entry in documents),
        "by_family": dict(sorted(by_family.items())),
        "by_category": dict(sorted(by_category.items())),
        "by_severity": dict(sorted(by_severity.items())),
    }


def report_dict(run: RunInfo, results: list[DocumentResult]) -> dict[str, Any]:
    """The findings.json document. Deterministic: no timings, documents sorted by path."""
    return report_of(run, [result_dict(r) for r in results])


def report_of(run: RunInfo, documents: list[dict[str, Any]]) -> dict[str, Any]:
    """The findings.json document from report entries (a batch adds entries loaded from the store)."""
    ordered = sorted(documents, key=lambda entry: entry["path"])
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "qinglai", "version": run.tool_version},
        "ruleset_version": run.ruleset_version,
        "laws_version": run.laws_version,
        "as_of": run.as_of,
        "totals": totals_of(ordered),
        "documents": ordered,
    }
