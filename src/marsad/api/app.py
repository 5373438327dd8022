"""The REST API and the web page (`marsad serve`), on the store that ingest writes.

    app = create_app("marsad.db")        # or "postgresql://…"; token: MARSAD_API_TOKEN

Reading needs nothing; writing (POST /documents) needs `Authorization: Bearer <token>` and is refused while no
token is set. Every list endpoint takes repeatable filters (any value may match) and pages with a cursor.
The page at / is static (static/): it reads the API and renders every string from the store as text.
"""

from __future__ import annotations

import io
import json
import os
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders

from marsad import __version__
from marsad.api.params import parse_bbox
from marsad.model.results import MergedEvent
from marsad.store import EventFilter, Store
from marsad.store.query import SORTS, CursorError

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 20 << 20          # bytes of one POST /documents request
MAX_PAGE = 1000              # events of one page (format=json) or one download
FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
           "parquet": "application/vnd.apache.parquet", "jsonl": "application/x-ndjson"}
_ACCEPT = {"text/csv": "csv", "application/geo+json": "geojson", "application/vnd.apache.parquet": "parquet",
           "application/x-ndjson": "jsonl"}
# the page and its scripts come from this server only; nothing inline, nothing from elsewhere
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")

Many = Annotated[list[str] | None, Query()]


def _fmt(fmt: str | None, accept: str | None) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise HTTPException(400, f"format must be one of {', '.join(FORMATS)}")
        return fmt
    for mime, name in _ACCEPT.items():
        if accept and mime in accept:
            return name
    return "json"


def _day(s: str | None, name: str) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise HTTPException(400, f"{name} must be a YYYY-MM-DD date, got {s!r}") from None


