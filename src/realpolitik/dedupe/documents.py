"""Near-duplicate documents: MinHash signatures of word shingles, an LSH index, links to originals.

Syndicated copies, light rewrites and the same wire story under several outlets are found at ingest:
each document's text becomes a set of word shingles (``SHINGLE_SIZE`` consecutive lower-cased words),
summarised by a MinHash signature (datasketch).  An LSH index over the signatures of the stored
originals proposes candidates; a candidate whose estimated Jaccard similarity reaches ``THRESHOLD``
makes the new document a near-duplicate of it.  A duplicate is stored (``documents``) with its link
(``document_duplicates``: original, similarity) and is not coded.

Signatures persist in ``doc_minhash``; ``DuplicateIndex.load`` rebuilds the index from that table at
the start of a run (computing, once, the signatures of documents stored before the table existed).
Documents with fewer than ``MIN_SHINGLES`` shingles (a sentence or two) are never called duplicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from realpolitik.records import Document

SHINGLE_SIZE = 3
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
THRESHOLD = 0.7  # estimated Jaccard similarity of shingle sets at or above which a text is a duplicate
LSH_SLACK = 0.15  # the LSH index looks for candidates this far below the threshold, then verifies
MIN_SHINGLES = 20

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[bytes]:
    """The set of ``size``-word shingles of ``text`` (words lower-cased, punctuation dropped)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@dataclass(frozen=True, slots=True)
class Signature:
    """A document's MinHash signature and the number of shingles behind it."""

    minhash: MinHash
    n_shingles: int

    @property
    def usable(self) -> bool:
        return self.n_shingles >= MIN_SHINGLES

    def blob(self) -> bytes:
        return np.asarray(self.minhash.hashvalues, dtype="<u4").tobytes()


def signature(text: str) -> Signature:
    """The MinHash signature of ``text`` (deterministic: fixed seed and hash scheme)."""
    grams = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    if grams:
        mh.update_batch(sorted(grams))
    return Signature(mh, len(grams))


def _from_blob(blob: bytes, n_shingles: int) -> Signature:
    values = np.frombuffer(blob, dtype="<u4").astype(np.uint32)
    return Signature(MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, scheme=SCHEME), n_shingles)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """``doc_id`` is a near-duplicate of ``original`` (estimated Jaccard ``similarity``)."""

    doc_id: str
    original: str
    similarity: float


class DuplicateIndex:
    """The LSH index of stored originals, loaded from (and saved to) the store's ``doc_minhash``."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=max(0.05, threshold - LSH_SLACK), num_perm=NUM_PERM)
        self._signatures: dict[str, Signature] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._order)

    @classmethod
    def load(cls, store: Any, threshold: float = THRESHOLD) -> DuplicateIndex:
        """The index of the originals stored in ``store``; signatures missing from ``doc_minhash``
        (documents stored before it existed, or under other settings) are computed and saved."""
        index = cls(threshold)
        con = store.con
        rows = con.execute(
            """
            SELECT d.doc_id, m.signature, m.n_shingles,
                   m.doc_id IS NOT NULL AND m.num_perm = ? AND m.seed = ? AND m.shingle_size = ?
                       AND m.scheme = ? AS current
            FROM documents d
            LEFT JOIN doc_minhash m ON m.doc_id = d.doc_id
            WHERE d.doc_id NOT IN (SELECT doc_id FROM document_duplicates)
            ORDER BY d.ingested_at, d.doc_id
            """,
            [NUM_PERM, SEED, SHINGLE_SIZE, SCHEME],
        ).fetchall()
        for doc_id, blob, n_shingles, current in rows:
            if current:
                sig = _from_blob(blob, int(n_shingles))
            else:
                text = con.execute("SELECT text FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
                sig = signature(text[0] if text and text[0] else "")
                if not store.read_only:
                    save_signature(store, doc_id, sig)
            index.add(doc_id, sig)
        return index

    def add(self, doc_id: str, sig: Signature) -> None:
        """Index an original (documents too short to compare are remembered but not indexed)."""
        if doc_id in self._order:
            return
        self._order[doc_id] = len(self._order)
        self._signatures[doc_id] = sig
        if sig.usable:
            self._lsh.insert(doc_id, sig.minhash)

    def find(self, doc_id: str, sig: Signature) -> Duplicate | None:
        """The original ``doc_id`` duplicates, if any: the most similar indexed document at or above
        the threshold (ties: the one indexed first)."""
        if not sig.usable or doc_id in self._order:
            return None
        best: tuple[float, int, str] | None = None
        for other in self._lsh.query(sig.minhash):
            sim = float(sig.minhash.jaccard(self._signatures[other].minhash))
            if sim < self.threshold:
                continue
            key = (-sim, self._order[other], other)
            if best is None or key < best:
                best = key
        if best is None:
            return None
        return Duplicate(doc_id=doc_id, original=best[2], similarity=round(-best[0], 4))


def save_signature(store: Any, doc_id: str, sig: Signature) -> None:
    """Store (or replace) a document's signature."""
    store.con.execute(
        "INSERT OR REPLACE INTO doc_minhash VALUES (?, ?, ?, ?, ?, ?, ?)",
        [doc_id, NUM_PERM, SEED, SHINGLE_SIZE, SCHEME, sig.n_shingles, sig.blob()],
    )


def save_duplicate(store: Any, doc: Document, dup: Duplicate, sig: Signature, *, run_id: int | None) -> bool:
    """Store ``doc`` as a near-duplicate: its link and signature, then the document, uncoded.

    The link is written first, so a document is never stored without it; a link left by an
    interrupted run points from a document not stored yet and is rewritten when it is.  Returns False
    when the document was already stored.
    """
    con = store.con
    con.execute(
        "INSERT OR REPLACE INTO document_duplicates VALUES (?, ?, ?, ?)",
        [dup.doc_id, dup.original, dup.similarity, run_id],
    )
    save_signature(store, doc.id, sig)
    return bool(store.save_document(doc, sentences=[], mentions=[], events=[], coded=False, run_id=run_id))


def duplicates(store: Any) -> list[Duplicate]:
    """The stored near-duplicates, by original and similarity."""
    rows = store.con.execute(
        "SELECT dd.doc_id, dd.duplicate_of, dd.similarity FROM document_duplicates dd "
        "JOIN documents d ON d.doc_id = dd.doc_id ORDER BY dd.duplicate_of, dd.similarity DESC, dd.doc_id"
    ).fetchall()
    return [Duplicate(doc_id=r[0], original=r[1], similarity=float(r[2])) for r in rows]
