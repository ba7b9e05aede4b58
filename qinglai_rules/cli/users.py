"""``qinglai users``: the people who may review (reviewer), author rules (rule_author) or administer."""

from __future__ import annotations

import sys

import click
from rich.markup import escape
from rich.table import Table

from ..store.schema import ROLES
from . import main
from .store_access import console, db_option, store_for


@main.group("users")
def users() -> None:
    """Accounts in the review store."""


@users.command("add")
@click.argument("name")
@db_option
@click.option(
    "--role", type=click.Choice(ROLES), required=True, help="reviewer may decide; rule_author may not."
)
@click.option(
    "--display-name", default=None, help="The person's name as shown with decisions (default: NAME)."
)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def add_command(
    name: str, db_path: str | None, role: str, display_name: str | None, password_stdin: bool
) -> None:
    """Add a user; asks for the password (not echoed) unless --password-stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with store_for(db_path, create=True) as store:
        user = store.add_user(name, role, password, display_name)
        location = store.location
    click.echo(f"已添加用户 {user.username}（{user.display_name}，角色 {user.role}）到 {location}")


@users.command("list")
@db_option
def list_command(db_path: str | None) -> None:
    """List users and their roles."""
    with store_for(db_path) as store:
        rows = store.users()
    table = Table()
    for column in ("username", "display name", "role", "created"):
        table.add_column(column)
    for row in rows:
        table.add_row(escape(row.username), escape(row.display_name), row.role, row.created_at)
    console().print(table)
