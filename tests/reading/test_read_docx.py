"""DOCX reading: a contract with real Word numbering, a table, merged cells, page header and footer."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from qinglai_rules.reading import read
from qinglai_rules.synth.source import parse_source

from ._helpers import block_texts, expected_lines, source_text

CONTRACT = source_text("contract_docx.txt")


@pytest.fixture
def contract(make) -> Path:
    return make(CONTRACT, "contract")


def test_labels_come_from_word_numbering_not_from_typed_text(contract: Path) -> None:
    xml = zipfile.ZipFile(contract).read("word/document.xml").decode("utf-8")
    assert "第一条" not in xml and "（二）" not in xml  # the synth really used automatic numbering
    assert xml.count("<w:numPr>") >= 15


def test_docx_text_renders_numbering_as_word_shows_it(contract: Path) -> None:
    doc = read(contract)
    assert doc.format == "docx"
    assert block_texts(doc) == expected_lines(parse_source(CONTRACT))
    texts = block_texts(doc)
    assert any(text.startswith("第十一条　本协议一式四份") for text in texts)
    assert any(text.startswith("第十二条　") for text in texts)
    # items restart at （一） under each article
    assert sum(text.startswith("（一）") for text in texts) == 2


def test_docx_header_and_footer_are_not_body_text(contract: Path) -> None:
    doc = read(contract)
    assert "页眉" not in doc.text
    assert "页脚" not in doc.text


def test_docx_headings_and_table_rows(contract: Path) -> None:
    doc = read(contract)
    headings = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "heading"]
    assert headings == ["某某经济开发区招商引资项目投资协议书", "第一章 项目概况", "第二章 双方权利义务"]
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert [[doc.text[s:e] for s, e in b.cells] for b in rows] == [
        ["年度", "投资额（万元）", "建设内容"],
        ["2019", "15000", "厂房及办公楼"],
        ["2020", "25000", "生产线及配套设施"],
    ]
    assert [b.row for b in rows] == [0, 1, 2] and {b.table for b in rows} == {0}


def test_merged_cells_are_not_duplicated(contract: Path, tmp_path: Path) -> None:
    package = docx.Document(str(contract))
    table = package.tables[0]
    table.cell(1, 1).merge(table.cell(1, 2))  # horizontal: 15000 + 厂房及办公楼
    table.cell(1, 0).merge(table.cell(2, 0))  # vertical: 2019 over 2020
    merged = tmp_path / "merged.docx"
    package.save(str(merged))
    doc = read(merged)
    rows = [[doc.text[s:e] for s, e in b.cells] for b in doc.blocks if b.kind == "table_row"]
    assert all(len(row) == 3 for row in rows)  # columns stay aligned
    assert doc.text.count("厂房及办公楼") == 1
    assert doc.text.count("2019") == 1 and rows[2][0] == ""


def test_manual_line_break_starts_a_new_block(tmp_path: Path) -> None:
    package = docx.Document()
    paragraph = package.add_paragraph("会议议定：")
    paragraph.add_run().add_break()
    paragraph.add_run("一、同意拨付补助资金。")
    path = tmp_path / "breaks.docx"
    package.save(str(path))
    assert block_texts(read(path)) == ["会议议定：", "一、同意拨付补助资金。"]
