"""Write a ``SynthDoc`` as PDF, DOCX, HTML or text — offline, for tests, the corpus and the benchmark.

* PDF (reportlab, CID font STSong-Light, A4): title, 文号, headings, body paragraphs with a two-character
  first-line indent wrapped at the page width (so sentences break across lines and pages), ruled
  tables, a running header (``header``) and a page-number footer (``footer``) on every page.
* DOCX (python-docx): Title/Heading styles, a "Table Grid" table, the ``header`` in the Word page
  header and a PAGE field in the footer. With ``numbering: auto`` the labels 第X条 / 一、 / （一） / 1. /
  （1） are not typed but produced by real Word numbering (numbering.xml: lvlText ``第%1条`` with
  numFmt chineseCounting, ``（%2）`` …); a label that does not continue Word's count is left literal.
* HTML: a government-portal page — nav bar, breadcrumb, the article in a content ``div``, share bar
  (分享到), 上一篇/下一篇, a 相关文章 list, a link-heavy sidebar, and a footer with 版权所有/ICP备.
* text: one line per paragraph, table cells separated by a tab, in the chosen ``encoding``.

Also broken inputs: a scanned PDF (image-only pages), an encrypted PDF, a truncated DOCX, an empty file.
reportlab is imported lazily (it is a ``dev`` extra).
"""

from __future__ import annotations

import copy
import datetime
import html
import io
import re
from pathlib import Path
from typing import Any

from .source import Heading, Line, SynthDoc, Table, parse_source

FONT = "STSong-Light"
_CN = "一二三四五六七八九十百零〇两"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def render(doc: SynthDoc, path: str | Path) -> Path:
    """Write ``doc`` in its own format to ``path``."""
    path = Path(path)
    writer = {"pdf": render_pdf, "docx": render_docx, "html": render_html, "text": render_text}[doc.format]
    writer(doc, path)
    return path


def render_file(source_path: str | Path, out_dir: str | Path) -> Path:
    """Render a source file (see ``source.py``) into ``out_dir``; the suffix follows the format."""
    source_path = Path(source_path)
    doc = parse_source(source_path.read_text(encoding="utf-8"))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return render(doc, out / (source_path.stem + doc.suffix))


def converted(doc: SynthDoc) -> SynthDoc:
    """The document in its target script (OpenCC s2t for ``script: traditional``)."""
    if doc.script != "traditional":
        return doc
    import opencc

    cc = opencc.OpenCC("s2t")

    def conv(line: Line) -> Line:
        if isinstance(line, Table):
            return Table([[cc.convert(cell) for cell in row] for row in line.rows])
        if isinstance(line, Heading):
            return Heading(cc.convert(line.text))
        return cc.convert(line)

    out = copy.deepcopy(doc)
    out.title = cc.convert(doc.title) if doc.title else None
    out.header = cc.convert(doc.header) if doc.header else None
    out.doc_number = cc.convert(doc.doc_number) if doc.doc_number else None
    out.lines = [conv(line) for line in doc.lines]
    return out


def plain_lines(doc: SynthDoc) -> list[str]:
    """The document as the lines a reader should find (文号, title, body; table cells tab-separated)."""
    doc = converted(doc)
    lines = [text for text in (doc.doc_number, doc.title) if text]
    for line in doc.lines:
        if isinstance(line, Table):
            lines.extend("\t".join(row) for row in line.rows)
        elif isinstance(line, Heading):
            lines.append(line.text)
        else:
            lines.append(line)
    return lines


# ------------------------------------------------------------------------------------------------ text


def render_text(doc: SynthDoc, path: Path, newline: str = "\n") -> Path:
    encoding = doc.encoding.lower()
    data = newline.join(plain_lines(doc)) + newline
    if encoding in ("gbk", "gb2312"):
        encoding = "gb18030" if encoding == "gbk" else encoding
    path.write_bytes(data.encode(encoding))
    return path


# ------------------------------------------------------------------------------------------------- PDF


def _reportlab() -> Any:
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    except ImportError as exc:  # pragma: no cover - reportlab is a dev extra
        raise RuntimeError("rendering PDFs needs reportlab: pip install 'qinglai-rules[dev]'") from exc
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return pdfmetrics


