"""One layer on a bare text, as the `marsad time`, `marsad places` and `marsad actors` commands and the batch
look-ups (lookup.py) give it: run the pipeline up to that layer, then write each item as JSON.

    >>> [m.place.admin1 for m in parse_places("اشتباكات في حي غويران بمدينة الحسكة")]
    ['Al-Hasakah', 'Al-Hasakah']
    >>> [time_to_json(e)["date_start"] for e in parse_times("وأمس الأربعاء أعلنت قسد", date(2022, 1, 27))]
    ['2022-01-26']
"""

from __future__ import annotations

from datetime import date

from marsad.model.document import DocMeta, Document, content_id
from marsad.model.records import ActorMention, PlaceMention, TimeExpr
from marsad.pipeline import Pipeline
from marsad.stages.actors import resolve
from marsad.stages.resources import Resources


def parse_times(text: str, published: date | None, res: Resources | None = None) -> list[TimeExpr]:
    """The `times` of `text` (segment, furniture, posts and time run on it)."""
    doc = Document(text, DocMeta(id="cli", published=published))
    Pipeline.build(until="time", resources=res)(doc)
    return doc.times


def parse_places(text: str, res: Resources | None = None) -> list[PlaceMention]:
    """The `places` of `text` (the pipeline up to `places`)."""
    doc = Document(text, DocMeta(id=content_id(text)))
    Pipeline.build(until="places", resources=res)(doc)
    return doc.places


def parse_actors(text: str, published: date | str | None = None, country: str | None = None,
                 res: Resources | None = None) -> list[ActorMention]:
    """The actor mentions of `text` ("الجيش الإسرائيلي" -> Military Forces of Israel): the pipeline up to
    `places`, then the actor table's resolution, with `country` as the focus when given."""
    if isinstance(published, str):
        published = date.fromisoformat(published[:10])
    doc = Document(text, DocMeta(id=content_id(text), published=published))
    pipe = Pipeline.build(until="places", resources=res)
    pipe(doc)
    doc.actors = resolve(doc, pipe.resources.with_(["actors"]).actors, country)
    return doc.actors


def time_to_json(e: TimeExpr) -> dict:
    return {"span": [e.start, e.end], "text": e.text, "date_start": e.date_start.isoformat(),
            "date_end": e.date_end.isoformat(), "precision": e.precision, "confidence": e.confidence,
            "kind": e.kind, "furniture": e.furniture}


def place_to_json(m: PlaceMention) -> dict:
    p = m.place
    return {"span": [m.start, m.end], "text": m.text, "location": p.name, "location_ar": m.text,
            "admin1": p.admin1, "admin2": p.admin2, "country": p.country, "latitude": p.latitude,
            "longitude": p.longitude, "geo_precision": m.geo_precision}


def actor_to_json(m: ActorMention) -> dict:
    return {"span": [m.start, m.end], "text": m.text, "name": m.actor.name, "id": m.actor.id,
            "kind": m.actor.kind, "inter": m.actor.inter, "role": m.role,
            "org": m.org.name if m.org else None}
