"""Review processes: same bytes whatever --jobs is, time limits, crashes, Ctrl-C."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from qinglai_rules.pool import CRASH_ENV, SLOW_ENV, ReviewerSetup, WorkerPool
from qinglai_rules.store import open_store
from tests.batch._helpers import Review, review, review_process


def test_findings_json_is_byte_identical_for_one_and_two_processes(corpus: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    one = review(tmp_path / "one", str(corpus), "--jobs", "1", "--db", str(tmp_path / "one.sqlite"))
    # The first document finishes last with two processes: results arrive out of input order.
    monkeypatch.setenv(SLOW_ENV, "00000-*=2")
    two = review(tmp_path / "two", str(corpus), "--jobs", "2", "--db", str(tmp_path / "two.sqlite"))
    assert one.exit_code == two.exit_code == 0, two.output
    assert two.run["jobs"] == 2 and sum(w["documents"] for w in two.run["workers"]) == 8
    assert all(w["documents"] for w in two.run["workers"]), "both processes should have reviewed something"
    assert (one.out / "findings.json").read_bytes() == (two.out / "findings.json").read_bytes()
    assert one.report["totals"]["findings"] > 0


def test_timeout_and_crash_are_reported_and_the_batch_goes_on(corpus: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The first two inputs: both processes start with them, so work remains when each is replaced.
    (corpus / "00001-contract.docx").rename(corpus / "0-slow-contract.docx")
    (corpus / "00003-policy.html").rename(corpus / "0-crash-policy.html")
    monkeypatch.setenv(SLOW_ENV, "*-slow-*=60")
    monkeypatch.setenv(CRASH_ENV, "*-crash-*")
    started = time.monotonic()
    db = str(tmp_path / "q.sqlite")
    result = review(tmp_path / "out", str(corpus), "--jobs", "2", "--timeout", "1.5", "--db", db)
    assert time.monotonic() - started < 40, "the slow file must not hold up the batch"
    assert result.exit_code == 0, result.output
    docs = result.documents()
    assert docs["0-slow-contract.docx"]["status"] == "error"
    assert docs["0-slow-contract.docx"]["error_code"] == "timeout"
    assert "1.5" in docs["0-slow-contract.docx"]["error"]
    assert docs["0-crash-policy.html"]["error_code"] == "internal"
    assert sum(1 for d in docs.values() if d["status"] == "ok") == 6
    workers = result.run["workers"]
    assert sorted(w["ended"] for w in workers).count("timeout") == 1
    assert sorted(w["ended"] for w in workers).count("crashed") == 1
    # A replacement took over (started while work remained), and never more processes than needed.
    assert any(w["id"] > 2 and w["documents"] > 0 for w in workers), workers
    assert 3 <= len(workers) <= 4, workers
    with open_store(db) as store:
        codes = {Path(r.path).name: r.error_code for r in store.run_documents(result.run["run_id"])}
    assert codes["0-slow-contract.docx"] == "timeout" and codes["0-crash-policy.html"] == "internal"


def test_timeout_in_process(corpus: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(SLOW_ENV, "00004-*=30")
    started = time.monotonic()
    result = review(tmp_path / "out", str(corpus), "--jobs", "1", "--timeout", "2", "--no-store")
    assert time.monotonic() - started < 20
    docs = result.documents()
    assert docs["00004-policy.txt"]["error_code"] == "timeout"
    assert sum(1 for d in docs.values() if d["status"] == "ok") == 7


def _recorded(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from run_documents").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_ctrl_c_keeps_what_was_done_and_a_rerun_continues(corpus: Path, tmp_path: Path, jobs: str) -> None:
    db = tmp_path / "q.sqlite"
    process = review_process(tmp_path / "out", str(corpus), "--jobs", jobs, "--db", str(db),
                             env={SLOW_ENV: "*=0.7"})
    deadline = time.monotonic() + 40
    while _recorded(db) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stdout + stderr
    assert "Traceback" not in stderr, stderr
    assert "审查被中断" in stdout

    interrupted = Review(130, stdout, tmp_path / "out")
    docs = interrupted.documents()
    assert len(docs) == 8
    done = {name for name, d in docs.items() if d["status"] == "ok"}
    rest = {name for name, d in docs.items() if d["status"] == "skipped"}
    assert done and rest and done | rest == set(docs)
    assert all(docs[name]["skip_reason"] == "interrupted" for name in rest)
    totals = interrupted.report["totals"]
    assert totals["ok"] + totals["skipped"] == totals["inputs"] == 8
    with open_store(str(db)) as store:
        (run,) = store.runs()
        assert run.status == "interrupted"
        recorded = {Path(r.path).name for r in store.run_documents(run.id)}
    assert recorded == done

    again = review(tmp_path / "again", str(corpus), "--jobs", "1", "--db", str(db))
    docs = again.documents()
    assert {name for name, d in docs.items() if d["status"] == "skipped"} == done
    assert all(docs[name]["skip_reason"] == f"unchanged since run {run.id}" for name in done)
    assert {name for name, d in docs.items() if d["status"] == "ok"} == rest


def test_a_replaced_worker_gives_back_the_document_it_had_not_begun(corpus: Path, demo_reviewer) -> None:  # type: ignore[no-untyped-def]
    setup = ReviewerSetup(demo_reviewer.book, demo_reviewer.laws, hooks={SLOW_ENV: "00000-*=30"})
    pool = WorkerPool(1, setup, timeout=1.0)
    try:
        pool.start()
        deadline = time.monotonic() + 30
        while not pool.idle() and time.monotonic() < deadline:
            pool.poll(0.05)
        first, second = sorted(str(p) for p in corpus.iterdir())[:2]
        pool.submit(0, first)
        pool.submit(1, second)  # waits in the worker's pipe behind the slow one
        assert pool.busy == 1 and not pool.idle()
        outcomes = []
        while not outcomes and time.monotonic() < deadline:
            outcomes = pool.poll(0.1)
        assert [o.index for o in outcomes] == [0]
        assert outcomes[0].result().error_code == "timeout"
        assert pool.take_back() == [1] and pool.take_back() == []
        assert pool.stats[0].ended == "timeout" and not pool.workers
    finally:
        pool.close(terminate=True)