def _footer_text(style: str, page: int) -> str:
    return {"dash": f"— {page} —", "hyphen": f"- {page} -", "page": f"第 {page} 页"}.get(style, "")


def render_pdf(doc: SynthDoc, path: Path, encrypt: str | None = None) -> Path:
    _reportlab()
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    doc = converted(doc)
    indent = 24 if doc.extra.get("indent", True) else 0
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=indent
    )
    title = ParagraphStyle(
        "title", parent=body, fontSize=18, leading=28, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=8
    )
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=6)
    heading = ParagraphStyle("heading", parent=centred, fontSize=14, leading=24, spaceBefore=6)
    cell = ParagraphStyle("cell", parent=body, fontSize=10.5, leading=15, firstLineIndent=0)
    width = A4[0] - 50 * mm
    story: list[Any] = []
    if doc.doc_number:
        story.append(Paragraph(html.escape(doc.doc_number), centred))
    if doc.title:
        story.append(Paragraph(html.escape(doc.title), title))
    for line in doc.lines:
        if isinstance(line, Table):
            columns = max(len(row) for row in line.rows)
            data = [
                [Paragraph(html.escape(text), cell) for text in row] + [""] * (columns - len(row))
                for row in line.rows
            ]
            table = RLTable(data, colWidths=[width / columns] * columns, repeatRows=0)
            table.setStyle(
                TableStyle(
                    [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
                )
            )
            story.extend([Spacer(1, 6), table, Spacer(1, 6)])
        elif isinstance(line, Heading):
            story.append(Paragraph(html.escape(line.text), heading))
        else:
            story.append(Paragraph(html.escape(line), body))

    def furniture(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 10)
        if doc.header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, doc.header)
        footer = _footer_text(doc.footer, template.page)
        if footer:
            canvas.drawCentredString(A4[0] / 2, 12 * mm, footer)
        canvas.restoreState()

    kwargs: dict[str, Any] = {}
    if encrypt is not None:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(encrypt, ownerPassword=encrypt + "-owner")
    template = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=28 * mm,
        bottomMargin=25 * mm,
        title=doc.title or "",
        invariant=1,  # no timestamps or random ids: the same source renders to the same bytes
        **kwargs,
    )
    template.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def render_encrypted_pdf(doc: SynthDoc, path: Path, password: str = "secret") -> Path:
    return render_pdf(doc, path, encrypt=password)


def render_scanned_pdf(path: Path, pages: int = 2, text_pages: dict[int, str] | None = None) -> Path:
    """A PDF whose pages are images only (no text layer); ``text_pages`` maps page numbers to text."""
    _reportlab()
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas

    image = Image.new("L", (420, 600), 255)
    draw = ImageDraw.Draw(image)
    for y in range(60, 560, 24):  # grey bars standing in for scanned lines of text
        draw.rectangle((40, y, 380 - (y * 7) % 90, y + 10), fill=90)
    canvas = rl_canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        text = (text_pages or {}).get(number)
        if text is not None:
            canvas.setFont(FONT, 12)
            for index, line in enumerate(_wrap(text, 38)):
                canvas.drawString(70, A4[1] - 90 - 20 * index, line)
        else:
            canvas.drawImage(ImageReader(image), 40, 60, width=A4[0] - 80, height=A4[1] - 120)
        canvas.showPage()
    canvas.save()
    return path


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


# ------------------------------------------------------------------------------------------------ DOCX

_ARTICLE = re.compile(rf"^第([{_CN}]+)条(.*)$")
_OUTLINE = re.compile(rf"^([{_CN}]+)、(.*)$")
_ITEM = re.compile(rf"^（([{_CN}]+)）(.*)$")
_DECIMAL = re.compile(r"^(\d+)\.(?!\d)(.*)$")
_SUBITEM = re.compile(r"^（(\d+)）(.*)$")
# (numId, abstractNumId, level texts); levels 1–3 are shared by both schemes.
_SCHEMES = {"article": ("90", "90", "第%1条"), "outline": ("91", "91", "%1、")}
_SUB_LEVELS = (("（%2）", "chineseCounting"), ("%3.", "decimal"), ("（%4）", "decimal"))


