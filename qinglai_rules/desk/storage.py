"""The desk's handle on the review store: opened on first use, reopened after a failed open.

Opening lazily means a database that is missing, read-only, locked or from a newer qinglai gives
an error page naming the problem (and the desk recovers once it is fixed) instead of a dead server.
"""

from __future__ import annotations

import threading

from flask import current_app

from ..store import Store, open_store


class StoreHolder:
    def __init__(self, location: str, timeout: float) -> None:
        self.location = location
        self.timeout = timeout
        self._store: Store | None = None
        self._lock = threading.Lock()

    def get(self) -> Store:
        with self._lock:
            if self._store is None:
                # The desk never creates a database: an empty one has no accounts to log in with.
                self._store = open_store(self.location, create=False, timeout=self.timeout)
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def store() -> Store:
    """The store of the current app (raises StoreError → the error page)."""
    holder: StoreHolder = current_app.extensions["qinglai_store"]
    return holder.get()
