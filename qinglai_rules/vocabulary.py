"""The words every stage, label, rule and report shares: finding families, categories, severities."""

from __future__ import annotations

FAMILIES = (
    "tax-rebate", "selective-subsidy", "land-price", "guarantee-return", "bidding", "local-protection",
    "normative-overreach", "payment-default", "new-official", "liability-exemption", "unilateral-change",
    "retroactive-repeal", "judgment-refusal",
)
LEGAL_CONFLICT_FAMILIES = FAMILIES[:7]
CATEGORIES = ("C1", "C2", "C3", "C4", "C5", "C6", "LC")
CATEGORY_TITLES = {
    "C1": "不履行有效合同、不兑现合法承诺、迟延履行",
    "C2": "因政府原因致合同不能履行、承诺不能兑现，不依法赔偿",
    "C3": "因公共利益等改变规划、决定或约定，不依法补偿",
    "C4": "政策调整后不按有利于市场主体原则执行",
    "C5": "违法签订合同、作出承诺致无效或被撤销，不返还、不赔偿",
    "C6": "拒不执行法院判决、仲裁裁决",
    "LC": "与现行法律、法规、规章相悖（违法冲突）",
}
FAMILY_TITLES = {
    "tax-rebate": "税收优惠与返还",
    "selective-subsidy": "选择性补贴与费用减免",
    "land-price": "土地出让金返还与低价供地",
    "guarantee-return": "政府担保、保底收益与回购",
    "bidding": "规避招标与指定供应商",
    "local-protection": "地方保护与市场准入限制",
    "normative-overreach": "规范性文件越权设定罚款、许可、收费",
    "payment-default": "拖欠与迟延支付",
    "new-official": "新官不理旧账",
    "liability-exemption": "政府方免除自身责任",
    "unilateral-change": "单方变更解除且不予补偿",
    "retroactive-repeal": "政策调整溯及既往、无过渡安排",
    "judgment-refusal": "拒不执行生效裁判",
}
SEVERITIES = ("违法", "高风险", "提示")
DOC_TYPES = ("policy", "contract", "minutes", "judgment", "other")

# The category a family belongs to; legal-conflict families also carry C5 in contracts and minutes
# (an unlawful commitment there makes the contract void or voidable).
FAMILY_CATEGORY = {family: "LC" for family in LEGAL_CONFLICT_FAMILIES} | {
    "payment-default": "C1",
    "new-official": "C1",
    "liability-exemption": "C2",
    "unilateral-change": "C3",
    "retroactive-repeal": "C4",
    "judgment-refusal": "C6",
}
VOID_RISK_DOC_TYPES = ("contract", "minutes")


def categories_for(family: str, doc_type: str) -> list[str]:
    """Default categories of a finding of ``family`` in a document of ``doc_type``."""
    category = FAMILY_CATEGORY[family]
    if category == "LC" and doc_type in VOID_RISK_DOC_TYPES:
        return ["LC", "C5"]
    return [category]
