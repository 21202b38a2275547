"""The event store: one DuckDB file holding documents, sentences, mentions, events and ingest runs.

``Store`` is the only code that talks to DuckDB for realpolitik's own data.  Rules it keeps:

* **One writer.**  DuckDB locks the database file: one process at a time may open it for writing, and
  while it does, no other process can open it at all.  A second process gets a ``StoreError``
  ("E204 ... database is locked by another process") instead of a traceback.  Inside one process, use
  ``store.con.cursor()`` for extra (e.g. per-thread) connections to the same database.
* **Atomic documents.**  ``save_document`` writes a document with its sentences, mentions and events in
  one transaction; if anything fails (or the process dies) nothing of that document is committed, so a
  re-run stores it whole.  Document ids are content hashes, so re-ingesting a text is a no-op.
* **Named migrations.**  Opening a store applies pending ``store/migrations/*.sql`` files in name order,
  each in a transaction recorded in ``schema_migrations``.
* **Timestamps** (``ingested_at``, ``started_at`` ...) are UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from realpolitik.errors import StoreError, UsageError
from realpolitik.records import Document, Event, Mention, Sentence
from realpolitik.store.migrate import (
    MigrationError,
    applied_migrations,
    apply_migrations,
    load_migrations,
    pending_migrations,
)
from realpolitik.store.rows import (
    EVENT_SCHEMA,
    MENTION_SCHEMA,
    SENTENCE_SCHEMA,
    check_doc_ids,
    document_row,
    event_rows,
    mention_row,
    sentence_row,
    utc_now,
)

MEMORY = ":memory:"


@dataclass
class IngestStats:
    """Counters of one ingest run (filled by the pipeline, saved by ``Store.finish_run``)."""

    n_seen: int = 0
    n_new: int = 0
    n_skipped: int = 0  # already stored
    n_failed: int = 0
    n_non_english: int = 0
    n_undated: int = 0
    n_events: int = 0
    n_duplicates: int = 0  # near-duplicates of stored documents: stored, linked, not coded
    problems: list[str] = field(default_factory=list)


class Store:
    """A realpolitik DuckDB database (see the module docstring for the rules it keeps)."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path) if str(path) == MEMORY else str(Path(path).expanduser())
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = _connect(self.path, read_only)
        try:
            self._prepare_schema()
        except BaseException:
            self.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------------

    def _prepare_schema(self) -> None:
        con = self.con
        if not applied_migrations(con):
            tables = _user_tables(con)
            if tables:
                raise StoreError("E206", self.path, tables=", ".join(tables[:5]))
        migrations = load_migrations()
        pending = pending_migrations(con, migrations)
        if not pending:
            return
        if self.read_only:
            self._upgrade_then_reopen(pending)
            return
        try:
            apply_migrations(con, migrations)
        except MigrationError as exc:
            raise StoreError("E209", self.path, name=exc.name, detail=exc.detail) from exc

    def _upgrade_then_reopen(self, pending: list[Any]) -> None:
        """A reader found an older schema (a newer realpolitik): upgrade it once with a short write
        connection, then reopen read-only.  When the file cannot be written, say so (E205)."""
        if self._con is not None:
            self._con.close()
            self._con = None
        try:
            writer = _connect(self.path, False)
        except StoreError:
            raise StoreError("E205", self.path, pending=", ".join(m.name for m in pending)) from None
        try:
            apply_migrations(writer, load_migrations())
        except MigrationError as exc:
            raise StoreError("E209", self.path, name=exc.name, detail=exc.detail) from exc
        finally:
            writer.close()
        self._con = _connect(self.path, True)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The raw connection, for importers and analytics that need SQL (mostly reads)."""
        if self._con is None:
            raise RuntimeError("the store is closed")
        return self._con

    @property
    def schema_version(self) -> str | None:
        """Name of the last migration applied (e.g. ``"0001_core"``)."""
        names = applied_migrations(self.con)
        return names[-1] if names else None

    # -- ingest runs -------------------------------------------------------------------------

    def start_run(self, args: str) -> int:
        """Record the start of an ingest run; returns its ``run_id``."""
        self._check_writable("start an ingest run")
        with self._guard():
            row = self.con.execute(
                "INSERT INTO ingest_runs (run_id, started_at, status, args) "
                "VALUES (nextval('ingest_run_seq'), ?, 'running', ?) RETURNING run_id",
                [utc_now(), args],
            ).fetchone()
        assert row is not None
        return int(row[0])

    def finish_run(self, run_id: int, stats: IngestStats, status: str = "done") -> None:
        """Record the end of a run with its counters (``status``: "done", "failed", "interrupted")."""
        self._check_writable("finish an ingest run")
        with self._guard():
            self.con.execute(
                "UPDATE ingest_runs SET finished_at = ?, status = ?, n_seen = ?, n_new = ?, n_skipped = ?, "
                "n_failed = ?, n_non_english = ?, n_events = ?, n_undated = ? WHERE run_id = ?",
                [
                    utc_now(),
                    status,
                    stats.n_seen,
                    stats.n_new,
                    stats.n_skipped,
                    stats.n_failed,
                    stats.n_non_english,
                    stats.n_events,
                    stats.n_undated,
                    run_id,
                ],
            )

    # -- writing documents -------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """True when the document is stored (documents are stored whole or not at all)."""
        with self._guard():
            row = self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row is not None

    def save_document(
        self,
        doc: Document,
        *,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        events: Sequence[Event],
        coded: bool,
        run_id: int | None,
    ) -> bool:
        """Store a document with its sentences, mentions and events in one transaction.

        Returns False and changes nothing when the document is already stored.  Raises ``ValueError``
        when a record belongs to another document, ``StoreError`` when the database write fails; in
        both cases nothing of the document is stored.  Events with the same id are stored once.
        """
        self._check_writable("save documents")
        check_doc_ids(doc, sentences, mentions, events)
        con = self.con
        with self._guard():
            con.begin()
            try:
                if con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc.id]).fetchone():
                    _rollback(con)
                    return False
                con.execute(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    document_row(doc, coded=coded, run_id=run_id),
                )
                self._insert_rows("sentences", SENTENCE_SCHEMA, [sentence_row(s, doc) for s in sentences])
                self._insert_rows("mentions", MENTION_SCHEMA, [mention_row(m, doc) for m in mentions])
                self._insert_rows("events", EVENT_SCHEMA, event_rows(events, doc))
                con.commit()
            except BaseException:
                _rollback(con)
                raise
        return True

    def _insert_rows(self, table: str, schema: pa.Schema, rows: list[dict[str, Any]]) -> None:
        """Bulk-insert ``rows`` (dicts keyed by column) through an Arrow table."""
        if not rows:
            return
        data = pa.Table.from_pylist(rows, schema=schema)
        self.con.register("_realpolitik_rows", data)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _realpolitik_rows")
        finally:
            self.con.unregister("_realpolitik_rows")

    # -- reading -----------------------------------------------------------------------------

    def events(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        since: date | None = None,
        until: date | None = None,
        code: str | None = None,
        dataset: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Events as a data frame, ordered by event date (undated last), document and sentence.

        ``actor`` matches a source or target whose code starts with it or whose country equals it
        ("RUS" matches RUSGOV); ``dyad`` matches events between the two actors in either direction;
        ``code`` is a CAMEO prefix ("05" matches 057); ``since``/``until`` are inclusive.
        """
        where: list[str] = []
        params: list[object] = []
        if actor:
            where.append(f"({_side_match('source')} OR {_side_match('target')})")
            params += [actor.upper()] * 4
        if dyad:
            a, b = dyad[0].upper(), dyad[1].upper()
            src, tgt = _side_match("source"), _side_match("target")
            where.append(f"(({src} AND {tgt}) OR ({src} AND {tgt}))")
            params += [a, a, b, b, b, b, a, a]
        if since:
            where.append("event_date >= ?")
            params.append(since)
        if until:
            where.append("event_date <= ?")
            params.append(until)
        if code:
            where.append("starts_with(cameo, ?)")
            params.append(code)
        if dataset:
            where.append("dataset = ?")
            params.append(dataset)
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date NULLS LAST, doc_id NULLS LAST, sentence_index, trigger_start, event_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._guard():
            return self.con.execute(sql, params).df()

    def documents(self) -> pd.DataFrame:
        """All documents (without their text) with their number of events, by publication date."""
        sql = (
            "SELECT d.doc_id, d.title, d.url, d.source, d.published, d.date_known, d.language, d.is_english, "
            "d.path, d.n_chars, d.coded, d.ingested_at, d.run_id, count(e.event_id) AS n_events "
            "FROM documents d LEFT JOIN events e ON e.doc_id = d.doc_id "
            "GROUP BY ALL ORDER BY d.published NULLS LAST, d.doc_id"
        )
        with self._guard():
            return self.con.execute(sql).df()

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its sentences, mentions and events (``doc_id`` may be a unique prefix).

        Returns None when nothing matches; raises ``UsageError`` (E004) when the prefix is ambiguous.
        """
        with self._guard():
            ids = [r[0] for r in self.con.execute(_PREFIX_SQL, [doc_id, doc_id, doc_id]).fetchall()]
            if not ids:
                return None
            if len(ids) > 1:
                n = self.con.execute(
                    "SELECT count(*) FROM documents WHERE starts_with(doc_id, ?)", [doc_id]
                ).fetchone()
                raise UsageError("E004", doc_id, n=n[0] if n else len(ids))
            full_id = ids[0]
            rows = _dicts(self.con.execute("SELECT * FROM documents WHERE doc_id = ?", [full_id]))
            doc = rows[0]
            for part, order in (
                ("sentences", "sentence_index"),
                ("mentions", "sentence_index, start_char"),
                ("events", "sentence_index, trigger_start, event_id"),
            ):
                doc[part] = _dicts(
                    self.con.execute(f"SELECT * FROM {part} WHERE doc_id = ? ORDER BY {order}", [full_id])
                )
        return doc

    def stats(self) -> dict[str, int | str]:
        """Counts for ``realpolitik stats``: documents, languages, dates, events, actors, runs."""
        with self._guard():
            row = self.con.execute(_STATS_SQL).fetchone()
            assert row is not None
            names = [d[0] for d in self.con.description or []]
            result: dict[str, int | str] = {n: int(v or 0) for n, v in zip(names, row, strict=True)}
        result["db_path"] = self.path
        result["schema_version"] = self.schema_version or ""
        return result

    def actor_counts(self, *, dataset: str | None = None) -> pd.DataFrame:
        """Actors seen as source or target: code, country, a name, counts as source, target, total."""
        filt, params = ("WHERE dataset = ?", [dataset, dataset]) if dataset else ("", [])
        and_ = "AND" if dataset else "WHERE"
        sql = f"""
            WITH sides AS (
                SELECT source_code AS code, source_country AS country, source_name AS name,
                       true AS is_source FROM events {filt} {and_} source_code IS NOT NULL
                UNION ALL
                SELECT target_code, target_country, target_name, false FROM events {filt}
                       {and_} target_code IS NOT NULL
            )
            SELECT code, mode(country) AS country, mode(name) AS name,
                   count(*) FILTER (WHERE is_source) AS as_source,
                   count(*) FILTER (WHERE NOT is_source) AS as_target,
                   count(*) AS total
            FROM sides GROUP BY code ORDER BY total DESC, code
        """
        with self._guard():
            return self.con.execute(sql, params).df()

    # -- helpers -----------------------------------------------------------------------------

    def _check_writable(self, action: str) -> None:
        if self.read_only:
            raise StoreError("E208", self.path, action=action)

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn DuckDB I/O failures (disk full, file gone, ...) into a one-line ``StoreError``."""
        try:
            yield
        except (duckdb.IOException, duckdb.PermissionException) as exc:
            raise StoreError("E207", self.path, detail=first_line(exc)) from exc
        except duckdb.TransactionException as exc:  # a commit that could not be written (disk full)
            if not is_write_failure(exc):
                raise
            raise StoreError("E207", self.path, detail=first_line(exc)) from exc


