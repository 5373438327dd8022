"""How an event mention's payload is kept without what its document row already holds (migration 0012).

A mention's EVENT dict repeats its document three ways: every span (trigger and evidence) names the
document and copies its text (`text[start:end]`), and `sources` is the document's SOURCE. The store keeps
the payload without them, and puts them back when it reads the mention with its document's row:

- a span's `doc_id` is dropped when it is the mention's document, its `text` when it is exactly
  `document.text[start:end]`;
- `sources` is dropped when it is exactly `[that document's SOURCE]` (`doc_source`).

Anything else (a span of another document, a text that differs, other sources) is kept as it is, so the
payload read back is always the one written, with its keys in their order: a span's `doc_id` comes first
and its `text` last, and `sources` is an EVENT's last key.
"""

from __future__ import annotations

from datetime import date
from typing import Any

JSON = dict[str, Any]


def doc_source(doc_id: str, url: str | None, outlet: str | None, published: date | None) -> JSON:
    """A stored document's SOURCE (model.results.DocRecord.source), from its row."""
    return {"doc_id": doc_id, "url": url, "outlet": outlet,
            "published": published.isoformat() if published is not None else None}


def _pack_span(span: Any, doc_id: str, text: str) -> Any:
    if not isinstance(span, dict):
        return span
    out = dict(span)
    if out.get("doc_id") == doc_id and next(iter(out)) == "doc_id":
        del out["doc_id"]
    start, end = out.get("start"), out.get("end")
    if (isinstance(start, int) and isinstance(end, int) and "text" in out and next(reversed(out)) == "text"
            and 0 <= start <= end and text[start:end] == out["text"]):
        del out["text"]
    return out


def _unpack_span(span: Any, doc_id: str, text: str) -> Any:
    if not isinstance(span, dict):
        return span
    out = span if "doc_id" in span else {"doc_id": doc_id, **span}
    if "text" not in out:
        out = {**out, "text": text[out["start"]:out["end"]]}
    return out


def pack_event(payload: JSON, doc_id: str, text: str, source: JSON) -> JSON:
    """The payload to store for an EVENT dict of document `doc_id` (its `text`, its `doc_source`)."""
    out = dict(payload)
    if isinstance(out.get("trigger"), dict):
        out["trigger"] = _pack_span(out["trigger"], doc_id, text)
    if isinstance(out.get("evidence"), list):
        out["evidence"] = [_pack_span(s, doc_id, text) for s in out["evidence"]]
    if "sources" in out and next(reversed(out)) == "sources" and out["sources"] == [source]:
        del out["sources"]
    return out


def unpack_event(stored: JSON, doc_id: str, text: str, source: JSON) -> JSON:
    """The EVENT dict that `pack_event` kept as `stored` (the inverse of `pack_event`)."""
    out = dict(stored)
    if isinstance(out.get("trigger"), dict):
        out["trigger"] = _unpack_span(out["trigger"], doc_id, text)
    if isinstance(out.get("evidence"), list):
        out["evidence"] = [_unpack_span(s, doc_id, text) for s in out["evidence"]]
    if "sources" not in out:
        out["sources"] = [dict(source)]
    return out
