"""Both PDF engines read every corpus PDF into the same clauses.

The default engine reads the text layer with pypdfium2 and finds table cells with pdfplumber on a
copy of the page that holds only its rulings; the fallback engine does everything with pdfplumber.
A reviewer's finding must point at the same clause whichever engine read the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglai_rules.reading import read
from qinglai_rules.structure import analyse

from .conftest import CORPUS

PDFS = sorted(CORPUS.glob("*/*.pdf"))


def _clauses(path: Path, engine: str) -> list[tuple[str, str, list[int], str]]:
    doc = analyse(read(path, pdf_engine=engine))
    return [(c.id, c.label, c.pages, doc.text[c.start:c.end]) for c in doc.clauses]


def test_the_corpus_has_pdfs_with_tables() -> None:
    tables = [path for path in PDFS if any(b.table is not None for b in read(path).blocks)]
    assert len(PDFS) >= 10 and tables, "the comparison below must cover ruled tables"


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_and_pdfplumber_give_the_same_clauses(path: Path) -> None:
    assert _clauses(path, "pdfium") == _clauses(path, "pdfplumber")
