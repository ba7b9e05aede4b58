"""Probe sets: short clauses per family, written independently of the rules, as sentence-level dev data.

``corpus/probes/<family>.yaml`` holds ``hit`` clauses a reviewer must flag for that family and ``clean``
look-alikes that must not be flagged at all. Each probe is reviewed as one clause of a tiny document of
its type (article in policies and contracts, minutes item in minutes, paragraph in judgment-type
documents). A hit counts when a finding of its family lands on it; a finding of any family on a clean
probe is a false alarm of that family.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .rules.examples import clause_document
from .vocabulary import FAMILIES

KIND_BY_DOC_TYPE = {"policy": "article", "contract": "article", "minutes": "minutes-item",
                    "judgment": "paragraph", "other": "paragraph"}


@dataclass
class Probe:
    family: str
    flagged: bool
    text: str
    doc_type: str
    context: str | None = None
    source: str = ""
    index: int = 0  # position in its file's list (for even/odd halves)


@dataclass
class ProbeScore:
    hits: int = 0
    found: int = 0
    false_alarms: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.hits if self.hits else 1.0

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.false_alarms) if self.found + self.false_alarms else 1.0


@dataclass
class ProbeReport:
    scores: dict[str, ProbeScore] = field(default_factory=dict)
    misses: list[Probe] = field(default_factory=list)
    alarms: list[tuple[Probe, str, list[str]]] = field(default_factory=list)  # probe, family, rule ids
    clean: int = 0


def load_probes(folder: Path) -> list[Probe]:
    probes: list[Probe] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        family = data["family"]
        for flagged, key in ((True, "hit"), (False, "clean")):
            for index, item in enumerate(data.get(key) or []):
                probes.append(Probe(family, flagged, item["text"], item.get("doc_type", "policy"),
                                    item.get("context"), f"{path.name}:{key}[{index}]", index))
    return probes


def run_probes(reviewer, probes: list[Probe]) -> ProbeReport:
    report = ProbeReport(scores={family: ProbeScore() for family in FAMILIES})
    for probe in probes:
        doc = clause_document(probe.text, kind=KIND_BY_DOC_TYPE.get(probe.doc_type, "article"),
                              doc_type=probe.doc_type, context=probe.context, name=probe.source)
        findings = [f for f in reviewer.review_document(doc) if f.clause_id == "ex"]
        families: dict[str, list[str]] = {}
        for finding in findings:
            families.setdefault(finding.family, []).append(finding.rule_id)
        if probe.flagged:
            score = report.scores[probe.family]
            score.hits += 1
            if probe.family in families:
                score.found += 1
            else:
                report.misses.append(probe)
        else:
            report.clean += 1
            for family, rule_ids in families.items():
                report.scores[family].false_alarms += 1
                report.alarms.append((probe, family, rule_ids))
    return report
