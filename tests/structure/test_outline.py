"""The clause tree: kinds, labels, paths, parents, spans and ids on realistic documents."""

from __future__ import annotations

from qinglai_rules.reading.assemble import document_from_text
from qinglai_rules.reading.normalize import to_simplified
from qinglai_rules.structure import analyse, build_clauses

from . import samples
from .helpers import SEED, blocks_doc, by_label_path, check_invariants, clause_text, parsed, tree


def _seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# -- the seed plan (Traditional, outline style) -------------------------------------------------------


def test_seed_plan_outline_levels():
    doc = parsed(_seed_text())
    check_invariants(doc)
    top = [c for c in doc.clauses if c.parent is None]
    assert [c.label for c in top] == ["序言", "一、", "二、", "三、", "四、"]
    assert [c.kind for c in top] == ["preamble", "outline-1", "outline-1", "outline-1", "outline-1"]
    assert [c.id for c in top] == ["pre", "o1", "o2", "o3", "o4"]
    assert [c.heading for c in top[1:]] == ["指導思想", "整治重點", "目標步驟", "有關要求"]


def test_seed_plan_second_part_has_six_items():
    doc = parsed(_seed_text())
    second = doc.clause("o2")
    items = [doc.clause(child) for child in second.children]
    assert [c.label for c in items] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert {c.kind for c in items} == {"outline-2"}
    assert clause_text(doc, items[5]).startswith("(六)各級政府和部門、國家公職人員拒不執行法院判決")
    # the intro paragraph of 二、 is its own body, before its first item
    assert "聚焦政府不守信踐諾" in doc.text[second.body_start : second.body_end]


def test_seed_plan_stage_headings_do_not_break_the_tree():
    doc = parsed(_seed_text())
    methods = by_label_path(doc, "三、", "（二）")
    assert methods.heading == "方法步驟"
    steps = [doc.clause(child) for child in methods.children]
    # 第一阶段 1.–3., 第二阶段 1.–3., 第三阶段 1.–2.: unnumbered stage lines stay inside （二）
    assert [c.label for c in steps] == ["1.", "2.", "3.", "1.", "2.", "3.", "1.", "2."]
    assert {c.kind for c in steps} == {"outline-3"}
    assert [c.id for c in steps] == [
        "o3.o2.o1", "o3.o2.o2", "o3.o2.o3",
        "o3.o2.o1_2", "o3.o2.o2_2", "o3.o2.o3_2",
        "o3.o2.o1_3", "o3.o2.o2_3",
    ]
    assert [c.heading for c in steps] == [
        "制定方案", "全面排查", "建立臺賬", "自查自糾", "跟蹤檢查", "集中力量攻堅", "考核驗收", "懲治追責",
    ]
    sub = [doc.clause(child) for child in steps[1].children]
    assert [c.label for c in sub] == ["（1）", "（2）", "（3）"]
    assert {c.kind for c in sub} == {"outline-4"}
    assert sub[1].path == ["三、", "（二）", "2.", "（2）"]
    assert sub[1].path_text == "三、 › （二） › 2. › （2）"
    # the stage heading is text, inside the (二) subtree, not a clause of its own
    assert "第一階段:自查建賬" in doc.text[methods.body_start : methods.body_end]
    assert not any("第二階段" in c.label for c in doc.clauses)


def test_traditional_and_simplified_seed_give_the_same_tree():
    traditional = parsed(_seed_text())
    simplified_text = to_simplified(_seed_text())
    assert simplified_text != _seed_text()
    simplified = parsed(simplified_text)
    assert traditional.script == "traditional" and simplified.script == "simplified"
    def shape(doc):
        return [(c.id, c.kind, c.label, c.start, c.end, c.body_end, c.parent) for c in doc.clauses]

    assert shape(traditional) == shape(simplified)
    assert [to_simplified(c.heading or "") for c in traditional.clauses] == [
        c.heading or "" for c in simplified.clauses
    ]


