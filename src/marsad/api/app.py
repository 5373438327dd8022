"""The REST API and the web page (`marsad serve`), on the store that ingest writes.

    app = create_app("marsad.db")        # or "postgresql://…"; token: MARSAD_API_TOKEN

Reading needs nothing; writing (POST /documents) needs `Authorization: Bearer <token>` and is refused while no
token is set. Every list endpoint takes repeatable filters (any value may match) and pages with a cursor.
The page at / is static (static/): it reads the API and renders every string from the store as text.

The endpoints live in routers by what they serve: events.py (GET /events, /events/{event_id}, with the download
formats in downloads.py), documents.py (GET /documents/{doc_id}, /quotes), summary.py (/health, /actors,
/facets), write.py (POST /documents) and page.py (/, /docs, /static). They read the store from `app.state`
(deps.py); `create_app` opens it and assembles them, in the order the OpenAPI spec lists them.
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.datastructures import MutableHeaders

from marsad import __version__
from marsad.api import documents, events, page, summary, write
from marsad.store import Store

MAX_BODY = 20 << 20          # bytes of one POST /documents request
# the page and its scripts come from this server only; nothing inline, nothing from elsewhere
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


@asynccontextmanager
async def _lifespan(app: FastAPI):
    yield
    app.state.store.close()


def create_app(db: str, token: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The app over the store at `db`. `token` (default: $MARSAD_API_TOKEN) guards the write endpoint."""
    token = token if token is not None else os.environ.get("MARSAD_API_TOKEN") or None
    store = Store(db)
    app = FastAPI(title="marsad", version=__version__, docs_url=None, redoc_url=None, lifespan=_lifespan,
                  description="Events, quotes and posts that marsad read in Arabic news (ACLED taxonomy).")
    app.state.store = store
    app.state.token, app.state.max_body = token, max_body
    app.state.pipeline = {}          # the extraction pipeline, built on the first write

    app.add_middleware(_Guard, max_body=max_body)

    # reading, then writing, then the page and the offline docs
    app.include_router(summary.health_router)
    app.include_router(events.router)
    app.include_router(documents.router)
    app.include_router(summary.router)
    app.include_router(write.router)
    page.add_page(app)
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


def app_from_env() -> FastAPI:
    """The app over the store named by $MARSAD_DB (`marsad serve --workers N` starts one per process)."""
    return create_app(os.environ["MARSAD_DB"])
