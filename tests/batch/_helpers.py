"""Small generated corpora and ways to run ``qinglai review`` (in this process or as a subprocess)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from qinglai_rules.cli import main
from qinglai_rules.synth.corpus import make_document
from qinglai_rules.synth.render import render

ROOT = Path(__file__).resolve().parents[2]
DEMO_RULES = str(ROOT / "rulesets" / "demo")
# (format, kind, pages): one PDF with a few pages, the rest quick to render and read.
MIX = [("pdf", "policy", 3), ("docx", "contract", 2), ("text", "minutes", 1), ("html", "policy", 1),
       ("text", "policy", 2), ("docx", "minutes", 1), ("text", "contract", 1), ("html", "contract", 1)]


def write_corpus(folder: Path, mix: list[tuple[str, str, int]] = MIX, seed: int = 11) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, (fmt, kind, pages) in enumerate(mix):
        doc = make_document(index, random.Random(seed * 1000 + index), fmt=fmt, kind=kind, pages=pages)
        paths.append(render(doc, folder / f"{index:05d}-{kind}{doc.suffix}"))
    return paths


@dataclass
class Review:
    exit_code: int
    output: str
    out: Path

    @property
    def report(self) -> dict[str, Any]:
        return json.loads((self.out / "findings.json").read_text(encoding="utf-8"))

    @property
    def run(self) -> dict[str, Any]:
        return json.loads((self.out / "run.json").read_text(encoding="utf-8"))

    def documents(self) -> dict[str, dict[str, Any]]:
        return {Path(d["path"]).name: d for d in self.report["documents"]}


def review(out: Path, *args: str, rules: str = DEMO_RULES) -> Review:
    """``qinglai review ARGS --out OUT --rules demo`` in this process (``--jobs 2`` still spawns workers)."""
    result = CliRunner().invoke(main, ["review", *args, "--out", str(out), "--rules", rules],
                                catch_exceptions=False)
    return Review(result.exit_code, result.output, out)


def review_process(out: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """``qinglai review`` as a subprocess (for signals)."""
    return subprocess.Popen(
        [sys.executable, "-m", "qinglai_rules", "review", *args, "--out", str(out), "--rules", DEMO_RULES],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
