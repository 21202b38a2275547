"""The FastAPI app: HTML pages and their JSON twins under ``/api``.

``create_app(db_path, token=None)`` builds the app.  Reads open the store read-only per request and
writes open it briefly for writing (see ``realpolitik.web.gate``).  Only ``POST /api/documents``
writes, and only with ``Authorization: Bearer <token>`` where the token comes from ``token`` or
``$REALPOLITIK_TOKEN``; with no token configured the server is read-only and the POST gives 403.
The server reads no file other than the database and its own package's ``static`` and ``templates``
folders; no route takes a file path.
"""

import hmac
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from realpolitik import __version__
from realpolitik.errors import RealpolitikError, StoreError
from realpolitik.web import charts, data
from realpolitik.web.gate import StoreGate

HERE = Path(__file__).resolve().parent
CODE = r"^[A-Za-z0-9]{2,24}$"
DOC_ID = r"^[0-9a-fA-F]{4,64}$"
Code = Annotated[str, PathParam(pattern=CODE, description="CAMEO country or actor code, e.g. RUS or RUSGOV")]
DocId = Annotated[str, PathParam(pattern=DOC_ID, description="document id or a unique prefix of it")]
Opt = Annotated[str | None, Query()]


class DocumentIn(BaseModel):
    """A text to ingest through the API."""

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = None
    url: str | None = None
    source: str | None = None
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
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def _word(value: str | None, name: str) -> str | None:
    if not value:
        return None
    value = value.strip().upper()
    if not value.isalnum() or len(value) > 24:
        raise HTTPException(400, f"{name} must be letters and digits (a CAMEO code), not {value!r}")
    return value


def _freq(value: str | None) -> str | None:
    if value and value not in data.FREQS:
        raise HTTPException(400, "freq must be year or month")
    return value or None


def _default_coder() -> Any:
    from realpolitik.coder import Coder
    from realpolitik.settings import Settings

    return Coder(Settings.from_env())


