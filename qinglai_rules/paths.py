"""Where the bundled rulesets and law corpus live, in a checkout and in an installed package.

In a checkout they are the top-level ``rulesets/`` folder. An installed wheel carries the same
folder as package data under ``qinglai_rules/_bundled/rulesets`` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_rulesets_dir() -> Path:
    for candidate in (_PACKAGE.parent / "rulesets", _PACKAGE / "_bundled" / "rulesets"):
        if (candidate / "laws" / "index.yaml").is_file():
            return candidate
    raise FileNotFoundError("bundled rulesets not found: reinstall qinglai-rules (rulesets/ is missing)")


def laws_dir() -> Path:
    return bundled_rulesets_dir() / "laws"
