"""Build the default Word templates of the review opinion (docxtpl: Jinja tags inside a .docx).

Run once after changing the layout, then commit the .docx files it writes next to this script:

    python -m qinglai_rules.reports.templates.make_docx_templates

Staff change the wording, the letterhead or the fonts by editing a copy of ``review_opinion.docx``
in Word and passing it with ``qinglai review --template``; the tags they may use are listed in
docs/reports.md. The layout follows GB/T 9704 (党政机关公文格式): A4, 37/35/28/26 mm margins, title in
二号 宋体 bold, body in 三号 仿宋, first-level headings in 黑体, second-level in 楷体.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table

from qinglai_rules.reports.docx_report import CLEAN_LIST_TEMPLATE, OPINION_TEMPLATE

HERE = Path(__file__).resolve().parent

SONG, FANGSONG, HEI, KAI = "宋体", "仿宋", "黑体", "楷体"


def _set_font(style: ParagraphStyle, east_asia: str, size: float, bold: bool = False) -> None:
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.font.bold = bold
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)


def _paragraph_style(doc, name: str, east_asia: str, size: float, *, bold: bool = False,
                     align: int | None = None, indent_chars: float = 0, space_after: float = 0,
                     keep_with_next: bool = False) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    _set_font(style, east_asia, size, bold)
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    if indent_chars:
        fmt.first_line_indent = Pt(size * indent_chars)
    fmt.space_after = Pt(space_after)
    fmt.keep_with_next = keep_with_next
    return style


def _base_document():
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    _set_font(normal, FANGSONG, 16)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(28)
    _paragraph_style(doc, "意见标题", SONG, 22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _paragraph_style(doc, "意见副标题", KAI, 16, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _paragraph_style(doc, "意见正文", FANGSONG, 16, indent_chars=2)
    _paragraph_style(doc, "一级标题", HEI, 16, indent_chars=2, keep_with_next=True)
    _paragraph_style(doc, "二级标题", KAI, 16, bold=True, indent_chars=2, keep_with_next=True)
    quote = _paragraph_style(doc, "条款引文", KAI, 14, space_after=4)
    quote.paragraph_format.left_indent = Pt(32)
    quote.paragraph_format.line_spacing = Pt(24)
    law = _paragraph_style(doc, "法律引文", FANGSONG, 14, space_after=4)
    law.paragraph_format.left_indent = Pt(32)
    law.paragraph_format.line_spacing = Pt(24)
    note = _paragraph_style(doc, "意见附注", FANGSONG, 12)
    note.paragraph_format.line_spacing = Pt(20)
    _paragraph_style(doc, "落款", FANGSONG, 16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    cell = _paragraph_style(doc, "表格文字", FANGSONG, 12)
    cell.paragraph_format.line_spacing = Pt(18)
    _page_number_footer(section)
    return doc


def _page_number_footer(section) -> None:
    """— 1 — centred at the foot of every page (a PAGE field, so Word keeps it current)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    paragraph.add_run(" —")


def _para(doc, text: str, style: str = "意见正文"):
    return doc.add_paragraph(text, style=style)


def _labelled(doc, label: str, tag: str, style: str = "意见正文"):
    """A paragraph 'label：{{ value }}' with the label in bold, each in its own run."""
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(label).bold = True
    paragraph.add_run(tag)
    return paragraph


