"""Several rules of one family on one clause reach the reviewer as one finding."""

from __future__ import annotations

from qinglai_rules.model import Finding
from qinglai_rules.rules.findings import ALSO_MATCHED, one_per_family_and_clause


def _finding(rule_id: str, family: str, clause: str, severity: str, confidence: float, start: int) -> Finding:
    return Finding(rule_id=rule_id, rule_version="v", family=family, categories=["LC"], severity=severity,
                   confidence=confidence, clause_id=clause, evidence=(start, start + 4), evidence_text="证据",
                   message="m", suggestion="s", law=[])


def test_most_severe_then_most_confident_rule_is_kept_and_the_others_named():
    findings = [
        _finding("TAX-B", "tax-rebate", "a3", "高风险", 0.9, 10),
        _finding("TAX-A", "tax-rebate", "a3", "违法", 0.7, 12),
        _finding("TAX-C", "tax-rebate", "a3", "违法", 0.8, 11),
        _finding("LAND-A", "land-price", "a3", "违法", 0.9, 10),
        _finding("TAX-D", "tax-rebate", "a4", "提示", 0.5, 40),
    ]
    merged = one_per_family_and_clause(findings)
    assert [(f.rule_id, f.clause_id) for f in merged] == [("LAND-A", "a3"), ("TAX-C", "a3"), ("TAX-D", "a4")]
    tax = merged[1]
    assert tax.also_matched == ["TAX-A", "TAX-B"]  # in rank order: 违法 0.7, then 高风险
    assert tax.trace[-1].condition == ALSO_MATCHED and tax.trace[-1].values == ["TAX-A", "TAX-B"]
    assert findings[2].also_matched == []  # the inputs are not modified
    assert merged[2].also_matched == [] and merged[2].trace == []
