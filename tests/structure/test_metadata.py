"""Metadata: title, 文号, issuer and level, region, the document's own date, contract parties."""

from __future__ import annotations

import pytest

from qinglai_rules.model import Party
from qinglai_rules.reading.assemble import document_from_text
from qinglai_rules.structure import analyse, extract_metadata
from qinglai_rules.structure.header import find_doc_number, find_title
from qinglai_rules.structure.numerals import find_dates, parse_number
from qinglai_rules.structure.orgs import issuer_level, party_kind, place_of

from . import samples
from .helpers import SEED, blocks_doc, parsed


def test_policy_metadata():
    meta = parsed(samples.POLICY).metadata
    assert meta.title == "哈尔滨市人民政府关于印发哈尔滨市招商引资优惠政策若干规定的通知"
    assert meta.doc_number == "哈政规〔2019〕3号"
    assert meta.issuer == "哈尔滨市人民政府"
    assert meta.issuer_level == "city"
    assert meta.region == "哈尔滨市"
    assert meta.date == "2019-03-05"
    assert meta.parties == []


def test_contract_metadata_and_parties():
    meta = parsed(samples.CONTRACT).metadata
    assert meta.title == "青冈县招商引资项目投资协议书"
    assert meta.parties == [
        Party("甲方", "青冈县人民政府", "government"),
        Party("乙方", "黑龙江北垦新材料有限公司", "enterprise"),
    ]
    assert meta.date == "2019-04-08"  # the signing date
    assert meta.issuer == "青冈县人民政府"
    assert (meta.region, meta.issuer_level) == ("青冈县", "county")
    assert meta.doc_number is None


def test_minutes_metadata_meeting_date():
    meta = parsed(samples.MINUTES).metadata
    assert meta.title == "青冈县人民政府常务会议纪要"
    assert meta.date == "2019-04-10"
    assert (meta.issuer, meta.issuer_level, meta.region) == ("青冈县人民政府", "county", "青冈县")


def test_judgment_date_in_chinese_numerals_and_court():
    meta = parsed(samples.JUDGMENT).metadata
    assert meta.title == "民事判决书"
    assert meta.date == "2019-09-02"
    assert meta.issuer == "黑龙江省绥化市中级人民法院"
    assert meta.region == "黑龙江省绥化市"


def test_notice_signature_department_and_html_title():
    doc = analyse(blocks_doc(samples.NOTICE_BLOCKS))
    meta = doc.metadata
    assert meta.title == "关于开展招商引资政策清理工作的通知"
    assert (meta.issuer, meta.issuer_level, meta.region, meta.date) == (
        "哈尔滨市商务局", "department", "哈尔滨市", "2019-04-01",
    )
    page_title = "关于开展招商引资政策清理工作的通知_哈尔滨市人民政府网"
    with_title = [("title", page_title, 1), *samples.NOTICE_BLOCKS[1:]]
    assert analyse(blocks_doc(with_title)).metadata.title == "关于开展招商引资政策清理工作的通知"


def test_seed_metadata():
    meta = parsed(SEED.read_text(encoding="utf-8")).metadata
    assert meta.title == "黑龍江省“清賴行動”專項整治工作實施方案"  # in the document's own characters
    assert meta.region == "黑龙江省"
    assert meta.issuer_level == "province"
    assert meta.doc_number is None and meta.date is None  # a web copy without them: nothing invented


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("黑政办发[2019]12号", "黑政办发〔2019〕12号"),
        ("哈政发（2019）5号", "哈政发〔2019〕5号"),
        ("哈政规〔２０１９〕３号", "哈政规〔2019〕3号"),
        ("青政办发【2019】第7号", "青政办发〔2019〕7号"),
        ("发文字号：黑政规〔2019〕1号", "黑政规〔2019〕1号"),
    ],
)
def test_doc_number_forms(head, expected):
    doc = document_from_text(f"关于印发某某办法的通知\n{head}\n各有关单位：\n现印发给你们。")
    found = find_doc_number(doc)
    assert found is not None and found.text == expected
    assert doc.norm[found.start : found.end].endswith("号")


def test_cited_doc_number_is_not_the_documents():
    doc = document_from_text(
        "关于清理招商引资优惠政策的通知\n各有关单位：\n"
        "根据《国务院关于清理规范税收等优惠政策的通知》（国发〔2014〕62号）要求，现通知如下。"
    )
    assert find_doc_number(doc) is None
    assert extract_metadata(doc).doc_number is None


def test_title_without_doc_number_on_the_same_line():
    doc = document_from_text("哈政规〔2019〕3号　哈尔滨市人民政府关于促进投资的若干措施\n第一条　略。")
    assert find_title(doc) == "哈尔滨市人民政府关于促进投资的若干措施"
    assert find_doc_number(doc).text == "哈政规〔2019〕3号"


def test_title_broken_over_two_lines():
    doc = document_from_text("哈尔滨市人民政府关于印发《哈尔滨市招商引资若干政策》\n的通知\n各区县政府：")
    assert find_title(doc) == "哈尔滨市人民政府关于印发《哈尔滨市招商引资若干政策》的通知"


