"""The web app against hostile input: body size and write rate limits, the token on every write route,
malformed parameters and bodies, and each finding of the API fuzz test (tests/test_api_fuzz.py) kept as
an explicit case.

Requests that an HTTP client library refuses to send (a one-megabyte URL, a Content-Length that lies)
go straight to the ASGI app through ``asgi``.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from realpolitik.web import limits
from realpolitik.web.app import create_app
from test_web import FakeCoder, build_store

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = {"text": "Russia praised North Korea on Sunday.", "title": "Praise", "published": "2024-09-01"}
MEGABYTE = 1024 * 1024
CONTROL = "".join(map(chr, range(32))) + "\x7f\x85\u2028\ufeff"


@pytest.fixture
def web_db(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.duckdb"
    build_store(path)
    return path


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "REALPOLITIK_TOKEN",
        "REALPOLITIK_MAX_BODY",
        "REALPOLITIK_WRITE_RATE",
        "REALPOLITIK_WRITE_BURST",
    ):
        monkeypatch.delenv(name, raising=False)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(db: Path, **kwargs: Any) -> FastAPI:
    kwargs.setdefault("write_rate", "off")
    return create_app(db, token=kwargs.pop("token", TOKEN), coder_factory=FakeCoder, **kwargs)


def asgi(
    app: Any,
    method: str,
    path: str,
    *,
    query: bytes = b"",
    chunks: list[bytes] | None = None,
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
    client: tuple[str, int] = ("127.0.0.1", 40000),
) -> tuple[int, dict[str, str], bytes, int]:
    """One request straight into the ASGI app: (status, headers, body, body chunks the app pulled)."""
    parts = chunks or [b""]
    pending = [
        {"type": "http.request", "body": c, "more_body": i < len(parts) - 1} for i, c in enumerate(parts)
    ]
    pulled = 0
    sent: list[dict[str, Any]] = []
    pairs = list(headers.items()) if isinstance(headers, dict) else list(headers or [])

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        if pending:
            pulled += 1
            return pending.pop(0)
        await asyncio.sleep(0)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("utf-8", "surrogateescape"),
        "query_string": query,
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode("latin-1")) for k, v in pairs],
        "client": client,
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body, pulled


def one_line_error(body: bytes) -> str:
    """The app's error shape: one line of JSON, {"detail": "..."}; returns the detail."""
    text = body.decode()
    assert "\n" not in text
    parsed = json.loads(text)
    assert set(parsed) == {"detail"} and isinstance(parsed["detail"], str)
    return parsed["detail"]


def n_documents(app: FastAPI) -> int:
    return len(TestClient(app).get("/api/documents").json())


# -- the token on every write route ----------------------------------------------------------------


def write_routes(app: FastAPI) -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        for method in sorted(getattr(route, "methods", None) or ()):
            if method not in {"GET", "HEAD"}:
                found.append((method, re.sub(r"\{[^}]+\}", "abcd1234", route.path)))  # type: ignore[attr-defined]
    return found


def test_every_write_route_needs_the_token(web_db: Path) -> None:
    app = make(web_db)
    routes = write_routes(app)
    assert ("POST", "/api/documents") in routes  # the walk sees the routes it is meant to guard
    client = TestClient(app)
    for method, path in routes:
        bare = client.request(method, path, json={})
        assert bare.status_code in {401, 403}, (method, path, bare.status_code)
        wrong = client.request(method, path, json={}, headers={"Authorization": "Bearer not-the-token"})
        assert wrong.status_code == 401, (method, path, wrong.status_code)
        for header in ("Bearer", "Bearer ", f"Basic {TOKEN}", TOKEN, f"Bearer {TOKEN}x"):
            r = client.request(method, path, json=TEXT, headers={"Authorization": header})
            assert r.status_code == 401, (method, path, header, r.status_code)
    assert n_documents(app) == 2


def test_every_write_route_is_closed_on_a_read_only_server(web_db: Path) -> None:
    app = make(web_db, token=None)
    client = TestClient(app)
    for method, path in write_routes(app):
        assert client.request(method, path, json={}, headers=AUTH).status_code == 403, (method, path)


