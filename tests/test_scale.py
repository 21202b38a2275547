"""Distributed coding (realpolitik.scale): same stored output as one process, records that pickle."""

from __future__ import annotations

import pickle
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from realpolitik import scale as scale_mod
from realpolitik.cli import example_corpus, main
from realpolitik.errors import UsageError
from realpolitik.ingest import iter_documents
from realpolitik.pipeline import ingest
from realpolitik.records import Document
from realpolitik.scale import Scale, code_batch, worker_coder
from realpolitik.settings import Settings
from realpolitik.store import Store

VOLATILE = {"ingested_at", "run_id", "started_at", "finished_at"}
# distributed sometimes leaves a probe socket of its (unused) HTTP server to the garbage collector
DASK_SOCKETS = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


def _subset(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in sorted(example_corpus().iterdir())[:n]:
        shutil.copy(f, folder / f.name)
    return folder


@contextmanager
def _busy_port(port: int) -> Iterator[None]:
    with socket.socket() as sock:
        try:
            sock.bind(("0.0.0.0", port))
            sock.listen()
        except OSError:
            pass  # already in use: just as good
        yield


def _table(db: Path, name: str) -> list[tuple]:
    with Store(db, read_only=True) as store:
        cols = [r[0] for r in store.con.execute(f"DESCRIBE {name}").fetchall() if r[0] not in VOLATILE]
        return store.con.execute(f"SELECT {', '.join(cols)} FROM {name} ORDER BY rowid").fetchall()


def test_coded_documents_pickle(coder) -> None:
    doc = Document.from_text("Vladimir Putin visited North Korea in June 2024.", title="t")
    coded = list(coder.code_documents([doc]))
    assert coded[0].events
    assert pickle.loads(pickle.dumps(coded)) == coded


def test_worker_loads_the_coder_once(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Settings] = []

    class FakeCoder:
        def __init__(self, settings: Settings) -> None:
            made.append(settings)

        def code_documents(self, docs):
            return iter(docs)

    monkeypatch.setattr(scale_mod, "Coder", FakeCoder)
    monkeypatch.setattr(scale_mod, "_coders", {})
    a, b = Settings(db=Path("a.duckdb")), Settings(db=Path("b.duckdb"))
    assert worker_coder(a) is worker_coder(b)  # the database path does not matter to coding
    assert code_batch(a, ["x", "y"]) == ["x", "y"]  # type: ignore[list-item]
    assert len(made) == 1
    worker_coder(Settings(spacy_model="other"))
    assert len(made) == 2


@pytest.mark.parametrize(
    ("kw", "option"),
    [
        ({"workers": 2, "cluster": "tcp://h:1"}, "--workers"),
        ({"workers": 0}, "--workers"),
        ({"cluster": "localhost"}, "--cluster"),
    ],
)
def test_bad_scale_options(kw: dict, option: str) -> None:
    with pytest.raises(UsageError) as err:
        Scale(Settings(), **kw)
    assert err.value.code == "E002" and option in str(err.value)


@DASK_SOCKETS[0]
@DASK_SOCKETS[1]
def test_cli_cluster_that_is_not_there(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scale_mod, "CONNECT_TIMEOUT", "1s")
    src = tmp_path / "a.txt"
    src.write_text("Russia and China signed a trade agreement in Moscow on 2024-05-16.\n")
    rc = main(
        ["ingest", str(src), "--db", str(tmp_path / "x.duckdb"), "-q", "--cluster", "tcp://127.0.0.1:9"]
    )
    err = capsys.readouterr().err.strip()
    assert rc == 2
    assert err.startswith("error: E002") and "--cluster" in err and "\n" not in err


@DASK_SOCKETS[0]
@DASK_SOCKETS[1]
def test_two_workers_store_what_one_process_stores(tmp_path: Path, coder) -> None:
    folder = _subset(tmp_path, 8)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    with Store(one) as store:
        s1 = ingest([str(folder)], store, coder=lambda: coder)
    with Store(two) as store, _busy_port(8787):  # dask's default HTTP port in use must not matter
        scale = Scale(Settings(), workers=2, batch=2)  # small batches: results arrive interleaved
        s2 = ingest([str(folder)], store, coder=lambda: pytest.fail("coded locally"), scale=scale)
    per_doc = "SELECT doc_id, count(*) FROM events GROUP BY doc_id ORDER BY doc_id"
    with Store(one, read_only=True) as a, Store(two, read_only=True) as b:
        counts = (a.con.execute(per_doc).fetchall(), b.con.execute(per_doc).fetchall())
    assert (s1.n_new, s1.n_events) == (s2.n_new, s2.n_events), counts
    assert s1.n_events > 0
    for table in ("documents", "sentences", "mentions", "events"):
        assert _table(one, table) == _table(two, table), table
    assert len(list(iter_documents([str(folder)]))) == s1.n_new
