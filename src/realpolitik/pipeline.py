"""Ingest: read documents, code the new English ones, store each in its own transaction.

Re-running is safe: documents already stored are skipped by content id, and because every
document is committed whole (with its sentences, mentions and events) an interrupted run loses
nothing that was committed and the next run completes the rest.

Before coding, each new document is checked against the stored ones for near-duplicates
(``realpolitik.dedupe.documents``): a near-duplicate is stored, linked to its original, and not
coded.  After each coded document is saved, its events join the event clusters
(``realpolitik.dedupe.clusters``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TextIO

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
from realpolitik.ingest import InputProblem, iter_documents
from realpolitik.records import Document
from realpolitik.store import IngestStats, Store

if TYPE_CHECKING:
    from realpolitik.scale import Scale

ProgressFn = Callable[[int, int, str], None]  # done, total, label
BATCH = 16


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    coder: Callable[[], Coder],
    published: date | None = None,
    stdin: TextIO | None = None,
    max_bytes: int | None = None,
    progress: ProgressFn | None = None,
    scale: Scale | None = None,
) -> IngestStats:
    """Ingest ``paths`` ("-" for stdin) into ``store``; ``coder`` is called once, only if needed.

    With ``scale`` (``realpolitik.scale.Scale``), coding runs on Dask workers instead of ``coder``;
    results still come back in input order and are saved here, by this one writer.
    """
    stats = IngestStats()
    run_id = store.start_run(" ".join(paths))
    status = "failed"
    try:
        todo = _new_documents(paths, store, stats, published=published, stdin=stdin, max_bytes=max_bytes)
        _store_all(todo, store, stats, run_id, coder, progress, scale)
        status = "done" if not stats.n_failed else "done with problems"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        store.finish_run(run_id, stats, status)
    return stats


def _new_documents(paths: Sequence[str], store: Store, stats: IngestStats, **kw: object) -> list[Document]:
    seen: set[str] = set()
    todo: list[Document] = []
    kwargs = {k: v for k, v in kw.items() if v is not None}
    for item in iter_documents(paths, **kwargs):  # type: ignore[arg-type]
        if isinstance(item, InputProblem):
            stats.n_failed += 1
            stats.problems.append(str(item))
            continue
        stats.n_seen += 1
        if item.id in seen or store.has_document(item.id):
            stats.n_skipped += 1
            continue
        seen.add(item.id)
        todo.append(item)
    return todo


def _store_all(
    todo: list[Document],
    store: Store,
    stats: IngestStats,
    run_id: int,
    make_coder: Callable[[], Coder],
    progress: ProgressFn | None,
    scale: Scale | None = None,
) -> None:
    update_clusters(store)  # events stored before clustering existed (no-op otherwise)
    if not todo:
        return
    originals, copies, signatures = _split_duplicates(todo, store)
    english = [d for d in originals if d.language == "en"]
    others = [d for d in originals if d.language != "en"]
    total, done = len(todo), 0
    for doc in others:
        _save(store, stats, run_id, CodedDocument(doc, [], [], []), coded=False, sig=signatures[doc.id])
        stats.n_non_english += 1
        done += 1
        if progress:
            progress(done, total, doc.title or doc.path or doc.id)
    if english:
        results = scale.code(english) if scale is not None else _code_here(make_coder, english)
        for coded in results:
            doc = coded.document
            _save(store, stats, run_id, coded, coded=True, sig=signatures[doc.id])
            done += 1
            if progress:
                progress(done, total, doc.title or doc.path or doc.id)
    for doc, dup, sig in copies:  # after their originals, so a link never points to a missing document
        if save_duplicate(store, doc, dup, sig, run_id=run_id):
            stats.n_new += 1
            stats.n_duplicates += 1
            if doc.published is None:
                stats.n_undated += 1
        else:
            stats.n_skipped += 1
        if doc.language != "en":
            stats.n_non_english += 1
        done += 1
        if progress:
            progress(done, total, doc.title or doc.path or doc.id)


def _split_duplicates(
    todo: list[Document], store: Store
) -> tuple[list[Document], list[tuple[Document, Duplicate, Signature]], dict[str, Signature]]:
    """Originals (in input order) and near-duplicates of stored or earlier documents, with signatures."""
    index = DuplicateIndex.load(store)
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
) -> None:
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
        return
    save_signature(store, doc.id, sig)
    if result.events:
        update_clusters(store, [doc.id])
    stats.n_new += 1
    stats.n_events += len(result.events)
    if doc.published is None:
        stats.n_undated += 1


def _code_here(make_coder: Callable[[], Coder], english: list[Document]) -> Iterable[CodedDocument]:
    coder = make_coder()
    for batch in _batches(english, BATCH):
        yield from coder.code_documents(batch)


def _batches(items: list[Document], size: int) -> Iterable[list[Document]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