def test_openapi_declares_bearer_auth_on_writes(web_db: Path) -> None:
    schema = TestClient(make(web_db)).get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert schema["paths"]["/api/documents"]["post"]["security"] == [{"HTTPBearer": []}]


# -- body size -------------------------------------------------------------------------------------


def test_huge_json_body_is_413_before_it_is_read(web_db: Path) -> None:
    app = make(web_db)
    huge = json.dumps({**TEXT, "text": "Russia praised North Korea. " * 120_000}).encode()  # 3.4 MB
    assert len(huge) > limits.DEFAULT_MAX_BODY
    r = TestClient(app).post(
        "/api/documents", content=huge, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert r.status_code == 413
    assert "larger than the limit of 2097152 bytes" in one_line_error(r.content)
    assert r.headers["content-type"] == "application/json"
    # with an honest Content-Length the body is refused without reading any of it
    status, _, _, pulled = asgi(
        app, "POST", "/api/documents", chunks=[huge], headers={**AUTH, "Content-Length": str(len(huge))}
    )
    assert status == 413 and pulled == 0
    assert n_documents(app) == 2


def test_streamed_body_without_content_length_is_counted(web_db: Path) -> None:
    app = make(web_db, max_body=1000)

    def pieces():
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 100
        yield b'"}'

    r = TestClient(app).post(
        "/api/documents", content=pieces(), headers={**AUTH, "Content-Type": "application/json"}
    )
    assert r.status_code == 413 and "1000 bytes" in one_line_error(r.content)
    # the same straight into the app, in chunks and with no Content-Length at all: it stops pulling early
    status, _, _, pulled = asgi(app, "POST", "/api/documents", chunks=[b"x" * 400] * 50, headers=AUTH)
    assert status == 413 and pulled == 3
    assert n_documents(app) == 2


@pytest.mark.parametrize(
    ("declared", "size", "status"),
    [
        ("10", 5 * MEGABYTE, 413),  # a small Content-Length cannot smuggle a huge body in
        ("10", 200, 400),  # longer than declared
        ("5000", 200, 400),  # shorter than declared
        ("-1", 200, 400),
        ("1e3", 200, 400),
        ("99999999999999999999999999", 200, 413),
        ("9" * 5000, 200, 413),  # more digits than int() takes
        ("0" * 5000 + "200", 200, 413),  # a small number, but no sensible header
        ("abc", 200, 400),
    ],
)
def test_wrong_content_length(web_db: Path, declared: str, size: int, status: int) -> None:
    app = make(web_db)
    body = json.dumps({"text": "x" * size}).encode()
    got, _, raw, _ = asgi(
        app,
        "POST",
        "/api/documents",
        chunks=[body],
        headers={**AUTH, "Content-Type": "application/json", "Content-Length": declared},
    )
    assert got == status
    one_line_error(raw)
    assert n_documents(app) == 2


def test_two_different_content_lengths_are_400(web_db: Path) -> None:
    app = make(web_db)
    raw = json.dumps(TEXT).encode()
    headers = [*AUTH.items(), ("Content-Type", "application/json")]
    lengths = [("Content-Length", str(len(raw))), ("Content-Length", "2")]
    status, _, body, _ = asgi(app, "POST", "/api/documents", chunks=[raw], headers=headers + lengths)
    assert status == 400 and "Content-Length" in one_line_error(body)
    same = [("Content-Length", str(len(raw)))] * 2  # repeated but equal is no contradiction
    assert asgi(app, "POST", "/api/documents", chunks=[raw], headers=headers + same)[0] == 201


def test_body_limit_is_configurable(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = json.dumps({"text": "x" * 150}).encode()
    headers = {**AUTH, "Content-Type": "application/json"}
    assert (
        TestClient(make(web_db, max_body=100))
        .post("/api/documents", content=small, headers=headers)
        .status_code
        == 413
    )
    assert (
        TestClient(make(web_db, max_body=1000))
        .post("/api/documents", content=small, headers=headers)
        .status_code
        == 201
    )
    monkeypatch.setenv("REALPOLITIK_MAX_BODY", "100")
    assert TestClient(make(web_db)).post("/api/documents", content=small, headers=headers).status_code == 413
    monkeypatch.setenv("REALPOLITIK_MAX_BODY", "1k")
    assert TestClient(make(web_db)).post("/api/documents", content=small, headers=headers).status_code == 201
    monkeypatch.setenv("REALPOLITIK_MAX_BODY", "lots")
    with pytest.raises(ValueError, match="body limit"):
        make(web_db)
    with pytest.raises(ValueError):
        make(web_db, max_body=0)


def test_reads_are_not_body_limited(web_db: Path) -> None:
    app = make(web_db, max_body=10)
    status, _, _, _ = asgi(app, "GET", "/api/actors", chunks=[b"x" * 1000])
    assert status == 200


# -- write rate ------------------------------------------------------------------------------------


def test_write_rate_limit_gives_429_with_retry_after(web_db: Path) -> None:
    clock = Clock()
    app = make(web_db, write_rate="3/minute", clock=clock)
    client = TestClient(app)
    texts = [{**TEXT, "text": f"{TEXT['text']} Number {i}."} for i in range(6)]
    assert [client.post("/api/documents", json=t, headers=AUTH).status_code for t in texts[:3]] == [201] * 3
    limited = client.post("/api/documents", json=texts[3], headers=AUTH)
    assert limited.status_code == 429 and limited.headers["retry-after"] == "20"
    assert "too many writes" in one_line_error(limited.content)
    assert all(client.get("/api/overview").status_code == 200 for _ in range(40))  # reads are not limited
    clock.now += 19.0
    assert client.post("/api/documents", json=texts[3], headers=AUTH).headers["retry-after"] == "1"
    clock.now += 1.5
    assert client.post("/api/documents", json=texts[3], headers=AUTH).status_code == 201
    assert client.post("/api/documents", json=texts[4], headers=AUTH).status_code == 429
    assert n_documents(app) == 6


def test_write_rate_is_per_client(web_db: Path) -> None:
    clock = Clock()
    app = make(web_db, write_rate="60/minute", write_burst=1, clock=clock)
    here, there = TestClient(app, client=("10.0.0.1", 1)), TestClient(app, client=("10.0.0.2", 1))
    bad = {"Authorization": "Bearer guess"}
    # wrong tokens count against the address they come from: random tokens buy no fresh buckets
    assert here.post("/api/documents", json=TEXT, headers=bad).status_code == 401
    assert (
        here.post("/api/documents", json=TEXT, headers={"Authorization": "Bearer guess2"}).status_code == 429
    )
    assert here.post("/api/documents", json={}).status_code == 429
    assert there.post("/api/documents", json=TEXT, headers=bad).status_code == 401
    # the right token is its own client, wherever it comes from
    assert here.post("/api/documents", json=TEXT, headers=AUTH).status_code == 201
    assert there.post("/api/documents", json=TEXT, headers=AUTH).status_code == 429
    clock.now += 1.0
    assert there.post("/api/documents", json=TEXT, headers=AUTH).status_code == 201


def test_write_rate_from_environment(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REALPOLITIK_WRITE_RATE", "2/hour")
    monkeypatch.setenv("REALPOLITIK_WRITE_BURST", "1")
    client = TestClient(create_app(web_db, token=TOKEN, coder_factory=FakeCoder, clock=Clock()))
    assert client.post("/api/documents", json=TEXT, headers=AUTH).status_code == 201
    r = client.post("/api/documents", json=TEXT, headers=AUTH)
    assert r.status_code == 429 and r.headers["retry-after"] == "1800"
    monkeypatch.setenv("REALPOLITIK_WRITE_RATE", "fast")
    with pytest.raises(ValueError, match="write rate"):
        create_app(web_db)


def test_default_write_rate_is_30_a_minute(web_db: Path) -> None:
    clock = Clock()
    client = TestClient(create_app(web_db, token=TOKEN, coder_factory=FakeCoder, clock=clock))
    codes = [client.post("/api/documents", json={}, headers=AUTH).status_code for _ in range(31)]
    assert codes == [422] * 30 + [429]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30/minute", (0.5, 30)),
        ("5/s", (5.0, 5)),
        (" 100 / hours ", (100 / 3600, 100)),
        ("10/5min", (10 / 300, 10)),
        ("1/day", (1 / 86400, 1)),
        ("off", None),
        ("None", None),
    ],
)
def test_parse_rate(text: str, expected: tuple[float, int] | None) -> None:
    assert limits.parse_rate(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "30", "9" * 5000 + "/s", "0/minute", "30/0min", "30/fortnight", "-1/s", "30/ms", "x" * 10_000],
)
def test_parse_rate_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="write rate"):
        limits.parse_rate(text)


