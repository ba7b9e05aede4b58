"""Shared by the store commands: the ``--db`` option and opening the store with errors in words."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console

from ..errors import StoreError
from ..store import ENV_VAR, Store, open_store


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        "db_path",
        metavar="PATH",
        default=None,
        help=f"Review database (default: ${ENV_VAR}, else ./qinglai.sqlite).",
    )(command)


@contextmanager
def store_for(db_path: str | None, *, create: bool = False) -> Iterator[Store]:
    """The store, or a clean error and exit status 1 (never a traceback) for any StoreError."""
    try:
        store = open_store(db_path, create=create)
        try:
            yield store
        finally:
            store.close()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def excerpt(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def console() -> Console:
    """A console for tables: the terminal's width, or wide enough not to chop ids when piped."""
    return Console() if sys.stdout.isatty() else Console(width=160)
