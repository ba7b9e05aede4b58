"""Fixtures: one generated corpus per session, copied fresh for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.batch._helpers import write_corpus


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "docs")[0].parent


@pytest.fixture
def corpus(tmp_path: Path, corpus_template: Path) -> Path:
    """A fresh copy of the generated corpus (tests may change files)."""
    return Path(shutil.copytree(corpus_template, tmp_path / "docs"))
