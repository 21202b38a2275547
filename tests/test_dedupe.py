"""Near-duplicate documents and event clusters (realpolitik.dedupe), with hand-built events and, once,
the real coder through ``pipeline.ingest`` on the fixture reports in ``fixtures/dedupe``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from realpolitik.analytics import dyad_series, edge_table
from realpolitik.cli_analytics import register
from realpolitik.dedupe import (
    DuplicateIndex,
    cluster_counts,
    rebuild_clusters,
    signature,
    update_clusters,
)
from realpolitik.errors import UsageError
from realpolitik.pipeline import ingest
from realpolitik.records import Actor, Document, Event, EventDate, Provenance
from realpolitik.settings import Settings
from realpolitik.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "dedupe"
RUS = Actor("RUSGOV", "RUS", "GOV", "Russian government")
PRK = Actor("PRK", "PRK", None, "North Korea")
KOR = Actor("KORGOV", "KOR", "GOV", "South Korean government")


@dataclass(frozen=True)
class Spec:
    source: Actor
    target: Actor | None
    cameo: str
    when: date | None
    precision: str = "day"
    location: str | None = None
    confidence: float = 0.8


def make_doc(name: str, published: date, outlet: str) -> Document:
    return Document.from_text(f"Report {name}.", title=name, source=outlet, published=published)


def make_event(doc: Document, spec: Spec, i: int) -> Event:
    provenance = Provenance(
        doc_id=doc.id,
        sentence_index=i,
        start=0,
        end=len(doc.text),
        trigger_start=i,
        trigger_end=i + 1,
        coder="test",
        coder_version="0",
        reason="hand-made",
        confidence=spec.confidence,
    )
    when = EventDate(spec.when, spec.precision, "text") if spec.when else None  # type: ignore[arg-type]
    return Event(
        spec.source,
        spec.target,
        spec.cameo,
        None,
        None,
        1.0,
        1,
        when,
        provenance,
        location=spec.location,
        sentence=f"{doc.title} sentence {i}",
    )


def save(store: Store, doc: Document, specs: list[Spec], *, cluster: bool = True) -> list[str]:
    events = [make_event(doc, s, i) for i, s in enumerate(specs)]
    store.save_document(doc, sentences=[], mentions=[], events=events, coded=True, run_id=None)
    if cluster:
        update_clusters(store, [doc.id])
    return [e.id for e in events]


# The same happenings in four hand-built reports (and one a week later).
D19, D20, D21, D26 = date(2024, 6, 19), date(2024, 6, 20), date(2024, 6, 21), date(2024, 6, 26)
REPORTS: list[tuple[Document, list[Spec]]] = [
    (
        make_doc("wire", D19, "Northern Wire"),
        [Spec(RUS, PRK, "042", D19, location="Pyongyang", confidence=0.7), Spec(RUS, PRK, "057", D19)],
    ),
    (
        make_doc("daily", D20, "Harbour Daily"),
        [Spec(RUS, PRK, "042", D19, confidence=0.9), Spec(RUS, PRK, "057", D20)],
    ),
    (
        make_doc("weekly", D21, "Policy Weekly"),
        [Spec(RUS, PRK, "057", date(2024, 6, 1), precision="month"), Spec(RUS, PRK, "043", D19)],
    ),
    (
        make_doc("later", D26, "Northern Wire"),
        [
            Spec(RUS, PRK, "057", D26),
            Spec(RUS, KOR, "111", D26),
            Spec(RUS, PRK, "042", D26, "day", "Vladivostok"),
        ],
    ),
]


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "rp.duckdb") as s:
        yield s


def clusters_of(store: Store) -> list[tuple[Any, ...]]:
    return store.con.execute(
        "SELECT c.cluster_id, c.cameo, c.event_date, c.n_mentions, c.n_documents, c.n_sources, "
        "c.best_event_id, "
        "list(m.event_id ORDER BY m.event_id), list(m.reason ORDER BY m.event_id) "
        "FROM event_clusters c JOIN event_cluster_members m USING (cluster_id) GROUP BY ALL ORDER BY 1"
    ).fetchall()


def test_reports_collapse_to_events_with_mention_counts(store: Store) -> None:
    ids = [save(store, doc, specs) for doc, specs in REPORTS]
    rows = {r[0]: r for r in clusters_of(store)}
    counts = cluster_counts(store)
    assert counts["mentions"] == 9
    # visit (042 + 043 host) of 06-19, pact (057 x3) of 06-19/20, then 057, 111, 042 of 06-26
    assert counts["clusters"] == 5 == counts["counted"]
    visit = rows[ids[0][0]]
    assert visit[3:6] == (3, 3, 3) and visit[6] == ids[1][0]  # highest confidence is best
    assert sorted(visit[7]) == sorted([ids[0][0], ids[1][0], ids[2][1]])
    pact = rows[ids[0][1]]
    assert pact[3] == 3 and pact[4] == 3 and pact[5] == 3
    reasons = " | ".join(pact[8])
    assert "same dyad RUS-PRK, code 057 = 057, dates 2024-06-19 ~ 2024-06-20 (1 day)" in reasons
    assert "date 2024-06 (month) contains 2024-06-19" in reasons
    assert "codes 043 ~ 042 (same root 04)" in " | ".join(visit[8])
    # a week later: separate events; a different place keeps the 06-26 visit apart anyway
    for eid in ids[3]:
        assert rows[eid][3] == 1
    # the best event carries the counts; the view keeps one row per cluster
    best = store.con.execute(
        "SELECT num_mentions, num_sources FROM events WHERE event_id = ?", [ids[1][0]]
    ).fetchone()
    assert best == (3, 3)
    assert store.con.execute("SELECT count(*) FROM events_counted").fetchone() == (5,)


def test_location_and_window_keep_events_apart(store: Store) -> None:
    doc_a = make_doc("a", D19, "A")
    doc_b = make_doc("b", D20, "B")
    a = save(store, doc_a, [Spec(RUS, PRK, "042", D19, location="Pyongyang"), Spec(RUS, PRK, "190", D19)])
    b = save(
        store,
        doc_b,
        [Spec(RUS, PRK, "042", D20, location="Moscow"), Spec(RUS, PRK, "190", date(2024, 6, 23))],
    )
    member = dict(store.con.execute("SELECT event_id, cluster_id FROM event_cluster_members").fetchall())
    assert member[a[0]] != member[b[0]]  # Pyongyang vs Moscow
    assert member[a[1]] != member[b[1]]  # 4 days apart: outside the 3-day window


def test_clustering_is_incremental_and_order_independent(tmp_path: Path) -> None:
    results = []
    for name, order, step in (("one", [0, 1, 2, 3], 4), ("two", [3, 1, 0, 2], 2), ("each", [2, 0, 3, 1], 1)):
        with Store(tmp_path / f"{name}.duckdb") as s:
            for i in range(0, 4, step):
                chunk = [REPORTS[k] for k in order[i : i + step]]
                for doc, specs in chunk:
                    save(s, doc, specs, cluster=False)
                update_clusters(s, [doc.id for doc, _ in chunk])
            results.append(clusters_of(s))
            assert rebuild_clusters(s) == len(results[-1])
            assert clusters_of(s) == results[-1]  # rebuilding from scratch changes nothing
    assert results[0] == results[1] == results[2]


def test_unclustered_events_are_picked_up(store: Store) -> None:
    for doc, specs in REPORTS:
        save(store, doc, specs, cluster=False)
    assert cluster_counts(store)["clusters"] == 0
    assert store.con.execute("SELECT count(*) FROM events_counted").fetchone() == (9,)
    assert update_clusters(store) > 0
    assert cluster_counts(store)["clusters"] == 5
    assert update_clusters(store) == 0


def test_analytics_count_events_or_mentions(store: Store) -> None:
    for doc, specs in REPORTS:
        save(store, doc, specs)
    # an imported row has no cluster: it counts as its own event
    store.con.execute(
        "INSERT INTO events (event_id, dataset, source_code, source_country, target_code, target_country, "
        "cameo, root, goldstein, quad_class, event_date) "
        "VALUES ('g1', 'gdelt2', 'RUS', 'RUS', 'PRK', 'PRK', '042', '04', 1.9, 1, '2024-06-19')"
    )
    ev = dyad_series(store, "RUS", "PRK", freq="month")
    mn = dyad_series(store, "RUS", "PRK", freq="month", count="mentions")
    assert int(ev["events"].sum()) == 5 and int(mn["events"].sum()) == 9
    edges = edge_table(store, count="events").set_index(["a", "b"])
    assert int(edges.loc[("PRK", "RUS"), "events"]) == 5
    assert int(edge_table(store, count="mentions").set_index(["a", "b"]).loc[("PRK", "RUS"), "events"]) == 9
    with pytest.raises(UsageError):
        dyad_series(store, "RUS", "PRK", count="sentences")  # type: ignore[arg-type]


def test_near_duplicate_index_persists_and_finds_copies(store: Store) -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.md"))}
    wire, copy = texts["01-wire-putin-in-pyongyang.md"], texts["03-syndicated-copy.md"]
    index = DuplicateIndex()
    index.add("wire", signature(wire))
    for name in ("02-daily-pact-signed.md", "04-weekly-analysis.md", "05-week-later-bridge-deal.md"):
        assert index.find(name, signature(texts[name])) is None, name
    dup = index.find("copy", signature(copy))
    assert dup is not None and dup.original == "wire" and dup.similarity >= 0.7
    assert index.find("short", signature("Putin visited Pyongyang.")) is None


def test_clusters_command(store: Store, tmp_path: Path) -> None:
    for doc, specs in REPORTS:
        save(store, doc, specs)
    store.close()
    app = typer.Typer()
    register(app, lambda: Settings(db=tmp_path / "rp.duckdb"))
    runner = CliRunner()
    out = runner.invoke(app, ["clusters", "--format", "csv", "--min-mentions", "2"])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[0].startswith("cluster_id,event_date")
    assert len(out.output.splitlines()) == 3
    out = runner.invoke(app, ["clusters", "--members", "--format", "jsonl", "--actor", "PRK", "--limit", "1"])
    assert out.exit_code == 0 and len(out.output.splitlines()) == 3 and '"reason"' in out.output
    out = runner.invoke(app, ["dyad", "RUS", "PRK", "--count", "mentions", "--format", "csv"])
    assert out.exit_code == 0 and "2024-06-01,8," in out.output  # RUS-PRK in June: 8 mentions
    out = runner.invoke(app, ["dyad", "RUS", "PRK", "--format", "csv"])
    assert "2024-06-01,4," in out.output  # ... of 4 events


# -- end to end, with the real coder --------------------------------------------------------------


def _snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    con = store.con
    return {
        "documents": con.execute("SELECT doc_id, coded FROM documents ORDER BY 1").fetchall(),
        "duplicates": con.execute(
            "SELECT doc_id, duplicate_of, similarity FROM document_duplicates ORDER BY 1"
        ).fetchall(),
        "events": con.execute("SELECT event_id, num_mentions, num_sources FROM events ORDER BY 1").fetchall(),
        "clusters": clusters_of(store),
    }


def _one(store: Store, sql: str, *params: object) -> tuple[Any, ...]:
    row = store.con.execute(sql, list(params)).fetchone()
    assert row is not None
    return row


def test_ingest_end_to_end(coder: Any, tmp_path: Path) -> None:
    files = sorted(FIXTURES.glob("*.md"))
    with Store(tmp_path / "one.duckdb") as one:
        stats = ingest([str(FIXTURES)], one, coder=lambda: coder)
        assert stats.n_new == 5 and stats.n_failed == 0
        copy_id = _one(one, "SELECT doc_id FROM documents WHERE path LIKE '%03-syndicated-copy.md'")[0]
        wire_id = _one(one, "SELECT doc_id FROM documents WHERE path LIKE '%01-wire-putin-in-pyongyang.md'")[
            0
        ]
        dup = _one(
            one, "SELECT duplicate_of, similarity, coded FROM documents_dedupe WHERE doc_id = ?", copy_id
        )
        assert dup[0] == wire_id and dup[1] >= 0.7 and dup[2] is False
        for table in ("sentences", "events"):
            n = one.con.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", [copy_id]).fetchone()
            assert n == (0,), table
        # the pact of 2024-06-19, reported by three outlets, is one event; the deal of 06-27 another
        pact = one.con.execute(
            "SELECT n_mentions, n_documents FROM event_clusters WHERE source_country = 'RUS' "
            "AND target_country = 'PRK' AND root = '05' AND event_date BETWEEN '2024-06-19' AND '2024-06-21'"
        ).fetchall()
        assert len(pact) == 1 and pact[0][1] >= 2
        later = one.con.execute(
            "SELECT n_mentions FROM event_clusters WHERE source_country = 'RUS' AND target_country = 'PRK' "
            "AND event_date = '2024-06-27'"
        ).fetchall()
        assert later == [(1,)]
        counts = cluster_counts(one)
        assert counts["clusters"] < counts["mentions"]
        before = _snapshot(one)
        again = ingest([str(FIXTURES)], one, coder=lambda: coder)
        assert again.n_new == 0 and again.n_skipped == 5
        assert _snapshot(one) == before
    # two runs (the copy arrives in the second, after its original was stored) give the same result
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for f in files:
        shutil.copy(f, (first if f.name[:2] in ("01", "05") else second) / f.name)
    with Store(tmp_path / "two.duckdb") as two:
        ingest([str(first)], two, coder=lambda: coder)
        ingest([str(second)], two, coder=lambda: coder)
        assert _snapshot(two) == before


def test_signatures_of_documents_stored_earlier_are_backfilled(store: Store) -> None:
    wire = (FIXTURES / "01-wire-putin-in-pyongyang.md").read_text(encoding="utf-8")
    copy = (FIXTURES / "03-syndicated-copy.md").read_text(encoding="utf-8")
    original = Document.from_text(wire, source="Northern Wire")
    store.save_document(original, sentences=[], mentions=[], events=[], coded=True, run_id=None)
    assert store.con.execute("SELECT count(*) FROM doc_minhash").fetchone() == (0,)
    index = DuplicateIndex.load(store)
    assert len(index) == 1
    assert store.con.execute("SELECT doc_id FROM doc_minhash").fetchall() == [(original.id,)]
    again = DuplicateIndex.load(store)  # now read from the table
    dup = again.find("copy", signature(copy))
    assert dup is not None and dup.original == original.id


def test_dedupe_codes_of_one_family_join_only_when_one_refines_the_other():
    from realpolitik.dedupe.clusters import compatible_codes

    assert (
        compatible_codes("040", "042") and compatible_codes("023", "0231") and compatible_codes("057", "057")
    )
    assert not compatible_codes("051", "054") and not compatible_codes("042", "046")
