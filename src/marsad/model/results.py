"""Typed records of what extraction produces, and of the events merged across documents.

`output.result_json` builds a `Result` from a processed Document; the store, de-duplication and the exporters
read these records' fields, never string keys. Each record has ONE `to_json()`, which returns exactly the
SCHEMA object of docs/schema.md (the same keys in the same order), and ONE `from_json()`, which reads that
object back: `Record.from_json(x).to_json() == x`, key order included. A renamed key is a change here and
nowhere else.

    EventRecord   one event of one document (SCHEMA EVENT), with ActorRef, Span and Source inside
    QuoteRecord   an attributed statement (SCHEMA QUOTE)
    PostRecord    an embedded social-media post (SCHEMA POST)
    DocRecord     the document (SCHEMA DOC)
    Result        doc + events + quotes + unnamed_quotes + posts: one `marsad extract` line
    MergedEvent   what `dedup.merge_mentions` makes of the mentions of one real event (docs/schema.md,
                  "Merged events"): the event's fields plus every source, mention, merge reason and report

Dates are `datetime.date` (ISO strings in JSON); a source's `published` stays a string, since an input may
give a full timestamp. `from_json` reads our own JSON strictly: a missing key raises KeyError, naming it.
`partial=True` (the exporters' reading of hand-made events, which docs/export.md promises to tolerate) reads
a missing key as null (or an empty list), skips list items and actors that are not objects and ignores a
date it cannot read; the record may then hold None where the schema promises a value.
Ids are made in `model/ids.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

JSON = dict[str, Any]
T = TypeVar("T")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _day(v: Any, partial: bool = False) -> date | None:
    """An ISO date (None or empty: None). `partial`: the date part of any ISO string; None if unreadable."""
    if not v:
        return None
    if not partial:
        return date.fromisoformat(v)
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _getter(d: Mapping[str, Any], partial: bool) -> Callable[[str], Any]:
    return d.get if partial else d.__getitem__


def _objects(v: Any, read: Callable[[Mapping[str, Any], bool], T], partial: bool) -> tuple[T, ...]:
    """A JSON list of objects as records; `partial`: null is empty, and items that are not objects are skipped."""
    if partial:
        return tuple(read(x, True) for x in v or () if isinstance(x, Mapping))
    return tuple(read(x, False) for x in v)


def _strings(v: Any, partial: bool) -> tuple[str, ...]:
    if partial:
        if isinstance(v, str):
            return (v,)
        return tuple(x for x in v or () if x is not None)
    return tuple(v)


@dataclass(frozen=True, slots=True)
class ActorRef:
    """SCHEMA ACTOR. `inter`, `role` and `org` are written only when set."""

    name: str | None
    id: str | None
    mention: str
    kind: str
    inter: int | None = None
    role: str | None = None
    org: str | None = None

    def to_json(self) -> JSON:
        out: JSON = {"name": self.name, "id": self.id, "mention": self.mention, "kind": self.kind}
        if self.inter is not None:
            out["inter"] = self.inter
        if self.role is not None:
            out["role"] = self.role
        if self.org is not None:
            out["org"] = self.org
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any], partial: bool = False) -> ActorRef:
        g = _getter(d, partial)
        return cls(g("name"), g("id"), g("mention"), g("kind"), d.get("inter"), d.get("role"), d.get("org"))

    @property
    def key(self) -> str | None:
        """What identifies the actor among the reports of one event: its id, else its name."""
        return self.id or self.name


def _actor(v: Any, partial: bool) -> ActorRef | None:
    if v is None or (partial and not isinstance(v, Mapping)):
        return None
    return ActorRef.from_json(v, partial)


def _actor_json(a: ActorRef | None) -> JSON | None:
    return a.to_json() if a is not None else None


@dataclass(frozen=True, slots=True)
class Span:
    """SCHEMA SPAN: offsets into the original text of document `doc_id` (an event's trigger or evidence)."""

    doc_id: str
    start: int
    end: int
    text: str

    def to_json(self) -> JSON:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, d: Mapping[str, Any], partial: bool = False) -> Span:
        g = _getter(d, partial)
        return cls(g("doc_id"), g("start"), g("end"), g("text"))


@dataclass(frozen=True, slots=True)
class Source:
    """SCHEMA SOURCE: a document reporting an event."""

    doc_id: str
    url: str | None
    outlet: str | None
    published: str | None  # as the DOC gives it (an ISO date, or a timestamp a hand-made event carries)

    def to_json(self) -> JSON:
        return {"doc_id": self.doc_id, "url": self.url, "outlet": self.outlet, "published": self.published}

    @classmethod
    def from_json(cls, d: Mapping[str, Any], partial: bool = False) -> Source:
        g = _getter(d, partial)
        return cls(g("doc_id"), g("url"), g("outlet"), g("published"))


