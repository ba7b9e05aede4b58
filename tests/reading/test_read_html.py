"""HTML reading: the article of a government-portal page, without navigation and portal boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglai_rules.reading import read
from qinglai_rules.synth.source import parse_source

from ._helpers import block_texts, expected_lines, source_text

NOTICE = source_text("notice_html.txt")
PORTAL_WORDS = [
    "分享到",
    "相关文章",
    "相關文章",
    "打印本页",
    "关闭窗口",
    "上一篇",
    "下一篇",
    "版权所有",
    "ICP备",
    "网站地图",
    "当前位置",
    "热点专题",
    "优化营商环境专题",
    "政务公开",
    "发布时间",
    "统计代码",
    "搜索",
    "门户网站",
]


def _expected(source_text: str, **changes: str) -> list[str]:
    source = parse_source(source_text)
    for key, value in changes.items():
        setattr(source, key, value)
    lines = expected_lines(source)
    # the portal shows the title (h1) above the 文号, which is the first paragraph of the content div
    return [lines[1], lines[0], *lines[2:]]


@pytest.fixture
def traditional_page(make) -> Path:
    return make(NOTICE, "notice-traditional")


def test_only_the_article_is_read(traditional_page: Path) -> None:
    doc = read(traditional_page)
    assert doc.format == "html"
    assert block_texts(doc) == _expected(NOTICE)
    for word in PORTAL_WORDS:
        assert word not in doc.norm, word


def test_traditional_page_and_simplified_twin_have_the_same_norm(traditional_page: Path, make) -> None:
    traditional = read(traditional_page)
    simplified = read(make(NOTICE, "notice-simplified", script="simplified"))
    assert traditional.script == "traditional" and simplified.script == "simplified"
    assert traditional.text != simplified.text
    assert traditional.norm == simplified.norm


def test_headings_and_table_rows(traditional_page: Path) -> None:
    doc = read(traditional_page)
    headings = [doc.norm[b.start : b.end] for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        "关于进一步做好招商引资项目服务保障工作的通知",
        "一、明确工作责任",
        "二、强化要素保障",
    ]
    rows = [[doc.norm[s:e] for s, e in b.cells] for b in doc.blocks if b.kind == "table_row"]
    assert rows[0] == ["保障事项", "责任单位", "办结时限"] and len(rows) == 3


@pytest.mark.parametrize("meta", [True, False])
def test_gbk_page_with_and_without_meta_charset(make, meta: bool) -> None:
    path = make(NOTICE, f"notice-gbk-{meta}", script="simplified", encoding="gbk", meta_charset=meta)
    assert b"charset" in path.read_bytes()[:400] if meta else b"charset" not in path.read_bytes()
    doc = read(path)
    assert doc.encoding == "gb18030"
    assert block_texts(doc) == _expected(NOTICE, script="simplified")


def test_old_layout_table_page_and_br_lines(tmp_path: Path) -> None:
    page = """<html><head><meta charset="utf-8"><title>x</title></head><body>
    <table><tr><td class="menu"><a href="/">首页</a><br><a href="/a">机构</a><br><a href="/b">政策</a></td>
    <td><table><tr><td>
      <p align="center"><b>某某县招商引资
      奖励办法</b></p>
      第一条　为鼓励投资，制定本办法。<br>第二条　本办法由县商务局解释。<br/>
      <table border="1"><tr><th>项目</th><th colspan="2">奖励</th></tr>
      <tr><td>厂房</td><td>100</td><td>万元</td></tr></table>
    </td></tr></table></td></tr></table>
    <div id="footer">版权所有 某某县人民政府</div></body></html>"""
    path = tmp_path / "old.htm"
    path.write_text(page, encoding="utf-8")
    doc = read(path)
    assert block_texts(doc) == [
        "某某县招商引资奖励办法",
        "第一条　为鼓励投资，制定本办法。",
        "第二条　本办法由县商务局解释。",
        "项目\t奖励\t",
        "厂房\t100\t万元",
    ]


def test_page_lying_about_its_charset_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "lying.html"
    body = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
    path.write_bytes((body + "<body><p>第一条　甲方同意拨付资金。</p></body></html>").encode("utf-8"))
    doc = read(path)
    assert (doc.encoding, doc.text) == ("utf-8", "第一条　甲方同意拨付资金。")
