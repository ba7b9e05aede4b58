"""Shared fixtures: reviewers are expensive (rules compiled, spaCy loaded), so one per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULESETS = ROOT / "rulesets"


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
