"""Fixtures for the reading tests: documents are rendered by ``qinglai_rules.synth`` into tmp dirs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from qinglai_rules.synth.render import render
from qinglai_rules.synth.source import SynthDoc, parse_source


@pytest.fixture
def make(tmp_path: Path) -> Callable[..., Path]:
    """``make(source_text, name=None, **overrides)`` renders a source into tmp_path and returns the file."""
    counter = iter(range(1000))

    def _make(source: str | SynthDoc, name: str | None = None, **overrides: object) -> Path:
        doc = parse_source(source) if isinstance(source, str) else source
        for key, value in overrides.items():
            if hasattr(doc, key):
                setattr(doc, key, value)
            else:
                doc.extra[key] = value
        stem = name or f"doc{next(counter)}"
        return render(doc, tmp_path / f"{stem}{doc.suffix}")

    return _make