def test_token_bucket_refills_and_is_thread_safe() -> None:
    clock = Clock()
    bucket = limits.TokenBucket(rate=2.0, burst=50, clock=clock)
    results: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(20):
            wait = bucket.take("k")
            with lock:
                results.append(wait)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(1 for w in results if w == 0) == 50  # exactly the burst, however the threads interleave
    assert bucket.take("other") == 0  # keys are separate
    clock.now += 0.5
    assert bucket.take("k") == 0  # one token came back
    assert bucket.take("k") == pytest.approx(0.5)


def test_token_bucket_keeps_a_bounded_number_of_clients() -> None:
    clock = Clock()
    bucket = limits.TokenBucket(rate=1.0, burst=1, clock=clock, max_keys=100)
    for i in range(10_000):
        bucket.take(f"ip:{i}")
    assert len(bucket._buckets) <= 100


# -- malformed parameters: control characters and a megabyte -------------------------------------

PATH_VALUES = {"code": "RUS", "a": "RUS", "b": "PRK", "doc_id": "abcd"}


def query_parameters(app: FastAPI) -> list[tuple[str, str]]:
    """(path, query parameter) for every GET operation in the OpenAPI description."""
    schema = TestClient(app).get("/openapi.json").json()
    found = []
    for path, item in schema["paths"].items():
        for param in item.get("get", {}).get("parameters", []):
            if param["in"] == "query":
                found.append((re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m.group(1)], path), param["name"]))
    return found


