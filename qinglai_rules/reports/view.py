"""What every human-facing report shows, computed once from the findings.json dictionary.

The writers (HTML, DOCX, XLSX, SARIF) differ in layout only; the words (Chinese labels of document
types and review states), the legal citations, the evidence placed inside its clause and the counts
come from here, so the formats never disagree. Every accessor copes with the optional keys the review
store adds (``finding_id``, ``fingerprint``, ``status``, ``decision``/``decisions``, document ``region``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from ..reading.numbering import chinese_number
from ..vocabulary import CATEGORIES, CATEGORY_TITLES, FAMILIES, FAMILY_TITLES, SEVERITIES

DOC_TYPE_TITLES = {
    "policy": "政策文件",
    "contract": "合同协议",
    "minutes": "会议纪要",
    "judgment": "裁判文书及情况说明",
    "other": "其他文件",
}
DOC_TYPE_ORDER = tuple(DOC_TYPE_TITLES)
DOC_STATUS_TITLES = {"ok": "已审查", "skipped": "已跳过", "error": "审查失败"}
FINDING_STATUSES = ("pending", "confirmed", "dismissed")
FINDING_STATUS_TITLES = {"pending": "待审核", "confirmed": "已确认", "dismissed": "已驳回"}
UNKNOWN = "未识别"
# Short names of the categories for chart labels (the full titles are in vocabulary.CATEGORY_TITLES).
CATEGORY_SHORT = {
    "C1": "不兑现承诺、迟延履行",
    "C2": "不依法赔偿",
    "C3": "改变约定不依法补偿",
    "C4": "政策调整不从优",
    "C5": "违法承诺致无效",
    "C6": "拒不执行裁判",
    "LC": "违法冲突",
}

Report = dict[str, Any]
Doc = dict[str, Any]
Finding = dict[str, Any]


# -- documents ---------------------------------------------------------------------------------------
def metadata(doc: Doc) -> dict[str, Any]:
    return doc.get("metadata") or {}


def file_name(doc: Doc) -> str:
    return PurePath(doc["path"].replace("\\", "/")).name


def doc_title(doc: Doc) -> str:
    """The document's own title, else its file name (what a person recognises it by)."""
    return metadata(doc).get("title") or file_name(doc)


def doc_region(doc: Doc) -> str | None:
    return doc.get("region") or metadata(doc).get("region")


def doc_type(doc: Doc) -> str | None:
    return doc.get("doc_type") or metadata(doc).get("doc_type")


def doc_type_title(doc: Doc) -> str:
    kind = doc_type(doc)
    return DOC_TYPE_TITLES.get(kind, kind) if kind else "—"


def doc_status_title(doc: Doc) -> str:
    return DOC_STATUS_TITLES.get(doc["status"], doc["status"])


def doc_problem(doc: Doc) -> str:
    """Why a document was not reviewed: the error message, or the reason it was skipped."""
    if doc["status"] == "error":
        return doc.get("error") or f"审查失败（{doc.get('error_code') or '原因不明'}）"
    if doc["status"] == "skipped":
        return doc.get("skip_reason") or "未重新审查"
    return ""


# -- findings ----------------------------------------------------------------------------------------
def finding_status(finding: Finding) -> str:
    """pending / confirmed / dismissed; a finding without review data is pending (a suggestion)."""
    status = finding.get("status")
    if status in FINDING_STATUSES:
        return status
    decision = latest_decision(finding)
    if decision:
        return "dismissed" if decision.get("action") == "dismiss" else "confirmed"
    return "pending"


def finding_status_title(finding: Finding) -> str:
    return FINDING_STATUS_TITLES[finding_status(finding)]


def latest_decision(finding: Finding) -> dict[str, Any] | None:
    """The reviewer's latest decision, from ``decision`` (the store's shape) or ``decisions`` (history)."""
    decision = finding.get("decision")
    if isinstance(decision, dict):
        return decision
    history = finding.get("decisions")
    if isinstance(history, list) and history and isinstance(history[-1], dict):
        return history[-1]
    return None


def decision_reason(finding: Finding) -> str:
    decision = latest_decision(finding)
    return (decision or {}).get("reason") or ""


def decision_by(finding: Finding) -> str:
    """Who made the latest decision (display name when known)."""
    decision = latest_decision(finding) or {}
    return decision.get("reviewer_name") or decision.get("reviewer") or ""


def family_title(family: str) -> str:
    return FAMILY_TITLES.get(family, family)


def category_title(category: str) -> str:
    return CATEGORY_TITLES.get(category, category)


def categories(finding: Finding) -> list[str]:
    return list(finding.get("categories") or [finding["category"]])


def categories_text(finding: Finding) -> str:
    return "、".join(categories(finding))


def active_findings(doc: Doc) -> list[Finding]:
    """Findings a reviewer has not dismissed: what a formal opinion and the charts count."""
    return [f for f in doc.get("findings", []) if finding_status(f) != "dismissed"]


def all_findings(report: Report) -> Iterable[tuple[Doc, Finding]]:
    for doc in report["documents"]:
        for finding in doc.get("findings", []):
            yield doc, finding


# -- evidence inside its clause ---------------------------------------------------------------------
@dataclass(frozen=True)
class ClauseText:
    """A clause's text split around the evidence; ``evidence`` is empty when it cannot be placed."""

    before: str
    evidence: str
    after: str
    offset: int | None  # evidence start relative to the clause text

    @property
    def text(self) -> str:
        return self.before + self.evidence + self.after


