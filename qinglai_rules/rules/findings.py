"""From engine results to findings: suppression, evidence, trace, legal basis, categories."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..laws import LawCorpus
from ..model import Document, Finding, LawRef, Span, TraceStep
from .compiler import CompiledRule, CompiledRuleset
from .conditions import All, AnyOf, Near, Node, Not, Number, Sentence
from .facts import DocumentFacts
from .predicates import UnitText


@dataclass
class Suppressed:
    rule_id: str
    unit: int
    by: str


def trace_tree(node: Node, view: UnitText) -> tuple[bool, list[TraceStep], list[Span]]:
    """Evaluate a condition tree in Python with a step per leaf; also the spans that made it true.

    This mirrors the compiled condition and is what explanations and traces show. The spans are those
    of the composite leaves that matched (sentence, near, a number near a signal) when there are any —
    they say where the problem is —, else those of the lone signals and numbers: a gate word in a lead-in
    sentence must not pull the evidence away from the problem.
    """
    ok, steps, strong, weak = _trace(node, view)
    return ok, steps, strong or weak


def _trace(node: Node, view: UnitText) -> tuple[bool, list[TraceStep], list[Span], list[Span]]:
    if isinstance(node, All | AnyOf):
        results = [_trace(child, view) for child in node.children]
        ok = all(r[0] for r in results) if isinstance(node, All) else any(r[0] for r in results)
        steps = [step for r in results for step in r[1]]
        if not ok:
            return False, steps, [], []
        used = [r for r in results if r[0]]
        return True, steps, [s for r in used for s in r[2]], [s for r in used for s in r[3]]
    if isinstance(node, Not):
        inner_ok, inner_steps, _, _ = _trace(node.child, view)
        steps = [
            TraceStep(f"not ({step.condition})", not step.matched, step.spans, step.values, step.note)
            for step in inner_steps
        ]
        return not inner_ok, steps, [], []
    result = view.evaluate(node)
    step = TraceStep(node.describe(), result.matched, list(result.spans), list(result.values))
    if not result.matched:
        return False, [step], [], []
    strong = isinstance(node, Sentence | Near) or (isinstance(node, Number) and node.near is not None)
    spans = list(result.spans)
    return True, [step], (spans if strong else []), ([] if strong else spans)


def evidence_span(spans: list[Span], view: UnitText) -> Span:
    """The tightest span around the matched words of the sentence holding most of them."""
    inside = [s for s in spans if view.unit.span[0] <= s[0] and s[1] <= view.unit.span[1]]
    if not inside:
        sentences = view.sentences
        return sentences[0] if sentences else view.unit.span
    best: list[Span] = []
    for sentence in view.sentences:
        group = [s for s in inside if sentence[0] <= s[0] < sentence[1]]
        if len(group) > len(best):
            best = group
    group = best or inside
    return (min(s[0] for s in group), max(s[1] for s in group))


def categories_for(rule: CompiledRule, doc_type: str) -> list[str]:
    categories = [rule.spec.category]
    if doc_type in rule.spec.void_risk_doc_types and "C5" not in categories:
        categories.append("C5")
    return categories


def law_refs(rule: CompiledRule, laws: LawCorpus, date: str) -> tuple[list[LawRef], list[str]]:
    refs = [
        laws.ref(str(b["law"]), int(b["article"]), b.get("paragraph"), b.get("item"))  # type: ignore[arg-type]
        for b in rule.spec.basis
    ]
    return laws.pick_versions(refs, date)


def document_steps(rule: CompiledRule, doc: Document, facts: DocumentFacts) -> list[TraceStep]:
    spec = rule.spec
    steps = [
        TraceStep(f"document type in {', '.join(spec.doc_types)}", doc.metadata.doc_type in spec.doc_types,
                  values=[doc.metadata.doc_type, doc.metadata.doc_type_reason]),
    ]
    if spec.in_force:
        window = f"{spec.in_force.get('from', '…')} – {spec.in_force.get('until', '…')}"
        steps.append(TraceStep(f"rule in force on the document date ({window})", True,
                               values=[facts.date, facts.date_source]))
    for name in spec.document.get("has", []):
        steps.append(TraceStep(f"document has {name}", True))
    for name in spec.document.get("lacks", []):
        steps.append(TraceStep(f"document lacks {name}", True))
    return steps


def make_findings(
    doc: Document,
    facts: DocumentFacts,
    fired: set[tuple[str, int]],
    ruleset: CompiledRuleset,
    laws: LawCorpus,
) -> tuple[list[Finding], list[Suppressed]]:
    by_unit: dict[int, set[str]] = {}
    for rule_id, uid in fired:
        by_unit.setdefault(uid, set()).add(rule_id)
    findings: list[Finding] = []
    suppressed: list[Suppressed] = []
    for uid in sorted(by_unit):
        rule_ids = by_unit[uid]
        silenced: dict[str, str] = {}
        for rule_id in sorted(rule_ids):
            for target in ruleset.rule(rule_id).spec.suppresses:
                if target in rule_ids:
                    silenced.setdefault(target, rule_id)
        view = facts.views[uid]
        for rule_id in sorted(rule_ids):
            rule = ruleset.rule(rule_id)
            if rule_id in silenced:
                suppressed.append(Suppressed(rule_id, uid, silenced[rule_id]))
                continue
            if rule.spec.kind == "exception":
                continue
            findings.append(_finding(doc, facts, view, rule, laws))
    findings.sort(key=lambda f: (f.evidence[0], f.rule_id))
    return findings, suppressed


ALSO_MATCHED = "also matched by rules of the same family"
_SEVERITY_RANK = {"违法": 0, "高风险": 1, "提示": 2}


def one_per_family_and_clause(findings: list[Finding]) -> list[Finding]:
    """Several rules of one family on one clause are one problem for a reviewer: keep the most severe,
    most confident (then lowest id) finding and name the others in ``also_matched`` and its trace."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (f.evidence[0], f.rule_id)):
        groups.setdefault((finding.clause_id, finding.family), []).append(finding)
    kept: list[Finding] = []
    for group in groups.values():
        group.sort(key=lambda f: (_SEVERITY_RANK.get(f.severity, 3), -f.confidence, f.rule_id))
        best = group[0]
        if len(group) > 1:
            others = [f.rule_id for f in group[1:]]
            best = replace(best, also_matched=others,
                           trace=[*best.trace, TraceStep(ALSO_MATCHED, True, values=list(others))])
        kept.append(best)
    return sorted(kept, key=lambda f: (f.evidence[0], f.rule_id))


def _finding(doc: Document, facts: DocumentFacts, view: UnitText, rule: CompiledRule, laws: LawCorpus) -> Finding:
    _, steps, spans = trace_tree(rule.spec.when, view)
    start, end = evidence_span(spans, view)
    refs, notes = law_refs(rule, laws, facts.date)
    trace = document_steps(rule, doc, facts) + steps
    trace.extend(TraceStep("legal basis version", True, note=note) for note in notes)
    spec = rule.spec
    return Finding(
        rule_id=spec.id,
        rule_version=spec.version,
        family=spec.family,
        categories=categories_for(rule, doc.metadata.doc_type),
        severity=spec.severity,
        confidence=spec.confidence,
        clause_id=view.unit.clause.id,
        evidence=(start, end),
        evidence_text=doc.text[start:end],
        message=spec.message,
        suggestion=spec.suggestion,
        law=refs,
        trace=trace,
        title=spec.title,
    )
