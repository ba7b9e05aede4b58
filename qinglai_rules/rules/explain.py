"""Why a rule fired on a clause — or which of its conditions failed."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import TraceStep
from .compiler import CompiledRule
from .findings import trace_tree
from .predicates import UnitText


@dataclass
class ClauseExplanation:
    clause_id: str
    label: str
    path: str
    text: str
    fired: bool
    reasons: list[str] = field(default_factory=list)
    steps: list[TraceStep] = field(default_factory=list)


@dataclass
class Explanation:
    rule_id: str
    document_checks: list[tuple[str, bool, str]]  # (check, passed, detail)
    clauses: list[ClauseExplanation]

    @property
    def document_ok(self) -> bool:
        return all(passed for _, passed, _ in self.document_checks)


def _window_ok(date: str, window: dict[str, str]) -> bool:
    if window.get("from") and date < window["from"]:
        return False
    return not (window.get("until") and date >= window["until"])


def explain(evaluation, rule: CompiledRule, clause_filter: str | None = None) -> Explanation:
    """Explain ``rule`` on an evaluated document (``review.Evaluation``)."""
    spec = rule.spec
    doc = evaluation.document
    facts = evaluation.facts
    checks: list[tuple[str, bool, str]] = []
    doc_type = doc.metadata.doc_type
    checks.append((f"文件类型属于 {', '.join(spec.doc_types)}", doc_type in spec.doc_types,
                   f"本文件类型 {doc_type}（{doc.metadata.doc_type_reason}）"))
    windows = [("in_force", spec.in_force), ("document.date", spec.document.get("date", {}))]
    for name, window in windows:
        if window:
            checks.append((f"{name} {window.get('from', '…')} – {window.get('until', '…')}",
                           _window_ok(facts.date, window), f"文件日期 {facts.date}（来源：{facts.date_source}）"))
    levels = spec.document.get("issuer_level")
    if levels:
        level = doc.metadata.issuer_level or "unknown"
        checks.append((f"发文机关层级属于 {', '.join(levels)}", level in levels, f"本文件 {level}"))
    present = evaluation.facts.doc
    for name, attr_prefix, wanted in (("has", "ds_", True), ("lacks", "ds_", False)):
        for signal in spec.document.get(name, []):
            attr = next((a for a, s in rule.doc_signal_attrs.items() if s == signal and a.startswith(attr_prefix)),
                        None)
            found = bool(attr and attr in present)
            checks.append((f"文件{'含有' if wanted else '不含'} {signal}", found == wanted,
                           "全文出现" if found else "全文未出现"))
    fired_units = {uid for rule_id, uid in evaluation.fired if rule_id == spec.id}
    suppressed = {s.unit: s.by for s in evaluation.suppressed if s.rule_id == spec.id}
    clauses: list[ClauseExplanation] = []
    for view in facts.views:
        clause = view.unit.clause
        if clause_filter and not _clause_matches(clause_filter, clause.label, clause.path_text):
            continue
        ok, steps, _ = trace_tree(spec.when, view)
        reasons: list[str] = []
        if view.unit.scope not in spec.scopes:
            reasons.append(f"条款层级 {view.unit.scope} 不在规则适用范围 {', '.join(spec.scopes)}")
        if not ok:
            failed = [s.condition for s in steps if not s.matched]
            reasons.append("条件未满足：" + "；".join(failed))
        if view.unit.index in suppressed:
            reasons.append(f"被例外规则 {suppressed[view.unit.index]} 排除")
        fired = view.unit.index in fired_units and view.unit.index not in suppressed
        if not clause_filter and not fired and not _interesting(steps):
            continue
        clauses.append(ClauseExplanation(clause.id, clause.label, clause.path_text,
                                         _text(view), fired, reasons, steps))
    return Explanation(spec.id, checks, clauses)


def _clause_matches(wanted: str, label: str, path: str) -> bool:
    wanted = wanted.strip()
    return wanted in (label, path) or path.endswith(wanted)


def _interesting(steps: list[TraceStep]) -> bool:
    """Without a clause filter, show only clauses where some positive condition matched."""
    return any(step.matched and not step.condition.startswith("not ") for step in steps)


def _text(view: UnitText) -> str:
    start, end = view.unit.span
    return view.doc.text[start:end].strip()
