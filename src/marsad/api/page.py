"""The web page at / and the offline API docs at /docs, both static files (static/) served as they are."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"

router = APIRouter()


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


@router.get("/docs", include_in_schema=False)
def docs() -> FileResponse:
    return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")


def add_page(app: FastAPI) -> None:
    """/static, then / and /docs (a router cannot carry a mount, so the app mounts it here)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(router)
