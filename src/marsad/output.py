"""Serialise a processed Document to the SCHEMA result object."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from marsad.model.document import Document
from marsad.model.records import ActorMention, Event, Post, Quote


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def stable_id(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def actor_json(m: ActorMention | None) -> dict[str, Any] | None:
    if m is None:
        return None
    out: dict[str, Any] = {"name": m.actor.name, "id": m.actor.id, "mention": m.text, "kind": m.actor.kind}
    if m.actor.inter is not None:
        out["inter"] = m.actor.inter
    if m.role:
        out["role"] = m.role
    if m.org is not None:
        out["org"] = m.org.name
    return out


def event_json(doc: Document, ev: Event) -> dict[str, Any]:
    pm = ev.place
    p = pm.place if pm else None
    key: tuple[object, ...] = (doc.id, "event", ev.trigger.start, ev.sub_event_type)
    if any(e is not ev and e.trigger.start == ev.trigger.start and e.sub_event_type == ev.sub_event_type
           for e in doc.events):
        key += (p.id if p else None,)  # one cue, several places ("في عرفات والميناء"): one event each
    return {
        "event_id": stable_id(*key),
        "event_date": _iso(ev.date_start),
        "event_date_end": _iso(ev.date_end or ev.date_start),
        "time_precision": _time_precision(doc, ev),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": actor_json(ev.actor1),
        "actor2": actor_json(ev.actor2),
        "assoc_actor_1": [actor_json(a) for a in ev.assoc_actor_1],
        "assoc_actor_2": [actor_json(a) for a in ev.assoc_actor_2],
        "civilian_targeting": ev.civilian_targeting,
        "country": p.country if p else None,
        "admin1": p.admin1 if p else None,
        "admin2": p.admin2 if p else None,
        "location": p.name if p else None,
        "location_ar": pm.text if pm else None,
        "latitude": p.latitude if p else None,
        "longitude": p.longitude if p else None,
        "geo_precision": pm.geo_precision if pm else 3,
        "fatalities": ev.fatalities,
        "injuries": ev.injuries,
        "confidence": round(ev.confidence, 3),
        "trigger": {"doc_id": doc.id, "start": ev.trigger.start, "end": ev.trigger.end, "text": ev.trigger.text},
        "evidence": [{"doc_id": doc.id, "start": s.start, "end": s.end, "text": s.text} for s in ev.evidence],
        "sources": [source_json(doc)],
    }


def _time_precision(doc: Document, ev: Event) -> int | None:
    """ACLED time_precision; None for an undated event (no date in the text and no anchor to read one
    against). When the anchor is only a lower bound of the publication date (published_precision 2: the
    latest date the text states), a date read against it ("أمس") is no better than the anchor; a date the
    text writes out in full keeps its own precision."""
    if ev.date_start is None:
        return None
    prec = doc.meta.published_precision
    if prec is None or ev.time_precision >= prec:
        return ev.time_precision
    written = any(t.kind == "absolute" and not t.furniture and t.date_start == ev.date_start for t in doc.times)
    return ev.time_precision if written else prec


def source_json(doc: Document) -> dict[str, Any]:
    m = doc.meta
    return {"doc_id": m.id, "url": m.url, "outlet": m.outlet, "published": _iso(m.published)}


def quote_json(doc: Document, q: Quote) -> dict[str, Any]:
    speaker = actor_json(q.speaker) or {"name": q.speaker_text or None, "id": None, "mention": q.speaker_text,
                                        "kind": "other"}
    if q.role and "role" not in speaker:
        speaker["role"] = q.role
    if q.org is not None and "org" not in speaker:
        speaker["org"] = q.org.name
    return {
        "quote_id": stable_id(doc.id, "quote", q.start),
        "speaker": speaker,
        "cue": q.cue,
        "direct": q.direct,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "date": _iso(q.date),
        "repeats": q.repeats,
    }


def post_json(p: Post) -> dict[str, Any]:
    return {"platform": p.platform, "author": p.author, "handle": p.handle, "date": _iso(p.date), "url": p.url,
            "start": p.start, "end": p.end}


def result_json(doc: Document) -> dict[str, Any]:
    m = doc.meta
    return {
        "doc": {"id": m.id, "url": m.url, "outlet": m.outlet, "published": _iso(m.published), "title": m.title,
                # where the date came from ("input", "html", "url", "text"; null without one), and 1 when
                # it is the day itself, 2 when only a lower bound (the latest date the text states)
                "published_source": (m.published_source or "input") if m.published else None,
                "published_precision": (m.published_precision or 1) if m.published else None,
                **({"crawled": m.crawled} if m.crawled else {})},
        "events": [event_json(doc, e) for e in doc.events],
        "quotes": [quote_json(doc, q) for q in doc.quotes],
        # statements of wholly unnamed sources ("Local sources", "Witnesses"): not quotes of an identified
        # speaker (the gold convention), but still who-said-what for a user
        "unnamed_quotes": [quote_json(doc, q) for q in doc.unnamed_quotes],
        "posts": [post_json(p) for p in doc.posts],
    }
