"""report.html: evidence highlighted inside its clause, laws quoted, every input listed, nothing remote."""

from __future__ import annotations

import re

import lxml.html
import pytest

from qinglai_rules.reports.html_report import render_html, top, write_html_report

from .builders import DISMISS_REASON, FAILED_ERROR, finding


def q(node, selector: str) -> list:
    """A tiny CSS subset over XPath (no cssselect dependency): ``tag``, ``tag.class``, ``#id``, joined
    by spaces for descendants."""
    path = "."
    for step in selector.split():
        if step.startswith("#"):
            path += f"//*[@id='{step[1:]}']"
            continue
        tag, _, cls = step.partition(".")
        test = f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" if cls else ""
        path += f"//{tag or '*'}{test}"
    return node.xpath(path)


@pytest.fixture()
def page(report, tmp_path):
    [path] = write_html_report(report, tmp_path)
    assert path.name == "report.html"
    text = path.read_text("utf-8")
    return text, lxml.html.fromstring(text)


def test_evidence_is_highlighted_inside_its_clause_text(report, page):
    _, tree = page
    for rule_id in ("DEMO-TAX-SHARE", "DEMO-PAY-TERM"):
        item = finding(report, rule_id)
        quotes = [b for b in q(tree, "blockquote.clause") if b.text_content() == item["clause"]["text"]]
        assert len(quotes) == 1, rule_id
        marks = q(quotes[0], "mark.evidence")
        assert [m.text_content() for m in marks] == [item["evidence"]["text"]]
        before = quotes[0].text or ""
        assert item["clause"]["text"].startswith(before + item["evidence"]["text"])


def test_law_message_suggestion_rule_and_status_are_shown(report, page):
    _, tree = page
    body = tree.text_content()
    item = finding(report, "DEMO-TAX-SHARE")
    for law in item["law"]:
        assert law["text"] in body
        assert law["title"] in body
    assert "《中华人民共和国税收征收管理法》第三条第二款" in body
    assert item["message"] in body and item["suggestion"] in body
    assert "DEMO-TAX-SHARE" in body
    assert "待审核" in body and "已确认" in body
    assert DISMISS_REASON in body  # the reviewer's reason next to the dismissed finding


def test_every_input_is_listed_and_failures_carry_their_error(report, page):
    _, tree = page
    rows = q(tree, "#documents tbody tr")
    assert len(rows) == len(report["documents"]) == 5
    listed = [q(row, ".path")[0].text_content() for row in rows]
    assert listed == [doc["path"] for doc in report["documents"]]
    failed = next(row for row in rows if "in/scanned.pdf" in row.text_content())
    assert "error" in failed.get("class")
    assert FAILED_ERROR in failed.text_content() and "审查失败" in failed.text_content()
    skipped = next(row for row in rows if "in/old.docx" in row.text_content())
    assert "内容未变" in skipped.text_content()


def test_overview_numbers(page):
    _, tree = page
    numbers = {
        q(card, "span")[0].text_content(): int(q(card, "b")[0].text_content())
        for card in q(tree, "#overview .number")
    }
    assert numbers["输入文件"] == 5 and numbers["审查失败"] == 1 and numbers["已跳过"] == 1
    assert (numbers["发现"], numbers["待审核"], numbers["已确认"], numbers["已驳回"]) == (3, 1, 1, 1)


def test_self_contained_no_remote_resources_no_script(page):
    text, tree = page
    assert not re.search(r"https?://", text)
    assert not [e for tag in ("script", "link", "iframe", "img", "object", "embed") for e in q(tree, tag)]
    assert "@import" not in text and "url(" not in text
    assert q(tree, "style") and "@media print" in text
    assert "break-before: page" in text  # each document starts a page when printed


def test_charts_are_inline_svg_without_dismissed_findings(page):
    _, tree = page
    charts = {q(fig, "figcaption")[0].text_content(): fig for fig in q(tree, "figure.chart")}
    assert set(charts) == {"按问题类别", "按问题类型", "按严重程度", "按文件类型", "按地区", "按发文机关"}
    for figure in charts.values():
        assert q(figure, "svg")
    family = charts["按问题类型"].text_content()
    assert "税收优惠与返还" in family and "拖欠与迟延支付" in family
    assert "政府担保" not in family  # the only guarantee finding was dismissed
    assert "LC 违法冲突" in charts["按问题类别"].text_content()
    bars = q(charts["按严重程度"], "rect")
    assert len(bars) == 2


def test_everything_is_escaped(report, page):
    text, tree = page
    assert "<重点>" not in text and "<试点>" not in text
    assert "&lt;重点&gt;" in text
    assert "宝清县人民政府关于支持<重点>产业发展的若干措施" in q(tree, "section.document h2")[-1].text_content()


def test_documents_without_findings_have_no_section_and_empty_charts_render(report):
    report = {**report, "documents": [d for d in report["documents"] if not d["findings"]]}
    tree = lxml.html.fromstring(render_html(report))
    assert not q(tree, "section.document")
    assert "（无数据）" in q(tree, "#charts")[0].text_content()


def test_a_bare_report_renders():
    tree = lxml.html.fromstring(render_html({"documents": []}))
    assert "qinglai" in q(tree, "footer.run")[0].text_content()


def test_top_sums_the_long_tail():
    rows = [(f"地区{i}", 20 - i) for i in range(20)]
    shown = top(rows, 5)
    assert shown[:4] == rows[:4]
    assert shown[4] == ("其他（16 个）", sum(count for _, count in rows[4:]))
