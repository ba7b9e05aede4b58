"""``qinglai serve``: the review desk in a browser (binds 127.0.0.1 unless told otherwise)."""

from __future__ import annotations

import ipaddress

import click

from . import main
from .store_access import db_option, store_for


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free).")
@click.option(
    "--idle-minutes",
    default=480,
    show_default=True,
    type=click.IntRange(1),
    help="Log a reviewer out after this many minutes without a request.",
)
@click.option(
    "--max-hours",
    default=12.0,
    show_default=True,
    type=click.FloatRange(min=0.01),
    help="Log everyone out this many hours after login, active or not.",
)
@click.option(
    "--secure-cookies", is_flag=True, help="Mark the session cookie Secure (only when the desk is reached over HTTPS)."
)
def serve(db_path: str | None, host: str, port: int, idle_minutes: int, max_hours: float, secure_cookies: bool) -> None:
    """Run the review desk: reviewers log in, go through the queue and confirm or dismiss findings."""
    from werkzeug.serving import make_server

    from ..desk import DeskSettings, create_app
    from ..store import default_location

    location = db_path or default_location()
    with store_for(location):  # a missing, read-only or newer database: say so now, not in the browser
        pass
    settings = DeskSettings(
        idle_timeout=idle_minutes * 60, absolute_timeout=max_hours * 3600, secure_cookies=secure_cookies
    )
    app = create_app(location, settings)
    if not _loopback(host):
        click.echo(f"注意：审查台监听 {host}，局域网中的其他计算机也能访问；请放在 HTTPS 反向代理之后。", err=True)
    server = make_server(host, port, app, threaded=True)
    click.echo(f"审查台：http://{host}:{server.server_port}/  （数据库 {location}；按 Ctrl+C 停止）")
    click.echo(f"会话密钥：{app.extensions['qinglai_secret_origin']}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.extensions["qinglai_store"].close()
