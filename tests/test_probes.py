"""The probe scorer: hits found by family, findings on clean probes counted as false alarms."""

from __future__ import annotations

from pathlib import Path

from qinglai_rules.probes import load_probes, run_probes

PROBES = """family: tax-rebate
hit:
  - text: 对新落户企业，按其缴纳增值税地方留成部分的50%给予奖励。
    doc_type: policy
  - text: 本条没有任何问题。
    doc_type: policy
clean:
  - text: 严禁以地方留成部分的一定比例返还或奖励等方式变相减免税收。
    doc_type: policy
  - text: 甲方协调县城投公司为乙方银行贷款提供连带责任担保。
    doc_type: contract
"""


def test_probe_scores(tmp_path: Path, demo_reference):
    (tmp_path / "tax-rebate.yaml").write_text(PROBES, encoding="utf-8")
    probes = load_probes(tmp_path)
    assert [(p.flagged, p.doc_type) for p in probes] == [(True, "policy"), (True, "policy"), (False, "policy"),
                                                          (False, "contract")]
    report = run_probes(demo_reference, probes)
    tax = report.scores["tax-rebate"]
    assert (tax.hits, tax.found, tax.false_alarms) == (2, 1, 0)
    assert [p.text for p in report.misses] == ["本条没有任何问题。"]
    assert report.scores["guarantee-return"].false_alarms == 1  # the second clean probe is not clean
    assert [(family, rules) for _, family, rules in report.alarms] == [("guarantee-return", ["DEMO-GOV-GUARANTEE"])]
