"""Document types with their evidence, and the user's override."""

from __future__ import annotations

import pytest

from qinglai_rules.reading.assemble import document_from_text
from qinglai_rules.structure import analyse, classify

from . import samples
from .helpers import SEED, blocks_doc


@pytest.mark.parametrize(
    ("text", "doc_type", "evidence"),
    [
        (samples.POLICY, "policy", ["标题以'通知'结尾", "有文号哈政规〔2019〕3号"]),
        (samples.CONTRACT, "contract", ["标题以'协议书'结尾", "有甲方/乙方", "含'违约责任'"]),
        (samples.MINUTES, "minutes", ["标题以'会议纪要'结尾", "有3处'会议议定/同意/决定…'段落"]),
        (samples.JUDGMENT, "judgment", ["标题以'判决书'结尾", "有案号(2019)黑12民初45号"]),
        (samples.STATUS_REPORT, "judgment", ["情况说明/复函涉及判决、裁决执行", "有案号(2019)黑12执88号"]),
        (SEED.read_text(encoding="utf-8"), "policy", ["标题以'实施方案'结尾"]),
    ],
)
def test_classify_with_reason(text, doc_type, evidence):
    found, reason = classify(document_from_text(text))
    assert found == doc_type
    for piece in evidence:
        assert piece in reason
    assert "且" in reason or len(evidence) == 1


def test_contract_without_telling_title_is_found_by_parties():
    text = (
        "项目合作事项\n甲方：兰西县人民政府\n乙方：绥化龙江米业有限公司\n"
        "经甲乙双方友好协商，达成如下条款：\n第一条　甲方提供项目用地。\n第二条　乙方负责投资建设。"
    )
    doc_type, reason = classify(document_from_text(text))
    assert doc_type == "contract"
    assert reason == "有甲方/乙方且含'双方协商'"


def test_notice_printing_a_contract_template_is_a_policy():
    text = "关于印发《招商引资项目投资协议（示范文本）》的通知\n黑商发〔2019〕8号\n各市（地）商务局："
    doc_type, reason = classify(document_from_text(text))
    assert doc_type == "policy"
    assert "协议" not in reason


def test_table_without_type_features_is_other():
    doc = blocks_doc(
        [
            ("paragraph", "会议室使用登记", 1),
            ("table_row", ["日期", "使用部门"], 1),
            ("table_row", ["4月8日", "办公室"], 1),
        ]
    )
    doc_type, reason = classify(doc)
    assert doc_type == "other"
    assert reason.startswith("无足够类型特征")


def test_user_override_is_recorded():
    doc = analyse(document_from_text(samples.POLICY), doc_type="contract")
    assert doc.metadata.doc_type == "contract"
    assert doc.metadata.doc_type_overridden is True
    assert doc.metadata.doc_type_reason == "用户指定"
    detected = analyse(document_from_text(samples.POLICY))
    assert detected.metadata.doc_type_overridden is False
    assert detected.metadata.doc_type == "policy"


def test_unknown_override_is_refused():
    with pytest.raises(ValueError, match="unknown document type"):
        analyse(document_from_text(samples.POLICY), doc_type="memo")


def test_reply_letter_about_unpaid_benefits_is_a_judgment_type_document():
    """A 复函 answering a firm's request to be paid is a status document, even when its title names
    the policy it answers about and it carries a 文号."""
    text = (
        "泰来县人民政府关于泰丰米业有限公司请求兑现招商引资优惠政策有关问题的复函\n泰政函〔2021〕12号\n"
        "泰丰米业有限公司：\n你公司关于兑现奖励资金的请示收悉。经研究，现答复如下：\n"
        "一、你公司2019年度设备投资奖励资金120万元，县财政将于2021年9月30日前拨付。\n泰来县人民政府\n2021年6月3日"
    )
    doc_type, reason = classify(document_from_text(text))
    assert doc_type == "judgment" and "复函" in reason
