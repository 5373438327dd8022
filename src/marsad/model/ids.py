"""Stable ids of what marsad emits: events, quotes and posts, made from the document id and offsets, so the
same article always gives the same ids (the store keys mentions and clusters on them).

    >>> stable_id("d1", "quote", 42)
    '31601d295168c09a'
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from marsad.model.records import Event


def stable_id(*parts: object) -> str:
    """The first 16 hex digits of the SHA-1 of the parts, '|'-joined as strings."""
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def event_ids(doc_id: str, events: Sequence[Event]) -> list[str]:
    """The id of each event of one document: its trigger's offset and its sub-type; and its place's id when
    another event of the document has the same cue and sub-type (one cue, several places: "في عرفات
    والميناء" is one event at each place)."""
    out = []
    for ev in events:
        key: tuple[object, ...] = (doc_id, "event", ev.trigger.start, ev.sub_event_type)
        if any(e is not ev and e.trigger.start == ev.trigger.start and e.sub_event_type == ev.sub_event_type
               for e in events):
            key += (ev.place.place.id if ev.place else None,)
        out.append(stable_id(*key))
    return out


def quote_id(doc_id: str, start: int) -> str:
    """A quote's id: its document and the offset of its content."""
    return stable_id(doc_id, "quote", start)


def post_id(doc_id: str, start: int, handle: str) -> str:
    """An embedded post's id (the store's key for it): its document, its offset and its handle."""
    return stable_id(doc_id, "post", start, handle)