def test_joint_signature_and_bracketed_date():
    text = (
        "关于做好企业奖励资金兑现工作的通知\n各县（市、区）财政局、商务局：\n请按期兑现奖励资金。\n"
        "哈尔滨市财政局\n哈尔滨市商务局\n（2019年5月6日）\n（此件公开发布）"
    )
    meta = extract_metadata(document_from_text(text))
    assert meta.issuer == "哈尔滨市财政局、哈尔滨市商务局"
    assert meta.issuer_level == "department"
    assert meta.date == "2019-05-06"


def test_running_text_dates_are_not_the_document_date():
    text = "关于开展专项整治的通知\n一、时间安排\n2019年4月8日至4月30日为自查阶段。\n二、工作要求"
    assert extract_metadata(document_from_text(text)).date is None


@pytest.mark.parametrize(
    ("name", "level", "region"),
    [
        ("黑龙江省人民政府办公厅", "province", "黑龙江省"),
        ("哈尔滨市人民政府", "city", "哈尔滨市"),
        ("青冈县人民政府", "county", "青冈县"),
        ("五常市人民政府", "county", "五常市"),
        ("哈尔滨市道里区人民政府", "county", "哈尔滨市道里区"),
        ("哈尔滨市市场监督管理局", "department", "哈尔滨市"),
        ("黑龙江省商务厅", "department", "黑龙江省"),
        ("哈尔滨经济技术开发区管理委员会", "county", "哈尔滨经济技术开发区"),
        ("大兴安岭地区行政公署", "city", "大兴安岭地区"),
    ],
)
def test_issuer_level_and_region(name, level, region):
    assert issuer_level(name) == level
    assert place_of(name) == region


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("青冈县人民政府", "government"),
        ("哈尔滨新区管理委员会", "government"),
        ("黑龙江北垦新材料有限公司", "enterprise"),
        ("青冈县城市建设投资集团", "enterprise"),
        ("张某某", "unknown"),
    ],
)
def test_party_kind(name, kind):
    assert party_kind(name) == kind


def test_parties_on_one_signature_line_and_empty_fields():
    text = (
        "补充协议\n甲方（盖章）：\n乙方：哈尔滨龙腾食品有限公司\n"
        "第一条　双方同意延长履行期限。\n甲方：哈尔滨新区管理委员会　　丙方：哈尔滨龙腾物流有限公司"
    )
    parties = extract_metadata(document_from_text(text)).parties
    assert parties == [
        Party("甲方", "哈尔滨新区管理委员会", "government"),
        Party("乙方", "哈尔滨龙腾食品有限公司", "enterprise"),
        Party("丙方", "哈尔滨龙腾物流有限公司", "enterprise"),
    ]


def test_numerals_and_dates():
    assert [parse_number(t) for t in ("十二", "12", "二十", "一百零五", "两", "二〇一九", "十")] == [
        12, 12, 20, 105, 2, 2019, 10,
    ]
    assert parse_number("第") is None
    assert find_dates("二○一九年十二月三十一日印发，2020年2月30日无效") == [(0, 12, "2019-12-31")]


def test_title_style_block_keeps_hyphenated_years():
    doc = blocks_doc([("title", "哈尔滨市2019-2021年招商引资行动方案", 1), ("paragraph", "一、总体要求", 1)])
    assert find_title(doc) == "哈尔滨市2019-2021年招商引资行动方案"


def test_title_broken_inside_a_title_word():
    doc = document_from_text("哈尔滨市人民政府关于印发哈尔滨市招商引资优惠政策\n若干规定的通知\n各区县政府：")
    assert find_title(doc) == "哈尔滨市人民政府关于印发哈尔滨市招商引资优惠政策若干规定的通知"
    # a complete 关于…的通知 title is not joined with the title of the document it prints
    doc = document_from_text("关于印发招商引资若干规定的通知\n招商引资若干规定\n第一条　略。")
    assert find_title(doc) == "关于印发招商引资若干规定的通知"


def test_party_name_ends_before_a_joined_sentence():
    # a PDF reader may join the 乙方 line with the next paragraph
    text = (
        "投资协议书\n甲方：青冈县人民政府\n"
        "乙方（投资方）：黑龙江北垦新材料有限公司（以下简称“乙方”）为加快发展，经双方协商，达成如下协议：\n"
        "第一条　略。\n甲方（盖章）：乙方（盖章）：黑龙江北垦新材料有限公司"
    )
    parties = extract_metadata(document_from_text(text)).parties
    assert parties == [
        Party("甲方", "青冈县人民政府", "government"),
        Party("乙方", "黑龙江北垦新材料有限公司", "enterprise"),
    ]


def test_supplementary_agreement_is_dated_by_its_own_signature_not_the_recited_agreement():
    doc = parsed(
        "投资协议之补充协议\n甲方：大庆高新技术产业开发区管理委员会\n乙方：大庆恒润新材料有限公司\n"
        "甲乙双方于2018年6月8日签订了《投资协议》，现就有关事项补充约定如下：\n"
        "第一条 原协议第六条约定的扶持资金，甲方于2020年5月31日前足额拨付。\n"
        "第二条 本补充协议自双方签字盖章之日起生效。\n"
        "甲方（盖章）：大庆高新技术产业开发区管理委员会\n乙方（盖章）：大庆恒润新材料有限公司\n2020年4月20日"
    )
    assert doc.metadata.doc_type == "contract"
    assert doc.metadata.date == "2020-04-20"
