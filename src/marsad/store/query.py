"""Filters and pages for `marsad query`, `marsad export` and the API: a cluster (a merged event) is kept when
one of its mentions matches every filter given.

Every filter may hold several values, any of which may match (OR within a filter; AND across filters):
countries by English name or ISO code, ACLED regions, admin1 names compared spelling-tolerantly ("Al-Hasakah",
"al hasakah", "hasakah"), event types or sub-types, actors by part of their English name, by id or by the
Arabic as written, and words of the evidence compared Arabic-folded (store/search.py).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from marsad.store.schema import clusters, mentions
from marsad.store.search import search_key
from marsad.text.normalize import has_arabic

Values = str | Sequence[str] | None
SORTS = ("date", "-date", "-sources")


class has_part(FunctionElement):
    """`has_part(text, part)`: whether `part` occurs in `text`, literally (no wildcard, no case folding):
    instr() on SQLite and strpos() on PostgreSQL, which scan faster than LIKE '%…%' and need no escaping."""

    inherit_cache = True
    type = sa.Boolean()


@compiles(has_part)
def _has_part(element, compiler, **kw) -> str:
    a, b = (compiler.process(c, **kw) for c in element.clauses)
    return f"(instr({a}, {b}) > 0)"


@compiles(has_part, "postgresql")
def _has_part_pg(element, compiler, **kw) -> str:
    a, b = (compiler.process(c, **kw) for c in element.clauses)
    return f"(strpos({a}, {b}) > 0)"


def values(v: Values) -> tuple[str, ...]:
    """A filter's values: one string, or many; empty strings dropped."""
    if v is None:
        return ()
    return tuple(x.strip() for x in ([v] if isinstance(v, str) else v) if x and x.strip())


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(lower-cased name, alias, ISO2 or ISO3 -> country name), (lower-cased ACLED region -> country names)."""
    from marsad.resources.registry import read_tsv

    names: dict[str, str] = {}
    regions: dict[str, list[str]] = {}
    for r in read_tsv("countries_acled.tsv"):
        for key in (r["iso2"], r["iso3"], r["name"], *(r.get("aliases") or "").split("|")):
            if key:
                names.setdefault(key.lower(), r["name"])
        if r.get("region"):
            regions.setdefault(r["region"].lower(), []).append(r["name"])
    return names, {k: tuple(v) for k, v in regions.items()}


@lru_cache(maxsize=1)
def _types() -> dict[str, str]:
    from marsad.resources.registry import read_tsv

    out: dict[str, str] = {}
    for r in read_tsv("acled_subevents.tsv"):
        for k in ("event_type", "sub_event_type"):
            if r.get(k):
                out[r[k].lower()] = r[k]
    return out


def event_types(given: Iterable[str]) -> tuple[str, ...]:
    """ACLED event types and sub-event types as spelled in the store, whatever the case given."""
    return tuple(_types().get(g.lower(), g) for g in given)


def country_names(given: Iterable[str]) -> tuple[str, ...]:
    """Country names for names or ISO codes (unknown words are kept as written)."""
    names, _ = _countries()
    return tuple(names.get(g.lower(), g) for g in given)


def region_countries(given: Iterable[str]) -> tuple[str, ...]:
    _, regions = _countries()
    return tuple(c for g in given for c in regions.get(g.lower(), ()))


# removed, in this order, from a lower-cased region name to compare spellings ("Al-Hasakah" = "hasakah")
_PLACE_NOISE = ("al-", "al ", "el-", "el ", " ", "-", "'", "’", "`", "_", ".")


def _place_key_sql(col: sa.ColumnElement) -> sa.ColumnElement:
    """`place_key` in SQL (the same replacements, so both sides agree)."""
    x = sa.func.lower(col)
    for a in _PLACE_NOISE:
        x = sa.func.replace(x, a, "")
    return x


def place_key(name: str) -> str:
    """A spelling-tolerant key for region names: 'Al-Hasakah', 'al hasakah', 'Hasakah' -> 'hasakah'."""
    x = name.lower()
    for a in _PLACE_NOISE:
        x = x.replace(a, "")
    return x




@dataclass(frozen=True)
class EventFilter:
    country: Values = None
    region: Values = None               # ACLED region (e.g. Middle East, Northern Africa)
    admin1: Values = None
    date_from: date | None = None
    date_to: date | None = None
    bbox: tuple[float, float, float, float] | None = None   # min_lon, min_lat, max_lon, max_lat
    event_type: Values = None           # an event type or a sub-event type
    actor: Values = None                # part of actor1's or actor2's English name, an actor id, or Arabic
    text: Values = None                 # words of the evidence (Arabic-folded)
    min_confidence: float | None = None
    min_fatalities: int | None = None
    min_sources: int = 1

    def _mention_conditions(self) -> list[sa.ColumnElement]:
        conds: list[sa.ColumnElement] = []
        ci = sa.func.lower
        countries = country_names(values(self.country))
        if values(self.region):
            in_region = region_countries(values(self.region))
            countries = tuple(c for c in countries if c in in_region) if countries else in_region
            if not countries:
                return [sa.false()]
        if countries:
            conds.append(mentions.c.country.in_(countries))  # canonical names: the index answers
        if values(self.admin1):
            conds.append(_place_key_sql(mentions.c.admin1).in_([place_key(a) for a in values(self.admin1)]))
        if values(self.event_type):
            types = event_types(values(self.event_type))
            conds.append(sa.or_(mentions.c.event_type.in_(types), mentions.c.sub_event_type.in_(types)))
        if values(self.actor):
            # the user's words are literal ("%" and "_" are no wildcards): has_part, not LIKE
            alts: list[sa.ColumnElement] = []
            for a in values(self.actor):
                if has_arabic(a):
                    alts.append(has_part(mentions.c.actor_text, search_key(a)))
                else:
                    part = a.lower()
                    alts += [has_part(ci(mentions.c.actor1), part), has_part(ci(mentions.c.actor2), part),
                             mentions.c.actor1_id == a, mentions.c.actor2_id == a]
            conds.append(sa.or_(*alts))
        if values(self.text):
            conds.append(sa.or_(*(has_part(mentions.c.evidence_folded, search_key(t)) for t in values(self.text))))
        if self.bbox is not None:
            x0, y0, x1, y1 = self.bbox
            conds += [mentions.c.longitude.between(x0, x1), mentions.c.latitude.between(y0, y1)]
        if self.min_fatalities is not None:
            conds.append(mentions.c.fatalities >= self.min_fatalities)
        return conds

    def indexed(self) -> list[sa.ColumnElement]:
        """The conditions an index answers (country, region, type), to count how many mentions they keep."""
        only = EventFilter(country=self.country, region=self.region, event_type=self.event_type)
        return only._mention_conditions() if (values(self.country) or values(self.region)
                                             or values(self.event_type)) else []

    def apply(self, q: sa.Select, narrow: bool | None = None, max_span: int | None = None) -> sa.Select:
        """Add the filters to a select over clusters. `narrow`: collect the matching clusters first (best
        when few mentions match: a box, a rare country); otherwise walk the clusters in the page's order and
        stop at a full page (best when many match). None: narrow for a box only. `max_span`: the longest
        event in the store, in days (clusters.span): an event ending after `date_from` starts at most that
        long before it, which bounds the walk of the day index."""
        conds = self._mention_conditions()
        if conds and (narrow or (narrow is None and self.bbox is not None)):
            q = q.where(clusters.c.id.in_(sa.select(mentions.c.cluster_id).where(*conds)))
        elif conds:
            q = q.where(sa.exists().where(mentions.c.cluster_id == clusters.c.id, *conds))
        if self.date_from:
            q = q.where(clusters.c.date_end >= self.date_from)
            if max_span is not None:
                q = q.where(clusters.c.day >= self.date_from - timedelta(days=max_span))
        if self.date_to:  # day = date_start for dated events: the (day, id) index bounds the scan
            q = q.where(clusters.c.date_start <= self.date_to, clusters.c.day <= self.date_to)
        if self.min_sources > 1:
            q = q.where(clusters.c.n_mentions >= self.min_sources)
        if self.min_confidence is not None:  # the merged event's confidence, as shown
            q = q.where(clusters.c.confidence >= self.min_confidence - 0.0005)
        return q


NO_DATE = date(1, 1, 1)  # clusters.day of an undated event


def sort_key(sort: str) -> sa.ColumnElement:
    if sort in ("date", "-date"):
        return clusters.c.day
    if sort == "-sources":
        return clusters.c.n_mentions
    raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")


def encode_cursor(sort: str, key: object, cid: str) -> str:
    k = key.isoformat() if isinstance(key, date) else key
    return base64.urlsafe_b64encode(json.dumps([sort, k, cid]).encode()).decode().rstrip("=")


class CursorError(ValueError):
    pass


def decode_cursor(cursor: str, sort: str) -> tuple[object, str]:
    """(sort key, cluster id) of the last event of the previous page."""
    try:
        s, k, cid = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, TypeError):
        raise CursorError("cursor is not one this server made") from None
    if s != sort or not isinstance(cid, str):
        raise CursorError("cursor belongs to another sort order")
    if sort in ("date", "-date"):
        try:
            k = date.fromisoformat(k)
        except (TypeError, ValueError):
            raise CursorError("cursor is not one this server made") from None
    return k, cid


def after(q: sa.Select, sort: str, cursor: str | None) -> sa.Select:
    """The page's order and the keyset condition (rows after the cursor's event)."""
    key = sort_key(sort)
    desc = sort.startswith("-")
    if cursor:
        k, cid = decode_cursor(cursor, sort)
        if desc:
            q = q.where(sa.or_(key < k, sa.and_(key == k, clusters.c.id < cid)))
        else:
            q = q.where(sa.or_(key > k, sa.and_(key == k, clusters.c.id > cid)))
    return q.order_by(key.desc() if desc else key, clusters.c.id.desc() if desc else clusters.c.id)
