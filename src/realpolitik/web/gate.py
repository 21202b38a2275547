"""Opening the store for each request: many readers, or one short writer.

DuckDB lets one process write a database file, and inside a process a file cannot be open read-only
and read-write at the same time.  So every read request opens the store read-only and closes it when
done, and the write endpoint (``POST /api/documents``) waits until no read is running, opens the store
for writing just long enough to save one document, and closes it.  Across processes the same rule is
kept by ``realpolitik.store.access.Database``: a ``realpolitik ingest`` holds the file only for short
write windows, during which requests wait (``wait`` seconds at most, then 503 "database busy").
Opening the file costs tens of milliseconds and most pages cost more to compute, so answers are
cached (``StoreGate.cached``) under the file's *version*, its size and modification time (and the
write-ahead log's): a request whose answer was computed since the last write never opens the file,
and concurrent requests for the same answer compute it once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from realpolitik.errors import StoreError
from realpolitik.store import Store
from realpolitik.store.access import Database

T = TypeVar("T")
_MISS = object()


class StoreGate:
    """A readers-writer lock around opening ``path``, with a cache of answers (see the module docstring)."""

    def __init__(self, path: Path, *, wait: float = 10.0, cache_size: int = 256) -> None:
        self.path = path
        self.database = Database(path, wait=wait)
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._cache: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self._computing: dict[tuple[Hashable, ...], threading.Lock] = {}

    def version(self) -> tuple[int, ...]:
        """Changes whenever the database file (or its write-ahead log) is written."""
        out: list[int] = []
        for file in (self.path, Path(f"{self.path}.wal")):
            try:
                st = file.stat()
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [-1, -1]
        return tuple(out)

    def cached(self, key: tuple[Hashable, ...], compute: Callable[[Store], T]) -> T:
        """``compute(store)`` for ``key``, reused until the database changes."""
        hit = self._lookup((self.version(), *key))
        if hit is not _MISS:
            return hit
        with self._cache_lock:
            if len(self._computing) > 4 * self._cache_size:
                self._computing.clear()  # forgets idle locks; at worst an answer is computed twice
            single = self._computing.setdefault(key, threading.Lock())
        with single:  # one computation per key at a time; the others then find it cached
            hit = self._lookup((self.version(), *key))
            if hit is not _MISS:
                return hit
            with self.read() as store:
                version = self.version()  # stable while we read: writers are excluded
                value = compute(store)
            with self._cache_lock:
                self._cache[(version, *key)] = value
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            return value

    def _lookup(self, full: tuple[Hashable, ...]) -> Any:
        with self._cache_lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]
        return _MISS

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            with self.database.read() as store:
                yield store
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
            with self.database.write() as store:
                yield store
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
