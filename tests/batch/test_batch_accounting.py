"""Nothing is lost: every input appears exactly once in findings.json, with a status, and totals add up."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema

from qinglai_rules.batch import collect_inputs
from tests.batch._helpers import ROOT, review

SCHEMA = ROOT / "qinglai_rules" / "rules" / "schema" / "findings.schema.json"


def _awkward_inputs(corpus: Path, tmp_path: Path) -> list[str]:
    """The corpus plus one of each thing a folder of real documents contains."""
    (corpus / "unknown.bin").write_bytes(b"\x00\x01\x02\x03 binary data" * 20)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage without an end")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / ".hidden.txt").write_text("第一条 隐藏文件不是输入。", encoding="utf-8")
    os.symlink(tmp_path / "gone.docx", corpus / "dangling.docx")
    empty_folder = tmp_path / "nothing-here"
    empty_folder.mkdir()
    one_file = corpus / "00002-minutes.txt"
    # the file and the empty folder are given twice: each still appears once
    return [str(corpus), str(one_file), str(tmp_path / "missing.pdf"), str(empty_folder), str(empty_folder) + "/"]


def test_every_input_is_reported_once_and_totals_add_up(corpus: Path, tmp_path: Path) -> None:
    inputs = _awkward_inputs(corpus, tmp_path)
    result = review(tmp_path / "out", *inputs, "--jobs", "1", "--db", str(tmp_path / "q.sqlite"))
    assert result.exit_code == 0, result.output
    report = result.report
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))

    paths = [d["path"] for d in report["documents"]]
    assert len(paths) == len(set(paths)), "an input was reported twice"
    expected = set(collect_inputs(inputs)[0])
    assert set(paths) == expected
    assert not any(".hidden" in p for p in paths)
    # 8 generated documents + unknown, broken, empty, dangling + missing + the empty folder
    assert len(paths) == 8 + 4 + 2

    docs = result.documents()
    codes = {name: d["error_code"] for name, d in docs.items() if d["status"] == "error"}
    assert codes == {
        "unknown.bin": "unknown-format",
        "broken.pdf": "corrupt",
        "empty.txt": "empty",
        "dangling.docx": "not-found",
        "missing.pdf": "not-found",
        "nothing-here": "empty",
    }
    for name, d in docs.items():
        if d["status"] == "error":
            assert d["error"] and name in d["error"], d
    generated = {p.name for p in corpus.iterdir() if p.name[:5].isdigit()}
    assert {name for name, d in docs.items() if d["status"] == "ok"} == generated

    totals = report["totals"]
    assert totals["inputs"] == len(paths) == totals["ok"] + totals["error"] + totals["skipped"]
    assert totals["findings"] == sum(len(d["findings"]) for d in report["documents"]) > 0
    assert sum(totals["by_family"].values()) == totals["findings"]
    assert report["documents"] == sorted(report["documents"], key=lambda d: d["path"])
    # Every reported error is listed in the console summary, with its message.
    for d in report["documents"]:
        if d["status"] == "error":
            assert d["error"] in result.output
    assert "共 14 个输入" in result.output


def test_no_store_writes_nothing_and_has_no_store_fields(corpus: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QINGLAI_DB", raising=False)
    result = review(tmp_path / "out", str(corpus), "--jobs", "1", "--no-store")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "qinglai.sqlite").exists()
    findings = [f for d in result.report["documents"] for f in d["findings"]]
    assert findings and not any("finding_id" in f or "status" in f for f in findings)
    assert result.run["run_id"] is None


def test_default_store_location_follows_qinglai_db(corpus: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QINGLAI_DB", str(tmp_path / "elsewhere.sqlite"))
    result = review(tmp_path / "out", str(corpus / "00002-minutes.txt"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elsewhere.sqlite").exists() and not (tmp_path / "qinglai.sqlite").exists()
    assert result.run["store"] == "elsewhere.sqlite"  # under the working folder: shown relative to it


def test_findings_json_has_no_timings_and_run_json_has_them(corpus: Path, tmp_path: Path) -> None:
    result = review(tmp_path / "out", str(corpus), "--jobs", "1", "--no-store")
    text = (result.out / "findings.json").read_text(encoding="utf-8")
    assert "seconds" not in text and "started_at" not in text
    run = result.run
    assert run["reviewed"] == 8 and run["pages"] >= 8 and run["seconds"] > 0
    assert set(run["stage_seconds"]) == {"read", "structure", "facts", "engine", "findings", "store"}
    assert run["workers"][0]["documents"] == 8


def test_a_folder_reviewed_twice_does_not_read_its_own_reports_or_store(corpus: Path) -> None:
    """Reports and the store written inside the reviewed folder are outputs, not documents to review."""
    out, db = corpus / "reports", corpus / "qinglai.sqlite"
    first = review(out, str(corpus), "--jobs", "1", "--db", str(db), "--format", "json,html")
    assert first.exit_code == 0, first.output
    assert (out / "report.html").exists() and db.exists()

    second = review(out, str(corpus), "--jobs", "1", "--db", str(db), "--format", "json")
    assert second.exit_code == 0, second.output
    paths = {d["path"] for d in second.report["documents"]}
    assert not any("reports" in Path(p).parts or Path(p).name.startswith("qinglai.sqlite") for p in paths), paths
    assert {Path(p).name for p in paths} == {p.name for p in corpus.iterdir() if p.name[:5].isdigit()}
    assert {d["status"] for d in second.report["documents"]} == {"skipped"}  # unchanged since the first run


def test_a_report_file_given_by_name_is_still_an_input(corpus: Path) -> None:
    """Only folder walks leave the outputs out: a file named on the command line is always reviewed."""
    reports = corpus / "reports"
    reports.mkdir()
    (reports / "run.json").write_text("{}", encoding="utf-8")
    named = reports / "附件-原文.txt"
    named.write_text("第一条 乙方按期投产。", encoding="utf-8")
    inputs, _ = collect_inputs([str(corpus), str(named)], exclude=[str(reports)])
    assert str(named) in inputs
    assert str(reports / "run.json") not in inputs
    assert len(inputs) == len([p for p in corpus.iterdir() if p.is_file()]) + 1