def test_traditional_full_width_policy_matches_simplified():
    import opencc

    traditional_text = opencc.OpenCC("s2t").convert(samples.POLICY).translate(
        {ord(d): chr(ord(d) + 0xFEE0) for d in "0123456789"}
    )
    assert "第一條" in traditional_text and "１億元" in traditional_text
    assert len(traditional_text) == len(samples.POLICY)
    traditional = parsed(traditional_text)
    simplified = parsed(samples.POLICY)
    check_invariants(traditional)
    assert tree(traditional) == tree(simplified)
    assert [(c.start, c.end) for c in traditional.clauses] == [(c.start, c.end) for c in simplified.clauses]


# -- statute style: chapters, articles, paragraphs, items ---------------------------------------------


def test_policy_chapters_articles_items_paragraphs():
    doc = parsed(samples.POLICY)
    check_invariants(doc)
    assert tree(doc) == [
        ("pre", "preamble", "序言"),
        ("pre.d2", "paragraph", "第2段"),  # after the 主送 line: 现将…印发给你们 …
        ("ch1", "chapter", "第一章"),
        ("ch1.a1", "article", "第一条"),
        ("ch1.a2", "article", "第二条"),
        ("ch1.a2.k2", "paragraph", "第二款"),
        ("ch2", "chapter", "第二章"),
        ("ch2.a3", "article", "第三条"),
        ("ch2.a3.i1", "item", "（一）"),
        ("ch2.a3.i2", "item", "（二）"),
        ("ch2.a3.k2", "paragraph", "第二款"),
        ("ch2.a4", "article", "第四条"),
        ("ch2.a5", "article", "第五条"),
        ("ch2.a5.si1", "subitem", "1."),
        ("ch2.a5.si2", "subitem", "2."),
        ("ch2.a5.si3", "subitem", "3."),
        ("ch3", "chapter", "第三章"),
        ("ch3.a6", "article", "第六条"),
        ("ch3.a7", "article", "第七条"),
    ]
    assert doc.clause("ch1").heading == "总则"
    assert doc.clause("ch2").heading == "优惠政策"
    assert doc.clause("ch2.a3.i2").path == ["第二章", "第三条", "（二）"]
    # the article's first paragraph is its own body; the second paragraph is 第二款
    article = doc.clause("ch1.a2")
    body = doc.text[article.body_start : article.body_end]
    assert body == "第二条　本规定适用于在本市行政区域内新设立的企业。"
    assert clause_text(doc, doc.clause("ch1.a2.k2")).startswith("本规定所称新设立企业")
    # the preamble holds the covering notice, its 文号 and signature
    preamble = clause_text(doc, doc.clause("pre"))
    assert "哈政规〔2019〕3号" in preamble and preamble.endswith("哈尔滨市招商引资优惠政策若干规定")


def test_citation_at_line_start_is_not_an_article():
    doc = parsed(samples.POLICY)
    article = doc.clause("ch2.a4")
    # “依据《…》\n第三条规定…” continues 第四条: no new article, no 第二款
    assert clause_text(doc, article).endswith("第三条规定应当上缴的部分除外。")
    assert article.children == []
    assert [c.label for c in doc.clauses if c.kind == "article"] == [
        "第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条",
    ]


def test_mixed_chinese_and_arabic_article_numbers():
    doc = parsed(samples.MIXED_ARTICLES)
    check_invariants(doc)
    articles = [c for c in doc.clauses if c.kind == "article"]
    assert [(c.id, c.label) for c in articles] == [
        ("a11", "第十一条"), ("a12", "第12条"), ("a13", "第十三条"), ("a14", "第十四条"),
    ]
    # 第25条 out of sequence is not an article: it stays a paragraph of 第十三条
    assert clause_text(doc, doc.clause("a13")).endswith("第25条　本行编号为误排，不是新的一条。")


