"""Measure the commitment inventory against hand labels (``corpus/inventory.yaml``).

Mirrors ``qinglai_rules.evaluation``: a prediction is a (clause, kind) pair — one commitment per kind
per clause, as the extractor merges them; it is a true positive when its clause body overlaps a
labelled quote of the same kind. A label is found when such a prediction exists. Every other
prediction is a false alarm. Amount and status are scored separately, on found labels only: the
amount is right within 0.5 %, or when neither side has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..evaluation import Counts, locate
from ..model import Document, Span
from .commitments import Commitment
from .terms import KINDS, STATUSES


@dataclass
class InventoryLabel:
    doc: str
    quote: str
    kind: str
    promisor: str = ""
    promisee: str = ""
    amount: float | None = None
    status: str = ""
    deadline: str | None = None
    note: str = ""
    span: Span | None = None


@dataclass
class Matched:
    label: InventoryLabel
    prediction: Commitment


@dataclass
class InventoryReport:
    documents: int = 0
    overall: Counts = field(default_factory=Counts)
    by_kind: dict[str, Counts] = field(default_factory=dict)
    by_doc_type: dict[str, Counts] = field(default_factory=dict)
    matched: list[Matched] = field(default_factory=list)
    misses: list[InventoryLabel] = field(default_factory=list)
    false_alarms: list[Commitment] = field(default_factory=list)
    label_errors: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def amount_checked(self) -> int:
        return len(self.matched)

    @property
    def amount_correct(self) -> int:
        return sum(1 for m in self.matched if amounts_agree(m.label.amount, m.prediction.amount))

    @property
    def status_correct(self) -> int:
        return sum(1 for m in self.matched if (m.label.status or "") == (m.prediction.status or ""))

    def amount_errors(self) -> list[Matched]:
        return [m for m in self.matched if not amounts_agree(m.label.amount, m.prediction.amount)]


def amounts_agree(label: float | None, predicted: float | None) -> bool:
    if label is None or predicted is None:
        return label is None and predicted is None
    return abs(label - predicted) <= 0.005 * max(abs(label), 1.0)


class LabelFileError(ValueError):
    """The labels file itself is wrong (unknown kind or status, missing quote)."""


def load_inventory_labels(path: Path) -> dict[str, list[InventoryLabel]]:
    """inventory.yaml → {document key (path relative to the labels file's folder): labels}."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, list[InventoryLabel]] = {}
    for key, entry in (data.get("documents") or {}).items():
        labels = []
        for index, item in enumerate(entry.get("commitments") or [], 1):
            where = f"{path.name}: {key} 第{index}条"
            if not item.get("quote"):
                raise LabelFileError(f"{where}: 缺少 quote")
            if item.get("kind") not in KINDS:
                raise LabelFileError(f"{where}: 未知的类型 {item.get('kind')!r}（可选 {', '.join(KINDS)}）")
            status = item.get("status") or ""
            if status and status not in STATUSES:
                raise LabelFileError(f"{where}: 未知的兑现状态 {status!r}（可选 {'、'.join(STATUSES)}）")
            amount = item.get("amount")
            labels.append(InventoryLabel(
                doc=key, quote=str(item["quote"]), kind=item["kind"], promisor=item.get("promisor") or "",
                promisee=item.get("promisee") or "", amount=float(amount) if amount is not None else None,
                status=status, deadline=str(item["deadline"]) if item.get("deadline") else None,
                note=item.get("note") or "",
            ))
        out[key] = labels
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _clause_span(doc: Document, prediction: Commitment) -> Span:
    clause = doc.clause(prediction.clause_id)
    return (clause.body_start, clause.body_end)


def evaluate_inventory(
    results: Iterable[tuple[str, str, Document | None, list[Commitment]]],
    labels: dict[str, list[InventoryLabel]],
) -> InventoryReport:
    """Score extracted commitments. ``results``: (key, doc_type, document or None if unreadable, commitments)."""
    report = InventoryReport()
    report.by_kind = {kind: Counts() for kind in KINDS}
    for key, doc_type, doc, predictions in results:
        doc_labels = labels.get(key)
        if doc_labels is None:
            continue
        report.documents += 1
        type_counts = report.by_doc_type.setdefault(doc_type, Counts())
        if doc is None:
            report.unreadable.append(key)
            for label in doc_labels:
                _miss(report, label, type_counts)
            continue
        for label in doc_labels:
            label.span = locate(doc, label.quote)
            if label.span is None:
                report.label_errors.append(f"{key}: quote not found in the document: {label.quote}")
        spans = {id(p): _clause_span(doc, p) for p in predictions}
        for label in doc_labels:
            found = [p for p in predictions
                     if label.span and p.kind == label.kind and _overlaps(spans[id(p)], label.span)]
            for counts in (report.overall, report.by_kind[label.kind], type_counts):
                counts.labels += 1
            if found:
                report.matched.append(Matched(label, found[0]))
            else:
                _miss(report, label, type_counts, counted=True)
        for prediction in predictions:
            true = any(label.span and label.kind == prediction.kind and _overlaps(spans[id(prediction)], label.span)
                       for label in doc_labels)
            for counts in (report.overall, report.by_kind[prediction.kind], type_counts):
                if true:
                    counts.tp += 1
                else:
                    counts.fp += 1
            if not true:
                report.false_alarms.append(prediction)
    return report


def _miss(report: InventoryReport, label: InventoryLabel, type_counts: Counts, counted: bool = False) -> None:
    for counts in (report.overall, report.by_kind[label.kind], type_counts):
        if not counted:
            counts.labels += 1
        counts.fn += 1
    report.misses.append(label)


def inventory_report_dict(report: InventoryReport) -> dict[str, Any]:
    def row(counts: Counts) -> dict[str, Any]:
        return counts.as_dict()

    return {
        "documents": report.documents,
        "overall": row(report.overall),
        "by_kind": {k: row(v) for k, v in report.by_kind.items() if v.labels or v.tp or v.fp},
        "by_doc_type": {k: row(v) for k, v in sorted(report.by_doc_type.items())},
        "amount": {"checked": report.amount_checked, "correct": report.amount_correct},
        "status": {"checked": report.amount_checked, "correct": report.status_correct},
        "misses": [{"doc": m.doc, "kind": m.kind, "quote": m.quote} for m in report.misses],
        "false_alarms": [{"doc": p.doc_path, "clause": " › ".join(p.clause_path), "kind": p.kind,
                          "text": p.text} for p in report.false_alarms],
        "amount_errors": [{"doc": m.label.doc, "quote": m.label.quote, "label": m.label.amount,
                           "predicted": m.prediction.amount} for m in report.amount_errors()],
        "label_errors": report.label_errors,
        "unreadable": report.unreadable,
    }
