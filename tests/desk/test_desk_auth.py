"""Login, logout, session cookies and expiry, the signing key, roles."""

from __future__ import annotations

import os
import stat

import pytest

from qinglai_rules.desk import DeskSettings, create_app
from qinglai_rules.desk.secret import ENV_SECRET, KEY_SUFFIX

from .conftest import csrf_from, login
from .helpers import decisions_on, finding_id_of


class Clock:
    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def test_pages_need_login(client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.location == "/login?next=/"
    response = client.get("/findings/1?family=tax-rebate")
    assert response.location == "/login?next=/findings/1?family%3Dtax-rebate"
    assert client.get("/rules").status_code == 302


def test_login_with_the_stores_password_and_logout(client) -> None:
    response = login(client, "wang")
    assert response.status_code == 303 and response.location == "/"
    page = client.get("/").get_data(as_text=True)
    assert "王审（审查员）" in page
    token = csrf_from(page)
    assert client.get("/logout").status_code == 405  # logging out changes state: POST only
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 303
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("username,password", [("wang", "wrong-password"), ("nobody", "password-nobody"), ("", "")])
def test_wrong_credentials_are_refused_without_saying_which(client, username, password) -> None:
    response = login(client, username, password)
    assert response.status_code == 401
    assert "用户名或密码不正确" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_login_returns_to_the_page_asked_for_but_never_off_site(client) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = csrf_from(page)
    form = {"username": "wang", "password": "password-wang", "csrf_token": token}
    assert client.post("/login", data=form | {"next": "/findings/2"}).location == "/findings/2"
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        client.post("/logout", data={"csrf_token": csrf_from(client.get("/").get_data(as_text=True))})
        token = csrf_from(client.get("/login").get_data(as_text=True))
        form = {"username": "wang", "password": "password-wang", "csrf_token": token, "next": evil}
        assert client.post("/login", data=form).location == "/"


def test_login_form_needs_its_csrf_token(client) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "wang", "password": "password-wang"})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_session_cookie_is_httponly_and_samesite(client) -> None:
    response = login(client, "wang")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("qinglai-desk=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert "Expires=" in cookie  # ends with the absolute limit even if the browser stays open


def test_secure_cookies_for_https(db_path) -> None:
    app = create_app(str(db_path), DeskSettings(secure_cookies=True))
    client = app.test_client()
    response = login(client, "wang")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-qinglai-desk=") and "Secure" in cookie


def test_security_headers(client) -> None:
    response = client.get("/login")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"


def test_idle_sessions_expire(db_path) -> None:
    clock = Clock()
    app = create_app(str(db_path), DeskSettings(idle_timeout=60, absolute_timeout=3600, clock=clock))
    client = app.test_client()
    login(client, "wang")
    clock.now += 50
    assert client.get("/").status_code == 200  # activity keeps the session alive …
    clock.now += 50
    assert client.get("/").status_code == 200
    clock.now += 61  # … until a minute passes without a request
    response = client.get("/")
    assert response.status_code == 302 and response.location.startswith("/login")
    assert "会话已过期" in client.get("/login").get_data(as_text=True)
    clock.now -= 1000  # the session is gone, not merely hidden: going back in time does not revive it
    assert client.get("/").status_code == 302


def test_sessions_end_at_the_absolute_limit_however_active(db_path) -> None:
    clock = Clock()
    app = create_app(str(db_path), DeskSettings(idle_timeout=60, absolute_timeout=200, clock=clock))
    client = app.test_client()
    login(client, "wang")
    for _ in range(4):
        clock.now += 45
        assert client.get("/").status_code == 200
    clock.now += 45  # 225 s after login, 45 s after the last request
    assert client.get("/").status_code == 302


def test_an_expired_session_does_not_carry_out_a_post(db_path) -> None:
    clock = Clock()
    app = create_app(str(db_path), DeskSettings(idle_timeout=60, clock=clock))
    client = app.test_client()
    login(client, "wang")
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    page = client.get(f"/findings/{finding}").get_data(as_text=True)
    clock.now += 120
    response = client.post(
        f"/findings/{finding}/decide",
        data={"csrf_token": csrf_from(page), "last_decision_id": "0", "action": "confirm", "reason": "违法"},
    )
    assert response.status_code == 303 and response.location == "/login"
    assert decisions_on(db_path, finding) == []


def test_repeated_failures_are_throttled(db_path) -> None:
    clock = Clock()
    app = create_app(str(db_path), DeskSettings(login_attempts=3, login_window=600, clock=clock))
    client = app.test_client()
    for _ in range(3):
        assert login(client, "wang", "guess-guess").status_code == 401
    assert login(client, "wang").status_code == 429  # even the right password, for a while
    assert login(app.test_client(), "li").status_code == 303  # other accounts are not locked out
    clock.now += 601
    assert login(client, "wang").status_code == 303


def test_the_signing_key_is_kept_beside_the_database_so_restarts_keep_sessions(db_path) -> None:
    first = create_app(str(db_path))
    key_file = db_path.with_name(db_path.name + KEY_SUFFIX)
    assert key_file.exists() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    client = first.test_client()
    login(client, "wang")
    cookie = client.get_cookie("qinglai-desk")
    restarted = create_app(str(db_path))
    assert restarted.config["SECRET_KEY"] == first.config["SECRET_KEY"]
    other = restarted.test_client()
    other.set_cookie("qinglai-desk", cookie.value)
    assert other.get("/").status_code == 200


def test_the_key_can_come_from_the_environment(db_path, monkeypatch) -> None:
    monkeypatch.setenv(ENV_SECRET, "k" * 40)
    app = create_app(str(db_path))
    assert app.config["SECRET_KEY"] == "k" * 40
    assert not db_path.with_name(db_path.name + KEY_SUFFIX).exists()
    monkeypatch.setenv(ENV_SECRET, "short")
    with pytest.raises(Exception, match="至少"):
        create_app(str(db_path))


def test_a_rule_author_browses_but_cannot_decide(client, db_path) -> None:
    login(client, "author")
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    page = client.get(f"/findings/{finding}").get_data(as_text=True)
    assert 'id="decision-form"' not in page and "只能浏览" in page
    assert client.get("/rules").status_code == 200
    response = client.post(
        f"/findings/{finding}/decide",
        data={"csrf_token": csrf_from(page), "last_decision_id": "0", "action": "confirm", "reason": "越权"},
    )
    assert response.status_code == 403
    assert decisions_on(db_path, finding) == []


def test_an_admin_may_decide(client, db_path) -> None:
    from .helpers import post_decision

    login(client, "boss")
    finding = finding_id_of(db_path, "DEMO-LOCAL-PRIORITY")
    response = post_decision(client, finding, action="dismiss", reason="本地企业仅为举例，非限定")
    assert response.status_code == 303
    assert [d.reviewer for d in decisions_on(db_path, finding)] == ["boss"]


def test_key_file_is_not_world_readable_even_with_a_loose_umask(db_path) -> None:
    old = os.umask(0)
    try:
        create_app(str(db_path))
    finally:
        os.umask(old)
    key_file = db_path.with_name(db_path.name + KEY_SUFFIX)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
