"""Files that cannot be read give a ReadError with a stable code and a message naming the file."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from qinglai_rules.errors import ReadError
from qinglai_rules.reading import read
from qinglai_rules.synth.render import (
    render_corrupt_docx,
    render_empty,
    render_encrypted_pdf,
    render_scanned_pdf,
)
from qinglai_rules.synth.source import parse_source

from ._helpers import source_text

SMALL = parse_source("第一条　甲方同意向乙方拨付补助资金。\n第二条　本协议自签字之日起生效。")


def scanned(tmp: Path) -> Path:
    return render_scanned_pdf(tmp / "扫描件.pdf", pages=3)


def encrypted(tmp: Path) -> Path:
    return render_encrypted_pdf(SMALL, tmp / "locked.pdf")


def corrupt_docx(tmp: Path) -> Path:
    return render_corrupt_docx(SMALL, tmp / "broken.docx")


def corrupt_pdf(tmp: Path) -> Path:
    path = tmp / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without xref")
    return path


def not_a_docx(tmp: Path) -> Path:
    path = tmp / "fake.docx"
    path.write_text("这其实是文本", encoding="utf-8")
    return path


def zip_without_document(tmp: Path) -> Path:
    path = tmp / "nodoc.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<x/>")
    return path


def xlsx(tmp: Path) -> Path:
    path = tmp / "ledger.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
    return path


def empty(tmp: Path) -> Path:
    return render_empty(tmp / "empty.txt")


def blank_text(tmp: Path) -> Path:
    path = tmp / "blank.txt"
    path.write_bytes(b"\xef\xbb\xbf \r\n\t\n")
    return path


def binary(tmp: Path) -> Path:
    path = tmp / "blob.bin"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def image(tmp: Path) -> Path:
    path = tmp / "seal.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    return path


def ole(name: str, marker: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + marker.encode("utf-16-le") + bytes(64)
        )
        return path

    return build


def missing(tmp: Path) -> Path:
    return tmp / "nowhere.pdf"


def folder(tmp: Path) -> Path:
    path = tmp / "a-folder.pdf"
    path.mkdir()
    return path


def undecodable(tmp: Path) -> Path:
    path = tmp / "bad.txt"
    path.write_bytes(b"abc \x80\x80\x80 def")
    return path


CASES = [
    (scanned, "needs-ocr"),
    (encrypted, "encrypted"),
    (corrupt_docx, "corrupt"),
    (corrupt_pdf, "corrupt"),
    (not_a_docx, "corrupt"),
    (zip_without_document, "corrupt"),
    (xlsx, "unknown-format"),
    (empty, "empty"),
    (blank_text, "empty"),
    (binary, "unknown-format"),
    (image, "unknown-format"),
    (ole("protected.docx", "EncryptedPackage"), "encrypted"),
    (ole("old.doc", "WordDocument"), "unknown-format"),
    (missing, "not-found"),
    (folder, "not-found"),
    (undecodable, "undecodable"),
]


@pytest.mark.parametrize(("build", "code"), CASES, ids=[f"{b.__name__}-{c}" for b, c in CASES])
def test_error_code_and_message_names_the_file(
    tmp_path: Path, build: Callable[[Path], Path], code: str
) -> None:
    path = build(tmp_path)
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.code == code
    assert path.name in str(caught.value)
    assert caught.value.problem  # a problem in words, not just a code


def test_scanned_pdf_names_its_pages(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read(scanned(tmp_path))
    assert "第1–3页" in caught.value.problem and "OCR" in caught.value.problem


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_encrypted_pdf_with_either_engine(tmp_path: Path, engine: str) -> None:
    with pytest.raises(ReadError) as caught:
        read(encrypted(tmp_path), pdf_engine=engine)
    assert caught.value.code == "encrypted"


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_partly_scanned_pdf_reads_the_text_pages_and_warns(tmp_path: Path, engine: str) -> None:
    path = render_scanned_pdf(
        tmp_path / "mixed.pdf",
        pages=3,
        text_pages={1: "会议同意拨付补助资金。", 3: "本纪要自印发之日起执行。"},
    )
    doc = read(path, pdf_engine=engine)
    assert doc.text == "会议同意拨付补助资金。\n本纪要自印发之日起执行。"
    assert len(doc.pages) == 3 and doc.page_of(len(doc.text) - 1) == 3
    assert len(doc.warnings) == 1 and "第2页" in doc.warnings[0]


def test_format_is_decided_by_content_before_suffix(make, tmp_path: Path) -> None:
    pdf = make(source_text("policy_pdf.txt"), "policy")
    renamed = tmp_path / "policy.txt"
    renamed.write_bytes(pdf.read_bytes())
    assert read(renamed).format == "pdf"
    html = tmp_path / "page.txt"
    html.write_text("<!DOCTYPE html><html><body><p>第一条　内容。</p></body></html>", encoding="utf-8")
    assert read(html).format == "html"
    text_named_html = tmp_path / "fragment.html"
    text_named_html.write_text("第一条　内容。", encoding="utf-8")
    assert read(text_named_html).format == "html"
