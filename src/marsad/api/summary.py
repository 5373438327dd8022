"""What the store holds as a whole: GET /health, and what the filters can take (GET /actors, GET /facets).

Two routers, so that the app can keep /health first and /actors, /facets after the documents' routes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from marsad import __version__
from marsad.api.deps import StoreDep

health_router = APIRouter()
router = APIRouter()


@health_router.get("/health", summary="Liveness and what the store holds")
def health(store: StoreDep) -> dict[str, Any]:
    return {"status": "ok", "version": __version__, **store.counts()}


@router.get("/actors", summary="Actors of the stored events, with how many events name them")
def actors(store: StoreDep, limit: Annotated[int, Query(ge=1, le=10000)] = 500) -> dict[str, Any]:
    return {"actors": store.actors(limit)}


@router.get("/facets", summary="What the filters can take: countries, event types, the date range")
def facets(store: StoreDep) -> dict[str, Any]:
    return store.facets()
