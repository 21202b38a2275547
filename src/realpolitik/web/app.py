"""The FastAPI app: HTML pages and their JSON twins under ``/api``.

``create_app(db_path, token=None)`` builds the app.  Reads open the store read-only per request and
writes open it briefly for writing (see ``realpolitik.web.gate``).  Only ``POST /api/documents``
writes, and only with ``Authorization: Bearer <token>`` where the token comes from ``token`` or
``$REALPOLITIK_TOKEN``; with no token configured the server is read-only and the POST gives 403.
The server reads no file other than the database and its own package's ``static`` and ``templates``
folders; no route takes a file path.

Hostile input (see ``realpolitik.web.limits``): a write body over ``max_body`` bytes
(``$REALPOLITIK_MAX_BODY``, default 2 MiB) gets 413, and each client may write ``write_rate`` times
(``$REALPOLITIK_WRITE_RATE``, default ``30/minute``, with bursts of ``write_burst`` or
``$REALPOLITIK_WRITE_BURST``, default the count in the rate) before it gets 429.  Every query
parameter's format is in the OpenAPI description and checked, so bad input gets a 4xx that says what
is wrong; error messages quote at most a short piece of the input.
"""

import hmac
import math
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from realpolitik import __version__
from realpolitik.errors import RealpolitikError, StoreError
from realpolitik.web import charts, data, limits
from realpolitik.web.gate import StoreGate

HERE = Path(__file__).resolve().parent
CODE = r"^(?:---)?[A-Za-z0-9]{2,24}$"  # "---REB": rebels of no known state
DOC_ID = r"^[0-9a-fA-F]{4,64}$"
Code = Annotated[str, PathParam(pattern=CODE, description="CAMEO country or actor code, e.g. RUS or RUSGOV")]
DocId = Annotated[str, PathParam(pattern=DOC_ID, description="document id or a unique prefix of it")]
# Query filters are plain strings, empty meaning "no filter" (as HTML forms send them).  Their formats
# are documented here and checked by ``_word``/``_prefix``/``_day``/``_freq`` (400 with a message).
WORD = r"^ *[A-Za-z0-9]{0,24} *$"
PREFIX = r"^[0-9]{0,4}$"
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
Word = Annotated[
    str,
    Query(
        description="CAMEO actor or country code such as RUS or RUSGOV (empty: any)",
        json_schema_extra={"pattern": WORD},
    ),
]
Prefix = Annotated[
    str,
    Query(
        description="CAMEO event code prefix such as 04 or 042 (empty: any)",
        json_schema_extra={"pattern": PREFIX},
    ),
]
Day = Annotated[
    str,
    Query(
        description="a date YYYY-MM-DD, inclusive (empty: open)",
        json_schema_extra={"anyOf": [{"format": "date"}, {"maxLength": 0}]},
    ),
]
Freq = Annotated[
    str,
    Query(
        description="points per year or per month (empty: chosen from the span)",
        json_schema_extra={"enum": ["", *data.FREQS]},
    ),
]


class ErrorOut(BaseModel):
    """Every error other than a 422 validation error: one line of JSON saying what is wrong."""

    detail: str


