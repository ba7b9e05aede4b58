"""The ``qinglai`` command. Thin: each sub-command lives in its own module and calls the pipeline."""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qinglai")
def main() -> None:
    """qinglai — 清赖行动 legality review of policies, contracts and meeting minutes."""


def _register() -> None:
    """Import the sub-command modules; each adds its commands to ``main``."""
    from . import (  # noqa: F401
        eval,
        explain,
        findings,
        inventory,
        ledger,
        parse,
        probes,
        review,
        rule_stats,
        rules,
        serve,
        users,
    )


_register()
