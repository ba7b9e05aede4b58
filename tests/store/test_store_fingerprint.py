"""Fingerprints: the same clause of the same document is the same finding, whatever the cosmetics."""

from __future__ import annotations

import pytest

from qinglai_rules.store import fingerprint, lineage_key, partial_fingerprints
from qinglai_rules.store.fingerprint import clause_text_key

RULE = "tax-rebate.local-retention"
TEXT = "第二条 对投资额超过1亿元的企业，按其缴纳增值税地方留成部分的50%给予返还。"
LINEAGE = "no:哈政规[2019]3"


@pytest.mark.parametrize(
    "written",
    [
        "哈政规〔2019〕3号",
        "哈政规[2019]3号",
        "哈政规（2019）第03号",
        "哈政規［２０１９］３號",
        "哈政规 〔2019〕 3 号",
    ],
)
def test_doc_number_spellings_share_a_lineage(written: str) -> None:
    assert lineage_key(written, "任意标题", "x.docx") == LINEAGE


def test_different_doc_numbers_titles_and_files_differ() -> None:
    assert lineage_key("哈政规〔2020〕3号", None, "x") != LINEAGE
    assert lineage_key("哈政规〔2019〕13号", None, "x") != LINEAGE
    assert lineage_key("哈政发〔2019〕3号", None, "x") != LINEAGE
    assert lineage_key(None, "關於印發《辦法》的通知", "a.pdf") == lineage_key(
        None, "关于印发 《办法》 的通知", "b"
    )
    assert lineage_key(None, "关于印发办法的通知", "a.pdf").startswith("title:")
    assert lineage_key(None, None, "C:\\docs\\协议 2019.DOCX") == lineage_key("", "  ", "/srv/协议2019.docx")
    assert lineage_key(None, None, "/srv/协议2019.docx").startswith("file:")


def test_fingerprint_ignores_script_width_spacing_and_numbering() -> None:
    base = fingerprint(RULE, TEXT, "第二条", LINEAGE)
    traditional = "第三條　對投資額超過１億元的企業，按其繳納增值稅地方留成部分的５０％給予返還。"
    assert fingerprint(RULE, traditional, "第三条", LINEAGE) == base
    spaced = "第五条  对投资额超过 1 亿元的企业, 按其缴纳增值税地方留成部分的 50% 给予返还."
    assert fingerprint(RULE, spaced, "第五条", LINEAGE) == base
    assert clause_text_key(TEXT, "第二条").startswith("对投资额")


def test_fingerprint_changes_with_text_rule_or_document() -> None:
    base = fingerprint(RULE, TEXT, "第二条", LINEAGE)
    assert fingerprint(RULE, TEXT.replace("50%", "30%"), "第二条", LINEAGE) != base
    assert fingerprint("tax-rebate.other", TEXT, "第二条", LINEAGE) != base
    assert fingerprint(RULE, TEXT, "第二条", "no:哈政规[2019]4") != base


def test_partial_fingerprints_for_sarif() -> None:
    parts = partial_fingerprints(RULE, TEXT, "第二条", LINEAGE)
    assert set(parts) == {"ruleClauseText/v1", "ruleLineageLabel/v1"}
    moved = partial_fingerprints(RULE, TEXT, "第二条", "title:另一个文件")
    assert moved["ruleClauseText/v1"] == parts["ruleClauseText/v1"]  # same text in another document
    assert moved["ruleLineageLabel/v1"] != parts["ruleLineageLabel/v1"]
    edited = partial_fingerprints(RULE, TEXT.replace("50%", "30%"), "第二条", LINEAGE)
    assert edited["ruleLineageLabel/v1"] == parts["ruleLineageLabel/v1"]  # same place, new text
    assert edited["ruleClauseText/v1"] != parts["ruleClauseText/v1"]
