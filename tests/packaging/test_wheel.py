"""An installed package (not only a checkout) must carry the bundled rulesets and the law corpus."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_carries_rulesets_laws_and_schemas(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w",
         str(tmp_path)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("qinglai_rules-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = "qinglai_rules/_bundled/rulesets/"
    laws = {p.name for p in (ROOT / "rulesets" / "laws").glob("*.yaml")}
    assert {bundled + "laws/" + name for name in laws} <= names
    rule_files = {p.relative_to(ROOT / "rulesets").as_posix() for p in (ROOT / "rulesets").rglob("*.yaml")}
    assert {bundled + rel for rel in rule_files} <= names
    assert "qinglai_rules/rules/schema/rule.schema.json" in names
    assert any(n.endswith("entry_points.txt") for n in names)
