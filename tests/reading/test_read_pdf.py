"""PDF reading: a multi-page policy with running header, page numbers, wrapped lines and a table."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from qinglai_rules.reading import read
from qinglai_rules.reading.pdflayout import is_page_number, starts_numbered
from qinglai_rules.synth.source import parse_source

from ._helpers import CJK, block_texts, expected_lines, source_text

HEADER = "黑龙江省某某市人民政府公报"
POLICY = source_text("policy_pdf.txt")


@pytest.fixture(params=["pdfium", "pdfplumber"])
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def policy_pdf(make) -> Path:
    return make(POLICY, "policy")


def test_pdf_text_is_the_documents_paragraphs_and_nothing_else(policy_pdf: Path, engine: str) -> None:
    doc = read(policy_pdf, pdf_engine=engine)
    assert doc.format == "pdf"
    assert len(doc.pages) >= 3  # the fixture must really be multi-page
    assert block_texts(doc) == expected_lines(parse_source(POLICY), pdf=True)


def test_pdf_has_no_header_footer_page_numbers_or_inserted_spaces(policy_pdf: Path, engine: str) -> None:
    doc = read(policy_pdf, pdf_engine=engine)
    assert HEADER not in doc.text
    assert "—" not in doc.text
    assert not any(is_page_number(text) for text in block_texts(doc))
    assert not re.search(rf"[{CJK}] +[{CJK}]", doc.text)
    for text in block_texts(doc):
        if not starts_numbered(text) and "\t" not in text:
            continue
        assert "\n" not in text


def test_paragraph_across_a_page_break_is_one_block_on_both_pages(policy_pdf: Path, engine: str) -> None:
    doc = read(policy_pdf, pdf_engine=engine)
    expected = set(expected_lines(parse_source(POLICY), pdf=True))
    crossing = [block for block in doc.blocks if len(doc.pages_of(block.start, block.end)) > 1]
    assert crossing, "the fixture should have a paragraph running over a page break"
    for block in crossing:
        text = doc.text[block.start : block.end]
        assert text in expected
        first, last = doc.pages_of(block.start, block.end)[0], doc.pages_of(block.start, block.end)[-1]
        assert doc.page_of(block.start) == first == block.page
        assert doc.page_of(block.end - 1) == last == first + 1
    # pages tile the text: every offset belongs to exactly one page, in order
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    for before, after in zip(doc.pages, doc.pages[1:], strict=False):
        assert before.end == after.start


def test_table_rows_are_table_blocks_with_cells(policy_pdf: Path, engine: str) -> None:
    doc = read(policy_pdf, pdf_engine=engine)
    rows = [block for block in doc.blocks if block.kind == "table_row"]
    cells = [[doc.text[start:end] for start, end in block.cells] for block in rows]
    assert cells == [
        ["补贴项目", "补贴标准（万元）", "拨付方式"],
        ["厂房建设补贴", "500", "分三年拨付，首年拨付百分之四十，第二年、第三年各拨付百分之三十"],
        ["设备购置补贴", "300", "一次性拨付"],
    ]
    assert [block.row for block in rows] == [0, 1, 2]
    assert len({block.table for block in rows}) == 1
    # the table's text is not repeated as paragraphs
    assert doc.text.count("设备购置补贴") == 1


def test_both_engines_give_the_same_document(policy_pdf: Path) -> None:
    fast = read(policy_pdf, pdf_engine="pdfium")
    slow = read(policy_pdf, pdf_engine="pdfplumber")
    assert fast.text == slow.text
    assert fast.pages == slow.pages
    assert fast.blocks == slow.blocks


def test_without_first_line_indent_sentence_end_splits_paragraphs(make, engine: str) -> None:
    source = parse_source(POLICY)
    path = make(POLICY, "flat", indent=False, footer="page")
    doc = read(path, pdf_engine=engine)
    assert block_texts(doc) == expected_lines(source, pdf=True)
    assert "页" not in "".join(t for t in block_texts(doc) if t.startswith("第") and len(t) < 8)


def test_pdf_reading_does_not_import_pdfplumber_for_text_only_pages(tmp_path: Path) -> None:
    source = "\n".join(line for line in POLICY.splitlines() if not line.startswith("|"))
    from qinglai_rules.synth.render import render

    path = render(parse_source(source), tmp_path / "plain.pdf")
    code = (
        "import sys; from qinglai_rules.reading import read; "
        f"read({str(path)!r}); print('pdfplumber' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, env={"PYTHONPATH": str(root)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("— 1 —", True),
        ("- 2 -", True),
        ("第 3 页", True),
        ("第3页 共5页", True),
        ("3/5", True),
        ("12", True),
        ("第三条", False),
        ("2019年3月1日", False),
        ("一、总体要求", False),
    ],
)
def test_page_number_lines(line: str, expected: bool) -> None:
    assert is_page_number(line) is expected


@pytest.mark.parametrize("name", ["contract_docx.txt", "minutes_text.txt", "notice_html.txt"])
@pytest.mark.parametrize("indent", [True, False])
def test_other_documents_as_pdf_read_back_paragraph_for_paragraph(
    make, name: str, indent: bool, engine: str
) -> None:
    """Contracts (甲方/乙方 lines, signatures), one-page minutes and a Traditional notice as PDFs."""
    source = parse_source(source_text(name))
    path = make(source, name.split("_")[0], format="pdf", header="某某公报", indent=indent)
    doc = read(path, pdf_engine=engine)
    assert block_texts(doc) == expected_lines(source, pdf=True)
