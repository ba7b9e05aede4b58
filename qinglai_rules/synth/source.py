"""The plain-text source format of a synthetic document, and its in-memory form ``SynthDoc``.

A source file is UTF-8 text::

    ---
    format: pdf            # pdf | docx | html | text            (default: text)
    encoding: gb18030      # text/html: utf-8 | utf-8-sig | gb18030 | gbk | utf-16 | utf-16-le | big5
    script: traditional    # simplified | traditional (converted with OpenCC s2t when rendering)
    title: 哈尔滨市招商引资优惠政策若干规定
    header: 哈尔滨市人民政府   # running page header (PDF/DOCX), site name (HTML)
    doc_number: 哈政规〔2019〕3号
    numbering: auto        # docx: auto = real Word numbering for 第X条/一、/（一）/1./（1）; none = literal
    footer: dash           # pdf: dash "— 3 —" | hyphen "- 3 -" | page "第 3 页" | none
    indent: false          # pdf: no first-line indent (default true: two characters)
    meta_charset: false    # html: no <meta charset> (default: declared)
    anything_else: kept    # other keys are passed through untouched in SynthDoc.extra
    ---
    # 第一章 总则
    第一条　为了……，制定本规定。
    | 项目 | 金额（万元） |
    | 厂房补贴 | 500 |

Body rules: one paragraph per non-empty line (surrounding whitespace stripped); a line starting with
``#`` is a heading (``# text``); consecutive lines starting with ``|`` form one table, cells separated
by ``|`` (a leading/trailing ``|`` is optional; Markdown separator rows ``|---|`` are ignored). The
front matter is optional. This format is used by the corpus writers: keep it stable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

FORMATS = ("pdf", "docx", "html", "text")
_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


@dataclass
class Table:
    rows: list[list[str]]


@dataclass
class Heading:
    text: str


Line = str | Table | Heading


@dataclass
class SynthDoc:
    title: str | None = None
    lines: list[Line] = field(default_factory=list)
    header: str | None = None
    doc_number: str | None = None
    format: str = "text"
    encoding: str = "utf-8"
    script: str = "simplified"
    numbering: str = "auto"
    footer: str = "dash"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def suffix(self) -> str:
        return {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt"}[self.format]


_KNOWN = {"title", "header", "doc_number", "format", "encoding", "script", "numbering", "footer"}


def parse_source(text: str) -> SynthDoc:
    """Parse a source (front matter + body) into a SynthDoc; raises ``ValueError`` on bad front matter."""
    meta: dict[str, Any] = {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        except StopIteration:
            raise ValueError("front matter starts with --- but has no closing ---") from None
        loaded = yaml.safe_load("\n".join(lines[1:end])) or {}
        if not isinstance(loaded, dict):
            raise ValueError("front matter must be a mapping of keys to values")
        meta = loaded
        lines = lines[end + 1 :]
    doc = SynthDoc(
        title=_opt(meta.get("title")),
        header=_opt(meta.get("header")),
        doc_number=_opt(meta.get("doc_number")),
        format=str(meta.get("format", "text")),
        encoding=str(meta.get("encoding", "utf-8")),
        script=str(meta.get("script", "simplified")),
        numbering=str(meta.get("numbering", "auto")),
        footer=str(meta.get("footer", "dash")),
        extra={key: value for key, value in meta.items() if key not in _KNOWN},
    )
    if doc.format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {doc.format!r}")
    doc.lines = parse_body(lines)
    return doc


def parse_body(lines: list[str]) -> list[Line]:
    body: list[Line] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("|"):
            if _SEPARATOR_ROW.match(line):
                continue
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if body and isinstance(body[-1], Table):
                body[-1].rows.append(cells)
            else:
                body.append(Table([cells]))
        elif line.startswith("#"):
            body.append(Heading(line.lstrip("#").strip()))
        else:
            body.append(line)
    return body


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)
