"""Serialise a processed Document to the SCHEMA result object: the annotation layers become the records of
`model/results.py` (ids made by `model/ids.py`), and `Result.to_json()` is the object."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from marsad.model.document import Document
from marsad.model.ids import event_ids, quote_id
from marsad.model.records import ActorMention, Event, Post, Quote
from marsad.model.results import (
    ActorRef,
    DocRecord,
    EventRecord,
    PostRecord,
    QuoteRecord,
    Result,
    Source,
    Span,
)

__all__ = ["actor_ref", "doc_record", "event_record", "post_record", "quote_record", "result_json",
           "result_record"]


def actor_ref(m: ActorMention | None) -> ActorRef | None:
    if m is None:
        return None
    return ActorRef(m.actor.name, m.actor.id, m.text, m.actor.kind, m.actor.inter, m.role or None,
                    m.org.name if m.org is not None else None)


def event_record(doc: Document, ev: Event, event_id: str, source: Source) -> EventRecord:
    pm = ev.place
    p = pm.place if pm else None
    did = doc.id
    return EventRecord(
        event_id=event_id,
        event_date=ev.date_start,
        event_date_end=ev.date_end or ev.date_start,
        time_precision=_time_precision(doc, ev),
        event_type=ev.event_type,
        sub_event_type=ev.sub_event_type,
        actor1=actor_ref(ev.actor1),
        actor2=actor_ref(ev.actor2),
        assoc_actor_1=tuple(a for a in map(actor_ref, ev.assoc_actor_1) if a is not None),
        assoc_actor_2=tuple(a for a in map(actor_ref, ev.assoc_actor_2) if a is not None),
        civilian_targeting=ev.civilian_targeting,
        country=p.country if p else None,
        admin1=p.admin1 if p else None,
        admin2=p.admin2 if p else None,
        location=p.name if p else None,
        location_ar=pm.text if pm else None,
        latitude=p.latitude if p else None,
        longitude=p.longitude if p else None,
        geo_precision=pm.geo_precision if pm else 3,
        fatalities=ev.fatalities,
        injuries=ev.injuries,
        confidence=round(ev.confidence, 3),
        trigger=Span(did, ev.trigger.start, ev.trigger.end, ev.trigger.text),
        evidence=tuple(Span(did, s.start, s.end, s.text) for s in ev.evidence),
        sources=(source,),
    )


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


def doc_record(doc: Document) -> DocRecord:
    m = doc.meta
    return DocRecord(
        id=m.id, url=m.url, outlet=m.outlet, published=m.published, title=m.title,
        # where the date came from ("input", "html", "url", "text"; null without one), and 1 when it is the
        # day itself, 2 when only a lower bound (the latest date the text states)
        published_source=(m.published_source or "input") if m.published else None,
        published_precision=(m.published_precision or 1) if m.published else None,
        crawled=m.crawled or None)


def quote_record(doc: Document, q: Quote) -> QuoteRecord:
    speaker = actor_ref(q.speaker) or ActorRef(q.speaker_text or None, None, q.speaker_text, "other")
    if q.role and speaker.role is None:
        speaker = replace(speaker, role=q.role)
    if q.org is not None and speaker.org is None:
        speaker = replace(speaker, org=q.org.name)
    return QuoteRecord(quote_id(doc.id, q.start), speaker, q.cue, q.direct, q.text, q.start, q.end, q.date,
                       q.repeats)


def post_record(p: Post) -> PostRecord:
    return PostRecord(p.platform, p.author, p.handle, p.date, p.url, p.start, p.end)


def result_record(doc: Document) -> Result:
    """The records of a processed Document."""
    d = doc_record(doc)
    source = d.source
    return Result(
        doc=d,
        events=tuple(event_record(doc, e, i, source)
                     for e, i in zip(doc.events, event_ids(doc.id, doc.events), strict=True)),
        quotes=tuple(quote_record(doc, q) for q in doc.quotes),
        # statements of wholly unnamed sources ("Local sources", "Witnesses"): not quotes of an identified
        # speaker (the gold convention), but still who-said-what for a user
        unnamed_quotes=tuple(quote_record(doc, q) for q in doc.unnamed_quotes),
        posts=tuple(post_record(p) for p in doc.posts),
    )


def result_json(doc: Document) -> dict[str, Any]:
    """The SCHEMA result object of a processed Document (docs/schema.md)."""
    return result_record(doc).to_json()
