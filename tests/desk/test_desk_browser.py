"""The desk in a real headless Chromium: login, filters, a finding, decisions by mouse and keyboard.

Uses Debian's chromium (``apt-get install chromium``) through the ``playwright`` package; never
``playwright install`` (no downloads). Skipped, saying why, when no chromium is found.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from qinglai_rules.desk import create_app

from .helpers import decisions_on, finding_id_of, open_seeded

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    explicit = os.environ.get("QINGLAI_CHROMIUM")
    if explicit and Path(explicit).exists():
        return explicit
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


CHROMIUM = _chromium()
playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium found (apt-get install chromium, or set QINGLAI_CHROMIUM)"
)


@pytest.fixture(scope="module")
def desk(tmp_path_factory, seeded) -> Iterator[tuple[str, Path]]:  # type: ignore[no-untyped-def]
    """The desk on a free port in a thread, over its own copy of the seeded store: (base URL, db)."""
    from werkzeug.serving import make_server

    source, _counts = seeded
    db = tmp_path_factory.mktemp("desk-browser") / "review.sqlite"
    shutil.copyfile(source, db)
    app = create_app(str(db))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", db
    finally:
        server.shutdown()
        thread.join(timeout=5)
        app.extensions["qinglai_store"].close()


@pytest.fixture(scope="module")
def browser() -> Iterator:  # type: ignore[type-arg]
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def _login(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", f"password-{username}")
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#current-user")


def _total(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.inner_text("#queue-total"))


def test_without_login_the_desk_redirects_to_login_and_back(page, desk) -> None:
    base, db = desk
    finding = finding_id_of(db, "DEMO-COUNTY-FINE")
    page.goto(f"{base}/findings/{finding}")
    assert "/login?next=" in page.url
    page.fill("#username", "wang")
    page.fill("#password", "password-wang")
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#decision-form")
    assert page.url == f"{base}/findings/{finding}"


def test_filter_open_and_confirm_with_a_reason(page, desk) -> None:
    base, db = desk
    _login(page, base, "wang")
    pending_before = _total(page)
    page.click('[data-facet="family"] a[data-value="tax-rebate"]')
    page.wait_for_url("**family=tax-rebate**")
    assert _total(page) == 3
    assert all("税收优惠" in text for text in page.locator("#queue-table tbody tr td:nth-child(3)").all_inner_texts())
    page.click('[data-facet="region"] a[data-value="龙江县"]')
    page.wait_for_url("**region=**")
    assert _total(page) == 1
    page.click("#queue-table tbody tr td.evidence a")
    page.wait_for_selector("#decision-form")
    finding = int(page.url.split("/findings/")[1].split("?")[0])
    assert page.inner_text("mark.evidence") in page.inner_text("#current-clause")
    assert "中华人民共和国税收征收管理法" in page.inner_text("#law")
    page.check("#action-confirm")
    page.fill("#reason", "以地方留成部分为基数奖励，属变相返还税收")
    page.click("#submit-decision")
    page.wait_for_selector(".flash.success")
    assert f"发现 #{finding} 已确认" in page.inner_text(".flashes")
    [decision] = decisions_on(db, finding)
    assert (decision.action, decision.reviewer, decision.reason) == (
        "confirm",
        "wang",
        "以地方留成部分为基数奖励，属变相返还税收",
    )
    page.goto(base + "/")
    assert _total(page) == pending_before - 1
    assert int(page.inner_text("#pending-count")) == pending_before - 1


def test_keyboard_next_open_confirm_and_submit(page, desk) -> None:
    base, db = desk
    _login(page, base, "li")
    page.goto(base + "/?doc_type=contract")
    rows = page.locator("#queue-table tbody tr")
    second_id = int(rows.nth(1).get_attribute("data-id"))
    pending_before = _total(page)
    page.keyboard.press("j")
    assert "selected" in (rows.nth(1).get_attribute("class") or "")
    page.keyboard.press("k")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/findings/{second_id}?doc_type=contract")
    page.keyboard.press("c")
    assert page.is_checked("#action-confirm")
    assert page.evaluate("document.activeElement.id") == "reason"
    assert page.input_value("#reason") == ""  # the shortcut letter did not land in the reason
    page.keyboard.insert_text("政府为企业贷款提供担保，违反预算法")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash.success")
    [decision] = decisions_on(db, second_id)
    assert (decision.action, decision.reviewer) == ("confirm", "li")
    page.goto(base + "/?doc_type=contract")
    assert _total(page) == pending_before - 1


def test_keyboard_dismiss_needs_a_reason_shift_enter_is_a_new_line(page, desk) -> None:
    base, db = desk
    _login(page, base, "wang")
    finding = finding_id_of(db, "DEMO-REPEAL-NO-TRANSITION")
    page.goto(f"{base}/findings/{finding}")
    page.keyboard.press("d")
    assert page.is_checked("#action-dismiss")
    page.keyboard.press("Enter")  # empty reason: the browser refuses to submit
    page.wait_for_timeout(200)
    assert decisions_on(db, finding) == []
    page.keyboard.insert_text("第一行")
    page.keyboard.press("Shift+Enter")
    page.keyboard.insert_text("第二行")
    assert page.input_value("#reason") == "第一行\n第二行"
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash.success")
    [decision] = decisions_on(db, finding)
    assert decision.action == "dismiss" and decision.reason == "第一行\n第二行"


def test_a_post_without_csrf_token_is_refused(page, desk) -> None:
    base, db = desk
    _login(page, base, "wang")
    finding = finding_id_of(db, "DEMO-LOCAL-PRIORITY")
    page.goto(f"{base}/findings/{finding}")
    status = page.evaluate(
        """async (url) => {
            const body = new URLSearchParams({action: "confirm", reason: "伪造", last_decision_id: "0"});
            const response = await fetch(url, {method: "POST", body});
            return response.status;
        }""",
        f"{base}/findings/{finding}/decide",
    )
    assert status == 400
    assert decisions_on(db, finding) == []
    with open_seeded(db) as store:
        assert store.finding(finding).status == "pending"


def test_a_rule_author_sees_no_decision_buttons(page, desk) -> None:
    base, db = desk
    _login(page, base, "author")
    page.goto(f"{base}/findings/{finding_id_of(db, 'DEMO-PAY-TERM')}")
    assert page.locator("#decision-form").count() == 0
    assert "只能浏览" in page.inner_text("#read-only-note")
    page.keyboard.press("c")  # the shortcut does nothing without a form
    page.goto(base + "/rules")
    assert page.locator("#rule-stats tr[data-rule='DEMO-PAY-TERM']").count() == 1
