"""Reading what the articles hold: GET /documents/{doc_id} (text and spans) and GET /quotes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from marsad.api.deps import MAX_PAGE, Many, StoreDep, day

router = APIRouter()


@router.get("/documents/{doc_id}", summary="A stored article: its original text with the spans of its "
            "events, quotes and posts")
def document(doc_id: str, store: StoreDep) -> dict[str, Any]:
    view = store.document_view(doc_id)
    if view is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return view


@router.get("/quotes", summary="Quotes by speaker, organisation, date and words")
def quotes(store: StoreDep, speaker: Many = None, org: Many = None,
           date_from: Annotated[str | None, Query(alias="from")] = None,
           date_to: Annotated[str | None, Query(alias="to")] = None, text: Many = None,
           limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
           offset: Annotated[int, Query(ge=0, le=10**6)] = 0) -> dict[str, Any]:
    got = store.quotes(speaker or (), org or (), day(date_from, "from"), day(date_to, "to"), text or (),
                       limit=limit, offset=offset)
    return {"quotes": got, "count": len(got)}
