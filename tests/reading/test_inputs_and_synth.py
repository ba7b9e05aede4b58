"""Input discovery (``iter_inputs``), lazy imports, and the synth source format."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qinglai_rules.reading import SUPPORTED_SUFFIXES, iter_inputs
from qinglai_rules.synth.render import render_file
from qinglai_rules.synth.source import Heading, Table, parse_source

ROOT = Path(__file__).resolve().parents[2]


def test_iter_inputs_walks_folders_sorted_and_keeps_unknown_suffixes(tmp_path: Path) -> None:
    for name in [
        "b/2.pdf",
        "b/10.docx",
        "a.txt",
        "notes.xyz",
        ".hidden.txt",
        ".git/config",
        "~$draft.docx",
        "c/d/e.html",
    ]:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    explicit = tmp_path / "in" / ".hidden.txt"
    missing = tmp_path / "gone.pdf"
    found = iter_inputs([tmp_path / "in", explicit, missing, tmp_path / "in" / "a.txt"])
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == [
        "in/a.txt",
        "in/b/10.docx",
        "in/b/2.pdf",
        "in/c/d/e.html",
        "in/notes.xyz",  # kept, so a batch can report it as unknown-format
        "in/.hidden.txt",  # named explicitly
        "gone.pdf",  # reported as not-found by the batch
    ]
    assert iter_inputs([tmp_path / "in"]) == found[:5]  # deterministic


def test_supported_suffixes() -> None:
    assert {".pdf", ".docx", ".txt", ".html", ".htm"} <= set(SUPPORTED_SUFFIXES)


@pytest.mark.parametrize(
    "code",
    [
        "import qinglai_rules.synth.render as r, sys; print('reportlab' in sys.modules)",
        "import qinglai_rules.reading, sys; print('pdfplumber' in sys.modules or 'docx' in sys.modules)",
    ],
)
def test_heavy_libraries_are_imported_lazily(code: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_parse_source_front_matter_body_tables_headings() -> None:
    doc = parse_source(
        "---\nformat: docx\ntitle: 协议\nnumbering: none\nparty_count: 2\n---\n"
        "# 第一章 总则\n\n  第一条　内容。  \n| 年度 | 金额 |\n|---|---|\n| 2019 | 100 |\n末行\n"
    )
    assert (doc.format, doc.title, doc.numbering, doc.extra) == ("docx", "协议", "none", {"party_count": 2})
    assert doc.lines == [
        Heading("第一章 总则"),
        "第一条　内容。",
        Table([["年度", "金额"], ["2019", "100"]]),
        "末行",
    ]


def test_parse_source_without_front_matter_and_errors() -> None:
    doc = parse_source("甲方：某管委会\n乙方：某公司\n")
    assert doc.format == "text" and doc.lines == ["甲方：某管委会", "乙方：某公司"]
    with pytest.raises(ValueError, match="format"):
        parse_source("---\nformat: odt\n---\n正文")
    with pytest.raises(ValueError, match="closing"):
        parse_source("---\nformat: pdf\n正文")


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("pdf", ".pdf"), ("docx", ".docx"), ("html", ".html"), ("text", ".txt")]
)
def test_render_file_picks_the_suffix(tmp_path: Path, fmt: str, suffix: str) -> None:
    source = tmp_path / "src" / "case01.txt"
    source.parent.mkdir()
    source.write_text(f"---\nformat: {fmt}\n---\n第一条　甲方同意拨付资金。\n", encoding="utf-8")
    out = render_file(source, tmp_path / "out")
    assert out == tmp_path / "out" / f"case01{suffix}" and out.stat().st_size > 0
