"""Tests of the web app (realpolitik.web): every page and its JSON twin, the write token, static files.

The store is built from hand-made records (no spaCy); ``build_store`` is shared with the report,
export and browser tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from realpolitik.coder import CodedDocument
from realpolitik.records import Actor, Document, Event, EventDate, Mention, Provenance, Sentence
from realpolitik.store import Store
from realpolitik.web.app import create_app

RUS = Actor("RUSGOV", "RUS", "GOV", "Russian government")
PRK = Actor("PRK", "PRK", None, "North Korea")
KOR = Actor("KORGOV", "KOR", "GOV", "South Korean government")
USA = Actor("USA", "USA", None, "United States")

# (title, published, sentences); a sentence is (text, mentions, events); a mention is (words, actor);
# an event is (trigger words, source, target, cameo, goldstein, quad class, date)
Spec = tuple[str, date, list[tuple[str, list[tuple[str, Actor]], list[tuple[Any, ...]]]]]
CORPUS: list[Spec] = [
    (
        "Moscow and Pyongyang sign a treaty",
        date(2023, 3, 1),
        [
            (
                "Russia signed a friendship treaty with North Korea on Wednesday.",
                [("Russia", RUS), ("North Korea", PRK)],
                [("signed", RUS, PRK, "057", 8.0, 1, date(2023, 3, 1))],
            ),
            (
                "Russia also criticised South Korea over its drills.",
                [("Russia", RUS), ("South Korea", KOR)],
                [("criticised", RUS, KOR, "111", -2.0, 3, date(2023, 3, 1))],
            ),
        ],
    ),
    (
        "Putin visits Pyongyang <script>alert(1)</script>",
        date(2024, 6, 19),
        [
            (
                "Russia visited North Korea for a summit.",
                [("Russia", RUS), ("North Korea", PRK)],
                [("visited", RUS, PRK, "042", 1.9, 1, date(2024, 6, 19))],
            ),
            (
                "The United States condemned Russia for the visit.",
                [("The United States", USA), ("Russia", RUS)],
                [("condemned", USA, RUS, "122", -2.0, 3, date(2024, 6, 20))],
            ),
            (
                "South Korea met the United States in July.",
                [("South Korea", KOR), ("the United States", USA)],
                [("met", KOR, USA, "040", 1.0, 1, date(2024, 7, 2))],
            ),
        ],
    ),
]


def build_document(spec: Spec) -> CodedDocument:
    title, published, sentences = spec
    text = " ".join(s[0] for s in sentences)
    doc = Document.from_text(text, title=title, published=published, source="test wire")
    records: list[Sentence] = []
    mentions: list[Mention] = []
    events: list[Event] = []
    offset = 0
    for i, (sent, ments, evs) in enumerate(sentences):
        records.append(Sentence(doc.id, i, offset, offset + len(sent), sent))
        for words, actor in ments:
            start = offset + sent.index(words)
            mentions.append(Mention(doc.id, i, start, start + len(words), words, actor, "hand-made"))
        for words, src, tgt, cameo, goldstein, quad, when in evs:
            start = offset + sent.index(words)
            prov = Provenance(
                doc.id, i, offset, offset + len(sent), start, start + len(words), "test", "0",
                f"verb '{words}' matched {cameo} (hand-made)", 0.9,
            )  # fmt: skip
            events.append(
                Event(
                    src,
                    tgt,
                    cameo,
                    None,
                    None,
                    goldstein,
                    quad,
                    EventDate(when, "day", "text"),
                    prov,
                    sentence=sent,
                )
            )
        offset += len(sent) + 1
    return CodedDocument(doc, records, mentions, events)


def build_store(path: Path) -> list[CodedDocument]:
    """A store holding the hand-made corpus; returns the documents."""
    coded = [build_document(spec) for spec in CORPUS]
    with Store(path) as store:
        for c in coded:
            store.save_document(
                c.document,
                sentences=c.sentences,
                mentions=c.mentions,
                events=c.events,
                coded=True,
                run_id=None,
            )
    return coded


class FakeCoder:
    """Codes any text as one event RUS -> PRK (so the write endpoint is tested without spaCy)."""

    def code_document(self, doc: Document) -> CodedDocument:
        spec: Spec = (doc.title or "", doc.published or date(2024, 1, 1), [])
        coded = build_document(spec)
        sentence = Sentence(doc.id, 0, 0, len(doc.text), doc.text)
        prov = Provenance(doc.id, 0, 0, len(doc.text), 0, 4, "fake", "0", "fake coder", 0.5)
        when = EventDate(doc.published or date(2024, 1, 1), "day", "publication")
        event = Event(RUS, PRK, "040", None, None, 1.0, 1, when, prov, sentence=doc.text)
        return CodedDocument(doc, [sentence], coded.mentions, [event])

    def code_documents(self, docs: list[Document]) -> list[CodedDocument]:
        return [self.code_document(d) for d in docs]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "web.duckdb"
    build_store(path)
    return path


@pytest.fixture
def client(db: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.delenv("REALPOLITIK_TOKEN", raising=False)
    return TestClient(create_app(db))


def doc_id(client: TestClient, title_start: str) -> str:
    docs = client.get("/api/documents").json()
    return next(d["doc_id"] for d in docs if d["title"].startswith(title_start))


# -- JSON endpoints --------------------------------------------------------------------------------


def test_web_api_overview_filters(client: TestClient) -> None:
    everything = client.get("/api/overview").json()
    assert everything["total"] == 5 and everything["stats"]["documents"] == 2
    assert sum(p["events"] for p in everything["timeline"]) == 5
    assert client.get("/api/overview", params={"actor": "USA"}).json()["total"] == 2
    assert client.get("/api/overview", params={"a": "RUS", "b": "PRK"}).json()["total"] == 2
    assert client.get("/api/overview", params={"code": "04"}).json()["total"] == 2
    since = client.get("/api/overview", params={"since": "2024-01-01", "until": "2024-06-30"}).json()
    assert since["total"] == 2 and {p["label"] for p in since["timeline"]} == {"2024-06"}
    assert client.get("/api/overview", params={"since": "yesterday"}).status_code == 400
    assert client.get("/api/overview", params={"a": "RUS"}).status_code == 400
    assert client.get("/api/overview", params={"code": "x'"}).status_code == 400


def test_web_api_actors_and_actor(client: TestClient) -> None:
    codes = {r["code"] for r in client.get("/api/actors").json()}
    assert codes == {"RUSGOV", "PRK", "KORGOV", "USA"}
    rus = client.get("/api/actors/RUS").json()
    assert rus["total"] == 4
    assert [p["actor"] for p in rus["partners"]] == ["PRK"]
    assert {p["actor"] for p in rus["adversaries"]} == {"KOR", "USA"}
    assert set(rus["series"]) == {"PRK", "KOR", "USA"}
    assert client.get("/api/actors/FRA").status_code == 404
    assert client.get("/api/actors/R-1").status_code == 422
    assert client.get("/api/actors/---REB").status_code == 404  # a stateless code is a valid name
    assert client.get("/api/actors/R%2F..").status_code == 404


def test_web_api_dyad_has_events_behind_each_point(client: TestClient) -> None:
    d = client.get("/api/dyads/RUS/PRK").json()
    assert d["total"] == 2 and d["freq"] == "month"
    assert len(d["points"]) == 16  # every month from 2023-03 to 2024-06, empty ones too
    assert [p["label"] for p in d["points"] if p["events"]] == ["2023-03", "2024-06"]
    assert [e["cameo"] for p in d["points"] for e in p["events_behind"]] == ["057", "042"]
    assert d["points"][0]["events_behind"][0]["sentence"].startswith("Russia signed")
    assert len(d["balance"]) == 2
    assert client.get("/api/dyads/RUS/FRA").status_code == 404


def test_web_api_network_windows_with_blocs(client: TestClient) -> None:
    n = client.get("/api/network").json()
    assert [w["label"] for w in n["windows"]] == ["2023", "2024"]
    last = n["windows"][-1]
    assert {e["a"] + e["b"] for e in last["edges"]} == {"PRKRUS", "RUSUSA", "KORUSA"}
    assert all(isinstance(node["bloc"], int) for node in last["nodes"])
    assert client.get("/api/network", params={"years": 5}).json()["windows"][0]["label"] == "2023–2027"
    assert client.get("/api/network", params={"years": 0}).status_code == 422


def test_web_api_documents_and_document(client: TestClient) -> None:
    docs = client.get("/api/documents").json()
    assert [d["n_events"] for d in docs] == [2, 3]
    one = client.get(f"/api/documents/{doc_id(client, 'Putin')}").json()
    assert one["text"].startswith("Russia visited North Korea")
    assert len(one["mentions"]) == 6 and len(one["events"]) == 3
    assert one["events"][0]["reason"] == "verb 'visited' matched 042 (hand-made)"
    assert client.get(f"/api/documents/{one['doc_id'][:6]}").json()["doc_id"] == one["doc_id"]
    assert client.get("/api/documents/ffffffffffff").status_code == 404
    assert client.get("/api/documents/not-hex").status_code == 422


def test_web_api_search(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "north KOREA"}).json()
    assert hits["total"] == 2 and len(hits["documents"]) == 2
    assert client.get("/api/search", params={"q": "100%_"}).json()["total"] == 0
    assert client.get("/api/search").json()["total"] == 0


def test_web_openapi_documents_every_api_route_and_no_docs_ui(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    expected = {
        "/api/overview", "/api/actors", "/api/actors/{code}", "/api/dyads/{a}/{b}", "/api/network",
        "/api/documents", "/api/documents/{doc_id}", "/api/search",
    }  # fmt: skip
    assert expected <= paths
    assert "post" in schema["paths"]["/api/documents"]
    assert not any(not p.startswith("/api/") for p in paths)
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


# -- pages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("/", 'class="chart bars"'),
        ("/?actor=USA", "2 events"),
        ("/?actor=&a=&b=&code=&since=&until=", "5 events"),
        ("/actors", "/actors/RUSGOV"),
        ("/actors/RUS", 'class="chart lines"'),
        ("/dyads/RUS/PRK", 'id="p-2023-03-01"'),
        ("/network", 'id="window-slider"'),
        ("/documents", "Moscow and Pyongyang sign a treaty"),
        ("/search?q=summit", "Russia visited North Korea for a summit."),
    ],
)
def test_web_pages_render(client: TestClient, url: str, needle: str) -> None:
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert needle in r.text
    assert "<script>alert" not in r.text


def test_web_document_page_highlights_mentions_triggers_and_reasons(client: TestClient) -> None:
    r = client.get(f"/documents/{doc_id(client, 'Putin')}")
    assert r.status_code == 200
    assert '<mark class="mention"' in r.text and '<mark class="trigger"' in r.text
    assert ">visited</mark>" in r.text
    assert "verb &#39;condemned&#39; matched 122 (hand-made)" in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text


def test_web_missing_pages_are_404(client: TestClient) -> None:
    assert client.get("/actors/FRA").status_code == 404
    assert client.get("/dyads/FRA/DEU").status_code == 404
    assert client.get("/documents/abcdef12").status_code == 404


# -- files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e/app.py",
        "/static/../templates/base.html",
        "/static//etc/passwd",
        "/etc/passwd",
    ],
)
def test_web_no_path_traversal(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert "root:" not in r.text and "create_app" not in r.text


def test_web_static_files_served(client: TestClient) -> None:
    assert client.get("/static/app.js").status_code == 200
    assert "svg.chart" in client.get("/static/style.css").text


def test_web_missing_database_is_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REALPOLITIK_TOKEN", raising=False)
    c = TestClient(create_app(tmp_path / "none.duckdb"))
    r = c.get("/api/overview")
    assert r.status_code == 503 and "E203" in r.json()["detail"]
    assert not (tmp_path / "none.duckdb").exists()


# -- writing ---------------------------------------------------------------------------------------

TEXT = {
    "text": "President Vladimir Putin praised the leader of North Korea during a visit to Pyongyang "
    "on Sunday, "
    "and the two governments promised to deepen their cooperation.",
    "title": "Praise",
    "published": "2024-09-01",
}


def test_web_post_without_configured_token_is_403(client: TestClient) -> None:
    r = client.post("/api/documents", json=TEXT, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403
    assert len(client.get("/api/documents").json()) == 2


def test_web_post_needs_the_right_token(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REALPOLITIK_TOKEN", raising=False)
    c = TestClient(create_app(db, token="s3cret", coder_factory=FakeCoder))
    assert c.post("/api/documents", json=TEXT).status_code == 401
    assert c.post("/api/documents", json=TEXT, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.post("/api/documents", json=TEXT, headers={"Authorization": "s3cret"}).status_code == 401
    assert len(c.get("/api/documents").json()) == 2
    ok = c.post("/api/documents", json=TEXT, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201
    body = ok.json()
    assert body["new"] and body["coded"] and body["events"] == 1
    assert len(c.get("/api/documents").json()) == 3
    assert c.get(f"/api/documents/{body['doc_id']}").json()["title"] == "Praise"
    again = c.post("/api/documents", json=TEXT, headers={"Authorization": "Bearer s3cret"}).json()
    assert again == {**body, "new": False, "events": 0}
    bad = c.post("/api/documents", json={"text": ""}, headers={"Authorization": "Bearer s3cret"})
    assert bad.status_code == 422


def test_web_post_near_duplicate_is_linked_not_coded(db: Path) -> None:
    # A posted text goes through the same pipeline as `realpolitik ingest`: a syndicated copy of a
    # stored article is stored and linked, not coded again (so it cannot double the events).
    c = TestClient(create_app(db, token="t", coder_factory=FakeCoder))
    auth = {"Authorization": "Bearer t"}
    story = (
        "President Vladimir Putin praised the leader of North Korea during a visit to Pyongyang on "
        "Wednesday, and the two governments signed a treaty on mutual defence and economic cooperation "
        "that officials in Moscow described as a turning point for relations between the two states."
    )
    first = c.post("/api/documents", json={"text": story, "published": "2024-06-19"}, headers=auth).json()
    copy = c.post(
        "/api/documents", json={"text": story + " (Reuters)", "published": "2024-06-19"}, headers=auth
    ).json()
    assert first["coded"] and first["events"] == 1
    assert copy["new"] and not copy["coded"] and copy["events"] == 0
    assert copy["doc_id"] != first["doc_id"]


def test_web_post_non_english_is_stored_uncoded(db: Path) -> None:
    c = TestClient(create_app(db, token="t", coder_factory=FakeCoder))
    text = "Der russische Präsident besuchte am Mittwoch Pjöngjang und traf dort die nordkoreanische Führung."
    r = c.post("/api/documents", json={"text": text}, headers={"Authorization": "Bearer t"})
    assert r.status_code == 201 and r.json()["coded"] is False and r.json()["events"] == 0
    assert c.get(f"/api/documents/{r.json()['doc_id']}").json()["language"] != "en"


def test_web_token_from_environment(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REALPOLITIK_TOKEN", "from-env")
    c = TestClient(create_app(db, coder_factory=FakeCoder))
    assert c.post("/api/documents", json=TEXT, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert (
        c.post("/api/documents", json=TEXT, headers={"Authorization": "Bearer from-env"}).status_code == 201
    )


def test_web_reads_do_not_lock_out_other_readers(db: Path, client: TestClient) -> None:
    with Store(db, read_only=True) as other:  # e.g. `realpolitik events` while the server runs
        assert client.get("/api/overview").status_code == 200
        assert other.stats()["events"] == 5


def test_web_cli_registers_commands() -> None:
    import typer
    from typer.testing import CliRunner

    from realpolitik.settings import Settings
    from realpolitik.web.cli import register

    app = typer.Typer()
    register(app, Settings.from_env)
    out = CliRunner().invoke(app, ["--help"]).output
    assert all(name in out for name in ("serve", "report", "export"))
    assert "--port" in CliRunner().invoke(app, ["serve", "--help"]).output


def test_web_dyad_api_reports_events_and_mentions(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    build_store(db)
    body = TestClient(create_app(db)).get("/api/dyads/RUS/PRK").json()
    assert body["total_mentions"] >= body["total_events"] >= 1
    assert all({"events", "mentions"} <= set(p) for p in body["balance"])


def test_cached_answers_follow_writes_by_another_writer(client: TestClient, db: Path) -> None:
    # The web app caches answers until the database changes; a document saved by someone else (an
    # ingest in another process; here a plain Store) must show on the next request, not the cached one.
    before = client.get("/api/documents").json()
    assert client.get("/api/documents").json() == before  # served from the cache
    coded = FakeCoder().code_document(Document.from_text("Russia praised North Korea.", title="New"))
    with Store(db) as store:
        store.save_document(
            coded.document,
            sentences=coded.sentences,
            mentions=coded.mentions,
            events=coded.events,
            coded=True,
            run_id=None,
        )
    after = client.get("/api/documents").json()
    assert len(after) == len(before) + 1
    assert "New" in {d["title"] for d in after}