def clause_text(finding: Finding) -> ClauseText:
    """Place the evidence inside the clause text by offsets (clause ``start`` is a document offset).

    Older findings.json files have no clause ``start``: then the evidence text is searched for in
    the clause. If it is not found the whole clause is returned with nothing highlighted.
    """
    clause = finding["clause"]
    text: str = clause.get("text") or ""
    evidence = finding["evidence"]
    wanted: str = evidence.get("text") or ""
    relative: int | None = None
    clause_start = clause.get("start")
    if isinstance(clause_start, int) and isinstance(evidence.get("start"), int):
        candidate = evidence["start"] - clause_start
        length = evidence["end"] - evidence["start"]
        if candidate >= 0 and candidate + length <= len(text) and text[candidate : candidate + length] == wanted:
            relative = candidate
    if relative is None and wanted:
        found = text.find(wanted)
        relative = found if found >= 0 else None
    if relative is None or not wanted:
        return ClauseText(text, "", "", None)
    end = relative + len(wanted)
    return ClauseText(text[:relative], text[relative:end], text[end:], relative)


def clause_location(finding: Finding) -> str:
    """Where the clause is: its path (第二章 › 第五条), else its label."""
    clause = finding["clause"]
    path = clause.get("path")
    if isinstance(path, list):
        path = " › ".join(path)
    return path or clause.get("label") or ""


def clause_pages(finding: Finding) -> str:
    clause = finding["clause"]
    pages = clause.get("pages") or [clause.get("page")]
    pages = [p for p in pages if p]
    if not pages:
        return ""
    return str(pages[0]) if len(pages) == 1 else f"{pages[0]}–{pages[-1]}"


# -- legal citations ----------------------------------------------------------------------------------
def law_citation(law: dict[str, Any]) -> str:
    """《中华人民共和国税收征收管理法》第三条第二款 — how a person cites the article."""
    where = law.get("label") or (f"第{chinese_number(law['article'])}条" if law.get("article") else "")
    if law.get("paragraph"):
        where += f"第{chinese_number(law['paragraph'])}款"
    if law.get("item"):
        where += f"第（{chinese_number(law['item'])}）项"
    return f"《{law.get('title') or law.get('id', '')}》{where}"


def laws_text(finding: Finding) -> str:
    """Every cited article with its text, one per line (for spreadsheet cells)."""
    return "\n".join(f"{law_citation(law)}：{law.get('text', '')}" for law in finding.get("law", []))


def cited_laws(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """The distinct laws cited (title and version), in order of first citation."""
    seen: dict[str, dict[str, Any]] = {}
    for finding in findings:
        for law in finding.get("law", []):
            key = law.get("id") or law.get("title", "")
            seen.setdefault(key, {"id": key, "title": law.get("title", key), "version": law.get("version", "")})
    return list(seen.values())


# -- counts -------------------------------------------------------------------------------------------
def overview(report: Report) -> dict[str, int]:
    """Inputs, reviewed, skipped, failed, findings and findings per review status."""
    documents = report["documents"]
    statuses = Counter(finding_status(f) for _, f in all_findings(report))
    return {
        "inputs": len(documents),
        "reviewed": sum(1 for d in documents if d["status"] == "ok"),
        "skipped": sum(1 for d in documents if d["status"] == "skipped"),
        "failed": sum(1 for d in documents if d["status"] == "error"),
        "with_findings": sum(1 for d in documents if d.get("findings")),
        "findings": sum(statuses.values()),
        **{status: statuses.get(status, 0) for status in FINDING_STATUSES},
    }


def count_findings(
    report: Report, key: Callable[[Doc, Finding], Iterable[str]], order: Iterable[str] = ()
) -> list[tuple[str, int]]:
    """Active findings counted per key (a finding may count under several keys, e.g. LC and C5).

    Keys listed in ``order`` come first in that order (zero counts dropped), the rest by count.
    """
    counts: Counter[str] = Counter()
    for doc in report["documents"]:
        for finding in active_findings(doc):
            counts.update(key(doc, finding))
    ordered = [(name, counts[name]) for name in order if counts.get(name)]
    known = set(order)
    rest = sorted(((n, c) for n, c in counts.items() if n not in known), key=lambda item: (-item[1], item[0]))
    return ordered + rest


def by_family(report: Report) -> list[tuple[str, int]]:
    return count_findings(report, lambda _d, f: [f["family"]], FAMILIES)


def by_category(report: Report) -> list[tuple[str, int]]:
    return count_findings(report, lambda _d, f: categories(f), CATEGORIES)


def by_severity(report: Report) -> list[tuple[str, int]]:
    return count_findings(report, lambda _d, f: [f["severity"]], SEVERITIES)


def by_doc_type(report: Report) -> list[tuple[str, int]]:
    return count_findings(report, lambda d, _f: [doc_type(d) or "other"], DOC_TYPE_ORDER)


def by_region(report: Report) -> list[tuple[str, int]]:
    return count_findings(report, lambda d, _f: [doc_region(d) or UNKNOWN])


def by_issuer(report: Report) -> list[tuple[str, int]]:
    return count_findings(report, lambda d, _f: [metadata(d).get("issuer") or UNKNOWN])