def test_contract_preamble_chapters_articles():
    doc = parsed(samples.CONTRACT)
    check_invariants(doc)
    assert tree(doc)[:7] == [
        ("pre", "preamble", "序言"),
        ("pre.d2", "paragraph", "第2段"),  # 为加快…达成如下协议：
        ("ch1", "chapter", "第一章"),
        ("ch1.a1", "article", "第一条"),
        ("ch1.a2", "article", "第二条"),
        ("ch2", "chapter", "第二章"),
        ("ch2.a3", "article", "第三条"),
    ]
    preamble = clause_text(doc, doc.clause("pre"))
    assert "甲方：青冈县人民政府" in preamble and preamble.endswith("达成如下协议：")
    assert doc.clause("ch2.a3").heading == "甲方的权利和义务"
    assert [c.label for c in doc.clauses if c.parent == "ch2.a3"] == ["（一）", "（二）"]
    assert "地方留成部分的50%" in clause_text(doc, doc.clause("ch2.a3.i2"))
    assert doc.clause("ch3.a5.k2").kind == "paragraph"
    # the signature block after the last article is its tail, not new paragraphs
    last = doc.clause("ch3.a6")
    assert last.children == []
    assert clause_text(doc, last).endswith("签订日期：2019年4月8日")


def test_minutes_items_decisions_and_numbered_points():
    doc = parsed(samples.MINUTES)
    check_invariants(doc)
    assert tree(doc) == [
        ("pre", "preamble", "序言"),
        ("pre.d2", "paragraph", "第2段"),  # 参会人员…。 then the 现纪要如下 paragraph
        ("m1", "minutes-item", "一、"),
        ("m1.mp1", "minutes-item", "会议议定"),
        ("m1.mp1.o1", "outline-3", "1."),
        ("m1.mp1.o2", "outline-3", "2."),
        ("m2", "minutes-item", "二、"),
        ("m2.mp1", "minutes-item", "会议同意"),
        ("m2.mp2", "minutes-item", "会议要求"),
        ("m3", "minutes-item", "三、"),
    ]
    assert doc.clause("m1").heading == "关于黑龙江北垦新材料有限公司项目用地问题"
    assert doc.clause("m3").heading == "关于县法院判决执行问题"
    assert "按照60%返还企业" in clause_text(doc, doc.clause("m1.mp1.o2"))
    assert clause_text(doc, doc.clause("m3")).endswith("因原领导调离，该事项暂缓研究。")
    # 会议听取了… is text of 一、, not a decision paragraph
    m1 = doc.clause("m1")
    assert "会议听取了" in doc.text[m1.body_start : m1.body_end]


def test_minutes_grammar_only_for_minutes():
    doc = parsed(samples.MINUTES, doc_type="policy")
    top = [c.kind for c in doc.clauses if c.parent is None]
    assert top == ["preamble", "outline-1", "outline-1", "outline-1"]
    assert not any(c.label.startswith("会议") for c in doc.clauses)


# -- outline notices, tables, pages ------------------------------------------------------------------


def test_table_rows_are_children_of_their_clause():
    doc = analyse(blocks_doc(samples.NOTICE_BLOCKS))
    check_invariants(doc)
    taxes = by_label_path(doc, "二、", "（一）")
    rows = [doc.clause(child) for child in taxes.children]
    assert [(c.id, c.kind, c.label) for c in rows] == [
        ("o2.o1.t1r1", "table-row", "表1第1行"),
        ("o2.o1.t1r2", "table-row", "表1第2行"),
        ("o2.o1.t1r3", "table-row", "表1第3行"),
    ]
    assert clause_text(doc, rows[1]) == "1\t税收返还\t按地方留成部分返还"
    assert rows[2].pages == [2]
    # numbering goes on after the table
    assert [c.label for c in doc.clauses if c.parent == "o2"] == ["（一）", "（二）"]


