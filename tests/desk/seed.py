"""A small review store for the desk tests, filled by the real pipeline with the demo rule pack."""

from __future__ import annotations

from pathlib import Path

from qinglai_rules.model import DocumentResult, RunInfo
from qinglai_rules.reading.assemble import document_from_text
from qinglai_rules.store import open_store
from qinglai_rules.structure import analyse

POLICY = "\n".join(
    [
        "某县人民政府关于印发招商引资优惠政策的通知",
        "某政规〔2024〕3号",
        "各乡镇人民政府，县政府各部门：",
        "第一条 为加快招商引资，优化营商环境，制定本办法。",
        "第二条 对新落户企业，按其缴纳增值税地方留成部分的50%给予奖励。",
        "第三条 政府投资项目优先采购本地企业生产的建材产品。",
        "第四条 企业未按期投产的，处以5万元罚款。",
        "第五条 本办法自2024年9月1日起施行，原招商引资优惠政策一律停止执行。",
        "某县人民政府",
        "2024年9月1日",
    ]
)
CONTRACT = "\n".join(
    [
        "投资合作协议",
        "甲方：某县人民政府",
        "乙方：某某新材料有限公司",
        "第一条 乙方在园区投资建设新材料项目，总投资5亿元。",
        "第二条 甲方按乙方实缴企业所得税县级留成部分的百分之六十予以返还，期限五年。",
        "第三条 甲方协调县城投公司为乙方银行贷款提供连带责任担保。",
        "第四条 甲方在工程竣工验收合格后180日内支付剩余工程款。",
        "第五条 本协议自双方签字盖章之日起生效。",
        "签订日期：2024年10月8日",
    ]
)
OTHER_POLICY = "\n".join(
    [
        "龙江县人民政府关于支持工业企业发展的若干措施",
        "龙政发〔2024〕8号",
        "第一条 对新落户企业，按其缴纳企业所得税地方留成部分的40%给予奖励。",
        "第二条 本措施自2024年11月1日起施行。",
        "龙江县人民政府",
        "2024年11月1日",
    ]
)
SOURCES = {"policy.txt": POLICY, "contract.txt": CONTRACT, "longjiang.txt": OTHER_POLICY}

USERS = (
    ("wang", "reviewer", "password-wang", "王审"),
    ("li", "reviewer", "password-li", "李审"),
    ("boss", "admin", "password-boss", "赵管"),
    ("author", "rule_author", "password-author", "规则作者"),
)


def seed_store(path: Path, reviewer) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Users, one finished run over ``SOURCES``; returns how many findings each document got."""
    counts = {}
    store = open_store(str(path))
    try:
        for username, role, password, name in USERS:
            store.add_user(username, role, password, name)
        info = RunInfo(
            reviewer.ruleset_version, reviewer.laws_version, "2024-12-01T09:00:00+08:00", "test", inputs=list(SOURCES)
        )
        run = store.begin_run(info)
        for name, text in SOURCES.items():
            document = analyse(document_from_text(text, name))
            found = reviewer.review_document(document)
            counts[name] = len(found)
            store.record_document(run, DocumentResult(name, "ok", document.sha256, document, found))
        store.finish_run(run)
    finally:
        store.close()
    return counts
