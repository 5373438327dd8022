"""The download formats of GET /events: which one a request asks for, and the page written in it."""

from __future__ import annotations

import io

from fastapi import HTTPException
from fastapi.responses import Response

from marsad.model.results import MergedEvent

FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
           "parquet": "application/vnd.apache.parquet", "jsonl": "application/x-ndjson"}
_ACCEPT = {"text/csv": "csv", "application/geo+json": "geojson", "application/vnd.apache.parquet": "parquet",
           "application/x-ndjson": "jsonl"}


def choose_format(fmt: str | None, accept: str | None) -> str:
    """`format=` when given (400 for an unknown one), else the first known type in Accept, else json."""
    if fmt:
        if fmt not in FORMATS:
            raise HTTPException(400, f"format must be one of {', '.join(FORMATS)}")
        return fmt
    for mime, name in _ACCEPT.items():
        if accept and mime in accept:
            return name
    return "json"


def download(events: list[MergedEvent], fmt: str, nxt: str | None) -> Response:
    """The page as an attachment in `fmt`, with the next cursor in X-Next-Cursor."""
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
