"""The reading stage: ``read(path) -> Document`` for PDF, DOCX, HTML and plain text.

The format is decided by the file's *content* first (``%PDF`` magic, a ZIP holding
``word/document.xml``, an OLE container, HTML markup) and by its suffix only when the content does
not decide (a text file named ``.html`` is read as HTML). Every reader builds the Document through
``assemble()``; every failure is a ``ReadError`` whose message names the file and the problem.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import ReadError
from ..model import Document

SUPPORTED_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", ".txt", ".text", ".html", ".htm", ".shtml", ".xhtml")
FORMATS: tuple[str, ...] = ("pdf", "docx", "html", "text")

_HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>", re.IGNORECASE
)
_SNIFF_BYTES = 4096


def read(path: str | Path, *, pdf_engine: str = "pdfium") -> Document:
    """Read one file into a Document. ``pdf_engine`` is ``pdfium`` (fast) or ``pdfplumber``."""
    path = Path(path)
    if not path.exists():
        raise ReadError(str(path), "not-found", "文件不存在 (file not found)")
    if path.is_dir():
        raise ReadError(str(path), "not-found", "这是一个文件夹，不是文件 (is a directory, not a file)")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise ReadError(str(path), "not-found", f"无法读取文件：{exc.strerror} (cannot open)") from exc
    if size == 0 or (size <= len(head) and not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe")):
        raise ReadError(str(path), "empty", "文件是空的 (empty file)")
    fmt = sniff(path, head)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, engine=pdf_engine)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(path)
    if fmt == "html":
        from .html import read_html

        return read_html(path)
    from .text import read_text

    return read_text(path)


def sniff(path: Path, head: bytes) -> str:
    """The format by content (magic bytes, markup), then by suffix; raises for what no reader takes."""
    suffix = path.suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path, suffix)
    if head.startswith(_OLE_MAGIC):
        return _sniff_ole(path, suffix)
    if suffix in {".pdf", ".docx"}:
        raise ReadError(
            str(path),
            "corrupt",
            f"文件扩展名是 {suffix}，但内容不是 {suffix[1:].upper()} 格式，文件可能已损坏 (corrupt)",
        )
    if not _looks_textual(head):
        raise ReadError(
            str(path),
            "unknown-format",
            f"无法识别的文件格式（{suffix or '无扩展名'}，内容是二进制数据）；"
            "支持 PDF、DOCX、HTML、TXT (unknown format)",
        )
    if _HTML_MARKERS.search(head) or suffix in _HTML_SUFFIXES:
        return "html"
    return "text"


def _sniff_zip(path: Path, suffix: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ReadError(str(path), "corrupt", f"文件已损坏：ZIP 结构不完整（{exc}）(corrupt)") from exc
    if "word/document.xml" in names:
        return "docx"
    if suffix == ".docx":
        raise ReadError(str(path), "corrupt", "文件已损坏：缺少 word/document.xml，不是有效的 DOCX (corrupt)")
    kind = (
        "XLSX 表格"
        if "xl/workbook.xml" in names
        else "PPTX 演示文稿"
        if "ppt/presentation.xml" in names
        else "ZIP 压缩包"
    )
    raise ReadError(
        str(path), "unknown-format", f"不支持的格式：{kind}；支持 PDF、DOCX、HTML、TXT (unknown format)"
    )


def _sniff_ole(path: Path, suffix: str) -> str:
    with path.open("rb") as handle:
        data = handle.read(1 << 20)
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise ReadError(str(path), "encrypted", "Office 文档已加密，需要密码才能打开 (encrypted)")
    if "WordDocument".encode("utf-16-le") in data:
        raise ReadError(
            str(path),
            "unknown-format",
            "旧版 Word（.doc）格式不支持，请另存为 .docx 后再审查 (unknown format: legacy .doc)",
        )
    raise ReadError(
        str(path), "unknown-format", "不支持的旧版 Office 格式；支持 PDF、DOCX、HTML、TXT (unknown format)"
    )


def _looks_textual(head: bytes) -> bool:
    """Text has no NUL bytes (except UTF-16/32) and almost no other control bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in head:
        from .encoding import looks_like_utf16

        return looks_like_utf16(head)
    controls = sum(1 for byte in head if byte < 0x20 and byte not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return controls <= max(1, len(head) // 200)


def iter_inputs(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> list[Path]:
    """Expand files and folders into the files to read, in a stable order.

    * a file given by name is always included (even hidden or with an unknown suffix);
    * a folder is walked recursively, sorted by relative path; hidden files and folders (``.x``)
      and Office lock files (``~$x.docx``) are skipped;
    * files with an unknown suffix are *included*, so a batch reports them as ``unknown-format``
      instead of silently dropping them;
    * a path that does not exist is included so the batch reports it as ``not-found``;
    * duplicates are removed, keeping the first occurrence;
    * ``exclude`` (files or folders: the run's own report folder and review store) is left out of
      folder walks, so reviewing ``.`` twice does not review the first run's reports.
    """
    excluded = {Path(item).resolve() for item in exclude}
    found: list[Path] = []
    seen: set[Path] = set()

    def add(candidate: Path) -> None:
        key = candidate.resolve() if candidate.exists() else candidate.absolute()
        if key not in seen:
            seen.add(key)
            found.append(candidate)

    for item in paths:
        path = Path(item)
        if not path.is_dir():
            add(path)
            continue
        files: list[Path] = []
        for root, dirs, names in os.walk(path):
            dirs[:] = [name for name in dirs
                       if not name.startswith(".") and (Path(root) / name).resolve() not in excluded]
            files.extend(Path(root) / name for name in names
                         if not name.startswith((".", "~$")) and (Path(root) / name).resolve() not in excluded)
        for file in sorted(files, key=lambda p: p.relative_to(path).as_posix()):
            add(file)
    return found


__all__ = ["FORMATS", "SUPPORTED_SUFFIXES", "iter_inputs", "read", "sniff"]
