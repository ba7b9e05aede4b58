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
        "values": [v if isinstance(v, str | int | float | bool) or v is None else str(v) for v in step.values],
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
    by_status = {"ok": 0, "error": 0, "skipped": 0}
    by_family: dict[str, int] = {}
    by_category: dict[str, int] = {}
    by_severity: dict[str, int] = {}
    for result in results:
        by_status[result.status] = by_status.get(result.status, 0) + 1
        for finding in result.findings:
            by_family[finding.family] = by_family.get(finding.family, 0) + 1
            by_severity[finding.severity] = by_severity.get(finding.severity, 0) + 1
            for category in finding.categories:
                by_category[category] = by_category.get(category, 0) + 1
    return {
        "inputs": len(results),
        **by_status,
        "findings": sum(len(r.findings) for r in results),
        "by_family": dict(sorted(by_family.items())),
        "by_category": dict(sorted(by_category.items())),
        "by_severity": dict(sorted(by_severity.items())),
    }


def report_dict(run: RunInfo, results: list[DocumentResult]) -> dict[str, Any]:
    """The findings.json document. Deterministic: no timings, documents sorted by path."""
    ordered = sorted(results, key=lambda r: r.path)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "qinglai", "version": run.tool_version},
        "ruleset_version": run.ruleset_version,
        "laws_version": run.laws_version,
        "as_of": run.as_of,
        "totals": totals(ordered),
        "documents": [result_dict(r) for r in ordered],
    }
