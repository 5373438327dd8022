"""The typed records after extraction (model/results.py): every event, quote, post and document of the dev
corpus reads back exactly (`from_json(x).to_json() == x`, key order included), the result object keeps its
keys and their order, ids are made in the model, and hand-made events read leniently only when asked."""

from __future__ import annotations

import dataclasses
import json

import pytest

from marsad.model.ids import event_ids, post_id, quote_id, stable_id
from marsad.model.results import (
    ActorRef,
    DocRecord,
    EventRecord,
    MergedEvent,
    PostRecord,
    QuoteRecord,
    Result,
    Source,
    Span,
    read_event,
)
from tests.conftest import DEV, needs_shared

# The SCHEMA objects' keys in the order marsad writes them (docs/schema.md). Changing one is changing the
# data contract: this list and the records change together.
RESULT_KEYS = ["doc", "events", "quotes", "unnamed_quotes", "posts"]
DOC_KEYS = ["id", "url", "outlet", "published", "title", "published_source", "published_precision"]
EVENT_KEYS = ["event_id", "event_date", "event_date_end", "time_precision", "event_type", "sub_event_type",
              "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "civilian_targeting", "country", "admin1",
              "admin2", "location", "location_ar", "latitude", "longitude", "geo_precision", "fatalities",
              "injuries", "confidence", "trigger", "evidence", "sources"]
MERGED_KEYS = [k for k in EVENT_KEYS if k != "trigger"] + [
    "fatalities_max", "fatalities_reports", "mentions", "merge_reasons", "triggers"]
ACTOR_KEYS = ["name", "id", "mention", "kind", "inter", "role", "org"]   # the last three only when set
SPAN_KEYS = ["doc_id", "start", "end", "text"]
SOURCE_KEYS = ["doc_id", "url", "outlet", "published"]
QUOTE_KEYS = ["quote_id", "speaker", "cue", "direct", "text", "start", "end", "date", "repeats"]
POST_KEYS = ["platform", "author", "handle", "date", "url", "start", "end"]


def _dumps(x: object) -> str:
    return json.dumps(x, ensure_ascii=False)


@pytest.fixture(scope="module")
def dev_results(pipeline):
    """(Document, result object) of every dev article."""
    from marsad.eval.scorer import read_raw
    from marsad.output import result_json

    out = []
    for path in sorted((DEV / "raw").glob("*.json")):
        doc = pipeline(read_raw(path))
        out.append((doc, result_json(doc)))
    return out


def _actors(ev: dict) -> list[dict]:
    return [a for a in (ev["actor1"], ev["actor2"], *ev["assoc_actor_1"], *ev["assoc_actor_2"]) if a]


def _check_actor(a: dict) -> None:
    assert list(a)[:4] == ACTOR_KEYS[:4]
    assert list(a) == [k for k in ACTOR_KEYS if k in a]


@needs_shared
def test_every_dev_record_reads_back_exactly(dev_results):
    n_events = n_quotes = n_posts = 0
    for _, res in dev_results:
        assert Result.from_json(res).to_json() == res
        assert _dumps(Result.from_json(res).to_json()) == _dumps(res)        # the same bytes: key order too
        assert _dumps(DocRecord.from_json(res["doc"]).to_json()) == _dumps(res["doc"])
        for ev in res["events"]:
            assert _dumps(EventRecord.from_json(ev).to_json()) == _dumps(ev)
            assert isinstance(read_event(ev), EventRecord)
            n_events += 1
        for q in res["quotes"] + res["unnamed_quotes"]:
            assert _dumps(QuoteRecord.from_json(q).to_json()) == _dumps(q)
            n_quotes += 1
        for p in res["posts"]:
            assert _dumps(PostRecord.from_json(p).to_json()) == _dumps(p)
            n_posts += 1
    assert n_events > 100 and n_quotes > 100 and n_posts >= 1


@needs_shared
def test_result_json_keeps_its_keys_and_their_order(dev_results):
    seen_optional: set[str] = set()
    for _, res in dev_results:
        assert list(res) == RESULT_KEYS
        assert list(res["doc"]) == DOC_KEYS + (["crawled"] if "crawled" in res["doc"] else [])
        for ev in res["events"]:
            assert list(ev) == EVENT_KEYS
            assert list(ev["trigger"]) == SPAN_KEYS and all(list(s) == SPAN_KEYS for s in ev["evidence"])
            assert [list(s) for s in ev["sources"]] == [SOURCE_KEYS]
            for a in _actors(ev):
                _check_actor(a)
                seen_optional.update(k for k in a if k in ACTOR_KEYS[4:])
        for q in res["quotes"] + res["unnamed_quotes"]:
            assert list(q) == QUOTE_KEYS
            _check_actor(q["speaker"])
            seen_optional.update(k for k in q["speaker"] if k in ACTOR_KEYS[4:])
        for p in res["posts"]:
            assert list(p) == POST_KEYS
    assert seen_optional == {"inter", "role", "org"}


