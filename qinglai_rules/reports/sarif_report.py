"""findings.sarif: SARIF 2.1.0 for code-scanning style tools (dashboards, diff views, CI gates).

Mapping: a rule → ``reportingDescriptor`` (title, message, suggestion, family/category/severity/basis);
a finding → ``result`` with level 违法→error, 高风险→warning, 提示→note; the evidence is a region of
the document (``charOffset``/``charLength`` count characters of the extracted, cleaned text — the
offsets qinglai uses everywhere — with the evidence as ``snippet``); the clause is a logical
location; identity is the review store's fingerprint; a finding a reviewer dismissed carries an
accepted external suppression with the reviewer's reason. Inputs that failed are tool execution
notifications, so a consumer sees the gap.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from ..store.fingerprint import fingerprint, lineage_key, partial_fingerprints
from . import view

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"违法": "error", "高风险": "warning", "提示": "note"}
SRCROOT = "SRCROOT"
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def level(severity: str) -> str:
    return LEVELS.get(severity, "note")


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative paths stay relative to SRCROOT; absolute ones become file: URIs."""
    posix = path.replace("\\", "/")
    if _WINDOWS_DRIVE.match(path):
        return "file:///" + quote(posix, safe="/:"), None
    if posix.startswith("/"):
        return "file://" + quote(posix), None
    return quote(str(PurePosixPath(posix))), SRCROOT


def rule_name(rule_id: str) -> str:
    """DEMO-TAX-SHARE → DemoTaxShare (SARIF names are identifier-like)."""
    return "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", rule_id) if part) or rule_id


def _basis(laws: list[dict[str, Any]]) -> list[str]:
    return [view.law_citation(law) for law in laws]


def rule_descriptor(finding: dict[str, Any]) -> dict[str, Any]:
    """A rule as described by (the first of) its findings: they carry the rule's own texts."""
    categories = view.categories(finding)
    return {
        "id": finding["rule_id"],
        "name": rule_name(finding["rule_id"]),
        "shortDescription": {"text": finding.get("title") or view.family_title(finding["family"])},
        "fullDescription": {"text": finding["message"]},
        "help": {"text": finding["suggestion"]},
        "defaultConfiguration": {"level": level(finding["severity"])},
        "properties": {
            "family": finding["family"],
            "familyTitle": view.family_title(finding["family"]),
            "category": finding.get("category") or categories[0],
            "severity": finding["severity"],
            "basis": _basis(finding.get("law", [])),
            "version": finding.get("rule_version", ""),
            "tags": [finding["family"], *categories],
        },
    }


def rulebook_descriptors(book: Any) -> list[dict[str, Any]]:
    """Descriptors for every rule of a loaded RuleBook (rules.loader.load_rulebook), found or not."""
    from ..laws import load_laws

    laws = load_laws()
    descriptors = []
    for rule in book.rules:
        refs = []
        for ref in rule.basis:
            law = laws.laws.get(str(ref.get("law")))
            refs.append({
                "id": ref.get("law"),
                "title": law.title if law else ref.get("law"),
                "article": ref.get("article"),
                "label": None,
                "paragraph": ref.get("paragraph"),
                "item": ref.get("item"),
            })
        descriptors.append({
            "id": rule.id,
            "name": rule_name(rule.id),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.message},
            "help": {"text": rule.suggestion},
            "defaultConfiguration": {"level": level(rule.severity)},
            "properties": {
                "family": rule.family,
                "familyTitle": view.family_title(rule.family),
                "category": rule.category,
                "severity": rule.severity,
                "basis": _basis(refs),
                "version": rule.version,
                "tags": [rule.family, rule.category],
            },
        })
    return descriptors


