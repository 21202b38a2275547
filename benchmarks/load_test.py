"""Load test on loopback: N concurrent API readers while `realpolitik ingest` writes the same store.

    .venv/bin/python benchmarks/load_test.py [--readers 50] [--docs 120] [--port 8765]

1. A store is seeded with the example corpus (so reads have something to return).
2. `realpolitik serve` is started on 127.0.0.1 against it (a separate process).
3. `realpolitik ingest` starts on a folder of new documents (sentences of the example corpus
   recombined at random, so each is new and not a near-duplicate), another process.
4. While the ingest runs, ``--readers`` threads each loop over the JSON API (overview, dyad, network,
   actors, documents, search), one request after another.
5. Printed: requests, errors by status, latency p50/p95/p99/max (ms) during the ingest, and the
   ingest's documents per second with and without the readers.

Nothing is timed inside the test suite; this script is how the numbers in the closing note are made.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from realpolitik.cli import example_corpus
from realpolitik.ingest import iter_documents
from realpolitik.records import Document

PATHS = [
    "/api/overview",
    "/api/dyads/RUS/PRK",
    "/api/network",
    "/api/actors",
    "/api/actors/RUS",
    "/api/documents",
    "/api/search?q=sanctions",
]


def cli(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "realpolitik.cli", *args], **kw)


def new_documents(folder: Path, n: int, seed: int = 7) -> None:
    """``n`` articles of 14 sentences drawn from the whole example corpus (new ids, not near-copies)."""
    base = [d for d in iter_documents([str(example_corpus())]) if isinstance(d, Document)]
    dated = [d for d in base if d.language == "en" and d.published]
    sentences = [(s.strip() + ".", d.published) for d in dated for s in d.text.split(". ") if len(s) > 40]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        picked = rng.sample(sentences, 14)
        day = picked[0][1]
        body = " ".join(s for s, _ in picked)
        (folder / f"doc{i:04d}.md").write_text(
            f"---\ntitle: Load test {i}\npublished: {day}\n---\n{body}\n", encoding="utf-8"
        )


def wait_until_up(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/api/actors", timeout=5).read()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise SystemExit("the server did not come up")


def reader(base: str, stop: threading.Event, out: list[tuple[float, int]], seed: int) -> None:
    rng = random.Random(seed)
    while not stop.is_set():
        path = rng.choice(PATHS)
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=60) as r:
                r.read()
                status = r.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            status = -1
        out.append(((time.perf_counter() - t0) * 1000, status))


def timed_ingest(folder: Path, db: Path) -> float:
    t0 = time.perf_counter()
    proc = cli("ingest", str(folder), "--db", str(db), "-q", stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed: {err}")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--readers", type=int, default=50)
    ap.add_argument("--docs", type=int, default=120)
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db, alone_db = root / "load.duckdb", root / "alone.duckdb"
        for target in (db, alone_db):
            cli("ingest", "--examples", "--db", str(target), "-q", stderr=subprocess.DEVNULL).wait()
        new_documents(root / "new", args.docs)

        alone = timed_ingest(root / "new", alone_db)
        print(f"ingest alone: {args.docs} documents in {alone:.1f} s ({args.docs / alone:.2f} docs/s)")

        env = {**os.environ, "REALPOLITIK_TOKEN": ""}
        server = cli(
            "serve", "--db", str(db), "--port", str(args.port),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        base = f"http://127.0.0.1:{args.port}"
        try:
            wait_until_up(base)
            stop, results = threading.Event(), []
            threads = [
                threading.Thread(target=reader, args=(base, stop, results, i), daemon=True)
                for i in range(args.readers)
            ]
            for t in threads:
                t.start()
            busy = timed_ingest(root / "new", db)
            stop.set()
            for t in threads:
                t.join(timeout=70)
            print(f"readers still running after the ingest: {sum(t.is_alive() for t in threads)}")
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    lat = sorted(ms for ms, _ in results)
    errors: dict[int, int] = {}
    for _, status in results:
        if status != 200:
            errors[status] = errors.get(status, 0) + 1
    q = statistics.quantiles(lat, n=100)
    print(f"ingest with {args.readers} readers: {busy:.1f} s ({args.docs / busy:.2f} docs/s)")
    print(f"requests {len(lat)} ({len(lat) / busy:.1f}/s); errors {sum(errors.values())} {errors or ''}")
    print(f"latency ms: p50 {q[49]:.0f}  p95 {q[94]:.0f}  p99 {q[98]:.0f}  max {lat[-1]:.0f}")


if __name__ == "__main__":
    main()
