"""The shared report view: evidence placed by offsets, citations, counts that leave out dismissals."""

from __future__ import annotations

from qinglai_rules.reports import view

from .builders import finding


def _finding(text: str, clause_start: int | None, start: int, evidence: str) -> dict:
    clause = {"id": "a1", "label": "第一条", "path": "第一条", "page": 1, "text": text}
    if clause_start is not None:
        clause["start"] = clause_start
    return {"clause": clause, "evidence": {"start": start, "end": start + len(evidence), "text": evidence}}


def test_evidence_is_placed_by_offset_not_by_first_occurrence():
    text = "第一条 甲方提供担保，乙方另行提供担保。"
    second = text.rindex("提供担保")
    parts = view.clause_text(_finding(text, 100, 100 + second, "提供担保"))
    assert parts.offset == second
    assert parts.before == text[:second]
    assert parts.evidence == "提供担保"
    assert parts.after == "。"


def test_evidence_is_searched_when_the_clause_has_no_offsets_and_missing_when_absent():
    text = "第一条 甲方提供担保。"
    assert view.clause_text(_finding(text, None, 999, "提供担保")).before == "第一条 甲方"
    # Offsets that do not match the text (another version of the clause) fall back to the search.
    assert view.clause_text(_finding(text, 0, 1, "提供担保")).offset == text.index("提供担保")
    missing = view.clause_text(_finding(text, 0, 3, "回购"))
    assert (missing.evidence, missing.text) == ("", text)


def test_real_findings_place_their_evidence_inside_the_clause(base_report):
    for doc, item in view.all_findings(base_report):
        parts = view.clause_text(item)
        assert parts.evidence == item["evidence"]["text"], doc["path"]
        assert parts.text == item["clause"]["text"]


def test_law_citation_names_article_paragraph_and_item():
    law = {"title": "公平竞争审查条例", "article": 10, "label": "第十条", "paragraph": None, "item": 1}
    assert view.law_citation(law) == "《公平竞争审查条例》第十条第（一）项"
    law = {"title": "中华人民共和国税收征收管理法", "article": 3, "label": "第三条", "paragraph": 2}
    assert view.law_citation(law) == "《中华人民共和国税收征收管理法》第三条第二款"
    assert view.law_citation({"title": "预算法", "article": 35}) == "《预算法》第三十五条"


def test_overview_counts_inputs_and_review_states(report):
    assert view.overview(report) == {
        "inputs": 5, "reviewed": 3, "skipped": 1, "failed": 1, "with_findings": 2,
        "findings": 3, "pending": 1, "confirmed": 1, "dismissed": 1,
    }


def test_status_comes_from_the_decision_when_no_status_is_given(report):
    item = dict(finding(report, "DEMO-GOV-GUARANTEE"))
    del item["status"]
    assert view.finding_status(item) == "dismissed"
    item = {"decisions": [{"action": "dismiss", "reason": "x"}, {"action": "amend", "reason": "改为高风险"}]}
    assert view.finding_status(item) == "confirmed"
    assert view.decision_reason(item) == "改为高风险"
    assert view.finding_status({}) == "pending"


def test_counts_leave_out_dismissed_findings_and_count_c5_with_lc(report):
    assert dict(view.by_family(report)) == {"tax-rebate": 1, "payment-default": 1}
    assert dict(view.by_severity(report)) == {"违法": 1, "高风险": 1}
    assert dict(view.by_category(report)) == {"C1": 1, "LC": 1}
    assert dict(view.by_doc_type(report)) == {"policy": 1, "contract": 1}
    assert dict(view.by_region(report)) == {"宝清县": 1, "桦南县": 1}