ERROR: dict[str, Any] = {"model": ErrorOut}
READ_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {**ERROR, "description": "a parameter is malformed"},
    503: {**ERROR, "description": "the database is missing or busy"},
}
ITEM_ERRORS: dict[int | str, dict[str, Any]] = {
    **READ_ERRORS,
    404: {**ERROR, "description": "nothing found"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **READ_ERRORS,
    400: {**ERROR, "description": "the body is not JSON in UTF-8, or its length is not its Content-Length"},
    401: {**ERROR, "description": "missing or wrong token"},
    403: {**ERROR, "description": "server is read-only"},
    413: {**ERROR, "description": "the body is larger than the server's limit"},
    429: {
        **ERROR,
        "description": "too many writes from this client",
        "headers": {
            "Retry-After": {"description": "seconds to wait", "schema": {"type": "integer", "minimum": 1}}
        },
    },
}


def _shown(value: str, limit: int = 40) -> str:
    """``value`` quoted for an error message, cut short: errors never echo a large input back."""
    return repr(value[:limit]) + ("…" if len(value) > limit else "")


class DocumentIn(BaseModel):
    """A text to ingest through the API."""

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(None, max_length=2_000)
    url: str | None = Field(None, max_length=8_192)
    source: str | None = Field(None, max_length=500)
    published: date | None = None


class DocumentOut(BaseModel):
    doc_id: str
    new: bool
    coded: bool
    events: int


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        if not ISO_DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date YYYY-MM-DD, not {_shown(value)}") from None


def _word(value: str | None, name: str) -> str | None:
    if not value:
        return None
    if not re.fullmatch(WORD, value):
        raise HTTPException(
            400, f"{name} must be up to 24 letters and digits (a CAMEO code), not {_shown(value)}"
        )
    return value.strip().upper() or None


def _prefix(value: str | None) -> str | None:
    if value and not re.fullmatch(PREFIX, value):
        raise HTTPException(400, "code must be a CAMEO code prefix such as 04 or 042")
    return value or None


def _freq(value: str | None) -> str | None:
    if value and value not in data.FREQS:
        raise HTTPException(400, "freq must be year or month")
    return value or None


def _plain(value: Any, depth: int = 0) -> Any:
    """A validation error's ``input`` made safe to send back: short, shallow, valid UTF-8."""
    if isinstance(value, str):
        cut = value[:100] + ("…" if len(value) > 100 else "")
        return cut.encode("utf-8", "replace").decode()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN or Infinity (Python's parser accepts them)
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, bytes):
        return f"({len(value)} bytes)"
    if isinstance(value, dict) and depth < 2 and len(value) <= 20:
        return {str(k)[:100]: _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple) and depth < 2 and len(value) <= 20:
        return [_plain(v, depth + 1) for v in value]
    return f"({type(value).__name__})"


def _default_coder() -> Any:
    from realpolitik.coder import Coder
    from realpolitik.settings import Settings

    return Coder(Settings.from_env())


def _write_limits(
    max_body: int | None, write_rate: str | None, write_burst: int | None
) -> tuple[int, tuple[float, int] | None]:
    """The body limit in bytes and the write rate (per second, burst), from arguments or environment."""
    env = os.environ
    if max_body is None:
        raw = env.get("REALPOLITIK_MAX_BODY", "").strip()
        max_body = limits.parse_size(raw) if raw else limits.DEFAULT_MAX_BODY
    if max_body < 1:
        raise ValueError("max_body must be at least one byte")
    if write_rate is None:
        write_rate = env.get("REALPOLITIK_WRITE_RATE", "").strip() or limits.DEFAULT_WRITE_RATE
    rate = limits.parse_rate(write_rate)
    if rate is not None:
        if write_burst is None and env.get("REALPOLITIK_WRITE_BURST", "").strip():
            raw = env["REALPOLITIK_WRITE_BURST"].strip()
            if not raw.isdigit():
                raise ValueError(f"REALPOLITIK_WRITE_BURST must be a whole number, not {raw[:40]!r}")
            write_burst = int(raw)
        if write_burst is not None and write_burst < 1:
            raise ValueError("the write burst must be at least 1")
        rate = (rate[0], write_burst or rate[1])
    return max_body, rate


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    coder_factory: Callable[[], Any] | None = None,
    max_body: int | None = None,
    write_rate: str | None = None,
    write_burst: int | None = None,
    clock: Callable[[], float] | None = None,
) -> FastAPI:
    """The web app over the store at ``db_path`` (see the module docstring).

    ``max_body`` (bytes), ``write_rate`` (such as ``"30/minute"``, or ``"off"``) and ``write_burst``
    override ``$REALPOLITIK_MAX_BODY``, ``$REALPOLITIK_WRITE_RATE`` and ``$REALPOLITIK_WRITE_BURST``;
    ``clock`` (seconds, monotonic) drives the write rate limit, for tests.
    """
    body_limit, rate = _write_limits(max_body, write_rate, write_burst)
    gate = StoreGate(Path(db_path))
    gate.prepare()
    secret = token if token is not None else os.environ.get("REALPOLITIK_TOKEN") or None
    make_coder = coder_factory or _default_coder
    coder_cache: list[Any] = []
    app = FastAPI(
        title="realpolitik",
        version=__version__,
        description="Coded political events (CAMEO/PLOVER) and alignment analytics from a local store.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # Middleware added last runs first: the rate limit answers before any of a body is read.
    app.add_middleware(limits.BodyLimit, max_body=body_limit)
    if rate is not None:

        def accepted(given: str) -> bool:
            return secret is not None and hmac.compare_digest(given.encode(), secret.encode())

        bucket = limits.TokenBucket(rate[0], rate[1], clock=clock)
        app.add_middleware(
            limits.WriteRateLimit, bucket=bucket, key=lambda scope: limits.client_key(scope, accepted)
        )
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(charts.GLOBALS)

    @app.exception_handler(RealpolitikError)
    def _error(request: Request, exc: RealpolitikError) -> JSONResponse:
        busy = isinstance(exc, StoreError) and exc.code in {"E203", "E204"}
        return JSONResponse({"detail": str(exc)}, status_code=503 if busy else 400)

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own handler sends each error's input back whole: a megabyte string, a structure
        # nested too deep to encode, a NaN or a lone surrogate that JSON cannot carry.  Same shape here,
        # with the input cut down to something small and always encodable.
        errors = []
        for error in exc.errors()[:20]:
            item = {k: error[k] for k in ("type", "loc", "msg") if k in error}
            item["loc"] = [part if isinstance(part, int) else str(part)[:100] for part in item.get("loc", ())]
            item["msg"] = str(item.get("msg", ""))[:300]
            if "input" in error:
                item["input"] = _plain(error["input"])
            if isinstance(error.get("ctx"), dict):  # e.g. {"max_length": 200}; exceptions become text
                item["ctx"] = {
                    str(k)[:100]: v if isinstance(v, bool | int | str) else str(v)[:300]
                    for k, v in list(error["ctx"].items())[:10]
                }
            errors.append(item)
        return JSONResponse({"detail": errors}, status_code=422)

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    # -- overview ------------------------------------------------------------------------------

    def overview_data(
        actor: Word = "",
        a: Word = "",
        b: Word = "",
        code: Prefix = "",
        since: Day = "",
        until: Day = "",
        freq: Freq = "",
    ) -> dict[str, Any]:
        ca, cb = _word(a, "a"), _word(b, "b")
        if bool(ca) != bool(cb):
            raise HTTPException(400, "a dyad needs both a and b")
        # every filter is checked before the store is opened
        who, prefix, first, last = (
            _word(actor, "actor"),
            _prefix(code),
            _day(since, "since"),
            _day(until, "until"),
        )
        per = _freq(freq)
        dyad = (ca, cb) if ca and cb else None
        return gate.cached(
            ("overview", who, dyad, prefix, first, last, per),
            lambda store: data.overview(
                store, actor=who, dyad=dyad, code=prefix, since=first, until=last, freq=per
            ),
        )

    @app.get(
        "/api/overview",
        tags=["api"],
        summary="Timeline and events matching the filters",
        description="A dyad filter needs both `a` and `b`; with only one of them the answer is 400.",
        responses=READ_ERRORS,
    )
    def api_overview(result: Annotated[dict[str, Any], Depends(overview_data)]) -> dict[str, Any]:
        return result

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(
        request: Request, result: Annotated[dict[str, Any], Depends(overview_data)]
    ) -> HTMLResponse:
        return page(request, "overview.html", d=result)

    # -- actors --------------------------------------------------------------------------------

    @app.get("/api/actors", tags=["api"], summary="Actors seen in events, with counts", responses=READ_ERRORS)
    def api_actors() -> list[dict[str, Any]]:
        return gate.cached(("actors",), data.actors)

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request) -> HTMLResponse:
        return page(request, "actors.html", rows=api_actors())

    def actor_data(code: Code, since: Day = "", until: Day = "") -> dict[str, Any]:
        first, last = _day(since, "since"), _day(until, "until")
        result = gate.cached(
            ("actor", code, first, last), lambda store: data.actor(store, code, since=first, until=last)
        )
        if not result["total"]:
            raise HTTPException(404, f"no events with actor {code.upper()}")
        return result

    @app.get(
        "/api/actors/{code}",
        tags=["api"],
        summary="An actor's partners and adversaries over time",
        responses=ITEM_ERRORS,
    )
    def api_actor(result: Annotated[dict[str, Any], Depends(actor_data)]) -> dict[str, Any]:
        return result

    @app.get("/actors/{code}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, result: Annotated[dict[str, Any], Depends(actor_data)]) -> HTMLResponse:
        return page(request, "actor.html", d=result)

    # -- dyads ---------------------------------------------------------------------------------

    def dyad_data(a: Code, b: Code, since: Day = "", until: Day = "", freq: Freq = "") -> dict[str, Any]:
        first, last, per = _day(since, "since"), _day(until, "until"), _freq(freq)
        result = gate.cached(
            ("dyad", a, b, first, last, per),
            lambda store: data.dyad(store, a, b, since=first, until=last, freq=per),
        )
        if not result["total"]:
            raise HTTPException(404, f"no events between {a.upper()} and {b.upper()}")
        return result

    @app.get(
        "/api/dyads/{a}/{b}",
        tags=["api"],
        summary="Cooperation and conflict of a pair, with events per point",
        responses=ITEM_ERRORS,
    )
    def api_dyad(result: Annotated[dict[str, Any], Depends(dyad_data)]) -> dict[str, Any]:
        return result

    @app.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, result: Annotated[dict[str, Any], Depends(dyad_data)]) -> HTMLResponse:
        return page(request, "dyad.html", d=result)

    # -- network -------------------------------------------------------------------------------

    def network_data(years: Annotated[int, Query(ge=1, le=50)] = 1) -> dict[str, Any]:
        return gate.cached(("network", years), lambda store: data.network(store, years=years))

    @app.get(
        "/api/network",
        tags=["api"],
        summary="Signed country network and blocs per time window",
        responses=READ_ERRORS,
    )
    def api_network(result: Annotated[dict[str, Any], Depends(network_data)]) -> dict[str, Any]:
        return result

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(
        request: Request, result: Annotated[dict[str, Any], Depends(network_data)]
    ) -> HTMLResponse:
        return page(request, "network.html", d=result)

    # -- documents -----------------------------------------------------------------------------

    @app.get("/api/documents", tags=["api"], summary="All documents (without text)", responses=READ_ERRORS)
    def api_documents() -> list[dict[str, Any]]:
        return gate.cached(("documents",), data.documents)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request) -> HTMLResponse:
        return page(request, "documents.html", rows=api_documents())

    def document_data(doc_id: DocId) -> dict[str, Any]:
        result = gate.cached(("document", doc_id.lower()), lambda store: data.document(store, doc_id.lower()))
        if result is None:
            raise HTTPException(404, f"no document {doc_id}")
        return result

    @app.get(
        "/api/documents/{doc_id}",
        tags=["api"],
        summary="A document with mentions, events and reasons",
        responses=ITEM_ERRORS,
    )
    def api_document(result: Annotated[dict[str, Any], Depends(document_data)]) -> dict[str, Any]:
        return result

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(
        request: Request, result: Annotated[dict[str, Any], Depends(document_data)]
    ) -> HTMLResponse:
        segments = data.highlight_segments(result.get("text") or "", result["mentions"], result["events"])
        return page(request, "document.html", d=result, segments=segments)

    # -- writing: every write route depends on ``writer`` (tests/test_web_hostile.py checks that) --------

    bearer = HTTPBearer(auto_error=False, description="the token the server was started with")

    def writer(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        """Let the request through only with ``Authorization: Bearer <the server's token>``."""
        if not secret:
            raise HTTPException(403, "this server is read-only (start it with a token to allow writes)")
        given = credentials.credentials if credentials else ""
        if not given or not hmac.compare_digest(given.encode(), secret.encode()):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})

    @app.post(
        "/api/documents",
        tags=["api"],
        status_code=201,
        summary="Ingest a text (needs Authorization: Bearer <token>)",
        dependencies=[Depends(writer)],
        responses=WRITE_ERRORS,
    )
    def api_ingest(body: DocumentIn) -> DocumentOut:
        return _ingest(body)

    def _ingest(body: DocumentIn) -> DocumentOut:
        from realpolitik.ingest.language import detect_language
        from realpolitik.pipeline import ingest_documents
        from realpolitik.records import Document

        doc = Document.from_text(
            body.text,
            title=body.title,
            url=body.url,
            source=body.source,
            published=body.published,
            language=detect_language(body.text),
        )

        def coder() -> Any:
            if not coder_cache:
                coder_cache.append(make_coder())
            return coder_cache[0]

        # The same path as `realpolitik ingest`: near-duplicates linked, events clustered.
        stats = ingest_documents([doc], gate.write, coder=coder, label="POST /api/documents")
        new = stats.n_new > 0
        coded = doc.language == "en" and not stats.n_duplicates  # a near-duplicate is linked, not coded
        return DocumentOut(doc_id=doc.id, new=new, coded=coded, events=stats.n_events)

    # -- search --------------------------------------------------------------------------------

    def search_data(
        q: Annotated[str, Query(max_length=200)] = "", limit: Annotated[int, Query(ge=1, le=1000)] = 100
    ) -> dict[str, Any]:
        return gate.cached(("search", q, limit), lambda store: data.search(store, q, limit=limit))

    @app.get(
        "/api/search",
        tags=["api"],
        summary="Sentences and documents containing a phrase",
        responses=READ_ERRORS,
    )
    def api_search(result: Annotated[dict[str, Any], Depends(search_data)]) -> dict[str, Any]:
        return result

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request, result: Annotated[dict[str, Any], Depends(search_data)]
    ) -> HTMLResponse:
        return page(request, "search.html", d=result)

    return app
