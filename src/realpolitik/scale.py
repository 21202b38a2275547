"""Distributed coding on Dask: many processes (or machines) code, one process writes.

Coding (spaCy parse + rules) is the slow part of ingest and is embarrassingly parallel per document;
storing is not (DuckDB allows one writer).  So ``code_distributed`` sends batches of ``Document``
records to Dask workers, each worker codes them with a ``Coder`` it loads **once** (a module-level
cache keyed by the coding settings), and the plain ``CodedDocument`` records (frozen dataclasses of
strings, numbers and dates; no spaCy objects) come back to the caller in **input order**.  The
pipeline then saves them through the one ``Store`` exactly as in a single-process run, so the stored
result is the same.

``Scale(settings, workers=N)`` starts a ``LocalCluster`` of N single-threaded worker processes (no
dashboard); ``Scale(settings, cluster="tcp://HOST:PORT")`` uses a running scheduler (see
``docs/scale.md``).  Nothing is imported from Dask until coding starts.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from realpolitik.coder import CodedDocument, Coder
from realpolitik.errors import UsageError
from realpolitik.records import Document
from realpolitik.settings import Settings

BATCH = 16  # documents per task: big enough to amortise scheduling, small enough to balance load
CONNECT_TIMEOUT = "10s"

_coders: dict[Settings, Coder] = {}
_lock = threading.Lock()


def coding_key(settings: Settings) -> Settings:
    """The settings that change coding output (the database path does not)."""
    return replace(settings, db=Path())


def worker_coder(settings: Settings) -> Coder:
    """The ``Coder`` of this process for ``settings``, loaded on first use and then reused."""
    key = coding_key(settings)
    with _lock:
        coder = _coders.get(key)
        if coder is None:
            coder = _coders[key] = Coder(settings)
        return coder


def code_batch(settings: Settings, docs: Sequence[Document]) -> list[CodedDocument]:
    """The task run on a worker: code ``docs`` in order with the worker's cached ``Coder``."""
    return list(worker_coder(settings).code_documents(list(docs)))


@dataclass(frozen=True)
class Scale:
    """How to code in parallel: ``workers`` local processes, or a running scheduler at ``cluster``."""

    settings: Settings
    workers: int | None = None
    cluster: str | None = None
    batch: int = BATCH

    def __post_init__(self) -> None:
        if self.workers is not None and self.cluster is not None:
            raise UsageError(
                "E002",
                None,
                option="--workers",
                value=self.workers,
                expected="give --workers or --cluster, not both",
            )
        if self.workers is not None and self.workers < 1:
            raise UsageError(
                "E002", None, option="--workers", value=self.workers, expected="a number of processes >= 1"
            )
        if self.cluster is not None and "://" not in self.cluster:
            raise UsageError("E002", None, option="--cluster", value=self.cluster, expected="tcp://HOST:PORT")
        if self.batch < 1:
            raise UsageError("E002", None, option="batch", value=self.batch, expected=">= 1")

    def code(self, docs: Sequence[Document]) -> Iterator[CodedDocument]:
        """Code ``docs`` on the cluster; yields results in input order (see ``code_distributed``)."""
        yield from code_distributed(docs, self)


def code_distributed(docs: Sequence[Document], scale: Scale) -> Iterator[CodedDocument]:
    """Yield one ``CodedDocument`` per document, in input order, coded by Dask workers.

    At most a few batches per worker are in flight, so memory stays bounded for large inputs and
    the caller can save (and commit) each result while later batches are still being coded.  The
    cluster (when started here) and the client are closed when the generator finishes or is closed.
    """
    docs = list(docs)
    if not docs:
        return
    with _client(scale) as client:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = 2 * n_workers + 1
        batches = [docs[i : i + scale.batch] for i in range(0, len(docs), scale.batch)]
        pending: deque[Any] = deque()
        submitted = 0
        try:
            while submitted < len(batches) or pending:
                while submitted < len(batches) and len(pending) < window:
                    batch = batches[submitted]
                    pending.append(client.submit(code_batch, scale.settings, batch, pure=False))
                    submitted += 1
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


class _client:
    """A ``distributed.Client`` on a fresh ``LocalCluster`` or a running scheduler, closed on exit."""

    def __init__(self, scale: Scale) -> None:
        self.scale = scale
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        import logging

        from distributed import Client, LocalCluster

        if self.scale.cluster is not None:
            try:
                self.client = Client(self.scale.cluster, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as exc:
                detail = " ".join(str(exc).split())[:120] or type(exc).__name__
                raise UsageError(
                    "E002",
                    None,
                    option="--cluster",
                    value=self.scale.cluster,
                    expected=f"no scheduler there: {detail}",
                ) from None
            return self.client
        self.cluster = LocalCluster(
            n_workers=self.scale.workers or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},  # its metrics server: any free port
            silence_logs=logging.ERROR,
        )
        try:
            self.client = Client(self.cluster)
        except BaseException:
            self.cluster.close()
            raise
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
