"""Small documents and lookups shared by the report tests."""

from __future__ import annotations

POLICY = "\n".join(
    [
        "宝清县人民政府关于支持<重点>产业发展的若干措施",
        "宝政发〔2019〕5号",
        "一、支持企业扩大生产",
        "（一）对新建或改扩建项目<试点>，自投产之日起三年内，按其上缴税收县级所得部分的70%予以补助，用于企业扩大再生产。",
        "（二）县政府为符合条件的企业融资提供担保。",
        "二、本措施自发布之日起施行。",
        "宝清县人民政府",
        "2019年2月27日",
    ]
)
CONTRACT = "\n".join(
    [
        "桦南县水稻精深加工项目投资协议",
        "甲方：桦南县人民政府",
        "乙方：黑龙江禾丰源米业有限公司",
        "第一条 甲方在工程竣工验收合格后180日内支付剩余工程款。",
        "第二条 违约责任：双方协商解决。",
        "甲方：桦南县人民政府 乙方：黑龙江禾丰源米业有限公司",
        "2019年3月26日",
    ]
)
CLEAN = "\n".join(
    [
        "七台河市招商引资服务办法",
        "第一条 为优化营商环境，制定本办法。",
        "第二条 本办法自发布之日起施行。",
    ]
)
FAILED_ERROR = "in/scanned.pdf: 文件已加密，无法读取 (encrypted)"
DISMISS_REASON = "转述上级政策原文，非本级承诺"


def finding(report: dict, rule_id: str) -> dict:
    return next(f for d in report["documents"] for f in d["findings"] if f["rule_id"] == rule_id)


def document(report: dict, path: str) -> dict:
    return next(d for d in report["documents"] if d["path"] == path)
