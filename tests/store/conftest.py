"""Fixtures for the review store tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for store_builders

from argon2 import PasswordHasher

import qinglai_rules.store.users as users_module
from qinglai_rules.store import Store, open_store


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """argon2 with its production cost takes ~0.2 s a hash; tests only need a real argon2 hash."""
    monkeypatch.setattr(users_module, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "review.sqlite"


@pytest.fixture
def store(db_path: Path):  # type: ignore[no-untyped-def]
    opened: Store = open_store(str(db_path))
    yield opened
    opened.close()


@pytest.fixture
def reviewers(store: Store) -> Store:
    """The store with a reviewer 王审 (wang), a second reviewer 李审 (li), an admin and a rule author."""
    store.add_user("wang", "reviewer", "password-wang", "王审")
    store.add_user("li", "reviewer", "password-li", "李审")
    store.add_user("boss", "admin", "password-boss", "赵管")
    store.add_user("author", "rule_author", "password-author", "规则作者")
    return store
