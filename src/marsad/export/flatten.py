"""One event -> one flat row: ACLED's columns in ACLED's order, then marsad's extra columns.

`flatten(event)` is the CSV row as a dict of typed Python values (str, int, float or None); the CSV, GeoJSON
and Parquet exporters and `marsad query` tables all use it, so the formats agree column for column. The row
is read from the event's record (`model.results.EventRecord` or `MergedEvent`); an event given as a JSON
object is read into one first (`as_event`: leniently, since hand-made events may lack keys).
Conventions (ACLED codebook): inter codes 1-8, interaction = the two codes lowest first ("12"; "10" for a
sole actor), civilian_targeting "Civilian targeting" or "", assoc actors and source outlets joined with "; ",
iso = ISO 3166-1 numeric, event_id_cnty = ISO alpha-3 + a stable number derived from event_id.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlparse

from marsad.export.notes import build_notes
from marsad.export.tables import ExportTables
from marsad.model.results import ActorRef, AnyEvent, EventRecord, MergedEvent, Source, read_event

# what the exporters take: a record, or a SCHEMA EVENT / merged event as a JSON object
EventLike = EventRecord | MergedEvent | Mapping[str, Any]
_NOTHING: Mapping[str, Any] = {}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # an Arrow type name: string, int8, int16, int32, int64, float64, date32
    doc: str


ACLED_COLUMNS: tuple[Column, ...] = (
    Column("event_id_cnty", "string", "ISO alpha-3 + a stable number derived from event_id (XXX: no country)"),
    Column("event_date", "date32", "first day of the event, YYYY-MM-DD"),
    Column("year", "int16", "year of event_date"),
    Column("time_precision", "int8", "1 exact day, 2 within about a week, 3 only the month"),
    Column("disorder_type", "string", "Political violence | Demonstrations | Political violence; Demonstrations"
                                      " | Strategic developments"),
    Column("event_type", "string", "one of ACLED's 6 event types"),
    Column("sub_event_type", "string", "one of ACLED's 25 sub-event types"),
    Column("actor1", "string", "actor1's English name"),
    Column("assoc_actor_1", "string", "associated actors of actor1, '; '-joined"),
    Column("inter1", "int8", "ACLED inter code of actor1 (1 state ... 8 external/other)"),
    Column("actor2", "string", "actor2's English name"),
    Column("assoc_actor_2", "string", "associated actors of actor2, '; '-joined"),
    Column("inter2", "int8", "ACLED inter code of actor2"),
    Column("interaction", "int16", "the two inter codes, lowest first (12); a sole actor's code times 10 (60)"),
    Column("civilian_targeting", "string", "'Civilian targeting' or empty"),
    Column("iso", "int16", "ISO 3166-1 numeric country code"),
    Column("region", "string", "ACLED region of the country"),
    Column("country", "string", "country (English)"),
    Column("admin1", "string", "first-level administrative unit"),
    Column("admin2", "string", "second-level administrative unit"),
    Column("admin3", "string", "third-level administrative unit (marsad does not resolve it: usually empty)"),
    Column("location", "string", "the most precise named place (English)"),
    Column("latitude", "float64", "WGS84 latitude"),
    Column("longitude", "float64", "WGS84 longitude"),
    Column("geo_precision", "int8", "1 the named place, 2 nearby or larger area, 3 only the province"),
    Column("source", "string", "outlets reporting the event, '; '-joined (URL host when the outlet is unknown)"),
    Column("source_scale", "string", "ACLED source scale (only when the event carries one; marsad has no outlet"
                                     " table yet)"),
    Column("notes", "string", "short factual English summary built from the fields (docs/export.md)"),
    Column("fatalities", "int32", "reported fatalities, the most conservative report; empty = not reported"),
    Column("tags", "string", "ACLED-style tags, '; '-joined (only when the event carries them)"),
    Column("timestamp", "int64", "unix time of the latest source's publication (or the event's own timestamp)"),
)

EXTRA_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "string", "marsad's stable event id"),
    Column("event_date_end", "date32", "last day of the event"),
    Column("injuries", "int32", "reported injuries (ACLED has no such column)"),
    Column("fatalities_max", "int32", "highest fatality figure any source reported"),
    Column("confidence", "float64", "the extractor's confidence, 0..1"),
    Column("location_ar", "string", "the place as written in the article"),
    Column("actor1_ar", "string", "actor1 as written in the article"),
    Column("actor2_ar", "string", "actor2 as written in the article"),
    Column("actor1_id", "string", "marsad actor id of actor1"),
    Column("actor2_id", "string", "marsad actor id of actor2"),
    Column("trigger_ar", "string", "the word that signals the event, as written"),
    Column("evidence", "string", "Arabic text of the evidence spans, ' | '-joined, in document order"),
    Column("n_sources", "int16", "number of documents reporting the event"),
    Column("source_urls", "string", "URLs of the reporting documents, '; '-joined"),
    Column("source_doc_ids", "string", "ids of the reporting documents, '; '-joined"),
    Column("merge_reasons", "string", "why de-duplication merged reports into this event, ' | '-joined"),
)

COLUMNS: tuple[Column, ...] = ACLED_COLUMNS + EXTRA_COLUMNS
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
# pandas dtypes that read the CSV back with its integer columns as (nullable) integers:
#     pandas.read_csv("events.csv", dtype=marsad.export.CSV_DTYPES)
CSV_DTYPES: dict[str, str] = {c.name: "Int64" for c in COLUMNS if c.type.startswith("int")} | {
    c.name: "string" for c in COLUMNS if c.type == "string"}

# ACLED inter codes by SCHEMA actor kind, for actors that carry no explicit `inter`.
KIND_INTER = {"state": 1, "rebel": 2, "political": 3, "identity": 4, "rioters": 5, "protesters": 6,
              "civilians": 7, "external": 8, "other": 8}
ID_DIGITS = 12  # event_id_cnty number: 10**12 values make a clash unlikely below ~10**6 events a country


def _join(items: Any, sep: str = "; ") -> str:
    seen: list[str] = []
    for x in items:
        if x and x not in seen:
            seen.append(x)
    return sep.join(seen)


def as_event(ev: EventLike) -> tuple[AnyEvent, Mapping[str, Any]]:
    """The record of an event, and the JSON object it was given as (empty for a record): ACLED columns
    marsad does not make (`admin3`, `source_scale`, `tags`, `timestamp`) are taken from a hand-made event."""
    if isinstance(ev, EventRecord | MergedEvent):
        return ev, _NOTHING
    return read_event(ev, partial=True), ev


def _inter(a: ActorRef | None) -> int | None:
    if a is None:
        return None
    v = a.inter
    if isinstance(v, int) and 1 <= v <= 8:
        return v
    return KIND_INTER.get(a.kind or "")


def interaction(i1: int | None, i2: int | None) -> int | None:
    """ACLED interaction code: 1 and 3 -> 13 (order-free), a sole actor 6 -> 60."""
    codes = sorted(c for c in (i1, i2) if c)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def _int(v: Any) -> int | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _float(v: Any) -> float | None:
    try:
        return None if v is None or isinstance(v, bool) else float(v)
    except (TypeError, ValueError):
        return None


def _unix(published: Any) -> int | None:
    if not published:
        return None
    s = str(published).strip()
    try:
        if len(s) <= 10:
            d = date.fromisoformat(s)
            return int(datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp())
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
        return int((dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp())
    except ValueError:
        return None


def _outlet(src: Source) -> str | None:
    if src.outlet:
        return str(src.outlet)
    host = urlparse(str(src.url or "")).hostname
    return host.removeprefix("www.") if host else None


class Flattener:
    """Turns events (records or SCHEMA EVENT objects) into flat rows; holds the lookup tables (load them
    once, reuse)."""

    def __init__(self, tables: ExportTables | None = None):
        self.tables = tables or ExportTables.load()
        by_type: dict[str, Counter[str]] = {}
        for info in self.tables.subevents.values():
            by_type.setdefault(info.event_type, Counter())[info.disorder_type] += 1
        self._disorder_by_type = {t: c.most_common(1)[0][0] for t, c in by_type.items()}

    def disorder_type(self, event_type: str | None, sub_event_type: str | None) -> str | None:
        info = self.tables.subevent(sub_event_type)
        if info is not None:
            return info.disorder_type
        return self._disorder_by_type.get(event_type or "")

    def __call__(self, ev: EventLike) -> dict[str, Any]:
        return self.row(*as_event(ev))

    def row(self, ev: AnyEvent, given: Mapping[str, Any] = _NOTHING) -> dict[str, Any]:
        """The flat row of a record; `given`: the JSON object it was read from, if any (`as_event`)."""
        t = self.tables
        merged = ev if isinstance(ev, MergedEvent) else None
        a1, a2 = ev.actor1, ev.actor2
        i1, i2 = _inter(a1), _inter(a2)
        cc = t.country(ev.country)
        event_id = str(ev.event_id or "")
        sources = ev.sources
        reports = merged.fatalities_reports if merged else ()
        figures = [f for f in (_int(r.fatalities) for r in reports) if f is not None]
        fatalities = _int(ev.fatalities)
        if fatalities is None and figures:
            fatalities = min(figures)  # ACLED codes the most conservative report
        fmax = _int(merged.fatalities_max) if merged else None
        if fmax is None:
            fmax = max(figures) if figures else fatalities
        d1 = ev.event_date
        d2 = ev.event_date_end or d1
        stamp = _int(given.get("timestamp"))
        if stamp is None:
            stamps = [u for u in (_unix(s.published) for s in sources) if u is not None]
            stamp = max(stamps) if stamps else None
        doc_rank = {s.doc_id: i for i, s in reversed(list(enumerate(sources)))}
        spans = sorted(ev.evidence, key=lambda s: (doc_rank.get(s.doc_id, len(doc_rank)), _int(s.start) or 0))
        trigger = ev.trigger if isinstance(ev, EventRecord) else None  # a merged event has `triggers`
        n_sources = len(sources)
        tags = given.get("tags")
        return {
            "event_id_cnty": f"{cc.iso3 if cc else 'XXX'}{self.number(event_id)}" if event_id else None,
            "event_date": d1.isoformat() if d1 else None,
            "year": d1.year if d1 else None,
            "time_precision": _int(ev.time_precision),
            "disorder_type": self.disorder_type(ev.event_type, ev.sub_event_type),
            "event_type": ev.event_type,
            "sub_event_type": ev.sub_event_type,
            "actor1": a1.name if a1 else None,
            "assoc_actor_1": _join(a.name for a in ev.assoc_actor_1) or None,
            "inter1": i1,
            "actor2": a2.name if a2 else None,
            "assoc_actor_2": _join(a.name for a in ev.assoc_actor_2) or None,
            "inter2": i2,
            "interaction": interaction(i1, i2),
            "civilian_targeting": "Civilian targeting" if ev.civilian_targeting else None,
            "iso": cc.iso if cc else None,
            "region": cc.region if cc else None,
            "country": ev.country,
            "admin1": ev.admin1,
            "admin2": ev.admin2,
            "admin3": given.get("admin3"),
            "location": ev.location,
            "latitude": _float(ev.latitude),
            "longitude": _float(ev.longitude),
            "geo_precision": _int(ev.geo_precision),
            "source": _join(_outlet(s) for s in sources) or None,
            "source_scale": given.get("source_scale") or None,
            "notes": build_notes(ev, t, fatalities, fmax, n_sources),
            "fatalities": fatalities,
            "tags": (_join(tags) if isinstance(tags, list) else tags) or None,
            "timestamp": stamp,
            "event_id": event_id or None,
            "event_date_end": d2.isoformat() if d2 else None,
            "injuries": _int(ev.injuries),
            "fatalities_max": fmax,
            "confidence": _float(ev.confidence),
            "location_ar": ev.location_ar,
            "actor1_ar": (a1.mention or None) if a1 else None,
            "actor2_ar": (a2.mention or None) if a2 else None,
            "actor1_id": a1.id if a1 else None,
            "actor2_id": a2.id if a2 else None,
            "trigger_ar": trigger.text if trigger else None,
            "evidence": _join((str(s.text or "") for s in spans), " | ") or None,
            "n_sources": n_sources,
            "source_urls": _join(s.url for s in sources) or None,
            "source_doc_ids": _join(s.doc_id for s in sources) or None,
            "merge_reasons": (_join(merged.merge_reasons, " | ") or None) if merged else None,
        }

    @staticmethod
    def number(event_id: str) -> int:
        """The stable number in event_id_cnty: the first digits of sha1(event_id)."""
        return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16) % 10**ID_DIGITS


def flatten(event: EventLike, tables: ExportTables | None = None) -> dict[str, Any]:
    """The CSV row of one event as a dict (COLUMN_NAMES order). For many events build one `Flattener`."""
    return Flattener(tables)(event)
