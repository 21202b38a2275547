"""Crash safety and locking of `realpolitik ingest`, run as a real process.

* kill -9 at random moments, then run again: nothing duplicated, nothing lost (same as a clean run);
* a database in a place that cannot be written gives one E2xx line, not a traceback;
* while an ingest writes, a reader gets DuckDB's lock as one E204 line (and the other way round).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from realpolitik.cli import example_corpus, main
from realpolitik.store import Store

N_DOCS = 10
VOLATILE = {"ingested_at", "run_id"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("articles")
    for f in sorted(example_corpus().iterdir())[:N_DOCS]:
        shutil.copy(f, out / f.name)
    return out


def _start(*args: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "realpolitik.cli", "ingest", *args, "-q"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    proc = _start(*args)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _rows(db: Path, table: str) -> list[tuple]:
    with Store(db, read_only=True) as store:
        cols = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in VOLATILE]
        rows = store.con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def clean(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    done = _run(str(folder), "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db


def test_kill_9_then_rerun_loses_and_duplicates_nothing(folder: Path, clean: Path, tmp_path: Path) -> None:
    db = tmp_path / "crashy.duckdb"
    rng = random.Random(20241010)
    for _ in range(3):
        proc = _start(str(folder), "--db", str(db))
        time.sleep(rng.uniform(1.5, 6.0))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
    done = _run(str(folder), "--db", str(db))
    assert done.returncode == 0, done.stderr
    for table in ("documents", "sentences", "mentions", "events"):
        got, want = _rows(db, table), _rows(clean, table)
        assert len(got) == len(set(got)), f"duplicate rows in {table}"
        assert got == want, table
    with Store(db, read_only=True) as store:
        n_docs = store.con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone()
        n_events = store.con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
    assert n_docs == (N_DOCS, N_DOCS)
    assert n_events is not None and n_events[0] == n_events[1] > 0


def test_database_on_a_read_only_place(folder: Path) -> None:
    # Root ignores chmod, so a read-only *file* cannot be simulated here; /proc refuses new files even
    # to root, which exercises "cannot create or open the database here".
    if not Path("/proc/self").exists():
        pytest.skip("no /proc: no location that is read-only for every user")
    done = _run(str(folder / sorted(os.listdir(folder))[0]), "--db", "/proc/realpolitik-test.duckdb")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: E202"), done.stderr
    assert "Traceback" not in done.stderr


def test_reader_while_an_ingest_writes_gets_e204(folder: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "busy.duckdb"
    writer = _start(str(folder), "--db", str(db))
    try:
        deadline = time.monotonic() + 30
        while not db.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        assert writer.poll() is None, "the ingest finished before the reader could try"
        rc = main(["stats", "--db", str(db)])
        err = capsys.readouterr().err.strip()
        assert writer.poll() is None, "the ingest finished while the reader was trying"
    finally:
        writer.kill()
        writer.communicate(timeout=30)
    assert rc == 1
    assert err.startswith("error: E204") and "\n" not in err, err


def test_writer_while_a_reader_holds_the_file_gets_e204(folder: Path, clean: Path, tmp_path: Path) -> None:
    db = tmp_path / "read.duckdb"
    shutil.copy(clean, db)
    with Store(db, read_only=True):
        done = _run(str(folder), "--db", str(db))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: E204"), done.stderr