def create_app(
    db_path: str | Path, token: str | None = None, *, coder_factory: Callable[[], Any] | None = None
) -> FastAPI:
    """The web app over the store at ``db_path`` (see the module docstring)."""
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
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(charts.GLOBALS)

    @app.exception_handler(RealpolitikError)
    def _error(request: Request, exc: RealpolitikError) -> JSONResponse:
        busy = isinstance(exc, StoreError) and exc.code in {"E203", "E204"}
        return JSONResponse({"detail": str(exc)}, status_code=503 if busy else 400)

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    # -- overview ------------------------------------------------------------------------------

    def overview_data(
        actor: Opt = None,
        a: Opt = None,
        b: Opt = None,
        code: Opt = None,
        since: Opt = None,
        until: Opt = None,
        freq: Opt = None,
    ) -> dict[str, Any]:
        ca, cb = _word(a, "a"), _word(b, "b")
        if bool(ca) != bool(cb):
            raise HTTPException(400, "a dyad needs both a and b")
        if code and not code.isdigit():
            raise HTTPException(400, "code must be a CAMEO code prefix such as 04 or 042")
        with gate.read() as store:
            return data.overview(
                store,
                actor=_word(actor, "actor"),
                dyad=(ca, cb) if ca and cb else None,
                code=code or None,
                since=_day(since, "since"),
                until=_day(until, "until"),
                freq=_freq(freq),
            )

    @app.get("/api/overview", tags=["api"], summary="Timeline and events matching the filters")
    def api_overview(result: Annotated[dict[str, Any], Depends(overview_data)]) -> dict[str, Any]:
        return result

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(
        request: Request, result: Annotated[dict[str, Any], Depends(overview_data)]
    ) -> HTMLResponse:
        return page(request, "overview.html", d=result)

    # -- actors --------------------------------------------------------------------------------

    @app.get("/api/actors", tags=["api"], summary="Actors seen in events, with counts")
    def api_actors() -> list[dict[str, Any]]:
        with gate.read() as store:
            return data.actors(store)

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request) -> HTMLResponse:
        return page(request, "actors.html", rows=api_actors())

    def actor_data(code: Code, since: Opt = None, until: Opt = None) -> dict[str, Any]:
        with gate.read() as store:
            result = data.actor(store, code, since=_day(since, "since"), until=_day(until, "until"))
        if not result["total"]:
            raise HTTPException(404, f"no events with actor {code.upper()}")
        return result

    @app.get("/api/actors/{code}", tags=["api"], summary="An actor's partners and adversaries over time")
    def api_actor(result: Annotated[dict[str, Any], Depends(actor_data)]) -> dict[str, Any]:
        return result

    @app.get("/actors/{code}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, result: Annotated[dict[str, Any], Depends(actor_data)]) -> HTMLResponse:
        return page(request, "actor.html", d=result)

    # -- dyads ---------------------------------------------------------------------------------

    def dyad_data(a: Code, b: Code, since: Opt = None, until: Opt = None, freq: Opt = None) -> dict[str, Any]:
        with gate.read() as store:
            result = data.dyad(
                store, a, b, since=_day(since, "since"), until=_day(until, "until"), freq=_freq(freq)
            )
        if not result["total"]:
            raise HTTPException(404, f"no events between {a.upper()} and {b.upper()}")
        return result

    @app.get(
        "/api/dyads/{a}/{b}",
        tags=["api"],
        summary="Cooperation and conflict of a pair, with events per point",
    )
    def api_dyad(result: Annotated[dict[str, Any], Depends(dyad_data)]) -> dict[str, Any]:
        return result

    @app.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, result: Annotated[dict[str, Any], Depends(dyad_data)]) -> HTMLResponse:
        return page(request, "dyad.html", d=result)

    # -- network -------------------------------------------------------------------------------

    def network_data(years: Annotated[int, Query(ge=1, le=50)] = 1) -> dict[str, Any]:
        with gate.read() as store:
            return data.network(store, years=years)

    @app.get("/api/network", tags=["api"], summary="Signed country network and blocs per time window")
    def api_network(result: Annotated[dict[str, Any], Depends(network_data)]) -> dict[str, Any]:
        return result

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(
        request: Request, result: Annotated[dict[str, Any], Depends(network_data)]
    ) -> HTMLResponse:
        return page(request, "network.html", d=result)

    # -- documents -----------------------------------------------------------------------------

    @app.get("/api/documents", tags=["api"], summary="All documents (without text)")
    def api_documents() -> list[dict[str, Any]]:
        with gate.read() as store:
            return data.documents(store)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request) -> HTMLResponse:
        return page(request, "documents.html", rows=api_documents())

    def document_data(doc_id: DocId) -> dict[str, Any]:
        with gate.read() as store:
            result = data.document(store, doc_id.lower())
        if result is None:
            raise HTTPException(404, f"no document {doc_id}")
        return result

    @app.get("/api/documents/{doc_id}", tags=["api"], summary="A document with mentions, events and reasons")
    def api_document(result: Annotated[dict[str, Any], Depends(document_data)]) -> dict[str, Any]:
        return result

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(
        request: Request, result: Annotated[dict[str, Any], Depends(document_data)]
    ) -> HTMLResponse:
        segments = data.highlight_segments(result.get("text") or "", result["mentions"], result["events"])
        return page(request, "document.html", d=result, segments=segments)

    @app.post(
        "/api/documents",
        tags=["api"],
        status_code=201,
        summary="Ingest a text (needs Authorization: Bearer <token>)",
        responses={
            401: {"description": "missing or wrong token"},
            403: {"description": "server is read-only"},
        },
    )
    def api_ingest(body: DocumentIn, authorization: Annotated[str | None, Header()] = None) -> DocumentOut:
        if not secret:
            raise HTTPException(403, "this server is read-only (start it with a token to allow writes)")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), secret.encode()):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
        return _ingest(body)

    def _ingest(body: DocumentIn) -> DocumentOut:
        from realpolitik.coder import CodedDocument
        from realpolitik.ingest.language import detect_language
        from realpolitik.records import Document

        doc = Document.from_text(
            body.text,
            title=body.title,
            url=body.url,
            source=body.source,
            published=body.published,
            language=detect_language(body.text),
        )
        english = doc.language == "en"
        if english:
            if not coder_cache:
                coder_cache.append(make_coder())
            coded = coder_cache[0].code_document(doc)
        else:
            coded = CodedDocument(doc, [], [], [])
        with gate.write() as store:
            new = store.save_document(
                doc,
                sentences=coded.sentences,
                mentions=coded.mentions,
                events=coded.events,
                coded=english,
                run_id=None,
            )
        return DocumentOut(doc_id=doc.id, new=new, coded=english, events=len(coded.events) if new else 0)

    # -- search --------------------------------------------------------------------------------

    def search_data(
        q: Annotated[str, Query(max_length=200)] = "", limit: Annotated[int, Query(ge=1, le=1000)] = 100
    ) -> dict[str, Any]:
        with gate.read() as store:
            return data.search(store, q, limit=limit)

    @app.get("/api/search", tags=["api"], summary="Sentences and documents containing a phrase")
    def api_search(result: Annotated[dict[str, Any], Depends(search_data)]) -> dict[str, Any]:
        return result

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request, result: Annotated[dict[str, Any], Depends(search_data)]
    ) -> HTMLResponse:
        return page(request, "search.html", d=result)

    return app
