"""Build one merged EVENT from the mentions of a cluster, keeping every source and every figure.

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
from collections.abc import Sequence
from typing import Any


def _most_common(values: list[Any], key=lambda v: v) -> Any:
    """The most frequent value by `key`, the first seen winning ties (mentions come most confident first)."""
    if not values:
        return None
    counts = Counter(key(v) for v in values)
    best = max(counts.values())
    return next(v for v in values if counts[key(v)] == best)


def report_confidence(e: dict[str, Any]) -> float:
    """One report's confidence as it enters the noisy-or (capped below 1, so no report is certain)."""
    return min(float(e.get("confidence") or 0.0), 0.99)


def noisy_or(reports: Sequence[dict[str, Any]]) -> float:
    """The merged event's confidence: independent reports reinforce each other, capped below 1."""
    miss = 1.0
    for e in reports:
        miss *= 1.0 - report_confidence(e)
    return min(1.0 - miss, 0.99)


def merge_mentions(cluster_id: str, members: Sequence[dict[str, Any]],
                   reasons: Sequence[str] = ()) -> dict[str, Any]:
    """Merged SCHEMA EVENT of `members` (each an EVENT dict of one document)."""
    ranked = sorted(members, key=lambda e: (-(e.get("confidence") or 0), e["event_id"]))
    head = dict(_most_common(ranked, key=lambda e: (e["event_type"], e["sub_event_type"])))
    head["event_id"] = cluster_id

    starts = [e["event_date"] for e in ranked if e.get("event_date")]
    ends = [e.get("event_date_end") or e["event_date"] for e in ranked if e.get("event_date")]
    head["event_date"] = min(starts) if starts else None
    head["event_date_end"] = max(ends) if ends else None
    # null with no date at all: an undated event has no precision to report
    head["time_precision"] = min((e.get("time_precision") or 3) for e in ranked) if starts else None

    placed = [e for e in ranked if e.get("location") or e.get("admin1")]
    if placed:
        best_prec = min(e.get("geo_precision") or 3 for e in placed)
        precise = [e for e in placed if (e.get("geo_precision") or 3) == best_prec]
        where = _most_common(precise, key=lambda e: (e.get("location"), e.get("admin1")))
        for k in ("country", "admin1", "admin2", "location", "location_ar", "latitude", "longitude",
                  "geo_precision"):
            head[k] = where.get(k)

    chosen: set[str] = set()
    for side in ("actor1", "actor2"):
        # one actor is never both sides: actor2 is voted among the others
        named = [e[side] for e in ranked if e.get(side) and (e[side].get("id") or e[side].get("name")) not in chosen]
        if named:
            head[side] = _most_common(named, key=lambda a: a.get("id") or a.get("name"))
            chosen.add(head[side].get("id") or head[side].get("name"))
        elif side == "actor2" and head.get("actor2") and (head["actor2"].get("id") or "") in chosen:
            head["actor2"] = None

    reports = [{"doc_id": _source(e).get("doc_id"), "outlet": _source(e).get("outlet"), "fatalities": e["fatalities"]}
               for e in ranked if e.get("fatalities") is not None]
    head["fatalities"] = min((r["fatalities"] for r in reports), default=None)
    head["fatalities_max"] = max((r["fatalities"] for r in reports), default=None)
    head["fatalities_reports"] = sorted(reports, key=lambda r: (r["doc_id"] or ""))
    injuries = [e["injuries"] for e in ranked if e.get("injuries") is not None]
    head["injuries"] = min(injuries) if injuries else None
    head["civilian_targeting"] = any(e.get("civilian_targeting") for e in ranked)

    head["confidence"] = round(noisy_or(ranked), 3)

    members_by_id = sorted(members, key=lambda e: e["event_id"])
    head["evidence"] = [s for e in members_by_id for s in e.get("evidence", [])]
    sources: dict[str, dict] = {}
    for e in members_by_id:
        for s in e.get("sources", []):
            sources.setdefault(s.get("doc_id") or "", s)
    head["sources"] = sorted(sources.values(), key=lambda s: (s.get("published") or "", s.get("doc_id") or ""))
    head["mentions"] = [e["event_id"] for e in members_by_id]
    head["merge_reasons"] = list(reasons)
    # the cue words of every report (a mention's trigger), each with its document
    head["triggers"] = [e["trigger"] for e in members_by_id if e.get("trigger")]
    head.pop("trigger", None)
    return head


def _source(e: dict[str, Any]) -> dict[str, Any]:
    """The document a one-document mention came from."""
    return (e.get("sources") or [{}])[0]