@dataclass(frozen=True, slots=True)
class FatalityReport:
    """One report's fatality figure in a merged event, with the document and outlet that gave it."""

    doc_id: str | None
    outlet: str | None
    fatalities: int

    def to_json(self) -> JSON:
        return {"doc_id": self.doc_id, "outlet": self.outlet, "fatalities": self.fatalities}

    @classmethod
    def from_json(cls, d: Mapping[str, Any], partial: bool = False) -> FatalityReport:
        g = _getter(d, partial)
        return cls(g("doc_id"), g("outlet"), g("fatalities"))


@dataclass(frozen=True, slots=True)
class _EventHead:
    """The fields an event of one document and a merged event share, in SCHEMA order (up to `confidence`)."""

    event_id: str
    event_date: date | None
    event_date_end: date | None
    time_precision: int | None  # None: an undated event
    event_type: str
    sub_event_type: str
    actor1: ActorRef | None
    actor2: ActorRef | None
    assoc_actor_1: tuple[ActorRef, ...]
    assoc_actor_2: tuple[ActorRef, ...]
    civilian_targeting: bool
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    location_ar: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int | None
    injuries: int | None
    confidence: float

    def _head_json(self) -> JSON:
        return {
            "event_id": self.event_id,
            "event_date": _iso(self.event_date),
            "event_date_end": _iso(self.event_date_end),
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": _actor_json(self.actor1),
            "actor2": _actor_json(self.actor2),
            "assoc_actor_1": [a.to_json() for a in self.assoc_actor_1],
            "assoc_actor_2": [a.to_json() for a in self.assoc_actor_2],
            "civilian_targeting": self.civilian_targeting,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "location_ar": self.location_ar,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "confidence": self.confidence,
        }


# `_EventHead`'s fields, in their order (records are built positionally: reading stored events is a hot path)
_HeadValues = tuple[str, date | None, date | None, int | None, str, str, ActorRef | None, ActorRef | None,
                    tuple[ActorRef, ...], tuple[ActorRef, ...], bool, str | None, str | None, str | None,
                    str | None, str | None, float | None, float | None, int, int | None, int | None, float]


def _head_values(d: Mapping[str, Any], partial: bool) -> _HeadValues:
    """The values of `_EventHead`'s fields, in their order, read from an event object."""
    g = _getter(d, partial)
    return (g("event_id"), _day(g("event_date"), partial), _day(g("event_date_end"), partial),
            g("time_precision"), g("event_type"), g("sub_event_type"), _actor(g("actor1"), partial),
            _actor(g("actor2"), partial), _objects(g("assoc_actor_1"), ActorRef.from_json, partial),
            _objects(g("assoc_actor_2"), ActorRef.from_json, partial), g("civilian_targeting"), g("country"),
            g("admin1"), g("admin2"), g("location"), g("location_ar"), g("latitude"), g("longitude"),
            g("geo_precision"), g("fatalities"), g("injuries"), g("confidence"))


@dataclass(frozen=True, slots=True)
class EventRecord(_EventHead):
    """SCHEMA EVENT: one event as one document reports it (`sources` holds that document).

    `trigger` is None only for an event made by hand (eval/dedup.py dresses gold events as mentions)."""

    trigger: Span | None
    evidence: tuple[Span, ...]
    sources: tuple[Source, ...]

    def to_json(self) -> JSON:
        out = self._head_json()
        out["trigger"] = self.trigger.to_json() if self.trigger is not None else None
        out["evidence"] = [s.to_json() for s in self.evidence]
        out["sources"] = [s.to_json() for s in self.sources]
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any], partial: bool = False) -> EventRecord:
        g = _getter(d, partial)
        trig = g("trigger")
        return cls(*_head_values(d, partial),
                   Span.from_json(trig, partial) if isinstance(trig, Mapping) else None,
                   _objects(g("evidence"), Span.from_json, partial),
                   _objects(g("sources"), Source.from_json, partial))

    @property
    def source(self) -> Source | None:
        """The document the event came from (the first source)."""
        return self.sources[0] if self.sources else None


@dataclass(frozen=True, slots=True)
class MergedEvent(_EventHead):
    """A real event merged from the reports of several documents (`dedup.merge_mentions`): the EVENT fields,
    without the one `trigger`, then `triggers` (every mention's), the reports' figures, the mentions' ids and
    why each joined. docs/schema.md, "Merged events"."""

    evidence: tuple[Span, ...]
    sources: tuple[Source, ...]
    fatalities_max: int | None
    fatalities_reports: tuple[FatalityReport, ...]
    mentions: tuple[str, ...]
    merge_reasons: tuple[str, ...]
    triggers: tuple[Span, ...]

    def to_json(self) -> JSON:
        out = self._head_json()
        out["evidence"] = [s.to_json() for s in self.evidence]
        out["sources"] = [s.to_json() for s in self.sources]
        out["fatalities_max"] = self.fatalities_max
        out["fatalities_reports"] = [r.to_json() for r in self.fatalities_reports]
        out["mentions"] = list(self.mentions)
        out["merge_reasons"] = list(self.merge_reasons)
        out["triggers"] = [s.to_json() for s in self.triggers]
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any], partial: bool = False) -> MergedEvent:
        g = _getter(d, partial)
        return cls(*_head_values(d, partial),
                   _objects(g("evidence"), Span.from_json, partial),
                   _objects(g("sources"), Source.from_json, partial),
                   g("fatalities_max"),
                   _objects(g("fatalities_reports"), FatalityReport.from_json, partial),
                   _strings(g("mentions"), partial),
                   _strings(g("merge_reasons"), partial),
                   _objects(g("triggers"), Span.from_json, partial))