def create_app(db: str, token: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The app over the store at `db`. `token` (default: $MARSAD_API_TOKEN) guards the write endpoint."""
    token = token if token is not None else os.environ.get("MARSAD_API_TOKEN") or None
    store = Store(db)
    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="marsad", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Events, quotes and posts that marsad read in Arabic news (ACLED taxonomy).")
    app.state.store = store
    pipeline: dict[str, Any] = {}

    app.add_middleware(_Guard, max_body=max_body)

    # -- reading ----------------------------------------------------------------------------------------------
    @app.get("/health", summary="Liveness and what the store holds")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, **store.counts()}

    @app.get("/events", summary="Merged events matching the filters, one page at a time",
             responses={200: {"content": {m: {} for m in FORMATS.values()}}})
    def events(
        request: Request,
        country: Many = None, region: Many = None, admin1: Many = None,
        date_from: Annotated[str | None, Query(alias="from", description="YYYY-MM-DD")] = None,
        date_to: Annotated[str | None, Query(alias="to", description="YYYY-MM-DD")] = None,
        bbox: Annotated[str | None, Query(description="W,S,E,N in degrees")] = None,
        type: Many = None,  # noqa: A002 - the API's parameter name
        actor: Many = None, text: Many = None,
        min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
        min_fatalities: Annotated[int | None, Query(ge=0)] = None,
        min_sources: Annotated[int, Query(ge=1, le=10**6)] = 1,
        sort: Annotated[str, Query(description=" | ".join(SORTS))] = "date",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        cursor: str | None = None,
        format: str | None = None,  # noqa: A002
    ) -> Response:
        if sort not in SORTS:
            raise HTTPException(400, f"sort must be one of {', '.join(SORTS)}")
        try:
            box = parse_bbox(bbox) if bbox else None
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None
        flt = EventFilter(country=country, region=region, admin1=admin1, date_from=_day(date_from, "from"),
                          date_to=_day(date_to, "to"), bbox=box, event_type=type, actor=actor, text=text,
                          min_confidence=min_confidence, min_fatalities=min_fatalities, min_sources=min_sources)
        fmt = _fmt(format, request.headers.get("accept"))
        try:
            page, nxt = store.page(flt, sort=sort, limit=limit, cursor=cursor, raw=fmt == "json",
                                   records=fmt != "json")
        except CursorError as exc:
            raise HTTPException(400, str(exc)) from None
        if fmt == "json":  # the stored JSON texts go out as they are, never parsed and written again
            body = f'{{"events":[{",".join(page)}],"next_cursor":{json.dumps(nxt)},"count":{len(page)}}}'
            return Response(body.encode("utf-8"), media_type="application/json")
        return _download(page, fmt, nxt)

    @app.get("/events/{event_id}", summary="One merged event: every source, evidence span, trigger, fatality "
             "report and merge reason")
    def event(event_id: str) -> dict[str, Any]:
        ev = store.event(event_id)
        if ev is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return ev

    @app.get("/documents/{doc_id}", summary="A stored article: its original text with the spans of its "
             "events, quotes and posts")
    def document(doc_id: str) -> dict[str, Any]:
        view = store.document_view(doc_id)
        if view is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return view

    @app.get("/quotes", summary="Quotes by speaker, organisation, date and words")
    def quotes(speaker: Many = None, org: Many = None,
               date_from: Annotated[str | None, Query(alias="from")] = None,
               date_to: Annotated[str | None, Query(alias="to")] = None, text: Many = None,
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
               offset: Annotated[int, Query(ge=0, le=10**6)] = 0) -> dict[str, Any]:
        got = store.quotes(speaker or (), org or (), _day(date_from, "from"), _day(date_to, "to"), text or (),
                           limit=limit, offset=offset)
        return {"quotes": got, "count": len(got)}

    @app.get("/actors", summary="Actors of the stored events, with how many events name them")
    def actors(limit: Annotated[int, Query(ge=1, le=10000)] = 500) -> dict[str, Any]:
        return {"actors": store.actors(limit)}

    @app.get("/facets", summary="What the filters can take: countries, event types, the date range")
    def facets() -> dict[str, Any]:
        return store.facets()

    # -- writing ----------------------------------------------------------------------------------------------
    @app.post("/documents", summary="Ingest one document (JSON) or a batch (JSON Lines) through the pipeline",
              status_code=200)
    async def post_documents(request: Request, authorization: Annotated[str | None, Header()] = None
                             ) -> dict[str, Any]:
        if not token:
            raise HTTPException(403, "writes are disabled: start the server with MARSAD_API_TOKEN set")
        if authorization != f"Bearer {token}":
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is needed to write")
        body = await request.body()
        if len(body) > max_body:
            raise HTTPException(413, f"request body over {max_body:,} bytes")
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_ingest, body, request.headers.get("content-type") or "")

    def _ingest(body: bytes, content_type: str) -> dict[str, Any]:
        from marsad.ingest import IngestError, Skipped, read_bytes
        from marsad.pipeline import Pipeline
        from marsad.version import pipeline_version

        name = "request.jsonl" if "ndjson" in content_type or "jsonl" in content_type else "request.json"
        if "pipe" not in pipeline:
            pipeline["pipe"] = Pipeline.build()
        pipe = pipeline["pipe"]
        out: list[dict[str, Any]] = []
        for item in read_bytes(body, name):
            if isinstance(item, IngestError):
                out.append({"line": item.line, "error": item.problem})
                continue
            if isinstance(item, Skipped):
                continue
            x = pipe.extract(item)
            if x.result is None:
                out.append({"id": x.id, "error": x.error})
                continue
            outcome = store.put(x.result, x.text, lang=x.lang, version=pipeline_version(), meta=x.meta)
            out.append({"id": x.id, "outcome": outcome.value, "events": len(x.result["events"]),
                        "quotes": len(x.result["quotes"])})
        if not out:
            raise HTTPException(400, "no document in the request body")
        if all("error" in o for o in out):
            return JSONResponse({"results": out}, status_code=422)  # type: ignore[return-value]
        return {"results": out}

    # -- the page and the offline docs -----------------------------------------------------------------------
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")

    return app


class _Guard:
    """Plain ASGI middleware (Starlette's decorator middleware copies every response through a stream):
    refuses bodies announced over the limit, and adds the security headers to every response."""

    def __init__(self, app, max_body: int):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body:
            await JSONResponse({"detail": f"request body over {self.max_body:,} bytes"}, status_code=413)(
                scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CSP)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _download(events: list[MergedEvent], fmt: str, nxt: str | None) -> Response:
    from marsad.export import export

    if fmt == "parquet":
        buf = io.BytesIO()
        export(events, fmt, buf)
        body = buf.getvalue()
    else:
        sbuf = io.StringIO()
        export(events, fmt, sbuf)
        body = sbuf.getvalue().encode("utf-8")
    headers = {"Content-Disposition": f'attachment; filename="marsad-events.{fmt}"'}
    if nxt:
        headers["X-Next-Cursor"] = nxt
    return Response(body, media_type=FORMATS[fmt], headers=headers)


def app_from_env() -> FastAPI:
    """The app over the store named by $MARSAD_DB (`marsad serve --workers N` starts one per process)."""
    return create_app(os.environ["MARSAD_DB"])
