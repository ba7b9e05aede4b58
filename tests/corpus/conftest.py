from __future__ import annotations

from pathlib import Path

import pytest

from qinglai_rules.reading import read
from qinglai_rules.structure import analyse

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="session")
def corpus_documents():
    """Every rendered corpus document, read and structured once: {key: Document}."""
    documents = {}
    for split in ("dev", "test"):
        for path in sorted((CORPUS / split).iterdir()):
            doc = read(path)
            analyse(doc)
            documents[f"{split}/{path.name}"] = doc
    return documents