AnyEvent = EventRecord | MergedEvent
# keys only a merged event has: what tells the two apart in JSON
MERGED_KEYS = ("fatalities_max", "fatalities_reports", "mentions", "merge_reasons", "triggers")


def read_event(d: Mapping[str, Any], partial: bool = False) -> AnyEvent:
    """An event object as the record it is: a MergedEvent when it has any key only merged events have."""
    if any(k in d for k in MERGED_KEYS):
        return MergedEvent.from_json(d, partial)
    return EventRecord.from_json(d, partial)


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """SCHEMA QUOTE."""

    quote_id: str
    speaker: ActorRef
    cue: str
    direct: bool
    text: str
    start: int
    end: int
    date: date | None
    repeats: int

    def to_json(self) -> JSON:
        return {"quote_id": self.quote_id, "speaker": self.speaker.to_json(), "cue": self.cue,
                "direct": self.direct, "text": self.text, "start": self.start, "end": self.end,
                "date": _iso(self.date), "repeats": self.repeats}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> QuoteRecord:
        return cls(d["quote_id"], ActorRef.from_json(d["speaker"]), d["cue"], d["direct"], d["text"], d["start"],
                   d["end"], _day(d["date"]), d["repeats"])


@dataclass(frozen=True, slots=True)
class PostRecord:
    """SCHEMA POST."""

    platform: str
    author: str
    handle: str
    date: date | None
    url: str | None
    start: int
    end: int

    def to_json(self) -> JSON:
        return {"platform": self.platform, "author": self.author, "handle": self.handle, "date": _iso(self.date),
                "url": self.url, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> PostRecord:
        return cls(d["platform"], d["author"], d["handle"], _day(d["date"]), d["url"], d["start"], d["end"])


@dataclass(frozen=True, slots=True)
class DocRecord:
    """SCHEMA DOC. `crawled` is written only when set. A DOC written before marsad recorded where its date
    came from reads with `published_source` and `published_precision` null."""

    id: str
    url: str | None
    outlet: str | None
    published: date | None
    title: str | None
    published_source: str | None  # "input", "html", "url", "text", "crawl"; None without a date
    published_precision: int | None  # 1 the day; 2 a lower bound; None without a date
    crawled: str | None = None

    def to_json(self) -> JSON:
        out: JSON = {"id": self.id, "url": self.url, "outlet": self.outlet, "published": _iso(self.published),
                     "title": self.title, "published_source": self.published_source,
                     "published_precision": self.published_precision}
        if self.crawled:
            out["crawled"] = self.crawled
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> DocRecord:
        return cls(d["id"], d["url"], d["outlet"], _day(d["published"]), d["title"], d.get("published_source"),
                   d.get("published_precision"), d.get("crawled"))

    @property
    def source(self) -> Source:
        """This document as the SOURCE of its events."""
        return Source(self.id, self.url, self.outlet, _iso(self.published))


@dataclass(frozen=True, slots=True)
class Result:
    """The result object of one document (one line of `marsad extract`). A result written before marsad
    reported unnamed sources reads with no `unnamed_quotes`."""

    doc: DocRecord
    events: tuple[EventRecord, ...]
    quotes: tuple[QuoteRecord, ...]
    unnamed_quotes: tuple[QuoteRecord, ...]
    posts: tuple[PostRecord, ...]

    def to_json(self) -> JSON:
        return {
            "doc": self.doc.to_json(),
            "events": [e.to_json() for e in self.events],
            "quotes": [q.to_json() for q in self.quotes],
            "unnamed_quotes": [q.to_json() for q in self.unnamed_quotes],
            "posts": [p.to_json() for p in self.posts],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Result:
        return cls(DocRecord.from_json(d["doc"]), tuple(EventRecord.from_json(e) for e in d["events"]),
                   tuple(QuoteRecord.from_json(q) for q in d["quotes"]),
                   tuple(QuoteRecord.from_json(q) for q in d.get("unnamed_quotes") or ()),
                   tuple(PostRecord.from_json(p) for p in d["posts"]))


def as_result(result: Result | Mapping[str, Any]) -> Result:
    """A Result as is; a result object (JSON) read with `Result.from_json`."""
    return result if isinstance(result, Result) else Result.from_json(result)

