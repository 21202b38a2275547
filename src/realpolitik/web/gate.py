"""Opening the store for each request: many readers, or one short writer.

DuckDB lets one process write a database file, and inside a process a file cannot be open read-only
and read-write at the same time.  So every read request opens the store read-only and closes it when
done, and the write endpoint (``POST /api/documents``) waits until no read is running, opens the store
for writing just long enough to save one document, and closes it.  The trade-off: reads are never
blocked by a long-lived writer and ``realpolitik ingest`` can run between requests, but each request
pays for opening the file (milliseconds), a write briefly pauses reads, and while another process (an
ingest) holds the file, requests get 503 "database busy".
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from realpolitik.errors import StoreError
from realpolitik.store import Store


class StoreGate:
    """A readers-writer lock around opening ``path`` (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            store = self._open_read()
            try:
                yield store
            finally:
                store.close()
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[Store]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and self._readers == 0)
            self._writing = True
        try:
            store = Store(self.path)
            try:
                yield store
            finally:
                store.close()
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def prepare(self) -> None:
        """At start-up: a store that needs new tables (E205) is upgraded once, before any read."""
        try:
            Store(self.path, read_only=True).close()
        except StoreError as exc:
            if exc.code != "E205":
                return  # a missing or busy file is reported per request instead
            Store(self.path).close()

    def _open_read(self) -> Store:
        return Store(self.path, read_only=True)