def _grid(table: Table, widths_mm: tuple[float, ...]) -> None:
    """Bordered, centred, fixed column widths (Word otherwise splits the text width evenly)."""
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
            for paragraph in cell.paragraphs:
                paragraph.style = "表格文字"
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def build_opinion() -> Document:
    doc = _base_document()
    _para(doc, "关于《{{ doc.title }}》的合法性审查意见书", "意见标题")
    _para(doc, "{% if doc.doc_number %}（送审文件文号：{{ doc.doc_number }}）{% endif %}", "意见副标题")
    _para(doc, "{{ addressee }}：", "意见正文").paragraph_format.first_line_indent = Pt(0)
    _para(doc, "{{ opening }}")

    _para(doc, "一、送审文件", "一级标题")
    table = doc.add_table(rows=0, cols=2)
    for label, tag in (
        ("文件名称", "{{ doc.title }}"),
        ("文号", "{{ doc.doc_number or '无' }}"),
        ("制定机关（签约方）",
         "{{ doc.issuer or '未识别' }}{% if doc.parties_text %}（{{ doc.parties_text }}）{% endif %}"),
        ("日期", "{{ doc.date_cn or '未注明' }}"),
        ("文件类型", "{{ doc.type_title }}"),
        ("文件", "{{ doc.file_name }}"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, tag
        cells[0].paragraphs[0].runs[0].bold = True
    _grid(table, (42, 114))

    _para(doc, "二、审查依据", "一级标题")
    _para(doc, "依据下列法律、法规、规章及规范性文件，对送审文件的条款逐条进行了审查：")
    _para(doc, "{%p for law in laws %}", "意见正文")
    _para(doc, "{{ loop.index }}. 《{{ law.title }}》{% if law.version %}（{{ law.version }}）{% endif %}；")
    _para(doc, "{%p endfor %}", "意见正文")

    _para(doc, "三、审查发现的问题及修改建议", "一级标题")
    _para(doc, "{%p for f in findings %}", "意见正文")
    _para(doc, "（{{ f.number_cn }}）{{ f.clause_location }}{% if f.page %}（第{{ f.page }}页）{% endif %}", "二级标题")
    _labelled(doc, "条款原文：", "", "意见正文")
    quote = doc.add_paragraph(style="条款引文")
    quote.add_run("{{r f.clause_rich }}")
    _labelled(doc, "存在问题：", "{{ f.message }}（{{ f.family_title }}；{{ f.categories_text }}；{{ f.severity }}）")
    _labelled(doc, "法律依据：", "")
    _para(doc, "{%p for law in f.laws %}", "法律引文")
    _para(doc, "{{ law.citation }}：{{ law.text }}", "法律引文")
    _para(doc, "{%p endfor %}", "法律引文")
    _labelled(doc, "修改建议：", "{{ f.suggestion }}")
    _para(doc, "{%p if f.status == 'pending' %}", "意见附注")
    _para(doc, "（本条为机器审查发现，尚待审查人员确认。规则 {{ f.rule_id }}。）", "意见附注")
    _para(doc, "{%p endif %}", "意见附注")
    _para(doc, "{%p endfor %}", "意见正文")

    _para(doc, "四、审查结论", "一级标题")
    _para(doc, "{{ conclusion }}")
    _para(doc, "{%p if has_pending %}", "意见附注")
    _para(doc, "注：本意见书含{{ n_pending }}处尚未经审查人员确认的机器审查发现，正式出具前请逐条核实。", "意见附注")
    _para(doc, "{%p endif %}", "意见附注")
    doc.add_paragraph("", style="意见正文")
    _para(doc, "{{ reviewer_org }}", "落款")
    _para(doc, "{{ report_date_cn }}", "落款")
    return doc


def build_clean_list() -> Document:
    doc = _base_document()
    _para(doc, "未发现问题及未能审查的文件清单", "意见标题")
    _para(doc, "本批共送审{{ n_inputs }}个文件。经审查，下列{{ clean | length }}个文件未发现与现行法律、法规、规章"
               "相悖的条款；{% if failed %}另有{{ failed | length }}个文件未能完成审查，需人工处理。{% endif %}")
    _para(doc, "一、未发现问题的文件", "一级标题")
    table = doc.add_table(rows=3, cols=5)
    for cell, text in zip(table.rows[0].cells, ("序号", "文件名称", "文号", "制定机关", "日期"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    table.rows[1].cells[0].text = "{%tr for d in clean %}"
    row = table.rows[2].cells
    row[0].text, row[1].text, row[2].text = "{{ loop.index }}", "{{ d.title }}", "{{ d.doc_number or '—' }}"
    row[3].text, row[4].text = "{{ d.issuer or '—' }}", "{{ d.date_cn or '—' }}"
    table.add_row().cells[0].text = "{%tr endfor %}"
    _grid(table, (14, 50, 30, 32, 30))
    _para(doc, "{%p if failed %}", "意见正文")
    _para(doc, "二、未能审查的文件", "一级标题")
    failed = doc.add_table(rows=3, cols=3)
    for cell, text in zip(failed.rows[0].cells, ("序号", "文件", "原因"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    failed.rows[1].cells[0].text = "{%tr for d in failed %}"
    row = failed.rows[2].cells
    row[0].text, row[1].text, row[2].text = "{{ loop.index }}", "{{ d.path }}", "{{ d.problem }}"
    failed.add_row().cells[0].text = "{%tr endfor %}"
    _grid(failed, (14, 62, 80))
    _para(doc, "{%p endif %}", "意见正文")
    doc.add_paragraph("", style="意见正文")
    _para(doc, "{{ reviewer_org }}", "落款")
    _para(doc, "{{ report_date_cn }}", "落款")
    return doc


def main(out_dir: Path = HERE) -> list[Path]:
    written = []
    for name, build in ((OPINION_TEMPLATE, build_opinion), (CLEAN_LIST_TEMPLATE, build_clean_list)):
        path = out_dir / name
        build().save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
