"""Crash safety and locking of `realpolitik ingest`, run as a real process.

* kill -9 at random moments, then run again: nothing duplicated, nothing lost (same as a clean run);
* a database in a place that cannot be written gives one E2xx line, not a traceback; a disk that
  fills up mid-run gives one E207 line, keeps what was committed, and the next run completes;
* while an ingest writes, readers get answers (it holds the file only in short write windows);
  a process outside realpolitik's locks holding the file makes the ingest give up with one E204 line.
"""

from __future__ import annotations

import os
import random
import resource
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


def test_readers_query_while_an_ingest_writes(folder: Path, tmp_path: Path, capsys) -> None:
    # The ingest holds the file only to save a batch; readers in between get answers, not E204.
    db = tmp_path / "busy.duckdb"
    writer = _start(str(folder), "--db", str(db))
    counts: list[int] = []
    try:
        deadline = time.monotonic() + 90
        while not db.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        while writer.poll() is None and time.monotonic() < deadline:
            rc = main(["stats", "--db", str(db)])
            out, err = capsys.readouterr()
            assert rc == 0, err
            counts.append(int(out.split("documents:")[1].split()[0]))
            time.sleep(0.1)
        writer.communicate(timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.communicate(timeout=30)
    assert len(counts) >= 2, "the ingest finished before the reader could ask twice"
    assert writer.returncode == 0
    assert counts == sorted(counts), counts  # readers see whole batches arrive, never a loss


def test_writer_while_a_foreign_reader_holds_the_file_gets_e204(
    folder: Path, clean: Path, tmp_path: Path
) -> None:
    # A process outside realpolitik's lock files (here: a bare read-only Store) holds DuckDB's lock;
    # the ingest retries for REALPOLITIK_LOCK_WAIT seconds, then says so in one line.
    db = tmp_path / "read.duckdb"
    shutil.copy(clean, db)
    env = {**os.environ, "REALPOLITIK_LOCK_WAIT": "1"}
    with Store(db, read_only=True):
        cmd = [sys.executable, "-m", "realpolitik.cli", "ingest", str(folder), "--db", str(db), "-q"]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: E204"), done.stderr


def _file_size_limit(limit: int):  # -> preexec function: the disk is "full" past ``limit`` bytes
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_full_disk_is_one_line_e207_and_the_next_run_completes(
    folder: Path, clean: Path, tmp_path: Path
) -> None:
    db = tmp_path / "full.duckdb"
    cmd = [sys.executable, "-m", "realpolitik.cli", "ingest", str(folder), "--db", str(db), "-q"]
    full = subprocess.run(
        cmd, capture_output=True, text=True, timeout=300, preexec_fn=_file_size_limit(64 * 1024)
    )
    assert full.returncode == 1
    lines = full.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: E207"), full.stderr
    with Store(db, read_only=True) as store:  # what was committed before the disk filled is intact
        partial = store.stats()["documents"]
    assert partial < N_DOCS
    done = _run(str(folder), "--db", str(db))  # room again: the same command completes the rest
    assert done.returncode == 0, done.stderr
    with Store(db, read_only=True) as store, Store(clean, read_only=True) as reference:
        assert store.stats()["documents"] == reference.stats()["documents"] == N_DOCS
        assert store.stats()["events"] == reference.stats()["events"]
