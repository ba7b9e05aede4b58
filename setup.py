"""Only a build hook: the metadata is in pyproject.toml.

The bundled rulesets and law corpus live in the top-level ``rulesets/`` folder (where legal staff edit
them); an installed package must carry them too, so the build copies the folder into the package as
``qinglai_rules/_bundled/rulesets`` (see ``qinglai_rules/paths.py``).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithRulesets(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).resolve().parent / "rulesets"
        target = Path(self.build_lib) / "qinglai_rules" / "_bundled" / "rulesets"
        shutil.copytree(source, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithRulesets})
