"""Sharing one database file: readers wait for a write window, a waiting writer is not starved."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from realpolitik.errors import StoreError
from realpolitik.store.access import Database


@pytest.fixture()
def db(tmp_path: Path) -> Database:
    database = Database(tmp_path / "shared.duckdb", wait=10)
    with database.write() as store:
        store.start_run("setup")
    return database


def test_reader_gives_up_with_e204_while_a_write_window_stays_open(tmp_path: Path, db: Database) -> None:
    impatient = Database(db.path, wait=0.3)
    with db.write():
        t0 = time.monotonic()
        with pytest.raises(StoreError) as info, impatient.read():
            pass
        assert time.monotonic() - t0 >= 0.3
    assert info.value.code == "E204"
    with impatient.read() as store:  # the window closed: reading works again
        assert store.stats()["runs"] == 1


def test_writer_waits_for_a_running_read_then_writes(db: Database) -> None:
    order: list[str] = []
    reading = threading.Event()

    def reader() -> None:
        with db.read():
            reading.set()
            time.sleep(0.4)
            order.append("read done")

    t = threading.Thread(target=reader)
    t.start()
    reading.wait(5)
    with db.write() as store:
        order.append("write")
        store.start_run("second")
    t.join()
    assert order == ["read done", "write"]
    with db.read() as store:
        assert store.stats()["runs"] == 2


def test_new_readers_queue_behind_a_waiting_writer(db: Database) -> None:
    # Without the turnstile, a stream of overlapping readers would keep the writer out for ever.
    order: list[str] = []
    first_reading = threading.Event()

    def long_reader() -> None:
        with db.read():
            first_reading.set()
            time.sleep(0.6)
            order.append("first reader")

    def writer() -> None:
        with db.write():
            order.append("writer")

    def late_reader() -> None:
        with db.read():
            order.append("late reader")

    threads = [threading.Thread(target=long_reader)]
    threads[0].start()
    first_reading.wait(5)
    threads.append(threading.Thread(target=writer))
    threads[1].start()
    time.sleep(0.2)  # the writer is waiting now
    threads.append(threading.Thread(target=late_reader))
    threads[2].start()
    for t in threads:
        t.join(10)
    assert order == ["first reader", "writer", "late reader"]
