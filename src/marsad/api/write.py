"""POST /documents: documents in through the pipeline into the store, for holders of the app's token.

The token, the body limit and the pipeline (built on the first write) are the app's: `create_app` sets them
in `app.state` (`token`, `max_body`, `pipeline`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.responses import JSONResponse

from marsad.store import Store

router = APIRouter()


@router.post("/documents", summary="Ingest one document (JSON) or a batch (JSON Lines) through the pipeline",
             status_code=200)
async def post_documents(request: Request, authorization: Annotated[str | None, Header()] = None
                         ) -> dict[str, Any]:
    state = request.app.state
    token, max_body = state.token, state.max_body
    if not token:
        raise HTTPException(403, "writes are disabled: start the server with MARSAD_API_TOKEN set")
    if authorization != f"Bearer {token}":
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is needed to write")
    body = await request.body()
    if len(body) > max_body:
        raise HTTPException(413, f"request body over {max_body:,} bytes")
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_ingest, state.store, state.pipeline, body,
                                   request.headers.get("content-type") or "")


def _ingest(store: Store, pipeline: dict[str, Any], body: bytes, content_type: str) -> dict[str, Any]:
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
