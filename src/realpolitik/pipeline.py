"""Ingest: read documents, code the new English ones, store each in its own transaction.

The database file is opened for writing only in short windows (``realpolitik.store.access``): the
coder works with the file closed and each batch of coded documents is saved in one window, so the
web app and other readers can query while a long run codes.

Re-running is safe: documents already stored are skipped by content id, and because every
document is committed whole (with its sentences, mentions and events) an interrupted run loses
nothing that was committed and the next run completes the rest.

Before coding, each new document is checked against the stored ones for near-duplicates
(``realpolitik.dedupe.documents``): a near-duplicate is stored, linked to its original, and not
coded.  After each coded document is saved, its events join the event clusters
(``realpolitik.dedupe.clusters``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from typing import TYPE_CHECKING, TextIO, TypeVar

from realpolitik.coder import CodedDocument, Coder
from realpolitik.dedupe.clusters import update_clusters
from realpolitik.dedupe.documents import (
    Duplicate,
    DuplicateIndex,
    Signature,
    save_duplicate,
    save_signature,
    signature,
)
from realpolitik.errors import StoreError
from realpolitik.ingest import InputProblem, iter_documents
from realpolitik.records import Document
from realpolitik.store import IngestStats, Store
from realpolitik.store.access import Database

if TYPE_CHECKING:
    from realpolitik.scale import Scale

ProgressFn = Callable[[int, int, str], None]  # done, total, label
BATCH = 16
T = TypeVar("T")


def ingest(
    paths: Sequence[str],
    store: Store | Database,
    *,
    coder: Callable[[], Coder],
    published: date | None = None,
    stdin: TextIO | None = None,
    max_bytes: int | None = None,
    progress: ProgressFn | None = None,
    scale: Scale | None = None,
) -> IngestStats:
    """Ingest ``paths`` ("-" for stdin) into ``store``; ``coder`` is called once, only if needed.

    Given a ``Database`` (what the CLI passes), the file is opened for writing only in short windows
    (the run's start, each saved batch, its end), so readers can query while the run codes; given an
    open ``Store``, that store is used throughout.

    With ``scale`` (``realpolitik.scale.Scale``), coding runs on Dask workers instead of ``coder``;
    results still come back in input order and are saved here, by this one writer.
    """
    stats = IngestStats()
    docs = _read_documents(paths, stats, published=published, stdin=stdin, max_bytes=max_bytes)
    return ingest_documents(
        docs, store, coder=coder, progress=progress, scale=scale, stats=stats, label=" ".join(paths)
    )


def ingest_documents(
    docs: Sequence[Document],
    store: Store | Database | Window,
    *,
    coder: Callable[[], Coder],
    progress: ProgressFn | None = None,
    scale: Scale | None = None,
    stats: IngestStats | None = None,
    label: str = "documents",
) -> IngestStats:
    """Store and code documents already read (the API's one posted text, a reader's output).

    ``store``: an open ``Store``, a ``Database`` (short write windows), or a callable returning a
    context manager of a writable ``Store`` (the web app's gate).  ``label`` names the run.
    """
    window = _windows(store)
    stats = stats if stats is not None else IngestStats()
    with window() as st:
        run_id = st.start_run(label)
    status = "failed"
    try:
        with window() as st:
            todo = _new_documents(list(docs), st, stats)
            update_clusters(st)  # events stored before clustering existed (no-op otherwise)
            index = DuplicateIndex.load(st) if todo else None
        if index is not None:
            _store_all(todo, window, index, stats, run_id, coder, progress, scale)
        status = "done" if not stats.n_failed else "done with problems"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        try:
            with window() as st:
                st.finish_run(run_id, stats, status)
        except StoreError:
            if status == "done" or status == "done with problems":
                raise
            # the run already failed (e.g. a full disk): report that first error, not this one
    return stats


Window = Callable[[], AbstractContextManager[Store]]


def _windows(target: Store | Database | Window) -> Window:
    """How to get the store for one write window: reuse an open ``Store``, open the ``Database``, or
    call the given opener."""
    if isinstance(target, Store):
        return lambda: nullcontext(target)
    if isinstance(target, Database):
        return target.write
    return target


def _read_documents(paths: Sequence[str], stats: IngestStats, **kw: object) -> list[Document]:
    """Every readable document of ``paths``, once each (problems counted and kept in ``stats``)."""
    seen: set[str] = set()
    docs: list[Document] = []
    kwargs = {k: v for k, v in kw.items() if v is not None}
    for item in iter_documents(paths, **kwargs):  # type: ignore[arg-type]
        if isinstance(item, InputProblem):
            stats.n_failed += 1
            stats.problems.append(str(item))
            continue
        stats.n_seen += 1
        if item.id in seen:
            stats.n_skipped += 1
            continue
        seen.add(item.id)
        docs.append(item)
    return docs


def _new_documents(docs: list[Document], store: Store, stats: IngestStats) -> list[Document]:
    todo = [d for d in docs if not store.has_document(d.id)]
    stats.n_skipped += len(docs) - len(todo)
    return todo


def _store_all(
    todo: list[Document],
    window: Window,
    index: DuplicateIndex,
    stats: IngestStats,
    run_id: int,
    make_coder: Callable[[], Coder],
    progress: ProgressFn | None,
    scale: Scale | None = None,
) -> None:
    originals, copies, signatures = _split_duplicates(todo, index)
    english = [d for d in originals if d.language == "en"]
    others = [d for d in originals if d.language != "en"]
    total, done = len(todo), 0

    def tick(doc: Document) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, doc.title or doc.path or doc.id)

    if others:
        with window() as st:
            for doc in others:
                _save(st, stats, run_id, CodedDocument(doc, [], [], []), coded=False, sig=signatures[doc.id])
                stats.n_non_english += 1
                tick(doc)
    if english:
        results = scale.code(english) if scale is not None else _code_here(make_coder, english)
        for batch in _chunks(results, BATCH):
            with window() as st:
                saved = [
                    c.document.id
                    for c in batch
                    if _save(st, stats, run_id, c, coded=True, sig=signatures[c.document.id]) and c.events
                ]
                if saved:
                    update_clusters(st, saved)
            for coded in batch:
                tick(coded.document)
    if copies:
        with window() as st:
            for doc, dup, sig in copies:  # after their originals, so a link never points to a missing one
                if save_duplicate(st, doc, dup, sig, run_id=run_id):
                    stats.n_new += 1
                    stats.n_duplicates += 1
                    if doc.published is None:
                        stats.n_undated += 1
                else:
                    stats.n_skipped += 1
                if doc.language != "en":
                    stats.n_non_english += 1
                tick(doc)


def _split_duplicates(
    todo: list[Document], index: DuplicateIndex
) -> tuple[list[Document], list[tuple[Document, Duplicate, Signature]], dict[str, Signature]]:
    """Originals (in input order) and near-duplicates of stored or earlier documents, with signatures."""
    originals: list[Document] = []
    copies: list[tuple[Document, Duplicate, Signature]] = []
    signatures: dict[str, Signature] = {}
    for doc in todo:
        sig = signature(doc.text)
        dup = index.find(doc.id, sig)
        if dup is None:
            index.add(doc.id, sig)
            originals.append(doc)
            signatures[doc.id] = sig
        else:
            copies.append((doc, dup, sig))
    return originals, copies, signatures


def _save(
    store: Store, stats: IngestStats, run_id: int, result: CodedDocument, *, coded: bool, sig: Signature
) -> bool:
    """Save one document with its signature; True when it was new (clusters are the caller's)."""
    doc = result.document
    new = store.save_document(
        doc,
        sentences=result.sentences,
        mentions=result.mentions,
        events=result.events,
        coded=coded,
        run_id=run_id,
    )
    if not new:
        stats.n_skipped += 1
        return False
    save_signature(store, doc.id, sig)
    stats.n_new += 1
    stats.n_events += len(result.events)
    if doc.published is None:
        stats.n_undated += 1
    return True


def _code_here(make_coder: Callable[[], Coder], english: list[Document]) -> Iterable[CodedDocument]:
    coder = make_coder()
    for batch in _chunks(english, BATCH):
        yield from coder.code_documents(batch)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
