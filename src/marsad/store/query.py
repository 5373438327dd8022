"""Filters for `marsad query` and `marsad export`: a cluster is kept when any of its mentions matches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from marsad.store.schema import clusters, mentions


@dataclass(frozen=True)
class EventFilter:
    country: str | None = None
    admin1: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    event_type: str | None = None       # an event type or a sub-event type
    actor: str | None = None            # part of actor1's or actor2's canonical name
    text: str | None = None             # part of the evidence text (Arabic as written)
    min_sources: int = 1

    def apply(self, q: sa.Select) -> sa.Select:
        conds = []
        ci = sa.func.lower
        if self.country:
            conds.append(ci(mentions.c.country) == self.country.lower())
        if self.admin1:
            conds.append(ci(mentions.c.admin1) == self.admin1.lower())
        if self.event_type:
            conds.append(sa.or_(ci(mentions.c.event_type) == self.event_type.lower(),
                                ci(mentions.c.sub_event_type) == self.event_type.lower()))
        if self.actor:
            # "%" and "_" in the user's words are literal (autoescape), never LIKE wildcards
            part = self.actor.lower()
            conds.append(sa.or_(ci(mentions.c.actor1).contains(part, autoescape=True),
                                ci(mentions.c.actor2).contains(part, autoescape=True)))
        if self.text:
            conds.append(mentions.c.evidence_text.contains(self.text, autoescape=True))
        if conds:
            q = q.where(clusters.c.id.in_(sa.select(mentions.c.cluster_id).where(*conds)))
        if self.date_from:
            q = q.where(clusters.c.date_end >= self.date_from)
        if self.date_to:
            q = q.where(clusters.c.date_start <= self.date_to)
        if self.min_sources > 1:
            q = q.where(clusters.c.n_mentions >= self.min_sources)
        return q
