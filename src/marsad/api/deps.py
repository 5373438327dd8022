"""What the API's routers share: the store of the app a request reached, repeatable filters, page sizes, dates."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from marsad.store import Store

MAX_PAGE = 1000              # events of one page (format=json) or one download

Many = Annotated[list[str] | None, Query()]


async def app_store(request: Request) -> Store:
    """The store that `create_app` opened (async: read in the event loop, no thread for it)."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(app_store)]


def day(s: str | None, name: str) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise HTTPException(400, f"{name} must be a YYYY-MM-DD date, got {s!r}") from None
