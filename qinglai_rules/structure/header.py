"""The head of a document: its title and its 文号 (document number).

Both are looked for in the first lines (a web page's ``<title>`` comes from the reader as a ``heading``
block with style ``title``). Matching runs on ``Document.norm``; the title is returned in the document's
own characters, the 文号 normalised (Simplified, half-width digits, 〔〕 brackets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document
from .lines import Line, content_lines

HEAD_LINES = 15  # how far down the title and 文号 are looked for

# Words a title ends with (longest first so that 实施方案 wins over 方案).
TITLE_WORDS = (
    "执行通知书",
    "若干措施",
    "实施方案",
    "实施意见",
    "实施细则",
    "会议纪要",
    "情况说明",
    "协议书",
    "合同书",
    "备忘录",
    "判决书",
    "裁定书",
    "裁决书",
    "调解书",
    "决定书",
    "通知",
    "通报",
    "意见",
    "办法",
    "规定",
    "细则",
    "措施",
    "方案",
    "规划",
    "决定",
    "批复",
    "纪要",
    "协议",
    "合同",
    "章程",
    "公告",
    "通告",
    "条例",
    "政策",
    "报告",
    "请示",
    "说明",
    "函",
)
_TITLE_END = re.compile(
    "(" + "|".join(TITLE_WORDS) + r")(?:\s*\([^)]{1,15}\))?$"
)  # optional (试行) / (征求意见稿) / (2019年修订)
_SENTENCE_END = re.compile(r"[。;!?]$")
_SENTENCE_START = re.compile(r"^(?:根据|按照|为了|为|依据|经|各|现将|现就|近日|附件)")

DOC_NUMBER = re.compile(
    r"(?:^|(?<=[\s:]))([\u4e00-\u9fff]{1,12}?)\s*[〔\[(【﹝]\s*((?:19|20)\d{2})\s*[〕\])】﹞]\s*第?\s*(\d{1,4})\s*号",
    re.M,
)


@dataclass
class DocNumber:
    text: str  # normalised display form, e.g. 哈政规〔2019〕3号
    start: int
    end: int


def find_doc_number(doc: Document) -> DocNumber | None:
    """The document's own 文号: in the head, standing at a line start or after a blank or a colon
    (``文号：…``), not a 文号 cited inside a sentence or in brackets after a law name."""
    for line in content_lines(doc)[:HEAD_LINES]:
        if line.row is not None:
            continue
        match = DOC_NUMBER.search(doc.norm, line.content_start, line.content_end)
        if match:
            prefix, year, number = match.groups()
            return DocNumber(f"{prefix}〔{year}〕{int(number)}号", match.start(1), match.end())
    return None


def _strip_doc_number(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Narrow a title span so that a 文号 on the same line is left out."""
    match = DOC_NUMBER.search(doc.norm, start, end)
    if not match:
        return start, end
    before = doc.norm[start : match.start(1)].strip()
    after = doc.norm[match.end() : end].strip()
    if len(after) >= len(before):
        start = match.end()
    else:
        end = match.start(1)
    while start < end and doc.norm[start].isspace():
        start += 1
    while end > start and doc.norm[end - 1].isspace():
        end -= 1
    return start, end


def _own(doc: Document, start: int, end: int) -> str:
    return re.sub(r"[ \t\u3000]+", " ", doc.text[start:end]).strip()


def _is_title_line(text: str) -> bool:
    return (
        bool(_TITLE_END.search(text))
        and len(text) <= 80
        and not _SENTENCE_END.search(text)
        and not _SENTENCE_START.match(text)
    )


def _html_title(doc: Document) -> str | None:
    """A title block from the reader (a heading with style ``title``: a web page's ``<title>`` or a
    DOCX Title paragraph), minus a site name (``标题_某某市人民政府网``)."""
    for block in doc.blocks[:3]:
        if block.kind == "heading" and (block.style or "").lower() == "title":
            raw = doc.norm[block.start : block.end]
            if _is_title_line(raw.strip()):
                return _own(doc, block.start, block.end)
            # 标题_某某市人民政府网 / 标题 - 网站名; a hyphen only between blanks (2019-2021年 stays)
            parts = [part.strip() for part in re.split(r"\s*[|_]\s*|\s+[-—–]+\s+", raw) if part.strip()]
            offset = 0
            spans = []
            for part in parts:
                at = raw.find(part, offset)
                spans.append((block.start + at, block.start + at + len(part)))
                offset = at + len(part)
            for start, end in spans:
                if _is_title_line(doc.norm[start:end]):
                    return _own(doc, start, end)
            if spans:
                start, end = max(spans, key=lambda span: span[1] - span[0])
                return _own(doc, start, end)
    return None


def _line_text(doc: Document, line: Line) -> str:
    return doc.norm[line.content_start : line.content_end]


def _title_continues(text: str, following: str) -> bool:
    """A title broken over two lines: 关于印发《…》 / 的通知, or 关于印发某某优惠政策 / 若干规定的通知
    (a 关于 title whose 关于…的 is not complete yet)."""
    if not following or "关于" not in text or _SENTENCE_END.search(text) or len(text) + len(following) > 80:
        return False
    if not _is_title_line(following) or "关于" in following or DOC_NUMBER.search(following):
        return False
    if following.startswith("的") or "的" not in text[text.index("关于") :]:
        return True
    # a wrap inside the final title word: …问题的情况 / 说明, …若干 / 规定
    return not _is_title_line(text) and len(following) <= 20 and _is_title_line(text + following)


def find_title(doc: Document) -> str | None:
    """The title in the document's own characters (without 文号), or None."""
    html = _html_title(doc)
    if html and _is_title_line(re.sub(r"\s+", "", html)):
        return html
    lines = [line for line in content_lines(doc)[:HEAD_LINES] if line.row is None]
    for index, line in enumerate(lines):
        start, end = _strip_doc_number(doc, line.content_start, line.content_end)
        text = doc.norm[start:end]
        if not text:
            continue
        following = _line_text(doc, lines[index + 1]) if index + 1 < len(lines) else ""
        if _title_continues(text, following):
            nxt = lines[index + 1]
            return _own(doc, start, end) + _own(doc, nxt.content_start, nxt.content_end)
        if _is_title_line(text):
            return _own(doc, start, end)
    if html:
        return html
    for line in lines[:3]:
        text = _line_text(doc, line)
        if text.endswith("文件") or DOC_NUMBER.search(text):
            continue
        if len(text) <= 40 and not re.search(r"[。;,:!?]", text):
            return _own(doc, line.content_start, line.content_end)
    return None