def _fingerprints(doc: dict[str, Any], finding: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    meta = view.metadata(doc)
    clause = finding["clause"]
    lineage = lineage_key(meta.get("doc_number"), meta.get("title"), doc["path"])
    text, label = clause.get("text") or "", clause.get("label") or ""
    full = finding.get("fingerprint") or fingerprint(finding["rule_id"], text, label, lineage)
    return {"qinglai/v1": full}, partial_fingerprints(finding["rule_id"], text, label, lineage)


def _location(doc: dict[str, Any], finding: dict[str, Any], artifact_index: int) -> dict[str, Any]:
    uri, base = artifact_uri(doc["path"])
    artifact: dict[str, Any] = {"uri": uri, "index": artifact_index}
    if base:
        artifact["uriBaseId"] = base
    evidence = finding["evidence"]
    region: dict[str, Any] = {
        "charOffset": evidence["start"],
        "charLength": evidence["end"] - evidence["start"],
        "snippet": {"text": evidence.get("text", "")},
    }
    physical: dict[str, Any] = {"artifactLocation": artifact, "region": region}
    clause = finding["clause"]
    if isinstance(clause.get("start"), int) and clause.get("text"):
        physical["contextRegion"] = {
            "charOffset": clause["start"],
            "charLength": len(clause["text"]),
            "snippet": {"text": clause["text"]},
        }
    location: dict[str, Any] = {"physicalLocation": physical}
    path = view.clause_location(finding)
    if path:
        location["logicalLocations"] = [{"name": clause.get("label") or path, "fullyQualifiedName": path}]
    return location


def _suppressions(finding: dict[str, Any]) -> list[dict[str, Any]]:
    if view.finding_status(finding) != "dismissed":
        return []
    decision = view.latest_decision(finding) or {}
    suppression: dict[str, Any] = {
        "kind": "external",
        "status": "accepted",
        "justification": view.decision_reason(finding) or "审查人员驳回",
    }
    properties = {k: decision[k] for k in ("reviewer", "reviewer_name", "at") if decision.get(k)}
    if properties:
        suppression["properties"] = properties
    return [suppression]


def result(doc: dict[str, Any], finding: dict[str, Any], rule_index: int, artifact_index: int) -> dict[str, Any]:
    fingerprints, partial = _fingerprints(doc, finding)
    properties: dict[str, Any] = {
        "family": finding["family"],
        "categories": view.categories(finding),
        "severity": finding["severity"],
        "confidence": finding.get("confidence"),
        "reviewStatus": view.finding_status(finding),
        "suggestion": finding["suggestion"],
        "law": [{"citation": view.law_citation(law), "text": law.get("text", "")} for law in finding.get("law", [])],
        "documentTitle": view.doc_title(doc),
    }
    if finding.get("finding_id") is not None:
        properties["findingId"] = finding["finding_id"]
    out: dict[str, Any] = {
        "ruleId": finding["rule_id"],
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": level(finding["severity"]),
        "message": {"text": finding["message"]},
        "locations": [_location(doc, finding, artifact_index)],
        "fingerprints": fingerprints,
        "partialFingerprints": partial,
        "properties": properties,
    }
    suppressions = _suppressions(finding)
    if suppressions:
        out["suppressions"] = suppressions
    return out


def _artifact(doc: dict[str, Any]) -> dict[str, Any]:
    uri, base = artifact_uri(doc["path"])
    location: dict[str, Any] = {"uri": uri}
    if base:
        location["uriBaseId"] = base
    artifact: dict[str, Any] = {"location": location}
    if doc.get("sha256"):
        artifact["hashes"] = {"sha-256": doc["sha256"]}
    if doc.get("format"):
        artifact["properties"] = {"format": doc["format"]}
    return artifact


def _notification(doc: dict[str, Any], artifact_index: int) -> dict[str, Any]:
    uri, base = artifact_uri(doc["path"])
    location: dict[str, Any] = {"uri": uri, "index": artifact_index}
    if base:
        location["uriBaseId"] = base
    failed = doc["status"] == "error"
    return {
        "level": "error" if failed else "note",
        "message": {"text": view.doc_problem(doc)},
        "descriptor": {"id": doc.get("error_code") or ("read-error" if failed else "skipped")},
        "locations": [{"physicalLocation": {"artifactLocation": location}}],
    }


def build_sarif(report: dict[str, Any], rules: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The SARIF log. ``rules``: descriptors from ``rulebook_descriptors`` to list every rule; rules
    that have findings but are missing there are described from their findings."""
    descriptors: dict[str, dict[str, Any]] = {d["id"]: d for d in rules or []}
    for _doc, finding in view.all_findings(report):
        descriptors.setdefault(finding["rule_id"], rule_descriptor(finding))
    rule_ids = sorted(descriptors)
    rule_index = {rule_id: index for index, rule_id in enumerate(rule_ids)}
    artifacts = [_artifact(doc) for doc in report["documents"]]
    results = [
        result(doc, finding, rule_index[finding["rule_id"]], index)
        for index, doc in enumerate(report["documents"])
        for finding in doc.get("findings", [])
    ]
    notifications = [
        _notification(doc, index) for index, doc in enumerate(report["documents"]) if doc["status"] != "ok"
    ]
    tool = report.get("tool", {})
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": tool.get("name") or "qinglai",
                        "version": tool.get("version") or "0",
                        "rules": [descriptors[rule_id] for rule_id in rule_ids],
                        "properties": {
                            "rulesetVersion": report.get("ruleset_version", ""),
                            "lawsVersion": report.get("laws_version", ""),
                        },
                    }
                },
                "invocations": [
                    {"executionSuccessful": True, "toolExecutionNotifications": notifications}
                ],
                "artifacts": artifacts,
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"asOf": report.get("as_of"), "offsets": "characters of the extracted document text"},
            }
        ],
    }


def write_sarif_report(report: dict[str, Any], out_dir: Path) -> list[Path]:
    path = out_dir / "findings.sarif"
    # compact: SARIF is for tools; a large batch indented is several times the size
    path.write_text(json.dumps(build_sarif(report), ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")
    return [path]
