"""Build one merged event (a model.results.MergedEvent) from the mentions of a cluster (EventRecords), keeping
every source and every figure.

Rules, in the spirit of ACLED's coding:
- type and sub-type: the most frequent among mentions (ties: the most confident mention);
- dates: the earliest start and the latest end reported (a six-day siege reported on day two and day six);
- place: the most precise mention (lowest geo_precision), then the most frequent location;
- actors: the most frequent actor1 / actor2 id among mentions that name one;
- fatalities: the conservative (lowest) report, with the highest kept as `fatalities_max` and every report
  in `fatalities_reports` (which outlet said how many);
- confidence: independent reports reinforce each other (noisy-or), capped below 1;
- evidence and sources: all of them, sources ordered by publication date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from marsad.model.results import ActorRef, EventRecord, FatalityReport, MergedEvent, Source

T = TypeVar("T")


def _most_common(values: Sequence[T], key: Callable[[T], Hashable]) -> T:
    """The most frequent value by `key`, the first seen winning ties (mentions come most confident first)."""
    if len(values) == 1:        # a single report (most clusters): nothing to count
        return values[0]
    counts = Counter(key(v) for v in values)
    best = max(counts.values())
    return next(v for v in values if counts[key(v)] == best)


def report_confidence(e: EventRecord) -> float:
    """One report's confidence as it enters the noisy-or (capped below 1, so no report is certain)."""
    return min(float(e.confidence or 0.0), 0.99)


def noisy_or(reports: Iterable[EventRecord]) -> float:
    """The merged event's confidence: independent reports reinforce each other, capped below 1."""
    miss = 1.0
    for e in reports:
        miss *= 1.0 - report_confidence(e)
    return min(1.0 - miss, 0.99)


def merge_mentions(cluster_id: str, members: Sequence[EventRecord], reasons: Sequence[str] = ()) -> MergedEvent:
    """The merged event of `members` (one-document events, at least one)."""
    ranked = sorted(members, key=lambda e: (-(e.confidence or 0), e.event_id))
    head = _most_common(ranked, key=lambda e: (e.event_type, e.sub_event_type))

    starts = [e.event_date for e in ranked if e.event_date]
    ends = [e.event_date_end or e.event_date for e in ranked if e.event_date]

    where: EventRecord = head
    placed = [e for e in ranked if e.location or e.admin1]
    if placed:
        best_prec = min(e.geo_precision or 3 for e in placed)
        precise = [e for e in placed if (e.geo_precision or 3) == best_prec]
        where = _most_common(precise, key=lambda e: (e.location, e.admin1))

    chosen: set[str | None] = set()
    sides: list[ActorRef | None] = []
    for side, own in ((0, head.actor1), (1, head.actor2)):
        # one actor is never both sides: actor2 is voted among the others
        named = [a for e in ranked if (a := (e.actor1, e.actor2)[side]) is not None and a.key not in chosen]
        if named:
            voted = _most_common(named, key=lambda a: a.key)
            chosen.add(voted.key)
            sides.append(voted)
        elif side == 1 and own and (own.id or "") in chosen:
            sides.append(None)
        else:
            sides.append(own)

    reports = [_report(e, e.fatalities) for e in ranked if e.fatalities is not None]
    injuries = [e.injuries for e in ranked if e.injuries is not None]

    members_by_id = sorted(members, key=lambda e: e.event_id)
    sources: dict[str, Source] = {}
    for e in members_by_id:
        for s in e.sources:
            sources.setdefault(s.doc_id or "", s)
    return MergedEvent(
        event_id=cluster_id,
        event_date=min(starts) if starts else None,
        event_date_end=max(d for d in ends if d) if starts else None,
        # null with no date at all: an undated event has no precision to report
        time_precision=min((e.time_precision or 3) for e in ranked) if starts else None,
        event_type=head.event_type,
        sub_event_type=head.sub_event_type,
        actor1=sides[0],
        actor2=sides[1],
        assoc_actor_1=head.assoc_actor_1,
        assoc_actor_2=head.assoc_actor_2,
        civilian_targeting=any(e.civilian_targeting for e in ranked),
        country=where.country,
        admin1=where.admin1,
        admin2=where.admin2,
        location=where.location,
        location_ar=where.location_ar,
        latitude=where.latitude,
        longitude=where.longitude,
        geo_precision=where.geo_precision,
        fatalities=min((r.fatalities for r in reports), default=None),
        injuries=min(injuries) if injuries else None,
        confidence=round(noisy_or(ranked), 3),
        evidence=tuple(s for e in members_by_id for s in e.evidence),
        sources=tuple(sorted(sources.values(), key=lambda s: (s.published or "", s.doc_id or ""))),
        fatalities_max=max((r.fatalities for r in reports), default=None),
        fatalities_reports=tuple(sorted(reports, key=lambda r: r.doc_id or "")),
        mentions=tuple(e.event_id for e in members_by_id),
        merge_reasons=tuple(reasons),
        # the cue words of every report (a mention's trigger), each with its document
        triggers=tuple(e.trigger for e in members_by_id if e.trigger is not None),
    )


def _report(e: EventRecord, fatalities: int) -> FatalityReport:
    """One mention's fatality figure, with the document (and its outlet) it came from."""
    src = e.source
    return FatalityReport(src.doc_id if src else None, src.outlet if src else None, fatalities)