def test_control_characters_and_a_megabyte_in_every_query_parameter(web_db: Path) -> None:
    app = make(web_db)
    params = query_parameters(app)
    assert len(params) >= 12
    for page in ("/", "/search", "/actors/RUS", "/dyads/RUS/PRK"):  # the pages share the API's checks
        params += [(page, "since"), (page, "q"), (page, "freq")]
    quoted = {
        "control": "".join(f"%{ord(c):02X}" if ord(c) < 128 else c for c in CONTROL).encode("utf-8"),
        "megabyte": b"A" * MEGABYTE,
        "megabyte with controls": b"%00%1B%7F" * 1000 + b"A" * MEGABYTE,
        "bad utf-8": b"%FF%FE%ED%A0%80",
    }
    for path, name in params:
        for label, value in quoted.items():
            status, _, body, _ = asgi(app, "GET", path, query=name.encode() + b"=" + value)
            assert status < 500, (path, name, label, status)
            if status >= 400:
                assert len(body) < 20_000, (path, name, label, "echoes the input")
            if label.startswith("megabyte") and path.startswith("/api/"):
                assert 400 <= status < 500, (path, name, label, status)


def test_control_characters_and_a_megabyte_in_path_parameters(web_db: Path) -> None:
    app = make(web_db)
    for template in ("/api/actors/{}", "/api/dyads/RUS/{}", "/api/documents/{}", "/actors/{}"):
        for value in ("A" * MEGABYTE, CONTROL, "%00%0A", "..%2F..%2Fetc"):
            status, _, body, _ = asgi(app, "GET", template.format(value))
            assert 400 <= status < 500, (template, value[:10], status)
            assert len(body) < 20_000


