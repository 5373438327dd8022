"""How well does cross-document merging work on the dev corpus?

The dev corpus marks same-story clusters (`cluster` in the raw files: the Hasakah prison, Soleimani and Kabul
airport stories). Within one cluster, required gold events of different documents are the same real event
when they share a (type, sub-type) coding (their `alt_types` count), the same admin1 and dates within a day of each other (grouped
transitively, never two events of one document). Every other pair of gold events is different.

marsad's event mentions are aligned to gold events document by document with the same matching as
`marsad eval`; then, over all pairs of aligned mentions from different documents (the whole corpus, so
that merges of unrelated events count against precision):
  precision = merged pairs that are the same real event / merged pairs
  recall    = same-event pairs that were merged / same-event pairs
With `oracle`, the gold events themselves are stored as the mentions: that measures the merging alone,
apart from extraction errors. Also reported: unique events expected in the clusters and found (clusters holding their mentions), and
merges that involve mentions aligned to no gold event.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from marsad.dedup.cluster import Clusters
from marsad.dedup.match import iso_date
from marsad.eval.scorer import _event_score, _match, _types, load_gold, locate, read_raw
from marsad.model.results import ActorRef, EventRecord, MergedEvent, Result, Span, as_result


@dataclass
class DedupReport:
    pairs_gold: int = 0
    pairs_merged: int = 0
    pairs_correct: int = 0
    wrong_merges: list[str] = field(default_factory=list)
    missed_merges: list[str] = field(default_factory=list)
    unaligned_merges: int = 0
    expected_events: int = 0
    found_events: int = 0
    mentions: int = 0
    clusters: int = 0

    @property
    def precision(self) -> float:
        return self.pairs_correct / self.pairs_merged if self.pairs_merged else 1.0

    @property
    def recall(self) -> float:
        return self.pairs_correct / self.pairs_gold if self.pairs_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        return {"merge_precision": round(self.precision, 4), "merge_recall": round(self.recall, 4),
                "merge_f1": round(self.f1, 4), "pairs_gold": self.pairs_gold, "pairs_merged": self.pairs_merged,
                "pairs_correct": self.pairs_correct, "wrong_merges": self.wrong_merges,
                "missed_merges": self.missed_merges, "unaligned_merges": self.unaligned_merges,
                "expected_events": self.expected_events, "found_events": self.found_events,
                "mentions": self.mentions, "events_after_merging": self.clusters}


def _gold_groups(golds: dict[str, list[dict]], tags: dict[str, str]) -> dict[tuple[str, int], str]:
    """(doc_id, gold index) -> real-event id, for required gold events."""
    keys = [(d, i) for d, evs in golds.items() for i, g in enumerate(evs) if not g.get("optional")]
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def span(g):
        s = date.fromisoformat(g["date_start"]) if g.get("date_start") else None
        return s, (date.fromisoformat(g["date_end"]) if g.get("date_end") else s)

    for a, b in combinations(keys, 2):
        if a[0] == b[0] or not tags.get(a[0]) or tags.get(a[0]) != tags.get(b[0]):
            continue
        ga, gb = golds[a[0]][a[1]], golds[b[0]][b[1]]
        (sa, ea), (sb, eb) = span(ga), span(gb)
        if not _types(ga) & _types(gb) or ga.get("admin1") != gb.get("admin1") or not (sa and sb):
            continue
        if sa <= eb + timedelta(days=1) and sb <= ea + timedelta(days=1):
            # one real event never holds two events of the same document
            ra, rb = find(a), find(b)
            docs_a = {k[0] for k in keys if find(k) == ra}
            docs_b = {k[0] for k in keys if find(k) == rb}
            if ra != rb and not docs_a & docs_b:
                parent[ra] = rb
    return {k: f"{find(k)[0]}#{find(k)[1]}" for k in keys}


def _gold_event(doc, g: dict, i: int) -> EventRecord:
    """A gold event dressed as a mention, for measuring the merging alone (`oracle`): no trigger, and its
    actors named by their gold names."""
    from marsad.model.ids import stable_id
    from marsad.output import doc_record

    def actor(name: str | None) -> ActorRef | None:
        if not name:
            return None
        generic = name.split(" (")[0] in ("Civilians", "Protesters", "Rioters", "Unidentified Armed Group")
        return ActorRef(name=name, id=name, mention="", kind="other" if generic else "named")

    span = g.get("_span")
    return EventRecord(
        event_id=stable_id(doc.id, "gold", i), event_date=iso_date(g.get("date_start")),
        event_date_end=iso_date(g.get("date_end")), time_precision=g.get("time_precision") or 1,
        event_type=g["event_type"], sub_event_type=g["sub_event_type"], actor1=actor(g.get("actor1")),
        actor2=actor(g.get("actor2")), assoc_actor_1=(), assoc_actor_2=(), civilian_targeting=False,
        country=g.get("country"), admin1=g.get("admin1"), admin2=None, location=g.get("location"),
        location_ar=g.get("location_ar"), latitude=None, longitude=None, geo_precision=1,
        fatalities=g.get("fatalities"), injuries=None, confidence=1.0, trigger=None,
        evidence=(Span(doc.id, span[0] if span else 0, span[1] if span else 0, g.get("evidence") or ""),),
        sources=(doc_record(doc).source,))


def evaluate_dedup(gold_dir: str | Path, raw_dir: str | Path, db: str | None = None,
                   oracle: bool = False) -> DedupReport:
    """`oracle`: cluster the gold events themselves instead of marsad's, to measure the merging alone. The
    clustering runs in memory (dedup.cluster.Clusters); with `db`, through a store at that URL instead (the
    same decisions: the tests hold the two to each other)."""
    from marsad.output import result_record
    from marsad.pipeline import Pipeline

    gold = load_gold(gold_dir)
    pipe = Pipeline.build()
    tags: dict[str, str] = {}
    golds: dict[str, list[dict]] = {}
    align: dict[str, tuple[str, int]] = {}        # mention event_id -> (doc, gold index)
    results: list[tuple[Result, str]] = []
    for doc_id in sorted(gold):
        path = Path(raw_dir) / f"{doc_id}.json"
        tags[doc_id] = json.loads(path.read_text(encoding="utf-8")).get("cluster") or ""
        doc = read_raw(path)
        evs = [dict(g) for g in gold[doc_id]["events"]]
        for g in evs:
            g["_span"] = locate(doc.text, g["evidence"])
        golds[doc_id] = evs
        if oracle:
            res = replace(result_record(doc), events=tuple(
                _gold_event(doc, g, i) for i, g in enumerate(evs) if not g.get("optional")))
            pairs = [(n, i) for n, i in enumerate(i for i, g in enumerate(evs) if not g.get("optional"))]
        else:
            res = result_record(pipe(doc))
            pairs, _ = _match([e.to_json() for e in res.events], evs, lambda p, g: _event_score(p, g, True))
        for pi, gi in pairs:
            align[res.events[pi].event_id] = (doc_id, gi)
        results.append((res, doc.text))
    cluster_of = {m: ev.event_id for ev in cluster_events(results, db) for m in ev.mentions}

    rep = DedupReport(mentions=len(cluster_of), clusters=len(set(cluster_of.values())))
    real = _gold_groups(golds, tags)
    aligned = [(m, real[a]) for m, a in align.items() if a in real]
    for (m1, r1), (m2, r2) in combinations(aligned, 2):
        if align[m1][0] == align[m2][0]:
            continue
        same, merged = r1 == r2, cluster_of.get(m1) == cluster_of.get(m2)
        rep.pairs_gold += same
        rep.pairs_merged += merged
        rep.pairs_correct += same and merged
        label = f"{align[m1][0]}:{golds[align[m1][0]][align[m1][1]]['sub_event_type']} ~ " \
                f"{align[m2][0]}:{golds[align[m2][0]][align[m2][1]]['sub_event_type']}"
        if merged and not same:
            rep.wrong_merges.append(label)
        if same and not merged:
            rep.missed_merges.append(label)
    members = defaultdict(set)
    for m, c in cluster_of.items():
        members[c].add(m)
    aligned_ids = set(align)
    rep.unaligned_merges = sum(1 for ms in members.values()
                               if len(ms) > 1 and ms - aligned_ids and ms & aligned_ids)
    expected = {r for (d, _), r in real.items() if tags.get(d)}
    rep.expected_events = len(expected)
    found = defaultdict(set)            # real event -> system clusters holding its aligned mentions
    for m, r in aligned:
        if r in expected:
            found[r].add(cluster_of[m])
    rep.found_events = len({c for cs in found.values() for c in cs})
    return rep


def cluster_events(results: Sequence[tuple[Result | Mapping[str, Any], str]], db: str | None = None
                   ) -> list[MergedEvent]:
    """The merged events of these extraction results (records or result objects, with the texts they came
    from), clustered in memory, or stored in the store at `db` and read back."""
    if db is None:
        clusters = Clusters()
        for res, _ in results:
            r = as_result(res)
            clusters.add(r.doc.id, r.events)
        return clusters.events()
    from marsad.store import Store

    with Store(db) as store:
        for res, text in results:
            store.put(res, text)
        return [MergedEvent.from_json(ev) for ev in store.events()]


def format_dedup(rep: DedupReport) -> str:
    lines = [f"merge pairs: precision {rep.precision:.3f}  recall {rep.recall:.3f}  F1 {rep.f1:.3f}  "
             f"(gold {rep.pairs_gold}, merged {rep.pairs_merged}, correct {rep.pairs_correct})",
             f"real events in the dev clusters: expected {rep.expected_events}, marsad has them in "
             f"{rep.found_events} events",
             f"mentions {rep.mentions} -> events {rep.clusters}; merges with unaligned mentions "
             f"{rep.unaligned_merges}"]
    lines += [f"  wrong merge: {w}" for w in rep.wrong_merges]
    lines += [f"  missed merge: {w}" for w in rep.missed_merges]
    return "\n".join(lines)
