"""Shared fixtures: reviewers are expensive (rules compiled, spaCy loaded), so one per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULESETS = ROOT / "rulesets"


@pytest.fixture(autouse=True)
def review_store_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """``qinglai review`` records into ``$QINGLAI_DB`` or ./qinglai.sqlite by default: never into the
    working tree, and never shared between tests (a second test would find its documents unchanged)."""
    monkeypatch.setenv("QINGLAI_DB", str(tmp_path_factory.mktemp("store") / "qinglai.sqlite"))


@pytest.fixture(scope="session")
def demo_book():
    from qinglai_rules.rules.loader import load_rulebook

    return load_rulebook(RULESETS / "demo")


@pytest.fixture(scope="session")
def demo_reviewer(demo_book):
    from qinglai_rules.review import Reviewer

    return Reviewer(book=demo_book, engine="durable")


@pytest.fixture(scope="session")
def demo_reference(demo_book):
    from qinglai_rules.review import Reviewer

    return Reviewer(book=demo_book, engine="reference")