def test_control_characters_and_a_megabyte_in_the_post_body(web_db: Path) -> None:
    app = make(web_db)
    client = TestClient(app)
    ok = [
        {"text": CONTROL * 3},
        {"text": "Russia praised North Korea. " + CONTROL * 1000, "title": CONTROL, "source": CONTROL},
        {"text": ("Russia praised North Korea. " * 40_000)[:MEGABYTE]},
    ]
    for body in ok:
        r = client.post("/api/documents", json=body, headers=AUTH)
        assert r.status_code == 201, r.text[:200]
    refused = [
        {"text": "x", "title": "T" * MEGABYTE},
        {"text": "x", "url": "u" * MEGABYTE},
        {"text": "x", "source": "s" * MEGABYTE},
        {"text": "x", "published": "2" * MEGABYTE},
        {"text": "x", "published": CONTROL},
        {"text": "", "title": CONTROL},
    ]
    for body in refused:
        r = client.post("/api/documents", json=body, headers=AUTH)
        assert r.status_code == 422, r.text[:200]
        assert len(r.content) < 5_000  # the megabyte is not sent back
    assert n_documents(app) == 2 + len(ok)


def test_non_utf8_body_is_4xx(web_db: Path) -> None:
    app = make(web_db)
    client = TestClient(app)
    headers = {**AUTH, "Content-Type": "application/json"}
    for raw in (
        b'{"text": "\xff\xfe\xfa"}',
        b'{"text": "caf\xe9"}',
        b"\xc3\x28" * 1000,
    ):
        r = client.post("/api/documents", content=raw, headers=headers)
        assert r.status_code == 400, (raw[:20], r.status_code)
        one_line_error(r.content)
    # UTF-16 with a byte order mark: Python's parser reads it; {} then lacks the text
    r = client.post("/api/documents", content="{}".encode("utf-16"), headers=headers)
    assert r.status_code == 422
    # a UTF-8-encoded surrogate: Python's parser lets it through (surrogatepass), the model refuses it
    r = client.post("/api/documents", content=b'{"text": "\xed\xa0\x80"}', headers=headers)
    assert r.status_code == 422 and r.json()["detail"][0]["type"] == "string_unicode"
    assert n_documents(app) == 2


def test_lone_surrogate_escape_is_422_not_500(web_db: Path) -> None:
    """Found probing the body: JSON may carry "\\ud800"; the model refused it, echoing it broke the 422."""
    app = make(web_db)
    client = TestClient(app, raise_server_exceptions=False)
    for raw in (b'{"text": "Russia met \\ud800 Korea"}', b'{"text": "ok", "title": "\\udfff"}'):
        r = client.post("/api/documents", content=raw, headers={**AUTH, "Content-Type": "application/json"})
        assert r.status_code == 422
        assert r.json()["detail"][0]["type"] == "string_unicode"
    assert n_documents(app) == 2


