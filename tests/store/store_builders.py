"""Hand-made documents, clauses and findings for the store tests (no reading or rules stage needed)."""

from __future__ import annotations

import re

from qinglai_rules.model import Clause, Document, DocumentResult, Finding, LawRef, RunInfo, TraceStep
from qinglai_rules.reading.assemble import document_from_text
from qinglai_rules.reading.normalize import normalize

POLICY_V1 = "\n".join(
    [
        "哈尔滨市招商引资优惠政策",
        "第一条 为加快招商引资，制定本办法。",
        "第二条 对投资额超过1亿元的企业，按其缴纳增值税地方留成部分的50%给予返还。",
        "第三条 外地企业参与本市政府采购，须在本市设立分支机构。",
        "第四条 本办法自发布之日起施行。",
    ]
)
# The amended version: only 第三条 changed (still flagged); everything else word for word.
POLICY_V2 = POLICY_V1.replace("须在本市设立分支机构", "须在本市设立分支机构并在本市纳税")

_ARTICLE = re.compile(r"^(第[一二三四五六七八九十百]+[条條])")

TAX_RULE = "tax-rebate.local-retention"
BRANCH_RULE = "local-protection.branch-requirement"


def make_document(
    text: str,
    path: str,
    *,
    doc_number: str | None = "哈政规〔2019〕3号",
    title: str | None = "哈尔滨市招商引资优惠政策",
    doc_type: str = "policy",
    region: str | None = "哈尔滨市",
) -> Document:
    """A Document with one article clause per ``第X条`` line."""
    document = document_from_text(text, path)
    meta = document.metadata
    meta.doc_number, meta.title, meta.doc_type, meta.region = doc_number, title, doc_type, region
    offset = 0
    for line in text.split("\n"):
        match = _ARTICLE.match(line)
        if match:
            label = normalize(match.group(1))  # labels are Simplified, as the structure stage gives them
            end = offset + len(line)
            document.clauses.append(
                Clause(
                    f"a{len(document.clauses) + 1}", "article", label, [label], offset, end, offset, end, [1]
                )
            )
        offset += len(line) + 1
    return document


def clause_by_label(document: Document, label: str) -> Clause:
    return next(c for c in document.clauses if c.label == label)


def make_finding(
    document: Document,
    label: str,
    rule_id: str,
    phrase: str,
    *,
    family: str | None = None,
    severity: str = "违法",
    categories: list[str] | None = None,
) -> Finding:
    clause = clause_by_label(document, label)
    start = document.text.index(phrase, clause.start)
    end = start + len(phrase)
    family = family or rule_id.split(".")[0]
    return Finding(
        rule_id=rule_id,
        rule_version="1.0",
        family=family,
        categories=categories or ["LC"],
        severity=severity,
        confidence=0.9,
        clause_id=clause.id,
        evidence=(start, end),
        evidence_text=document.text[start:end],
        message=f"{label}：{phrase}",
        suggestion="删除该条款",
        law=[
            LawRef("optimize-business-env", "优化营商环境条例", 13, "第十三条", text="招标投标和政府采购……")
        ],
        trace=[TraceStep("signal", True, [(start, end)], [phrase])],
        title="地方留成返还" if family == "tax-rebate" else "限定本地",
    )


def policy_findings(document: Document) -> list[Finding]:
    """The findings every version of the sample policy gets: 第二条 tax rebate, 第三条 local protection."""
    return [
        make_finding(document, "第二条", TAX_RULE, "给予返还"),
        make_finding(document, "第三条", BRANCH_RULE, "须在本市设立分支机构"),
    ]


def ok(document: Document, findings: list[Finding] | None = None) -> DocumentResult:
    found = policy_findings(document) if findings is None else findings
    return DocumentResult(document.path, "ok", document.sha256, document, found, seconds=0.1)


def run_info(*inputs: str, ruleset: str = "rules-1", laws: str = "laws-1") -> RunInfo:
    return RunInfo(ruleset, laws, "2024-05-01T08:00:00+08:00", "commerce-bureau", inputs=list(inputs))


def by_rule(rows) -> dict:  # type: ignore[no-untyped-def]
    """FindingRows keyed by rule id (one finding per rule in the sample documents)."""
    return {row.rule_id: row for row in rows}
