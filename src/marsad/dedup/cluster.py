"""Cross-document clustering as a pure module: blocking, scoring, assignment and the merged events.

The decisions are made here, with no database: which stored clusters a new mention is compared with
(`window`, `in_block`), how one document's mentions are assigned to them (`assign`: every matching pair
ranked by score, best first, one mention of the document per cluster), why a mention joined (`join_reason`),
and how a cluster's profile is written down (`profile_json` / `profile_from`). `store.Store` persists these
decisions in its tables; `Clusters` keeps them in memory, so that `marsad eval --dedup` (eval/dedup.py)
measures the merging without a database, with the same decisions the store makes.

    clusters = Clusters()
    clusters.add("doc-a", result_a.events)        # EventRecords (model.results): founds clusters
    clusters.add("doc-b", result_b.events)        # joins the ones it reports too
    clusters.events()                             # MergedEvents (dedup.merge_mentions)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from marsad.dedup.match import DATE_SLACK, Profile, Verdict, compare, iso_date
from marsad.dedup.merge import merge_mentions
from marsad.model.results import EventRecord, MergedEvent

_PROFILE_FIELDS = tuple(f.name for f in fields(Profile))
_SETS = ("actors", "words", "doc_ids")


def window(prof: Profile) -> tuple[date, date] | None:
    """The dates a cluster must reach into to be compared with this mention (its own, a day's slack either
    side); None for an undated mention, which founds its own cluster."""
    if prof.start is None:
        return None
    return prof.start - DATE_SLACK, (prof.end or prof.start) + DATE_SLACK


def in_block(mention: Profile, cluster: Profile) -> bool:
    """Blocking: the same event type, the same country when the mention has one, and dates that meet the
    mention's window (a dated cluster only)."""
    w = window(mention)
    if w is None or cluster.start is None or cluster.end is None or cluster.event_type != mention.event_type:
        return False
    if mention.country is not None and cluster.country != mention.country:
        return False
    return cluster.start <= w[1] and cluster.end >= w[0]


@dataclass(frozen=True)
class Candidate:
    """A stored cluster in the block of mention `index` of the document being added."""

    index: int
    cluster_id: str
    profile: Profile
    joins: int  # mentions that joined it so far


def assign(profs: list[Profile], candidates: Iterable[Candidate]) -> dict[int, tuple[Candidate, Verdict]]:
    """Mention index -> the cluster it joins and why. All (mention, cluster) pairs that match are ranked by
    score and taken best first, one mention of this document per cluster; a mention left out founds a new
    cluster. Deciding per document, not per mention, stops a weaker mention taking the cluster that a
    better one of the same article belongs to."""
    scored = []
    for c in candidates:
        verdict = compare(profs[c.index], c.profile)
        if verdict.same:
            scored.append((-verdict.score, c.index, c.cluster_id, c, verdict))
    scored.sort(key=lambda t: (t[0], t[1], t[2]))
    chosen: dict[int, tuple[Candidate, Verdict]] = {}
    taken: set[str] = set()
    for _, i, cid, c, verdict in scored:
        if i not in chosen and cid not in taken:
            chosen[i] = (c, verdict)
            taken.add(cid)
    return chosen


def join_reason(doc_id: str, verdict: Verdict) -> str:
    """Why a mention of `doc_id` joined its cluster, as the merged event lists it."""
    return f"{doc_id}: " + "; ".join(verdict.reasons) + f" (score {verdict.score})"


def cluster_id(event: EventRecord) -> str:
    """The id of the cluster a mention founds."""
    return "e" + event.event_id


def profile_json(p: Profile) -> dict[str, Any]:
    """The profile as stored: dates as ISO strings, sets sorted (a shallow copy; `asdict` deep-copies)."""
    d = {k: getattr(p, k) for k in _PROFILE_FIELDS}
    d["start"] = p.start.isoformat() if p.start else None
    d["end"] = p.end.isoformat() if p.end else None
    for k in _SETS:
        d[k] = sorted(d[k])
    return d


def profile_from(d: dict[str, Any]) -> Profile:
    """A profile read back from `profile_json`."""
    d = dict(d)
    d["start"], d["end"] = iso_date(d["start"]), iso_date(d["end"])
    for k in _SETS:
        d[k] = set(d[k])
    return Profile(**d)


@dataclass
class _Cluster:
    profile: Profile
    members: list[EventRecord] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


class Clusters:
    """The clustering of a stream of documents, kept in memory: what a store would hold, without one."""

    def __init__(self) -> None:
        self._clusters: dict[str, _Cluster] = {}
        self._block: dict[str, list[str]] = {}   # event type -> cluster ids

    def add(self, doc_id: str, events: Sequence[EventRecord]) -> dict[str, str]:
        """Cluster one document's event mentions; returns mention event_id -> cluster id."""
        profs = [Profile.from_event(ev) for ev in events]
        cands = [Candidate(i, cid, self._clusters[cid].profile, len(self._clusters[cid].reasons))
                 for i, p in enumerate(profs)
                 for cid in self._block.get(p.event_type, []) if in_block(p, self._clusters[cid].profile)]
        chosen = assign(profs, cands)
        out = {}
        for i, (ev, prof) in enumerate(zip(events, profs, strict=True)):
            if i in chosen:
                cand, verdict = chosen[i]
                cl = self._clusters[cand.cluster_id]
                cl.profile.absorb(prof)
                cl.members.append(ev)
                cl.reasons.append(join_reason(doc_id, verdict))
                out[ev.event_id] = cand.cluster_id
            else:
                cid = cluster_id(ev)
                self._clusters[cid] = _Cluster(prof, [ev])
                self._block.setdefault(prof.event_type, []).append(cid)
                out[ev.event_id] = cid
        return out

    def events(self) -> list[MergedEvent]:
        """The merged event of every cluster, in the order the clusters were founded (its mentions in the
        store's order, by mention id; its reasons in the order they joined)."""
        return [merge_mentions(cid, sorted(cl.members, key=lambda e: e.event_id), cl.reasons)
                for cid, cl in self._clusters.items()]

    def __len__(self) -> int:
        return len(self._clusters)