@pytest.mark.parametrize("raw", [b'{"text": NaN}', b'{"text": "x", "published": Infinity}', b"-Infinity"])
def test_nan_and_infinity_in_the_body_are_422_not_500(web_db: Path, raw: bytes) -> None:
    """Found probing the body: Python's JSON parser takes NaN, and echoing it back broke the 422."""
    client = TestClient(make(web_db), raise_server_exceptions=False)
    r = client.post("/api/documents", content=raw, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 422
    json.loads(r.text)  # strict JSON again


def test_deeply_nested_json_is_4xx_without_a_crash(web_db: Path) -> None:
    """Found probing the body: at about 960 levels the parser coped but echoing the input overflowed."""
    app = make(web_db)
    client = TestClient(app, raise_server_exceptions=False)
    depths = [*range(900, 1010, 3), 5_000, 100_000, 500_000]
    for depth in depths:
        for opening, closing in ((b"[", b"]"), (b'{"a":', b"}")):
            for field in (b"text", b"title", b"published"):
                raw = b'{"text": "x", "' + field + b'": ' + opening * depth + b"1" + closing * depth + b"}"
                r = client.post(
                    "/api/documents", content=raw, headers={**AUTH, "Content-Type": "application/json"}
                )
                assert 400 <= r.status_code < 500, (depth, opening, field, r.status_code)
                assert len(r.content) < 5_000
        raw = b"[" * depth + b"]" * depth
        r = client.post("/api/documents", content=raw, headers={**AUTH, "Content-Type": "application/json"})
        assert 400 <= r.status_code < 500, (depth, r.status_code)
    assert n_documents(app) == 2


# -- findings of the API fuzz test (tests/test_api_fuzz.py) -----------------------------------------


def documented(app: FastAPI, method: str, path: str) -> set[int]:
    schema = TestClient(app).get("/openapi.json").json()
    return {int(code) for code in schema["paths"][path][method.lower()]["responses"]}


@pytest.mark.parametrize(
    ("method", "url", "operation", "status"),
    [
        # Undocumented status code: 404 for things not in the store
        ("GET", "/api/actors/Actor", "/api/actors/{code}", 404),
        ("GET", "/api/dyads/Actor/Actor", "/api/dyads/{a}/{b}", 404),
        ("GET", "/api/documents/E001", "/api/documents/{doc_id}", 404),
        # Undocumented status code: 400 for malformed dates and codes
        ("GET", "/api/actors/bF?since=%28%C2%9E%F0%B2%A9%BAl", "/api/actors/{code}", 400),
        ("GET", "/api/dyads/jBLqMz6/month?until=E%C2%A8%C2%B4M", "/api/dyads/{a}/{b}", 400),
        ("GET", "/api/overview?a=%F0%9D%82%B4%F0%BE%AF%8Dj%C2%81&actor=", "/api/overview", 400),
    ],
)
def test_fuzz_finding_error_statuses_are_documented(
    web_db: Path, method: str, url: str, operation: str, status: int
) -> None:
    app = make(web_db)
    r = TestClient(app).request(method, url)
    assert r.status_code == status
    one_line_error(r.content)
    assert status in documented(app, method, operation)


def test_fuzz_finding_unparsable_post_body_is_a_documented_400(web_db: Path) -> None:
    app = make(web_db)
    raw = b"(C Q\xb5[\xe0\x802}0\xd1\xb76l8\xff\xfe?\x99C\xf5Q\xc0mt"  # not JSON, not even UTF-8
    r = TestClient(app).post(
        "/api/documents", content=raw, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert r.status_code == 400 and r.json() == {"detail": "There was an error parsing the body"}
    assert 400 in documented(app, "POST", "/api/documents")


def test_fuzz_finding_overview_codes_have_a_documented_format(web_db: Path) -> None:
    """``a=0.1.0`` was schema-valid (any string) but got 400: the format now is in the description."""
    app = make(web_db)
    client = TestClient(app)
    r = client.get("/api/overview", params={"a": "0.1.0", "b": "RUS"})
    assert r.status_code == 400 and "letters and digits" in r.json()["detail"]
    params = {
        p["name"]: p["schema"]
        for p in client.get("/openapi.json").json()["paths"]["/api/overview"]["get"]["parameters"]
    }
    for name in ("actor", "a", "b"):
        pattern = params[name]["pattern"]
        assert (
            re.search(pattern, " rus ")
            and not re.search(pattern, "0.1.0")
            and not re.search(pattern, "A" * 25)
        )
    assert not re.search(params["code"]["pattern"], "²") and re.search(params["code"]["pattern"], "042")
    assert params["freq"]["enum"] == ["", "year", "month"]
    assert {"format": "date"} in params["since"]["anyOf"]
    # what the description allows the app takes, and the reverse
    assert client.get("/api/overview", params={"a": " rus ", "b": "prk"}).json()["total"] == 2
    assert client.get("/api/overview", params={"code": "²"}).status_code == 400  # a digit to str.isdigit
    assert client.get("/api/overview", params={"code": "04201"}).status_code == 400
    assert client.get("/api/overview", params={"since": "20240101"}).status_code == 400  # ISO, but not a date
    assert client.get("/api/overview", params={"actor": "ÄÖÜ"}).status_code == 400
