"""The batch and the review store: skipping unchanged documents, --force, decisions in reports, resuming."""

from __future__ import annotations

from pathlib import Path

from argon2 import PasswordHasher

import qinglai_rules.store.users as users_module
from qinglai_rules.batch import collect_inputs
from qinglai_rules.model import RunInfo
from qinglai_rules.rules.compiler import ruleset_version
from qinglai_rules.store import open_store
from tests.batch._helpers import review

REVIEW_KEYS = ("finding_id", "fingerprint", "status")


def _findings(result) -> dict[str, list[dict]]:  # type: ignore[no-untyped-def]
    return {name: d["findings"] for name, d in result.documents().items()}


def test_rerun_skips_unchanged_documents_and_still_reports_their_findings(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "q.sqlite")
    (corpus / "junk.bin").write_bytes(b"\x00\x01\x02 binary" * 30)
    first = review(tmp_path / "r1", str(corpus), "--jobs", "1", "--db", db)
    second = review(tmp_path / "r2", str(corpus), "--jobs", "1", "--db", db)
    assert first.exit_code == second.exit_code == 0, second.output

    docs1, docs2 = first.documents(), second.documents()
    reviewed = {name for name, d in docs1.items() if d["status"] == "ok"}
    assert len(reviewed) == 8
    for name in reviewed:
        assert docs2[name]["status"] == "skipped"
        assert docs2[name]["skip_reason"] == "unchanged since run 1"
        assert docs2[name]["sha256"] == docs1[name]["sha256"]
        # the same findings, with the same store ids, as the run that reviewed them
        assert docs2[name]["findings"] == docs1[name]["findings"]
        for key in ("doc_type", "metadata", "pages", "clauses", "format"):
            assert docs2[name][key] == docs1[name][key], (name, key)
    assert docs2["junk.bin"]["status"] == "error"  # errors are tried again
    assert second.report["totals"]["findings"] == first.report["totals"]["findings"] > 0
    assert second.report["totals"]["by_family"] == first.report["totals"]["by_family"]
    assert second.run["reviewed"] == 0
    assert all(all(key in f for key in REVIEW_KEYS) for fs in _findings(second).values() for f in fs)


def test_changed_file_and_force_are_reviewed_again(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "q.sqlite")
    first = review(tmp_path / "r1", str(corpus), "--jobs", "1", "--db", db)
    changed = corpus / "00002-minutes.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n会议要求各部门抓好落实。\n", encoding="utf-8")
    second = review(tmp_path / "r2", str(corpus), "--jobs", "1", "--db", db)
    statuses = {name: d["status"] for name, d in second.documents().items()}
    assert statuses.pop("00002-minutes.txt") == "ok"
    assert set(statuses.values()) == {"skipped"}

    forced = review(tmp_path / "r3", str(corpus), "--jobs", "1", "--db", db, "--force")
    assert {d["status"] for d in forced.report["documents"]} == {"ok"}
    assert forced.run["reviewed"] == 8
    before = {f["fingerprint"]: f["finding_id"] for fs in _findings(first).values() for f in fs}
    after = {f["fingerprint"]: f["finding_id"] for fs in _findings(forced).values() for f in fs}
    unchanged = set(before) & set(after)
    assert unchanged, "fingerprints should survive a re-review"
    assert all(after[fp] > before[fp] for fp in unchanged), "a forced review records new findings"


def test_reviewer_decisions_show_in_later_reports(corpus: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(users_module, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    db = str(tmp_path / "q.sqlite")
    first = review(tmp_path / "r1", str(corpus), "--jobs", "1", "--db", db)
    findings = [f for fs in _findings(first).values() for f in fs]
    assert len(findings) >= 2 and {f["status"] for f in findings} == {"pending"}
    confirmed, dismissed = findings[0], findings[1]
    with open_store(db) as store:
        store.add_user("wang", "reviewer", "a-long-password", "王审")
        store.decide(confirmed["finding_id"], "confirm", "wang", "条款以地方留成为基数，确属违法")
        store.decide(dismissed["finding_id"], "dismiss", "wang", "国家统一政策，误报")

    def state(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
        return {f["fingerprint"]: f["status"] for fs in _findings(result).values() for f in fs}

    skipped = state(review(tmp_path / "r2", str(corpus), "--jobs", "1", "--db", db))
    forced = state(review(tmp_path / "r3", str(corpus), "--jobs", "1", "--db", db, "--force"))
    for statuses in (skipped, forced):
        assert statuses[confirmed["fingerprint"]] == "confirmed"
        assert statuses[dismissed["fingerprint"]] == "dismissed"
        assert sum(1 for s in statuses.values() if s == "pending") == len(findings) - 2


def test_a_crashed_run_is_resumed(corpus: Path, tmp_path: Path, demo_reviewer) -> None:  # type: ignore[no-untyped-def]
    """A run left ``running`` (the process died) with the same inputs: continue it, review only the rest."""
    db = str(tmp_path / "q.sqlite")
    inputs, _ = collect_inputs([str(corpus)])
    info = RunInfo(ruleset_version=ruleset_version(demo_reviewer.book), laws_version=demo_reviewer.laws_version,
                   started_at="2019-05-01T09:00:00", user="tester", inputs=inputs)
    with open_store(db) as store:
        run_id = store.begin_run(info)
        for path in inputs[:3]:
            store.record_document(run_id, demo_reviewer.review_file(path))
    result = review(tmp_path / "out", str(corpus), "--jobs", "1", "--db", db)
    assert result.exit_code == 0, result.output
    assert f"继续未完成的运行 {run_id}" in result.output
    assert result.run["run_id"] == run_id and result.run["resumed"] is True
    assert result.run["reviewed"] == len(inputs) - 3
    report = result.report
    assert [d["path"] for d in report["documents"]] == sorted(inputs)
    assert {d["status"] for d in report["documents"]} == {"ok"}
    # the findings recorded before the crash are in the report, as a store-less review finds them
    plain = review(tmp_path / "plain", str(corpus), "--jobs", "1", "--no-store").documents()
    for name, document in result.documents().items():
        stripped = [{k: v for k, v in f.items() if k not in REVIEW_KEYS} for f in document["findings"]]
        assert stripped == plain[name]["findings"], name
        assert all(f["status"] == "pending" and f["finding_id"] for f in document["findings"])
    assert sum(len(plain[Path(p).name]["findings"]) for p in inputs[:3]) > 0
    with open_store(db) as store:
        assert store.run(run_id).status == "finished"
        assert {row.path for row in store.run_documents(run_id)} == set(inputs)
        assert len(store.runs()) == 1
