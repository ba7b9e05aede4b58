"""Commitment extraction on realistic snippets: who promises what to whom, amounts, status words."""

from __future__ import annotations

from qinglai_rules.ledger.commitments import Commitment, Context, commitments_in_text, extract_commitments
from qinglai_rules.reading.assemble import document_from_text
from qinglai_rules.structure import analyse

CONTRACT = """某某县特色食品加工项目投资协议
甲方：青冈县人民政府
乙方：黑龙江瑞丰食品有限公司
为加快县域经济发展，甲乙双方经友好协商，达成如下协议：
第一条 甲方的义务
（一）甲方负责于2019年6月30日前将道路、供水、供电接至项目用地红线。
（二）项目投产后，甲方给予乙方设备购置补助伍佰万元以内的资金，具体为二百万元。
（三）甲方对乙方免收城市基础设施配套费。
（四）甲方协助乙方依法申报省级专项资金。
第二条 乙方的义务
（一）乙方应当按期足额缴纳土地出让价款，并按时足额支付工程款。
（二）乙方项目达产后年产值应不低于5亿元。
第三条 违约责任
甲方未按约定完成配套的，应当赔偿乙方实际损失。
甲方（盖章）：青冈县人民政府
乙方（盖章）：黑龙江瑞丰食品有限公司
签订日期：2019年3月1日
"""


def _contract() -> list[Commitment]:
    doc = analyse(document_from_text(CONTRACT, "contract.txt"), doc_type="contract")
    return extract_commitments(doc)


def _by_clause(items: list[Commitment]) -> dict[str, Commitment]:
    return {" › ".join(c.clause_path): c for c in items}


def test_contract_parties_resolve_promisor_and_promisee() -> None:
    found = _by_clause(_contract())
    infrastructure = found["第一条 › （一）"]
    assert infrastructure.kind == "infrastructure"
    assert infrastructure.promisor == "青冈县人民政府"  # 甲方 resolved through the parties
    assert infrastructure.promisee == "黑龙江瑞丰食品有限公司"  # 乙方 resolved
    assert infrastructure.promisee_is_class is False
    assert infrastructure.deadline == "2019-06-30"
    assert found["第一条 › （三）"].kind == "tax-fee"


def test_contract_amount_in_chinese_numerals_and_wan() -> None:
    subsidy = _by_clause(_contract())["第一条 › （二）"]
    assert subsidy.kind == "money"
    assert subsidy.amount == 2_000_000  # 二百万元; 伍佰 (capital numerals) is not read as an amount


def test_firm_duties_light_help_and_liability_are_not_commitments() -> None:
    found = _by_clause(_contract())
    assert "第二条 › （一）" not in found  # 乙方应当…支付工程款: the firm pays
    assert "第二条 › （二）" not in found
    assert "第一条 › （四）" not in found  # 协助申报: help with applying, not a deliverable
    assert "第三条" not in found  # a liability clause is a remedy, not a promise
    assert len(found) == 3


def test_swapped_roles_government_as_yifang() -> None:
    text = CONTRACT.replace("甲方：青冈县人民政府", "甲方：黑龙江瑞丰食品有限公司", 1).replace(
        "乙方：黑龙江瑞丰食品有限公司", "乙方：青冈县人民政府", 1)
    text = text.replace("第一条 甲方的义务\n（一）甲方负责", "第一条 乙方的义务\n（一）乙方负责")
    doc = analyse(document_from_text(text, "swapped.txt"), doc_type="contract")
    infrastructure = next(c for c in extract_commitments(doc) if c.kind == "infrastructure")
    assert infrastructure.promisor == "青冈县人民政府"
    assert infrastructure.promisee == "黑龙江瑞丰食品有限公司"


MINUTES = """青冈县人民政府县长办公会议纪要
青冈县人民政府办公室 2019年8月2日
2019年7月30日，县长主持召开县长办公会议。现将会议议定事项纪要如下：
一、关于黑龙江瑞丰食品有限公司设备补助兑现的问题
会议听取了县工信局的汇报。经审核确认补助金额为三百五十万元，已拨付150万元，尚欠200万元。会议议定：剩余资金暂缓兑现，待县财政状况好转后再行研究。
二、关于县城道路工程款支付的问题
该工程由黑龙江通达路桥有限公司承建，结算价款为1,200万元，已于2019年1月足额支付。
三、关于优化营商环境的问题
会议要求，各部门要为企业提供优质高效的审批服务。
"""


def _minutes() -> dict[str, Commitment]:
    doc = analyse(document_from_text(MINUTES, "minutes.txt"), doc_type="minutes")
    return _by_clause(extract_commitments(doc))


def test_minutes_status_words_outstanding_and_deferral() -> None:
    subsidy = _minutes()["一、"]
    assert subsidy.kind == "money"
    assert subsidy.promisee == "黑龙江瑞丰食品有限公司"
    assert subsidy.status == "部分兑现"  # 已拨付 and 尚欠
    assert subsidy.outstanding == 2_000_000
    assert subsidy.amount == 2_000_000  # the sum still owed
    assert subsidy.status_text == "部分兑现（尚欠200万元）"
    assert subsidy.promisor == "青冈县人民政府"  # the government whose meeting decided, not its office


def test_minutes_paid_debt_and_directions() -> None:
    found = _minutes()
    paid = found["二、"]
    assert (paid.kind, paid.status, paid.amount) == ("payment", "已兑现", 12_000_000)
    assert "三、" not in found  # 会议要求 addressed to departments, naming no firm: a work order


POLICY = """青冈县招商引资优惠办法
第一条 对新引进的固定资产投资额1亿元以上的工业项目，自投产之日起三年内，按其缴纳增值税县级留成部分的50%给予奖励。
第二条 对新认定的国家级专精特新企业，一次性奖励50万元；对省级专精特新企业，一次性奖励20万元。
第三条 小型微利企业依法享受国家规定的所得税减免政策。
第四条 企业以虚报手段骗取扶持资金的，依法追回已拨付资金。
"""


def test_policy_class_commitments() -> None:
    doc = analyse(document_from_text(POLICY, "policy.txt"), doc_type="policy")
    found = _by_clause(extract_commitments(doc))
    assert set(found) == {"第一条", "第二条"}
    reward = found["第一条"]
    assert reward.kind == "tax-fee"  # a reward computed from the tax the firm pays
    assert reward.promisee_is_class
    assert reward.promisee == "新引进的固定资产投资额1亿元以上的工业项目"
    assert reward.amount is None  # 1亿元以上 is a condition, not the benefit
    assert found["第二条"].amount == 500_000  # the largest per-firm sum


def test_clause_text_from_the_store() -> None:
    ctx = Context(doc_type="contract", parties={"甲方": ("青冈县人民政府", "government"),
                                               "乙方": ("黑龙江瑞丰食品有限公司", "enterprise")})
    found = commitments_in_text("（二）甲方按乙方实际缴纳税收县级留成部分的百分之五十给予扶持。", ctx, "（二）")
    assert [(c.kind, c.promisor, c.promisee) for c in found] == [
        ("tax-fee", "青冈县人民政府", "黑龙江瑞丰食品有限公司")]
