"""What an operator may tune about the desk, with safe defaults."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DeskSettings:
    idle_timeout: float = 8 * 3600  # seconds without a request before a session ends
    absolute_timeout: float = 12 * 3600  # seconds after login a session ends, active or not
    secure_cookies: bool = False  # Secure flag + __Host- name: only when served over HTTPS
    page_size: int = 50
    store_timeout: float = 10.0  # seconds to wait for another writer before an error page
    login_attempts: int = 5  # failed logins per user name and address ...
    login_window: float = 15 * 60  # ... within this many seconds before further tries are refused
    secret_key: str | None = None  # else $QINGLAI_DESK_SECRET, else the key file beside the database
    clock: Callable[[], float] = field(default=time.time, compare=False)  # tests move time forward