_PREFIX_SQL = (
    "SELECT doc_id FROM documents WHERE doc_id = ? "
    "UNION ALL SELECT doc_id FROM documents WHERE starts_with(doc_id, ?) AND doc_id <> ? LIMIT 2"
)

_STATS_SQL = """
SELECT
    (SELECT count(*) FROM documents) AS documents,
    (SELECT count(*) FROM documents WHERE is_english) AS english,
    (SELECT count(*) FROM documents WHERE NOT is_english) AS non_english,
    (SELECT count(*) FROM documents WHERE coded) AS coded,
    (SELECT count(*) FROM documents WHERE NOT date_known) AS undated,
    (SELECT count(*) FROM sentences) AS sentences,
    (SELECT count(*) FROM mentions) AS mentions,
    (SELECT count(*) FROM events) AS events,
    (SELECT count(*) FROM events WHERE dataset = 'realpolitik') AS coded_events,
    (SELECT count(DISTINCT code) FROM (
        SELECT source_code AS code FROM events UNION ALL SELECT target_code FROM events
    ) WHERE code IS NOT NULL) AS actors,
    (SELECT count(*) FROM ingest_runs) AS runs
"""


def _side_match(side: str) -> str:
    """SQL matching one side of an event to an actor (two ``?``: code prefix, country)."""
    return f"(starts_with({side}_code, ?) OR {side}_country = ?)"


