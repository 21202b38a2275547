"""Sharing one database file between processes: many short readers, one writer in short windows.

DuckDB lets a single process open a file for writing, and while it does no other process can open
the file at all.  A long ``realpolitik ingest`` holding the file would lock every reader (the web
app, ``events``, analytics) out for the whole run.  So realpolitik never holds the file for long:

* the ingest codes documents with the file *closed* (coding is most of the time) and opens it for
  writing only to save a batch, a *write window* of a fraction of a second;
* readers open the file read-only for one request or command and close it;
* both sides coordinate through two small lock files beside the database (``<db>.lock`` and
  ``<db>.lock.turn``) with ``flock``.  Readers share ``.lock``; a writer takes it alone.  The
  *turnstile* ``.lock.turn`` gives a waiting writer priority: it holds the turnstile while readers
  drain, and new readers queue behind it, so a steady stream of readers cannot starve the ingest.

The kernel releases ``flock`` locks when a process dies (even by ``kill -9``), so a crash never leaves
the database locked.  Whoever cannot get the file within ``wait`` seconds gets ``StoreError`` E204.
Processes that open the file directly (a user's own DuckDB session) do not take part; realpolitik
then retries until ``wait`` runs out.  Where the lock files cannot be created (a read-only folder), a
reader goes ahead without them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import IO

import duckdb

from realpolitik.errors import StoreError
from realpolitik.store.store import MEMORY, Store, first_line, is_write_failure

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: fall back to retrying DuckDB's own lock
    fcntl = None  # type: ignore[assignment]

POLL = 0.01  # seconds between attempts


class Database:
    """A store file opened on demand: ``with db.read() as store`` or ``with db.write() as store``."""

    def __init__(self, path: str | Path, *, wait: float = 30.0) -> None:
        self.path = Path(path).expanduser()
        self.wait = wait

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"

    @contextmanager
    def read(self) -> Iterator[Store]:
        """A read-only store for one query; waits while a write window is open."""
        with self._locked(shared=True) as deadline:
            store = _retry(lambda: Store(self.path, read_only=True), deadline)
            try:
                yield store
            finally:
                store.close()

    @contextmanager
    def write(self) -> Iterator[Store]:
        """A writable store for one short window; waits for running reads to finish.  A write the
        disk refuses (full disk, size limit) inside the window becomes ``StoreError`` E207; what was
        committed before stays as it was."""
        with self._locked(shared=False) as deadline:
            store = _retry(lambda: Store(self.path), deadline)
            try:
                yield store
            except duckdb.Error as exc:
                if not is_write_failure(exc):
                    raise
                raise StoreError("E207", self.path, detail=first_line(exc)) from exc
            finally:
                with suppress(duckdb.Error):
                    store.close()

    @contextmanager
    def _locked(self, *, shared: bool) -> Iterator[float]:
        deadline = time.monotonic() + self.wait
        if fcntl is None or str(self.path) == MEMORY or (shared and not self.path.exists()):
            yield deadline  # (a reader of a missing file gets E203 from Store, and leaves no lock files)
            return
        lock, turn = Path(f"{self.path}.lock"), Path(f"{self.path}.lock.turn")
        if not shared:
            with suppress(OSError):
                lock.parent.mkdir(parents=True, exist_ok=True)
        with ExitStack() as stack:
            files = _open_locks(lock, turn)
            if files is None:
                yield deadline
                return
            lock_file, turn_file = (stack.enter_context(f) for f in files)
            if shared:
                # Pass the turnstile (blocked while a writer waits), then join the readers.
                self._flock(turn_file, fcntl.LOCK_EX, deadline)
                try:
                    self._flock(lock_file, fcntl.LOCK_SH, deadline)
                finally:
                    fcntl.flock(turn_file, fcntl.LOCK_UN)
            else:
                self._flock(turn_file, fcntl.LOCK_EX, deadline)
                stack.callback(fcntl.flock, turn_file, fcntl.LOCK_UN)
                self._flock(lock_file, fcntl.LOCK_EX, deadline)
            stack.callback(fcntl.flock, lock_file, fcntl.LOCK_UN)
            yield deadline

    def _flock(self, file: IO[bytes], mode: int, deadline: float) -> None:
        while True:
            try:
                fcntl.flock(file, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        "E204", self.path, detail=f"busy for more than {self.wait:g} s"
                    ) from None
                time.sleep(POLL)


def _open_locks(lock: Path, turn: Path) -> tuple[IO[bytes], IO[bytes]] | None:
    """Open (creating them if needed) both lock files; ``None`` where they cannot be created, e.g.
    a read-only folder: nobody can write there, and a writer's ``Store`` reports the real problem."""
    files: list[IO[bytes]] = []
    try:
        for path in (lock, turn):
            files.append(os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, 0o666), "r+b"))
    except OSError:
        for f in files:
            f.close()
        return None
    return files[0], files[1]


def _retry(open_store: Callable[[], Store], deadline: float) -> Store:
    """Open the store, retrying while another (non-cooperating) process holds DuckDB's own lock."""
    while True:
        try:
            return open_store()
        except StoreError as exc:
            if exc.code != "E204" or time.monotonic() >= deadline:
                raise
            time.sleep(POLL * 5)
