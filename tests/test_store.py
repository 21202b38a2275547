"""Tests of realpolitik.store: migrations, atomic idempotent saves, opening errors, queries."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from realpolitik.errors import StoreError, UsageError
from realpolitik.records import Actor, Document, Event, EventDate, Mention, Provenance, Sentence
from realpolitik.store import IngestStats, Store, load_migrations
from realpolitik.store import store as store_module

RUS = Actor("RUSGOV", "RUS", "GOV", "Russian government")
PRK = Actor("PRK", "PRK", None, "North Korea")
KOR = Actor("KORGOV", "KOR", "GOV", "South Korean government")
USA = Actor("USA", "USA", None, "United States")


def make_event(
    doc: Document, source: Actor, target: Actor | None, cameo: str, when: date | None, i: int
) -> Event:
    start = i * 10
    provenance = Provenance(
        doc_id=doc.id,
        sentence_index=i,
        start=start,
        end=start + 9,
        trigger_start=start + 2,
        trigger_end=start + 5,
        coder="test",
        coder_version="0",
        reason="hand-made",
        confidence=0.9,
    )
    event_date = EventDate(when, "day", "text") if when else None
    return Event(source, target, cameo, None, None, 1.0, 1, event_date, provenance, sentence=f"sentence {i}")


def make_doc(text: str, **meta: object) -> Document:
    return Document.from_text(text, **meta)


def save(store: Store, doc: Document, specs: list[tuple[Actor, Actor | None, str, date | None]]) -> bool:
    events = [make_event(doc, s, t, c, d, i) for i, (s, t, c, d) in enumerate(specs)]
    sentences = [Sentence(doc.id, i, i * 10, i * 10 + 9, f"sentence {i}") for i in range(len(specs))]
    mentions = [
        Mention(doc.id, i, i * 10, i * 10 + 3, s.code, s, "test") for i, (s, *_rest) in enumerate(specs)
    ]
    return store.save_document(
        doc, sentences=sentences, mentions=mentions, events=events, coded=True, run_id=None
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "rp.duckdb") as s:
        yield s


def counts(store: Store) -> tuple[int, ...]:
    st = store.stats()
    return tuple(int(st[k]) for k in ("documents", "sentences", "mentions", "events"))


def test_store_migrations_recorded_once_and_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "rp.duckdb"
    with Store(path) as s:
        first = s.con.execute("SELECT name, applied_at FROM schema_migrations").fetchall()
    with Store(path) as s:
        second = s.con.execute("SELECT name, applied_at FROM schema_migrations").fetchall()
        assert s.schema_version == load_migrations()[-1].name
    assert first == second
    assert [name for name, _ in first] == [m.name for m in load_migrations()]


def test_store_read_only_opens_existing_database(tmp_path: Path) -> None:
    path = tmp_path / "rp.duckdb"
    with Store(path) as s:
        save(s, make_doc("Russia met North Korea."), [(RUS, PRK, "040", date(2024, 6, 19))])
    with Store(path, read_only=True) as s:
        assert s.stats()["events"] == 1
        with pytest.raises(StoreError, match="E208"):
            save(s, make_doc("other"), [])


def test_store_save_document_stores_everything(store: Store) -> None:
    doc = make_doc("Putin met Kim.", url="https://example.org/a", published=date(2024, 6, 19))
    assert save(store, doc, [(RUS, PRK, "040", date(2024, 6, 19)), (PRK, None, "010", None)])
    assert store.has_document(doc.id)
    assert counts(store) == (1, 2, 2, 2)
    events = store.events()
    assert list(events["dataset"].unique()) == ["realpolitik"]
    first = events.iloc[0]
    assert first["url"] == "https://example.org/a"
    assert first["sentence_text"] == "sentence 0"
    assert first["source_role"] == "GOV" and first["target_code"] == "PRK"
    assert events.iloc[1]["target_code"] is None and events.iloc[1]["date_origin"] == "unknown"


def test_store_resaving_same_document_is_a_noop(store: Store) -> None:
    doc = make_doc("Putin met Kim.")
    assert save(store, doc, [(RUS, PRK, "040", date(2024, 6, 19))])
    before = counts(store)
    assert not save(store, doc, [(RUS, PRK, "040", date(2024, 6, 19)), (PRK, RUS, "042", None)])
    assert counts(store) == before


def test_store_interrupted_save_leaves_nothing_and_retry_succeeds(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = make_doc("Putin met Kim in Pyongyang.")
    real_insert = Store._insert_rows

    def failing_insert(self: Store, table: str, schema: object, rows: list[dict[str, object]]) -> None:
        if table == "events":
            raise KeyboardInterrupt  # the process is stopped after documents, sentences and mentions
        real_insert(self, table, schema, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_insert_rows", failing_insert)
    with pytest.raises(KeyboardInterrupt):
        save(store, doc, [(RUS, PRK, "040", date(2024, 6, 19))])
    assert not store.has_document(doc.id)
    assert counts(store) == (0, 0, 0, 0)
    monkeypatch.setattr(Store, "_insert_rows", real_insert)
    assert save(store, doc, [(RUS, PRK, "040", date(2024, 6, 19))])
    assert counts(store) == (1, 1, 1, 1)


def test_store_process_killed_mid_save_commits_nothing(tmp_path: Path) -> None:
    path = tmp_path / "rp.duckdb"
    code = (
        "import os\n"
        "from datetime import date\n"
        "from realpolitik.store import Store\n"
        "from tests.test_store import RUS, PRK, make_doc, save\n"
        "real = Store._insert_rows\n"
        "def dying(self, table, schema, rows):\n"
        "    if table == 'events':\n"
        "        os._exit(3)\n"
        "    real(self, table, schema, rows)\n"
        "Store._insert_rows = dying\n"
        f"save(Store({str(path)!r}), make_doc('Putin met Kim.'), [(RUS, PRK, '040', date(2024, 6, 19))])\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    with Store(path) as s:
        assert counts(s) == (0, 0, 0, 0)
        assert save(s, make_doc("Putin met Kim."), [(RUS, PRK, "040", date(2024, 6, 19))])
        assert counts(s) == (1, 1, 1, 1)


def test_store_rejects_records_of_another_document(store: Store) -> None:
    doc, other = make_doc("one"), make_doc("two")
    event = make_event(other, RUS, PRK, "040", None, 0)
    with pytest.raises(ValueError, match="records of document"):
        store.save_document(doc, sentences=[], mentions=[], events=[event], coded=True, run_id=None)
    assert counts(store) == (0, 0, 0, 0)


def test_store_duplicate_events_in_one_document_stored_once(store: Store) -> None:
    doc = make_doc("Putin met Kim.")
    event = make_event(doc, RUS, PRK, "040", None, 0)
    store.save_document(doc, sentences=[], mentions=[], events=[event, event], coded=True, run_id=None)
    assert store.stats()["events"] == 1


def test_store_corrupt_file_gives_store_error_and_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    garbage = b"this is not a database\x00\x01\x02" * 200
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.code == "E201"
    assert str(info.value).startswith(f"E201 {path}: not a realpolitik/DuckDB database")
    assert "\n" not in str(info.value)
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.duckdb"]


def test_store_foreign_duckdb_database_is_refused(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE customers (id INT)")
    con.close()
    with pytest.raises(StoreError, match="E206"):
        Store(path)


def test_store_unwritable_location_gives_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        Store(blocker / "sub" / "rp.duckdb")
    assert info.value.code == "E202" and info.value.exit_code == 1


def test_store_directory_path_gives_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="E202"):
        Store(tmp_path)


def test_store_read_only_missing_file_gives_store_error(tmp_path: Path) -> None:
    path = tmp_path / "missing.duckdb"
    with pytest.raises(StoreError, match="E203"):
        Store(path, read_only=True)
    assert not path.exists()


def test_store_second_writer_gets_locked_error(tmp_path: Path) -> None:
    path = tmp_path / "rp.duckdb"
    code = (
        "import sys\n"
        "from realpolitik.store import Store\n"
        "from realpolitik.errors import StoreError\n"
        "try:\n"
        f"    Store({str(path)!r})\n"
        "except StoreError as e:\n"
        "    print(e.code, e)\n"
    )
    with Store(path):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.startswith("E204 "), out.stdout + out.stderr
    assert "locked by another process" in out.stdout


def test_store_reader_upgrades_an_older_schema_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rp.duckdb"
    Store(path).close()
    extra = tmp_path / "migrations"
    extra.mkdir()
    for m in load_migrations():
        (extra / f"{m.name}.sql").write_text(m.sql)
    (extra / "0099_extra.sql").write_text("CREATE TABLE extra (x INT);")
    monkeypatch.setattr(store_module, "load_migrations", lambda: load_migrations(extra))
    with Store(path, read_only=True) as s:  # a newer realpolitik reading an older database
        assert s.schema_version == "0099_extra"
        assert s.read_only


def test_store_reader_of_an_unwritable_older_database_asks_for_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rp.duckdb"
    Store(path).close()
    extra = tmp_path / "migrations"
    extra.mkdir()
    for m in load_migrations():
        (extra / f"{m.name}.sql").write_text(m.sql)
    (extra / "0099_extra.sql").write_text("CREATE TABLE extra (x INT);")
    monkeypatch.setattr(store_module, "load_migrations", lambda: load_migrations(extra))

    def refuse(p: str, read_only: bool):
        if not read_only:
            raise StoreError("E202", p, detail="read-only file system")
        return real_connect(p, read_only)

    real_connect = store_module._connect
    monkeypatch.setattr(store_module, "_connect", refuse)
    with pytest.raises(StoreError, match="E205"):
        Store(path, read_only=True)


def test_store_failed_migration_is_rolled_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rp.duckdb"
    Store(path).close()
    extra = tmp_path / "migrations"
    extra.mkdir()
    for m in load_migrations():
        (extra / f"{m.name}.sql").write_text(m.sql)
    (extra / "0099_bad.sql").write_text("CREATE TABLE half (x INT); SELECT * FROM no_such_table;")
    monkeypatch.setattr(store_module, "load_migrations", lambda: load_migrations(extra))
    with pytest.raises(StoreError, match="E209"):
        Store(path)
    monkeypatch.undo()
    with Store(path) as s:
        tables = {r[0] for r in s.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert "half" not in tables


def test_store_runs_record_stats(store: Store) -> None:
    run = store.start_run("ingest a.txt")
    assert store.start_run("again") == run + 1
    store.finish_run(run, IngestStats(n_seen=3, n_new=2, n_skipped=1, n_events=5, n_undated=1))
    row = store.con.execute(
        "SELECT status, n_seen, n_new, n_skipped, n_events, n_undated, finished_at IS NOT NULL "
        "FROM ingest_runs WHERE run_id = ?",
        [run],
    ).fetchone()
    assert row == ("done", 3, 2, 1, 5, 1, True)
    assert store.stats()["runs"] == 2


@pytest.fixture
def filled(store: Store) -> Store:
    save(
        store,
        make_doc("doc one"),
        [
            (RUS, PRK, "057", date(2024, 6, 19)),  # RUSGOV -> PRK
            (PRK, RUS, "042", date(2024, 6, 20)),  # PRK -> RUSGOV
            (KOR, RUS, "112", date(2024, 6, 21)),  # KORGOV -> RUSGOV
            (USA, KOR, "051", date(2024, 7, 1)),
            (KOR, None, "010", None),
        ],
    )
    return store


def test_store_events_filter_by_actor_prefix_and_country(filled: Store) -> None:
    assert len(filled.events(actor="RUS")) == 3
    assert len(filled.events(actor="rusgov")) == 3
    assert len(filled.events(actor="KOR")) == 3


def test_store_events_filter_by_dyad_either_direction(filled: Store) -> None:
    one_way = filled.events(dyad=("RUS", "PRK"))
    other_way = filled.events(dyad=("PRK", "RUS"))
    assert list(one_way["cameo"]) == ["057", "042"] == list(other_way["cameo"])


def test_store_events_filter_by_dates_inclusive(filled: Store) -> None:
    got = filled.events(since=date(2024, 6, 20), until=date(2024, 6, 21))
    assert list(got["cameo"]) == ["042", "112"]


def test_store_events_filter_by_code_prefix_and_limit(filled: Store) -> None:
    assert sorted(filled.events(code="05")["cameo"]) == ["051", "057"]
    assert len(filled.events(limit=2)) == 2
    assert len(filled.events(dataset="gdelt1")) == 0


def test_store_events_ordered_by_date_undated_last(filled: Store) -> None:
    assert list(filled.events()["cameo"]) == ["057", "042", "112", "051", "010"]


def test_store_document_by_unique_prefix(filled: Store) -> None:
    doc_id = filled.documents()["doc_id"][0]
    got = filled.document(doc_id[:6])
    assert got is not None and got["doc_id"] == doc_id
    assert len(got["sentences"]) == 5 and len(got["events"]) == 5 and len(got["mentions"]) == 5
    assert filled.document("zzzz") is None


def test_store_document_ambiguous_prefix_is_usage_error(store: Store) -> None:
    for i in range(40):  # 40 ids share a first hex digit with some other one
        save(store, make_doc(f"document number {i}"), [])
    ids = list(store.documents()["doc_id"])
    first = next(i[0] for i in ids if sum(j.startswith(i[0]) for j in ids) > 1)
    with pytest.raises(UsageError, match="E004"):
        store.document(first)


def test_store_stats_and_actor_counts(filled: Store) -> None:
    save(filled, make_doc("ein Dokument", language="de"), [])
    st = filled.stats()
    assert (st["documents"], st["english"], st["non_english"], st["undated"]) == (2, 1, 1, 2)
    assert (st["events"], st["actors"], st["coded"]) == (5, 4, 2)
    assert st["schema_version"] == load_migrations()[-1].name and str(st["db_path"]).endswith("rp.duckdb")
    actors = filled.actor_counts().set_index("code")
    assert actors.loc["RUSGOV", "as_source"] == 1 and actors.loc["RUSGOV", "as_target"] == 2
    assert actors.loc["KORGOV", "total"] == 3
