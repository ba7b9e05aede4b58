"""Fixtures for the ledger tests: a store with users, a clock the test moves, documents with findings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))  # store_builders

from argon2 import PasswordHasher

import qinglai_rules.store.users as users_module
from qinglai_rules.ledger.book import Ledger
from qinglai_rules.store import Store, open_store


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(users_module, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


class Clock:
    """Beijing dates for the history: ``clock.set('2019-11-05')`` then every change is recorded then."""

    def __init__(self) -> None:
        self.value = "2019-05-06T02:00:00+00:00"

    def set(self, day: str, hour: int = 10) -> None:
        self.value = f"{day}T{hour - 8:02d}:00:00+00:00"  # 10:00 Beijing time

    def __call__(self) -> str:
        return self.value


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(str(tmp_path / "ledger.sqlite"))
    opened.add_user("wang", "reviewer", "password-wang", "王审")
    opened.add_user("author", "rule_author", "password-author", "规则作者")
    yield opened
    opened.close()


@pytest.fixture
def ledger(store: Store, clock: Clock) -> Ledger:
    return Ledger(store, clock=clock)
