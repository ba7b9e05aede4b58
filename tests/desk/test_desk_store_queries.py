"""The read-only store queries the desk added: facet counts, filtered ids, documents and clauses."""

from __future__ import annotations

import pytest

from qinglai_rules.errors import StoreError
from qinglai_rules.store import NotFoundError

from .helpers import open_seeded


def test_finding_ids_match_list_findings(db_path) -> None:
    with open_seeded(db_path) as store:
        for filters in (
            {},
            {"status": "pending", "family": "tax-rebate"},
            {"doc_type": "contract"},
            {"region": "龙江县"},
        ):
            assert store.finding_ids(**filters) == [row.id for row in store.list_findings(**filters)]
        with pytest.raises(StoreError):
            store.finding_ids(status="maybe")


def test_facet_counts_leave_out_their_own_filter(db_path) -> None:
    with open_seeded(db_path) as store:
        counts = store.facet_counts(status="pending", family="tax-rebate")
        first = store.finding_ids()[0]
        store.add_user("tester", "reviewer", "password-tester")
        store.decide(first, "dismiss", "tester", "测试")
        after = store.facet_counts(status="pending")
    assert counts["family"]["tax-rebate"] == 3 and counts["family"]["guarantee-return"] == 1
    assert counts["doc_type"] == {"policy": 2, "contract": 1}  # within the family
    assert counts["category"] == {"LC": 3, "C5": 1}  # a finding counts in each of its categories
    assert counts["status"] == {"pending": 3}
    assert after["status"] == {"pending": 7, "dismissed": 1}
    assert sum(after["family"].values()) == 7  # other facets respect the status filter


def test_document_and_its_clauses_in_reading_order(db_path) -> None:
    with open_seeded(db_path) as store:
        row = store.list_findings(rule="DEMO-GOV-GUARANTEE")[0]
        document = store.document(row.document_id)
        clauses = store.clauses(row.document_id)
        with pytest.raises(NotFoundError):
            store.document(9999)
    assert document.doc_type == "contract" and document.date == "2024-10-08"
    assert [party["role"] for party in document.parties] == ["甲方", "乙方"]
    assert [clause.label for clause in clauses][1:4] == ["第一条", "第二条", "第三条"]
    assert [clause.body_start for clause in clauses] == sorted(clause.body_start for clause in clauses)
    current = next(clause for clause in clauses if clause.key == row.clause_key)
    assert current.text == row.clause_text
    assert current.text[row.evidence_start - current.body_start : row.evidence_end - current.body_start] == (
        row.evidence_text
    )
