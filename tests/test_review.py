"""End to end: files in, findings.json out — every input accounted for, Traditional = Simplified."""

from __future__ import annotations

import json

import jsonschema
import opencc
import pytest
from click.testing import CliRunner

from qinglai_rules.cli import main
from qinglai_rules.rules.loader import schema

from .conftest import RULESETS

POLICY = """关于印发青冈县招商引资优惠政策的通知
青政规〔2019〕2号
第一条 为促进县域经济发展，制定本政策。
第二条 对新落户企业，按其缴纳增值税地方留成部分的50%给予奖励。
第三条 高新技术企业按照国家有关规定减按15%的税率征收企业所得税。
第四条 本政策自印发之日起施行，原招商引资优惠政策一律停止执行。
青冈县人民政府
2019年3月5日
"""


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "policy.txt").write_text(POLICY, encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(POLICY)
    (folder / "policy-traditional.txt").write_bytes(traditional.encode("gb18030"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 4)
    return folder


def _review(tmp_path, monkeypatch, *args):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["review", *args, "--out", str(tmp_path / "out"),
                                       "--rules", str(RULESETS / "demo")])
    report = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    return result, report


def test_every_input_is_in_the_report(tmp_path, monkeypatch, inputs):
    result, report = _review(tmp_path, monkeypatch, str(inputs), str(tmp_path / "missing.pdf"))
    assert result.exit_code == 0, result.output
    by_name = {d["path"].rsplit("/", 1)[-1]: d for d in report["documents"]}
    assert set(by_name) == {"policy.txt", "policy-traditional.txt", "empty.txt", "blob.bin", "missing.pdf"}
    assert by_name["empty.txt"]["status"] == "error" and "empty.txt" in by_name["empty.txt"]["error"]
    assert by_name["blob.bin"]["error_code"] == "unknown-format"
    assert by_name["missing.pdf"]["error_code"] == "not-found"
    totals = report["totals"]
    assert totals["inputs"] == 5 and totals["ok"] + totals["error"] + totals["skipped"] == 5


def test_report_matches_the_schema_and_carries_law_text(tmp_path, monkeypatch, inputs):
    _, report = _review(tmp_path, monkeypatch, str(inputs))
    jsonschema.validate(report, schema("findings"))
    policy = next(d for d in report["documents"] if d["path"].endswith("/policy.txt"))
    assert policy["doc_type"] == "policy" and policy["metadata"]["doc_number"] == "青政规〔2019〕2号"
    rules = {f["rule_id"]: f for f in policy["findings"]}
    assert set(rules) == {"DEMO-TAX-SHARE", "DEMO-REPEAL-NO-TRANSITION"}
    tax = rules["DEMO-TAX-SHARE"]
    assert tax["clause"]["label"] == "第二条" and tax["clause"]["page"] == 1
    assert "地方留成" in tax["evidence"]["text"]
    assert tax["law"][0]["title"] == "中华人民共和国税收征收管理法"
    assert "不得违反法律、行政法规的规定" in tax["law"][0]["text"]
    assert any(step["matched"] and "demo-tax-base" in step["condition"] for step in tax["trace"])


def test_traditional_gb18030_twin_gets_the_same_findings(tmp_path, monkeypatch, inputs):
    _, report = _review(tmp_path, monkeypatch, str(inputs))
    docs = {d["path"].rsplit("/", 1)[-1]: d for d in report["documents"]}
    simplified, traditional = docs["policy.txt"], docs["policy-traditional.txt"]
    assert traditional["script"] == "traditional" and traditional["encoding"] == "gb18030"

    def key(doc):
        return [(f["rule_id"], f["clause"]["id"], f["evidence"]["start"], f["evidence"]["end"])
                for f in doc["findings"]]

    assert key(traditional) == key(simplified) != []
    evidence = next(f for f in traditional["findings"] if f["rule_id"] == "DEMO-TAX-SHARE")["evidence"]["text"]
    # shown in the document's own (Traditional) characters, matched on the Simplified form
    assert "獎勵" in evidence and "地方留成" in opencc.OpenCC("t2s").convert(evidence)


def test_explain_says_why_and_why_not(tmp_path, inputs):
    runner = CliRunner()
    args = ["explain", str(inputs / "policy.txt"), "--rules", str(RULESETS / "demo")]
    fired = runner.invoke(main, [*args, "--rule", "DEMO-TAX-SHARE", "--clause", "第二条"])
    assert fired.exit_code == 0, fired.output
    assert "命中 FIRED" in fired.output and "demo-tax-base" in fired.output
    not_fired = runner.invoke(main, [*args, "--rule", "DEMO-TAX-SHARE", "--clause", "第三条"])
    assert "未命中" in not_fired.output and "条件未满足" in not_fired.output
    wrong_type = runner.invoke(main, [*args, "--rule", "DEMO-PAY-TERM", "--doc-type", "judgment"])
    assert "✗ 文件类型属于" in wrong_type.output


def test_rules_commands(tmp_path):
    runner = CliRunner()
    listing = runner.invoke(main, ["rules", "list", "--rules", str(RULESETS / "demo")])
    assert "DEMO-TAX-SHARE" in listing.output and "税收征收管理法" in listing.output
    tested = runner.invoke(main, ["rules", "test", "--rules", str(RULESETS / "demo")])
    assert tested.exit_code == 0 and "0 failed" in tested.output
    bad = tmp_path / "rules"
    (bad / "p").mkdir(parents=True)
    (bad / "p" / "pack.yaml").write_text("name: p\nversion: '1'\ntitle: t\n", encoding="utf-8")
    (bad / "p" / "X-ONE.yaml").write_text("id: X-ONE\nid: X-TWO\n", encoding="utf-8")
    linted = runner.invoke(main, ["rules", "lint", "--rules", str(bad)])
    assert linted.exit_code == 1 and "X-ONE.yaml:2:1: duplicate key 'id'" in linted.output