def test_clause_across_a_page_break_has_both_pages():
    doc = analyse(blocks_doc(samples.NOTICE_BLOCKS))
    assert doc.clause("o2").pages == [1, 2]
    assert doc.clause("o2.o1").pages == [1, 2]
    assert doc.clause("o1").pages == [1]
    assert doc.clause("o3").pages == [2]
    # a paragraph the reader joined across a page break
    spec = [
        ("paragraph", "第一条　总则条款。", 1),
        ("paragraph", "第二条　甲方应当按期支付款项，逾期\n付款的应支付违约金。", 1, [(18, 2)]),
        ("paragraph", "第三条　其他。", 2),
    ]
    doc = analyse(blocks_doc(spec))
    assert [(c.label, c.pages) for c in doc.clauses] == [("第一条", [1]), ("第二条", [1, 2]), ("第三条", [2])]


def test_false_numbering_is_running_text():
    doc = parsed(samples.FALSE_NUMBERING)
    check_invariants(doc)
    assert tree(doc) == [
        ("pre", "preamble", "序言"),
        ("o1", "outline-1", "一、"),
        ("o2", "outline-1", "二、"),
        ("o2.o1", "outline-2", "（一）"),
        ("o2.o2", "outline-2", "（二）"),
        ("o3", "outline-1", "三、"),
        ("o3.o1", "outline-2", "（一）"),  # a jump back to （一） under a new parent restarts
        ("o3.o2", "outline-2", "（二）"),
    ]
    first = clause_text(doc, doc.clause("o1"))
    running_text = ["第三条规定，依法依规", "1.相关支持政策另行制定。", "2019年4月8日前"]
    for running in [*running_text, "1.5亿元以上", "（三）开头"]:
        assert running in first
    assert clause_text(doc, doc.clause("o2.o2")).endswith("（五）为误排的编号，不是新的一项。")
    assert clause_text(doc, doc.clause("o3.o2")).endswith("其后无（二），不是新的一项。")


def test_document_without_numbering_is_split_into_paragraphs():
    """A letter, a 情况说明 or a judgment's reasoning: unnumbered text becomes paragraphs, so a finding
    points at one paragraph; signature and date lines stay with the paragraph above."""
    doc = parsed("关于做好春节期间安全生产工作的通知\n各单位要高度重视。\n请遵照执行。\n青冈县人民政府\n2019年1月5日")
    check_invariants(doc)
    assert tree(doc) == [("pre", "preamble", "序言"), ("pre.d2", "paragraph", "第2段")]
    assert doc.clauses[0].end == len(doc.text)
    second = doc.clause("pre.d2")
    assert doc.text[second.body_start : second.body_end] == "请遵照执行。\n青冈县人民政府\n2019年1月5日"
    assert second.parent == "pre" and second.path == ["序言", "第2段"]


# -- ids: stable across runs and unrelated edits -----------------------------------------------------


def test_ids_are_stable_across_reparse_and_unrelated_edits():
    first = parsed(samples.POLICY)
    again = parsed(samples.POLICY)
    assert tree(first) == tree(again)
    edited_text = samples.POLICY.replace(
        "第一条　为进一步优化营商环境，加大招商引资力度，",
        "第一条　为进一步优化本市营商环境，持续加大招商引资和项目建设力度，",
    ).replace("本规定所称新设立企业", "本规定所称新设立的企业（含分支机构）")
    assert edited_text != samples.POLICY
    edited = parsed(edited_text)
    shift = len(edited_text) - len(samples.POLICY)
    assert shift > 0
    assert tree(edited) == tree(first)
    chapter_two = [c for c in first.clauses if c.id.startswith("ch2")]
    for clause in chapter_two:
        moved = edited.clause(clause.id)
        assert (moved.label, moved.path, moved.start - shift, moved.end - shift) == (
            clause.label, clause.path, clause.start, clause.end,
        )


def test_build_clauses_sets_doc_clauses():
    doc = document_from_text(samples.CONTRACT)
    clauses = build_clauses(doc)
    assert doc.clauses is clauses
    assert [c.id for c in clauses[:3]] == ["pre", "pre.d2", "ch1"]  # 为加快…达成如下协议： is paragraph 2