@needs_shared
def test_ids_are_made_in_the_model(dev_results):
    several_places = 0
    for doc, res in dev_results:
        ids = event_ids(doc.id, doc.events)
        assert [e["event_id"] for e in res["events"]] == ids
        for ev, eid in zip(doc.events, ids, strict=True):
            plain = stable_id(doc.id, "event", ev.trigger.start, ev.sub_event_type)
            several_places += eid != plain
        assert [q["quote_id"] for q in res["quotes"]] == [quote_id(doc.id, q.start) for q in doc.quotes]
    assert len({post_id("d", 5, "@a"), post_id("d", 5, "@b"), post_id("e", 5, "@a")}) == 3
    assert several_places >= 1                   # one cue at several places: the place is in their ids


def test_one_cue_at_two_places_gives_two_ids():
    from marsad.model.records import Event, EvidenceSpan, Place, PlaceMention

    def at(pid: str) -> Event:
        place = PlaceMention(10, 15, pid, Place(pid, pid, pid, "Yemen"))
        return Event("Battles", "Armed clash", EvidenceSpan(0, 5, "قصف"), [], place=place)

    a, b, other = at("p1"), at("p2"), Event("Protests", "Peaceful protest", EvidenceSpan(20, 25, "تظاهر"), [])
    ids = event_ids("d", [a, b, other])
    assert ids[0] != ids[1] and len(set(ids)) == 3
    assert ids[2] == stable_id("d", "event", 20, "Peaceful protest")
    assert event_ids("d", [a]) == [stable_id("d", "event", 0, "Armed clash")]


def _event(**change) -> EventRecord:
    base = EventRecord(
        event_id="e1", event_date=None, event_date_end=None, time_precision=None, event_type="Battles",
        sub_event_type="Armed clash", actor1=ActorRef("ISIS", "isis", "داعش", "rebel", inter=2), actor2=None,
        assoc_actor_1=(), assoc_actor_2=(), civilian_targeting=False, country="Syria", admin1=None, admin2=None,
        location=None, location_ar=None, latitude=None, longitude=None, geo_precision=3, fatalities=None,
        injuries=None, confidence=0.5, trigger=Span("d", 0, 3, "قصف"), evidence=(Span("d", 0, 3, "قصف"),),
        sources=(Source("d", None, None, "2024-01-02"),))
    return dataclasses.replace(base, **change)


def test_records_are_frozen_and_strict():
    ev = _event()
    with pytest.raises(dataclasses.FrozenInstanceError):
        ev.event_id = "x"  # type: ignore[misc]
    js = ev.to_json()
    assert list(js) == EVENT_KEYS and EventRecord.from_json(js) == ev
    del js["admin1"]
    with pytest.raises(KeyError, match="admin1"):              # our own JSON: a missing key says which
        EventRecord.from_json(js)


def test_a_hand_made_event_reads_leniently_only_when_asked():
    bare = read_event({"event_id": "bare"}, partial=True)
    assert isinstance(bare, EventRecord) and bare.event_id == "bare"
    assert (bare.actor1, bare.evidence, bare.sources, bare.trigger, bare.event_date) == (None, (), (), None, None)
    odd = read_event({"event_id": "m", "actor1": "ISIS", "sources": ["x", {"doc_id": "a"}],
                      "merge_reasons": "same place", "event_date": "2024-01-02T10:00:00Z"}, partial=True)
    assert isinstance(odd, MergedEvent)
    assert odd.actor1 is None and [s.doc_id for s in odd.sources] == ["a"]
    assert odd.merge_reasons == ("same place",) and odd.event_date is not None and odd.event_date.day == 2
    with pytest.raises(KeyError):
        read_event({"event_id": "bare"})


@needs_shared
def test_every_merged_dev_event_reads_back_exactly(dev_results):
    from marsad.eval.dedup import cluster_events

    merged = cluster_events([(res, doc.text) for doc, res in dev_results])
    assert any(len(m.mentions) > 1 for m in merged) and any(m.fatalities_reports for m in merged)
    for m in merged:
        js = m.to_json()
        assert list(js) == MERGED_KEYS
        assert _dumps(MergedEvent.from_json(js).to_json()) == _dumps(js)
        assert MergedEvent.from_json(js) == m and read_event(js) == m