# -- opening -----------------------------------------------------------------------------------


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open (or create) the database file, turning every failure into a one-line ``StoreError``."""
    if path == MEMORY:
        return duckdb.connect(MEMORY)
    file = Path(path)
    if file.is_dir():
        raise StoreError("E202", path, detail="it is a directory")
    if read_only and not file.exists():
        raise StoreError("E203", path)
    if not read_only:
        _make_parent(file)
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        raise _open_error(path, exc) from exc


def _make_parent(file: Path) -> None:
    """Create the database's folder if needed; a file in the way is a clear ``StoreError``."""
    existing = next((p for p in file.parents if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise StoreError("E202", file, detail=f"{existing} is a file, not a folder")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError("E202", file, detail=exc.strerror or str(exc)) from exc


def _open_error(path: str, exc: duckdb.Error) -> StoreError:
    text = first_line(exc)
    low = text.lower()
    if "not a valid duckdb database" in low:
        return StoreError("E201", path, detail="the file is not in DuckDB format")
    if "lock" in low:  # before "version": the lock message names the holder's path (".../versions/...")
        pid = re.search(r"PID (\d+)", text)
        return StoreError("E204", path, detail=f"held by process {pid.group(1)}" if pid else "file lock")
    if "version" in low and ("storage" in low or "database" in low):
        return StoreError("E201", path, detail=text)
    detail = re.sub(r"^IO Error:\s*", "", text)
    return StoreError("E202", path, detail=detail)


def _user_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def is_write_failure(exc: BaseException) -> bool:
    """A DuckDB error saying the file could not be written (full disk, file size limit, I/O)."""
    if isinstance(exc, duckdb.IOException | duckdb.PermissionException):
        return True
    low = str(exc).lower()
    return isinstance(exc, duckdb.Error) and any(
        w in low for w in ("could not write", "failed to commit", "no space left", "file too large", "disk")
    )


def first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction; a failed commit may already have ended it."""
    with suppress(duckdb.TransactionException):
        con.rollback()


def _dicts(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