def test_paragraph_rules_inside_articles():
    text = (
        "第一条　企业应当遵守下列规定：\n（一）依法纳税；\n（二）按期投产。\n"
        "有前款第（一）项情形的，不予奖励。\n"
        "第二条　违约责任\n甲方违约的，应当赔偿乙方损失。\n乙方违约的，应当\n返还已领取的奖励资金。\n"
        "第三条\n本协议自签字之日起生效。"
    )
    doc = parsed(text)
    check_invariants(doc)
    assert tree(doc) == [
        ("a1", "article", "第一条"),
        ("a1.i1", "item", "（一）"),
        ("a1.i2", "item", "（二）"),
        ("a1.k2", "paragraph", "第二款"),
        ("a2", "article", "第二条"),
        ("a2.k2", "paragraph", "第二款"),
        ("a3", "article", "第三条"),
    ]
    assert doc.clause("a1").heading is None  # a lead-in sentence, not a title
    assert doc.clause("a2").heading == "违约责任"
    # a title line: the next line is the article's own first paragraph; a hard line break is no new 款
    assert clause_text(doc, doc.clause("a2.k2")) == "乙方违约的，应当\n返还已领取的奖励资金。"
    assert clause_text(doc, doc.clause("a3")) == "第三条\n本协议自签字之日起生效。"


def test_text_after_a_table_in_an_article_is_a_new_paragraph():
    spec = [
        ("paragraph", "第一条　奖励标准如下：", 1),
        ("table_row", ["投资额", "奖励"], 1),
        ("table_row", ["1亿元以上", "100万元"], 1),
        ("paragraph", "奖励资金分两年拨付。", 1),
        ("paragraph", "第二条　本办法自发布之日起施行。", 1),
    ]
    doc = analyse(blocks_doc(spec))
    check_invariants(doc)
    assert tree(doc) == [
        ("a1", "article", "第一条"),
        ("a1.t1r1", "table-row", "表1第1行"),
        ("a1.t1r2", "table-row", "表1第2行"),
        ("a1.k2", "paragraph", "第二款"),
        ("a2", "article", "第二条"),
    ]


def test_parts_and_chapters_over_an_outline():
    text = (
        "某某规划\n第一部分　总体要求\n一、指导思想\n坚持依法行政。\n二、基本原则\n（一）依法行政。\n"
        "第二部分　主要任务\n一、优化环境\n持续优化营商环境。"
    )
    doc = parsed(text)
    check_invariants(doc)
    assert tree(doc) == [
        ("pre", "preamble", "序言"),
        ("p1", "part", "第一部分"),
        ("p1.o1", "outline-1", "一、"),
        ("p1.o2", "outline-1", "二、"),
        ("p1.o2.o1", "outline-2", "（一）"),
        ("p2", "part", "第二部分"),
        ("p2.o1", "outline-1", "一、"),  # 一、 restarts under the new part
    ]
    assert doc.clause("p2").heading == "主要任务"


def test_supplementary_agreement_restarts_articles():
    text = (
        "某某合同\n第一条　甲方提供用地。\n第二条　乙方投资。\n第三条　其他。\n"
        "补充协议\n第一条　延期。\n第二条　生效。"
    )
    doc = parsed(text)
    check_invariants(doc)
    assert [c.id for c in doc.clauses] == ["pre", "a1", "a2", "a3", "a1_2", "a2_2"]
    # the title line of the supplement is not a 第二款 of 第三条
    assert clause_text(doc, doc.clause("a3")) == "第三条　其他。\n补充协议"


def test_items_after_a_second_paragraph_belong_to_it():
    text = (
        "第一条　甲方应当履行下列义务。\n有下列情形之一的，乙方可以解除协议：\n"
        "（一）甲方逾期供地；\n（二）甲方未兑现奖励。"
    )
    doc = parsed(text)
    check_invariants(doc)
    assert [c.id for c in doc.clauses] == ["a1", "a1.k2", "a1.k2.i1", "a1.k2.i2"]
    assert doc.clause("a1.k2.i2").path == ["第一条", "第二款", "（二）"]
