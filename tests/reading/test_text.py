

def test_tab_separated_lines_are_table_rows(tmp_path):
    from qinglai_rules.reading import read

    path = tmp_path / "policy.txt"
    path.write_text("第四条 奖励标准如下：\n税种\t奖励标准\n增值税\t地方留成部分的50%\n所得税\t地方留成部分的30%\n"
                    "第五条 本办法自印发之日起施行。\n", encoding="utf-8")
    doc = read(path)
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert [(b.table, b.row) for b in rows] == [(0, 0), (0, 1), (0, 2)]
    assert [doc.text[s:e] for s, e in rows[1].cells] == ["增值税", "地方留成部分的50%"]
    assert [b.kind for b in doc.blocks] == ["paragraph", "table_row", "table_row", "table_row", "paragraph"]


def test_a_single_line_with_a_tab_is_a_paragraph(tmp_path):
    from qinglai_rules.reading import read

    path = tmp_path / "letter.txt"
    path.write_text("联系人：张某\t电话：12345678\n请于3日内回复。\n", encoding="utf-8")
    assert [b.kind for b in read(path).blocks] == ["paragraph", "paragraph"]
