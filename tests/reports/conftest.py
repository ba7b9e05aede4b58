"""One small review run for every writer: two reviewed documents with findings, a clean one, a failed
and a skipped input; one finding confirmed, one dismissed, one pending (as the review store marks them)."""

from __future__ import annotations

import copy

import pytest

from qinglai_rules.model import DocumentResult, RunInfo
from qinglai_rules.reading.assemble import document_from_text
from qinglai_rules.reports.serialize import report_dict
from qinglai_rules.structure import analyse

from .builders import CLEAN, CONTRACT, DISMISS_REASON, FAILED_ERROR, POLICY, finding


def _result(reviewer, text: str, path: str) -> DocumentResult:
    doc = analyse(document_from_text(text, path))
    return DocumentResult(path, "ok", doc.sha256, doc, reviewer.review_document(doc))


@pytest.fixture(scope="session")
def base_report(demo_reviewer) -> dict:
    results = [
        _result(demo_reviewer, POLICY, "in/policy-宝清.txt"),
        _result(demo_reviewer, CONTRACT, "in/contract.txt"),
        _result(demo_reviewer, CLEAN, "in/clean.txt"),
        DocumentResult("in/scanned.pdf", "error", error=FAILED_ERROR, error_code="encrypted"),
        DocumentResult("in/old.docx", "skipped", sha256="ab" * 32, skip_reason="内容未变，沿用第3次审查结果"),
    ]
    run = RunInfo("rules-1", "laws-1", "2019-05-06T09:00:00", "tester", tool_version="0.1.0")
    return report_dict(run, results)


@pytest.fixture()
def report(base_report) -> dict:
    """The run as the review store enriches it: ids, fingerprints, statuses and decisions."""
    enriched = copy.deepcopy(base_report)
    rules = [f["rule_id"] for d in enriched["documents"] for f in d["findings"]]
    assert sorted(rules) == ["DEMO-GOV-GUARANTEE", "DEMO-PAY-TERM", "DEMO-TAX-SHARE"], rules
    confirmed = finding(enriched, "DEMO-PAY-TERM")
    confirmed.update(
        finding_id=7,
        fingerprint="f" * 64,
        status="confirmed",
        decision={"action": "confirm", "reason": "属实", "reviewer": "zhang", "reviewer_name": "张三"},
    )
    dismissed = finding(enriched, "DEMO-GOV-GUARANTEE")
    dismissed.update(
        finding_id=8,
        status="dismissed",
        decision={"action": "dismiss", "reason": DISMISS_REASON, "reviewer": "li", "reviewer_name": "李四",
                  "at": "2019-05-07T10:00:00"},
    )
    return enriched
