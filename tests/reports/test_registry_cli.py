"""Every writer is registered, and `qinglai review --format html,docx,xlsx,sarif,json` writes them all."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from qinglai_rules.cli import main
from qinglai_rules.reports import WRITERS, write_reports

from .builders import CONTRACT

ROOT = Path(__file__).resolve().parents[2]


def test_all_formats_are_registered():
    assert set(WRITERS) == {"json", "html", "docx", "xlsx", "sarif"}


def test_unknown_format_is_refused(report, tmp_path):
    with pytest.raises(ValueError, match="pdf"):
        write_reports(report, tmp_path, ["html", "pdf"])
    assert not list(tmp_path.iterdir())


def test_options_reach_only_their_writer(report, tmp_path):
    custom = tmp_path / "t.docx"
    made = docx.Document()
    made.add_paragraph("模板 {{ doc.title }}")
    made.save(str(custom))
    written = write_reports(report, tmp_path / "out", ["json", "docx"], {"docx": {"template": custom}})
    opinion = next(path for path in written if path.name.startswith("审查意见书"))
    assert docx.Document(str(opinion)).paragraphs[0].text.startswith("模板 ")


def test_review_command_writes_every_format_with_a_custom_template(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "contract.txt").write_text(CONTRACT, encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    custom = tmp_path / "custom.docx"
    made = docx.Document()
    made.add_paragraph("本局意见：{{ doc.title }}；{{ conclusion }}")
    made.save(str(custom))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [
        "review", str(inputs), "--out", str(out), "--rules", str(ROOT / "rulesets" / "demo"),
        "--format", "html,docx,xlsx,sarif,json", "--template", str(custom),
    ])
    assert result.exit_code == 0, result.output
    names = {path.name for path in out.rglob("*") if path.is_file()}
    assert {"report.html", "findings.xlsx", "findings.sarif", "findings.json"} <= names
    [opinion] = [path for path in (out / "opinions").iterdir() if path.name.startswith("审查意见书")]
    assert docx.Document(str(opinion)).paragraphs[0].text.startswith("本局意见：桦南县水稻精深加工项目投资协议；经审查")
    html = (out / "report.html").read_text("utf-8")
    assert "empty.txt" in html  # the unreadable input is listed
    report = json.loads((out / "findings.json").read_text("utf-8"))
    assert [d["status"] for d in report["documents"]] == ["ok", "error"]


def test_review_command_reports_a_broken_template(tmp_path):
    inputs = tmp_path / "contract.txt"
    inputs.write_text(CONTRACT, encoding="utf-8")
    broken = tmp_path / "broken.docx"
    made = docx.Document()
    made.add_paragraph("{{ doc.title ")
    made.save(str(broken))
    result = CliRunner().invoke(main, [
        "review", str(inputs), "--out", str(tmp_path / "out"), "--rules", str(ROOT / "rulesets" / "demo"),
        "--format", "docx", "--template", str(broken),
    ])
    assert result.exit_code == 2
    assert "broken.docx" in result.output
