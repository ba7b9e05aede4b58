"""Runs: decisions carried across re-reviews and versions, skipping, and crash safety."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_builders import (
    BRANCH_RULE,
    POLICY_V1,
    POLICY_V2,
    TAX_RULE,
    by_rule,
    make_document,
    make_finding,
    ok,
    run_info,
)

import qinglai_rules.store.findings as findings_module
from qinglai_rules.model import DocumentResult
from qinglai_rules.store import StoreError, open_store

ROOT = Path(__file__).resolve().parents[2]
OTHER = "\n".join(
    ["关于支持企业发展的若干措施", "第一条 对新落户企业给予土地价格优惠，按基准地价的30%出让。"]
)


def _decide_v1(store, rows) -> None:  # type: ignore[no-untyped-def]
    store.decide(rows[TAX_RULE].id, "confirm", "wang", "地方留成返还违反税收法定")
    store.decide(rows[BRANCH_RULE].id, "dismiss", "li", "仅为示范文本，未实际执行")


def _count(db_path: Path, sql: str, *args: object) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, args).fetchone()[0]


def test_decisions_survive_a_second_run_on_the_same_document(reviewers) -> None:
    store = reviewers
    first = store.begin_run(run_info("policy.txt"))
    store.record_document(first, ok(make_document(POLICY_V1, "policy.txt")))
    store.finish_run(first)
    _decide_v1(store, by_rule(store.list_findings()))

    second = store.begin_run(run_info("policy.txt", ruleset="rules-2"))
    store.record_document(second, ok(make_document(POLICY_V1, "policy.txt")))
    store.finish_run(second)

    current = store.list_findings()
    assert current.total == 2  # the first run's findings left the worklist, not duplicated
    rows = by_rule(current)
    assert {row.run_id for row in current} == {second}
    assert rows[TAX_RULE].status == "confirmed"
    assert rows[BRANCH_RULE].status == "dismissed"
    assert rows[BRANCH_RULE].last_decision.reviewer_name == "李审"
    assert current.by_status == {"pending": 0, "confirmed": 1, "dismissed": 1}


def test_amended_version_keeps_decisions_on_unchanged_clauses_only(reviewers) -> None:
    store = reviewers
    first = store.begin_run(run_info("v1/policy.txt"))
    store.record_document(first, ok(make_document(POLICY_V1, "v1/policy.txt")))
    store.finish_run(first)
    _decide_v1(store, by_rule(store.list_findings()))

    # A new sha256, another folder, the same 文号 written in another bracket style and width.
    v2 = make_document(POLICY_V2, "v2/policy.txt", doc_number="哈政规[２０１９]3号")
    second = store.begin_run(run_info("v2/policy.txt"))
    store.record_document(second, ok(v2))
    store.finish_run(second)

    current = store.list_findings()
    rows = by_rule(current)
    assert current.total == 2  # v1 is superseded by v2: only v2's findings are in the worklist
    assert {row.document_path for row in current} == {"v2/policy.txt"}
    assert rows[TAX_RULE].status == "confirmed"  # 第二条 unchanged: decision carried over
    assert rows[BRANCH_RULE].status == "pending"  # 第三条 changed: to be reviewed again
    assert store.list_findings(status="pending").total == 1
    old = by_rule(store.list_findings(run=first))  # history stays: v1's findings and decisions
    assert old[BRANCH_RULE].status == "dismissed"
    assert old[BRANCH_RULE].fingerprint != rows[BRANCH_RULE].fingerprint


def test_renumbered_and_traditional_version_keeps_its_decisions(reviewers) -> None:
    store = reviewers
    first = store.begin_run(run_info("policy.txt"))
    store.record_document(first, ok(make_document(POLICY_V1, "policy.txt")))
    _decide_v1(store, by_rule(store.list_findings()))
    # An article inserted before the others (第二条 becomes 第三条 …), the whole text in Traditional script
    # with full-width digits and different spacing.
    traditional = "\n".join(
        [
            "哈爾濱市招商引資優惠政策",
            "第一條 為加快招商引資，制定本辦法。",
            "第二條 招商引資工作由市商務局負責。",
            "第三條　對投資額超過１億元的企業，按其繳納增值稅地方留成部分的５０％給予返還。",
            "第四條 外地企業參與本市政府採購，須在本市設立分支機構。",
            "第五條 本辦法自發布之日起施行。",
        ]
    )
    document = make_document(traditional, "policy.txt")
    second = store.begin_run(run_info("policy.txt"))
    store.record_document(
        second,
        ok(
            document,
            [
                make_finding(document, "第三条", TAX_RULE, "給予返還"),
                make_finding(document, "第四条", BRANCH_RULE, "須在本市設立分支機構"),
            ],
        ),
    )
    rows = by_rule(store.list_findings())
    assert rows[TAX_RULE].status == "confirmed"
    assert rows[BRANCH_RULE].status == "dismissed"


def test_unchanged_document_can_be_skipped_and_keeps_its_findings(reviewers) -> None:
    store = reviewers
    document = make_document(POLICY_V1, "policy.txt")
    first = store.begin_run(run_info("policy.txt"))
    store.record_document(first, ok(document))
    store.finish_run(first)

    previous = store.previous_result(document.sha256, "rules-1", "laws-1")
    assert previous is not None and previous.run_id == first and previous.findings_count == 2
    assert store.previous_result(document.sha256, "rules-2", "laws-1") is None  # rules changed: review again
    assert store.previous_result(document.sha256, "rules-1", "laws-2") is None
    assert store.previous_result("0" * 64, "rules-1", "laws-1") is None

    second = store.begin_run(run_info("policy.txt"))
    skipped = DocumentResult("policy.txt", "skipped", document.sha256, skip_reason=previous.skip_reason)
    store.record_document(second, skipped)
    store.finish_run(second)
    assert store.list_findings().total == 2
    assert {row.run_id for row in store.list_findings()} == {first}
    (entry,) = store.run_documents(second)
    assert (entry.status, entry.skip_reason) == ("skipped", "unchanged since run 1")


def test_every_input_of_a_run_is_recorded_including_errors(store) -> None:
    run = store.begin_run(run_info("policy.txt", "locked.pdf", "scan.pdf"))
    store.record_document(run, ok(make_document(POLICY_V1, "policy.txt")))
    store.record_document(
        run,
        DocumentResult(
            "locked.pdf", "error", "ab" * 32, error="locked.pdf: 文件已加密", error_code="encrypted"
        ),
    )
    store.record_document(run, DocumentResult("scan.pdf", "error", error="需要 OCR", error_code="needs-ocr"))
    store.finish_run(run)
    entries = {e.path: e for e in store.run_documents(run)}
    assert set(entries) == {"policy.txt", "locked.pdf", "scan.pdf"}
    assert entries["locked.pdf"].error_code == "encrypted" and entries["locked.pdf"].document_id is None
    assert entries["policy.txt"].findings_count == 2
    assert store.run(run).status == "finished" and store.run(run).inputs_count == 3


def test_a_document_with_the_same_title_elsewhere_does_not_hide_another(store) -> None:
    """Two different minutes both titled 会议纪要 (no 文号) at different paths stay in the worklist."""
    texts = ["会议纪要\n第一条 同意给予该企业税收返还。", "会议纪要\n第一条 同意对该企业所得税予以返还。"]
    for index, text in enumerate(texts):
        document = make_document(
            text, f"minutes-{index}.txt", doc_number=None, title="会议纪要", doc_type="minutes"
        )
        run = store.begin_run(run_info(document.path))
        store.record_document(run, ok(document, [make_finding(document, "第一条", TAX_RULE, "返还")]))
        store.finish_run(run)
    assert {row.document_path for row in store.list_findings()} == {"minutes-0.txt", "minutes-1.txt"}


def test_crash_between_documents_leaves_whole_documents_and_a_resumable_run(db_path: Path) -> None:
    inputs = ["policy.txt", "other.txt"]
    store = open_store(str(db_path))
    run = store.begin_run(run_info(*inputs))
    with pytest.raises(RuntimeError):
        for path in inputs:
            if path == "other.txt":
                raise RuntimeError("worker died")
            store.record_document(run, ok(make_document(POLICY_V1, path)))
    store.close()  # never finished

    reopened = open_store(str(db_path))
    unfinished = reopened.unfinished_run()
    assert unfinished is not None and unfinished.id == run and unfinished.inputs == inputs
    assert reopened.reviewed_in_run(run) == {"policy.txt"}
    remaining = [p for p in unfinished.inputs if p not in reopened.reviewed_in_run(run)]
    assert remaining == ["other.txt"]
    document = make_document(OTHER, "other.txt", doc_number=None, title=None)
    reopened.record_document(
        run, ok(document, [make_finding(document, "第一条", "land-price.discount", "30%")])
    )
    reopened.finish_run(run)
    assert reopened.unfinished_run() is None
    assert reopened.list_findings().total == 3
    reopened.close()


def test_failure_inside_record_document_rolls_back_the_whole_document(
    reviewers, db_path, monkeypatch
) -> None:
    store = reviewers
    document = make_document(POLICY_V1, "policy.txt")
    first = store.begin_run(run_info("policy.txt"))
    store.record_document(first, ok(document))
    store.finish_run(first)
    counts = {t: _count(db_path, f"SELECT count(*) FROM {t}") for t in ("documents", "clauses", "findings")}

    real = findings_module.fingerprint
    calls = []

    def failing(*args):  # type: ignore[no-untyped-def]
        calls.append(args)
        if len(calls) == 2:  # after the document, its clauses and the first finding were written
            raise OSError("disk full")
        return real(*args)

    monkeypatch.setattr(findings_module, "fingerprint", failing)
    second = store.begin_run(run_info("policy.txt", "new.txt"))
    newer = make_document(POLICY_V2, "new.txt", doc_number="哈政规〔2020〕1号")
    with pytest.raises(OSError):
        store.record_document(second, ok(newer))
    calls.clear()
    with pytest.raises(OSError):  # a re-review of the known document fails too: its old findings must stay
        store.record_document(second, ok(make_document(POLICY_V1, "policy.txt")))

    assert {t: _count(db_path, f"SELECT count(*) FROM {t}") for t in counts} == counts
    assert _count(db_path, "SELECT count(*) FROM documents WHERE sha256 = ?", newer.sha256) == 0
    assert store.reviewed_in_run(second) == set()
    current = store.list_findings()
    assert current.total == 2 and {row.run_id for row in current} == {first}  # still the latest
    assert store.unfinished_run().id == second


def test_process_killed_mid_document_leaves_a_consistent_store(db_path: Path, tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        import qinglai_rules.store.findings as findings_module
        from store_builders import POLICY_V1, POLICY_V2, make_document, ok, run_info
        from qinglai_rules.store import open_store

        store = open_store({str(db_path)!r})
        run = store.begin_run(run_info("a.txt", "b.txt"))
        store.record_document(run, ok(make_document(POLICY_V1, "a.txt")))
        real = findings_module.fingerprint
        calls = []
        def dying(*args):
            calls.append(args)
            if len(calls) == 2:
                os._exit(9)  # killed: no rollback, no cleanup
            return real(*args)
        findings_module.fingerprint = dying
        store.record_document(run, ok(make_document(POLICY_V2, "b.txt", doc_number="哈政规〔2020〕1号")))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert result.returncode == 9, result.stderr

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = open_store(str(db_path))
    run = store.unfinished_run()
    assert run is not None and store.reviewed_in_run(run.id) == {"a.txt"}
    assert _count(db_path, "SELECT count(*) FROM documents") == 1
    assert _count(db_path, "SELECT count(*) FROM findings") == 2
    store.close()


def test_recording_into_a_finished_run_or_twice_is_refused(store) -> None:
    run = store.begin_run(run_info("policy.txt"))
    store.record_document(run, ok(make_document(POLICY_V1, "policy.txt")))
    with pytest.raises(StoreError, match="已在运行"):
        store.record_document(run, ok(make_document(POLICY_V1, "policy.txt")))
    store.finish_run(run)
    with pytest.raises(StoreError, match="已经结束"):
        store.record_document(run, ok(make_document(POLICY_V2, "v2.txt")))
    with pytest.raises(StoreError, match="已经结束"):
        store.finish_run(run, "interrupted")


def test_finding_on_an_unknown_clause_is_refused_and_nothing_written(store, db_path: Path) -> None:
    document = make_document(POLICY_V1, "policy.txt")
    broken = make_finding(document, "第二条", TAX_RULE, "给予返还")
    broken.clause_id = "a99"
    run = store.begin_run(run_info("policy.txt"))
    with pytest.raises(StoreError, match="a99"):
        store.record_document(run, ok(document, [broken]))
    assert _count(db_path, "SELECT count(*) FROM documents") == 0
