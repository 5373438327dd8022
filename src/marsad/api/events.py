"""GET /events (filters, sorts, cursor pages, downloads) and GET /events/{event_id}."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from marsad.api.deps import MAX_PAGE, Many, StoreDep, day
from marsad.api.downloads import FORMATS, choose_format, download
from marsad.api.params import parse_bbox
from marsad.store import EventFilter
from marsad.store.query import SORTS, CursorError

router = APIRouter()


@router.get("/events", summary="Merged events matching the filters, one page at a time",
            responses={200: {"content": {m: {} for m in FORMATS.values()}}})
def events(
    request: Request,
    store: StoreDep,
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
    flt = EventFilter(country=country, region=region, admin1=admin1, date_from=day(date_from, "from"),
                      date_to=day(date_to, "to"), bbox=box, event_type=type, actor=actor, text=text,
                      min_confidence=min_confidence, min_fatalities=min_fatalities, min_sources=min_sources)
    fmt = choose_format(format, request.headers.get("accept"))
    try:
        page, nxt = store.page(flt, sort=sort, limit=limit, cursor=cursor, raw=fmt == "json",
                               records=fmt != "json")
    except CursorError as exc:
        raise HTTPException(400, str(exc)) from None
    if fmt == "json":  # the stored JSON texts go out as they are, never parsed and written again
        body = f'{{"events":[{",".join(page)}],"next_cursor":{json.dumps(nxt)},"count":{len(page)}}}'
        return Response(body.encode("utf-8"), media_type="application/json")
    return download(page, fmt, nxt)


@router.get("/events/{event_id}", summary="One merged event: every source, evidence span, trigger, fatality "
            "report and merge reason")
def event(event_id: str, store: StoreDep) -> dict[str, Any]:
    ev = store.event(event_id)
    if ev is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return ev
