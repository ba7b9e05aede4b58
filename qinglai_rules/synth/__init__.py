"""Synthetic documents made offline, for tests, the corpus build and the benchmark.

``source.py`` defines the plain-text source format (YAML front matter + one paragraph per line,
``|`` table rows, ``#`` headings) and ``SynthDoc``; ``render.py`` writes a SynthDoc as PDF, DOCX,
HTML or text (and broken files: scanned/encrypted PDF, truncated DOCX, empty file). reportlab is
only imported when a PDF is rendered.
"""

from __future__ import annotations

from .render import render, render_file
from .source import Heading, SynthDoc, Table, parse_source

__all__ = ["Heading", "SynthDoc", "Table", "parse_source", "render", "render_file"]