def chinese_to_int(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 一百零五 → 105."""
    digits = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    units = {"十": 10, "百": 100, "千": 1000}
    total = current = 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch in units:
            total += (current or 1) * units[ch]
            current = 0
        else:
            raise ValueError(text)
    return total + current


def _numbering_xml() -> tuple[list[Any], list[Any]]:
    from docx.oxml import parse_xml

    ns = f'xmlns:w="{_W_NS}"'
    abstracts, nums = [], []
    for num_id, abstract_id, top in _SCHEMES.values():
        levels = [(top, "chineseCounting"), *_SUB_LEVELS]
        xml_levels = "".join(
            f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="480"/></w:pPr></w:lvl>'
            for index, (text, fmt) in enumerate(levels)
        )
        abstracts.append(
            parse_xml(
                f'<w:abstractNum {ns} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
                f"{xml_levels}</w:abstractNum>"
            )
        )
        nums.append(
            parse_xml(f'<w:num {ns} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
        )
    return abstracts, nums


class _AutoNumber:
    """Decide per line whether Word numbering can produce its label (the count must continue)."""

    def __init__(self, lines: list[Line]) -> None:
        has_articles = any(isinstance(line, str) and _ARTICLE.match(line) for line in lines)
        self.scheme = "article" if has_articles else "outline"
        self.counters: dict[str, list[int]] = {name: [0, 0, 0, 0] for name in _SCHEMES}

    def split(self, line: str) -> tuple[str, int, str] | None:
        """(numId, ilvl, text after the label) or None to write the line literally."""
        for pattern, scheme, level, numeric in (
            (_ARTICLE, "article", 0, False),
            (_OUTLINE, "outline", 0, False),
            (_ITEM, None, 1, False),
            (_DECIMAL, None, 2, True),
            (_SUBITEM, None, 3, True),
        ):
            match = pattern.match(line)
            if not match:
                continue
            try:
                value = int(match.group(1)) if numeric else chinese_to_int(match.group(1))
            except ValueError:
                return None
            name = scheme or self.scheme
            counters = self.counters[name]
            if value != counters[level] + 1:
                return None
            counters[level] = value
            for deeper in range(level + 1, 4):
                counters[deeper] = 0
            if scheme:
                self.scheme = scheme
            return _SCHEMES[name][0], level, match.group(2)
        return None


def render_docx(doc: SynthDoc, path: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    doc = converted(doc)
    document = docx.Document()
    auto = _AutoNumber(doc.lines) if doc.numbering == "auto" else None
    if auto is not None:
        numbering = document.part.numbering_part.element
        abstracts, nums = _numbering_xml()
        first_num = numbering.find(qn("w:num"))
        for abstract in abstracts:
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                numbering.append(abstract)
        for num in nums:
            numbering.append(num)
    if doc.doc_number:
        document.add_paragraph(doc.doc_number).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.title:
        document.add_paragraph(doc.title, style="Title")
    for line in doc.lines:
        if isinstance(line, Table):
            columns = max(len(row) for row in line.rows)
            table = document.add_table(rows=len(line.rows), cols=columns)
            table.style = "Table Grid"
            for row_cells, row in zip(table.rows, line.rows, strict=True):
                for cell, text in zip(row_cells.cells, row, strict=False):
                    cell.text = text
        elif isinstance(line, Heading):
            document.add_heading(line.text, level=1)
        else:
            split = auto.split(line) if auto is not None else None
            if split is None:
                document.add_paragraph(line)
                continue
            num_id, level, rest = split
            paragraph = document.add_paragraph(rest)
            paragraph._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr xmlns:w="{_W_NS}">'
                    f'<w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
    section = document.sections[0]
    if doc.header:
        section.header.paragraphs[0].text = doc.header
    footer = section.footer.paragraphs[0]
    footer.text = "第"
    footer._p.append(
        parse_xml(f'<w:fldSimple xmlns:w="{_W_NS}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )
    footer.add_run("页（页脚）")
    fixed = datetime.datetime(2020, 1, 1)
    document.core_properties.created = fixed
    document.core_properties.modified = fixed
    document.core_properties.last_printed = fixed
    document.save(str(path))
    _freeze_zip_times(path)
    return path


def _freeze_zip_times(path: Path) -> None:
    """Rewrite a ZIP with fixed entry times: the same source renders to the same bytes."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            frozen = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            frozen.compress_type = zipfile.ZIP_DEFLATED
            frozen.external_attr = info.external_attr
            target.writestr(frozen, data)


def render_corrupt_docx(doc: SynthDoc, path: Path) -> Path:
    """A DOCX cut in half (the ZIP central directory is lost)."""
    buffer = io.BytesIO()
    render_docx(doc, path)
    data = path.read_bytes()
    buffer.write(data[: len(data) // 2])
    path.write_bytes(buffer.getvalue())
    return path


def render_empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


# ------------------------------------------------------------------------------------------------ HTML

_PORTAL = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta}
<title>{title_text} - {site}</title>
<style>body{{font-family:SimSun}} .content p{{text-indent:2em}}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head>
<body>
<div class="header"><div class="logo">{site}</div><div class="search"><input type="text" value="请输入关键字">
<button>搜索</button></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zcwj/">政策文件</a></li><li><a href="/hdjl/">互动交流</a></li>
<li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="wrap">
<div class="left">
<h3>热点专题</h3>
<ul><li><a href="/a1">优化营商环境专题</a></li><li><a href="/a2">清赖行动进行时</a></li>
<li><a href="/a3">新闻发布会</a></li><li><a href="/a4">政府信息公开年报</a></li>
<li><a href="/a5">政策解读</a></li><li><a href="/a6">通知公告</a></li></ul>
</div>
<div class="right">
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zcwj/">政策文件</a> &gt; 正文</div>
<div class="article">
<h1 class="article-title">{title_html}</h1>
<div class="info">发布时间：2019-04-01　来源：{site}　浏览次数：1024</div>
<div class="content" id="zoom">
{body}
</div>
<div class="bar">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="tool"><a href="javascript:window.print()">【打印本页】</a>
<a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="pn"><p>上一篇：<a href="/p1">关于做好2019年春季安全生产工作的通知</a></p>
<p>下一篇：<a href="/p2">关于公布第二批省级示范园区名单的通知</a></p></div>
<div class="related"><h3>相关文章</h3><ul>
<li><a href="/r1">关于进一步优化营商环境的若干意见</a></li>
<li><a href="/r2">招商引资项目管理办法解读</a></li>
<li><a href="/r3">全省深化机关作风整顿工作会议召开</a></li></ul></div>
</div>
</div>
</div>
<div class="footer"><p><a href="/wzdt">网站地图</a> | <a href="/lxwm">联系我们</a></p>
<p>版权所有：{site}　主办：{site}办公室</p><p>黑ICP备05003421号　网站标识码：2300000001</p></div>
</body>
</html>
"""


def render_html(doc: SynthDoc, path: Path) -> Path:
    doc = converted(doc)
    site = doc.header or "人民政府门户网站"
    encoding = doc.encoding.lower()
    declared = {"gb18030": "gb2312", "gbk": "gbk", "utf-8-sig": "utf-8"}.get(encoding, encoding)
    meta = "" if doc.extra.get("meta_charset") is False else f'<meta charset="{declared}">'
    parts: list[str] = []
    if doc.doc_number:
        parts.append(f'<p style="text-align:center">{html.escape(doc.doc_number)}</p>')
    for line in doc.lines:
        if isinstance(line, Table):
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>\n"
                for row in line.rows
            )
            parts.append(f'<table border="1" cellspacing="0">\n{rows}</table>')
        elif isinstance(line, Heading):
            parts.append(f"<h3>{html.escape(line.text)}</h3>")
        else:
            parts.append(f"<p>{html.escape(line)}</p>")
    title = doc.title or ""
    page = _PORTAL.format(
        meta=meta,
        title_text=html.escape(title),
        title_html=html.escape(title),
        site=html.escape(site),
        body="\n".join(parts),
    )
    codec = "gb18030" if encoding in ("gbk", "gb2312") else encoding
    path.write_bytes(page.encode(codec))
    return path
