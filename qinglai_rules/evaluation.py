"""Measure the rules against the labelled corpus: precision, recall and F1 per family, per
category and overall, with every miss and every false alarm listed.

Labels (``corpus/labels.yaml``) name, per document, the clauses that must be flagged — by a
verbatim quote, with the family and categories — and lawful look-alikes that must stay clean.
A prediction is a (clause, family) pair: several rules of one family on one clause count once.
A prediction is a true positive when its clause overlaps a flagged quote of the same family;
every other prediction is a false alarm, whether or not the clause was labelled clean — a
reviewer's time is lost either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import Document, DocumentResult, Span
from .reading.normalize import normalize
from .rules.spec import FAMILIES


@dataclass
class Label:
    doc: str
    quote: str
    family: str  # for clean labels: the family it resembles (may be "")
    categories: list[str]
    flagged: bool
    note: str = ""
    span: Span | None = None


@dataclass
class Prediction:
    doc: str
    clause_id: str
    clause_path: str
    span: Span  # the clause body
    family: str
    categories: list[str]
    rule_ids: list[str]
    evidence: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    labels: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return (self.labels - self.fn) / self.labels if self.labels else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"labels": self.labels, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class EvalReport:
    documents: int = 0
    by_family: dict[str, Counts] = field(default_factory=dict)
    by_category: dict[str, Counts] = field(default_factory=dict)
    overall: Counts = field(default_factory=Counts)
    misses: list[Label] = field(default_factory=list)
    false_alarms: list[tuple[Prediction, Label | None]] = field(default_factory=list)
    label_errors: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    clean_labels: int = 0
    clean_hit: int = 0


def load_labels(path: Path) -> dict[str, list[Label]]:
    """labels.yaml → {document key (path relative to the labels file's folder): labels}."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, list[Label]] = {}
    for key, entry in (data.get("documents") or {}).items():
        labels = [
            Label(key, item["quote"], item["family"], list(item.get("categories", [])), True, item.get("note", ""))
            for item in entry.get("flagged", []) or []
        ]
        labels += [
            Label(key, item["quote"], item.get("resembles", ""), [], False, item.get("note", ""))
            for item in entry.get("clean", []) or []
        ]
        out[key] = labels
    return out


def locate(doc: Document, quote: str) -> Span | None:
    """The span of a (Simplified) quote in the document, matched on the normalised text; line
    breaks the reader kept inside a sentence are ignored."""
    needle = normalize(quote)
    index = doc.norm.find(needle)
    if index >= 0:
        return (index, index + len(needle))
    # tolerate a break or space the reader left inside the quote: match on text without them
    kept = [i for i, ch in enumerate(doc.norm) if ch not in "\n\t "]
    squeezed = "".join(doc.norm[i] for i in kept)
    index = squeezed.find(needle.replace(" ", ""))
    if index < 0:
        return None
    return (kept[index], kept[index + len(needle.replace(" ", "")) - 1] + 1)


def predictions_of(key: str, result: DocumentResult) -> list[Prediction]:
    doc = result.document
    if doc is None:
        return []
    grouped: dict[tuple[str, str], Prediction] = {}
    for finding in result.findings:
        clause = doc.clause(finding.clause_id)
        pair = (finding.clause_id, finding.family)
        if pair in grouped:
            grouped[pair].rule_ids.append(finding.rule_id)
            grouped[pair].categories = sorted(set(grouped[pair].categories) | set(finding.categories))
            continue
        grouped[pair] = Prediction(key, clause.id, clause.path_text, (clause.body_start, clause.body_end),
                                   finding.family, sorted(finding.categories), [finding.rule_id],
                                   finding.evidence_text)
    return list(grouped.values())


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(results: Iterable[tuple[str, DocumentResult]], labels: dict[str, list[Label]]) -> EvalReport:
    """Score review results (keyed like the labels) against the labels."""
    report = EvalReport()
    report.by_family = {family: Counts() for family in FAMILIES}
    for key, result in results:
        doc_labels = labels.get(key)
        if doc_labels is None:
            continue
        report.documents += 1
        if result.document is None:
            report.unreadable.append(f"{key}: {result.error}")
            flagged = [label for label in doc_labels if label.flagged]
            for label in flagged:
                _count_label(report, label, found_family=False, found_categories=set())
            continue
        for label in doc_labels:
            label.span = locate(result.document, label.quote)
            if label.span is None:
                report.label_errors.append(f"{key}: quote not found in the document: {label.quote}")
        predictions = predictions_of(key, result)
        alarms = [p for p in predictions if not any(
            label.flagged and label.span and label.family == p.family and _overlaps(p.span, label.span)
            for label in doc_labels)]
        for label in doc_labels:
            if not label.flagged:
                report.clean_labels += 1
                if label.span and any(_overlaps(p.span, label.span) for p in alarms):
                    report.clean_hit += 1
                continue
            matching = [p for p in predictions if label.span and _overlaps(p.span, label.span)]
            same_family = [p for p in matching if p.family == label.family]
            categories = {c for p in same_family for c in p.categories}
            _count_label(report, label, bool(same_family), categories)
        for prediction in predictions:
            flagged_here = [
                label for label in doc_labels
                if label.flagged and label.span and _overlaps(prediction.span, label.span)
            ]
            if any(label.family == prediction.family for label in flagged_here):
                _count_prediction(report, prediction, true_family=True, label_categories={
                    c for label in flagged_here if label.family == prediction.family for c in label.categories})
            else:
                clean_here = next((label for label in doc_labels if not label.flagged and label.span
                                   and _overlaps(prediction.span, label.span)), None)
                report.false_alarms.append((prediction, clean_here))
                _count_prediction(report, prediction, true_family=False, label_categories=set())
    return report


def _counts(table: dict[str, Counts], key: str) -> Counts:
    return table.setdefault(key, Counts())


def _count_label(report: EvalReport, label: Label, found_family: bool, found_categories: set[str]) -> None:
    family = _counts(report.by_family, label.family)
    family.labels += 1
    report.overall.labels += 1
    if not found_family:
        family.fn += 1
        report.overall.fn += 1
        report.misses.append(label)
    for category in label.categories:
        counts = _counts(report.by_category, category)
        counts.labels += 1
        if category not in found_categories:
            counts.fn += 1


def _count_prediction(report: EvalReport, prediction: Prediction, true_family: bool,
                      label_categories: set[str]) -> None:
    family = _counts(report.by_family, prediction.family)
    if true_family:
        family.tp += 1
        report.overall.tp += 1
    else:
        family.fp += 1
        report.overall.fp += 1
    for category in prediction.categories:
        counts = _counts(report.by_category, category)
        if true_family and category in label_categories:
            counts.tp += 1
        else:
            counts.fp += 1


def report_dict(report: EvalReport) -> dict[str, Any]:
    def row(counts: Counts) -> dict[str, Any]:
        return counts.as_dict()

    return {
        "documents": report.documents,
        "overall": row(report.overall),
        "by_family": {k: row(v) for k, v in sorted(report.by_family.items())},
        "by_category": {k: row(v) for k, v in sorted(report.by_category.items())},
        "clean_labels": report.clean_labels,
        "clean_labels_flagged": report.clean_hit,
        "misses": [{"doc": m.doc, "family": m.family, "quote": m.quote} for m in report.misses],
        "false_alarms": [
            {"doc": p.doc, "clause": p.clause_path, "family": p.family, "rules": p.rule_ids,
             "evidence": p.evidence, "lookalike": bool(clean)}
            for p, clean in report.false_alarms
        ],
        "label_errors": report.label_errors,
        "unreadable": report.unreadable,
    }
