"""Desk fixtures: one seeded store per session (the pipeline is slow), a fresh copy per test."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from argon2 import PasswordHasher

import qinglai_rules.store.users as users_module
from qinglai_rules.desk import DeskSettings, create_app

from .seed import seed_store

CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
LAST_DECISION = re.compile(r'name="last_decision_id" value="(\d+)"')


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """argon2 at production cost takes ~0.2 s a hash; the tests only need a real argon2 hash."""
    monkeypatch.setattr(users_module, "_hasher", CHEAP_HASHER)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory, demo_reviewer) -> tuple[Path, dict[str, int]]:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("desk-seed") / "review.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users_module, "_hasher", CHEAP_HASHER)
        counts = seed_store(path, demo_reviewer)
    return path, counts


@pytest.fixture
def db_path(tmp_path: Path, seeded) -> Path:  # type: ignore[no-untyped-def]
    """A private copy of the seeded store (the store closed cleanly, so the file is complete)."""
    source, _counts = seeded
    target = tmp_path / "review.sqlite"
    shutil.copyfile(source, target)
    return target


@pytest.fixture
def settings() -> DeskSettings:
    return DeskSettings()


@pytest.fixture
def app(db_path: Path, settings: DeskSettings):  # type: ignore[no-untyped-def]
    application = create_app(str(db_path), settings)
    application.config["TESTING"] = True
    yield application
    application.extensions["qinglai_store"].close()


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


def csrf_from(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def login(client, username: str, password: str | None = None):  # type: ignore[no-untyped-def]
    """Log in through the form (with its CSRF token); returns the response to the POST."""
    page = client.get("/login").get_data(as_text=True)
    return client.post(
        "/login",
        data={"username": username, "password": password or f"password-{username}", "csrf_token": csrf_from(page)},
    )
