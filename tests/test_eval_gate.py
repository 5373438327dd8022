"""The quality gate: marsad eval on the dev corpus must stay at or above the floors in eval_floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.eval.floors import EPSILON
from marsad.eval.scorer import corpus_digest, evaluate, score_document
from tests.conftest import DEV, needs_shared

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "eval_floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def report(pipeline):
    return evaluate(DEV / "gold", DEV / "raw", pipeline=pipeline)


@needs_shared
def test_corpus_is_the_one_the_floors_were_set_on() -> None:
    assert corpus_digest(DEV / "gold", DEV / "raw") == FLOORS["corpus_digest"], (
        "the dev corpus changed: re-run `marsad eval` and re-set eval_floors.json deliberately")


@needs_shared
@pytest.mark.parametrize("metric", sorted(FLOORS["floors"]))
def test_metric_at_or_above_floor(report, metric: str) -> None:
    got = report.flat()[metric]
    assert got >= FLOORS["floors"][metric] - EPSILON, f"{metric} fell to {got:.4f} (floor {FLOORS['floors'][metric]})"


@needs_shared
def test_every_gold_anchor_is_found(report) -> None:
    problems = [(d.doc_id, e) for d in report.docs for e in d.errors]
    assert not problems


@needs_shared
def test_evidence_spans_are_exact(pipeline) -> None:
    from marsad.ingest import read_file
    from marsad.output import result_json

    for raw in sorted((DEV / "raw").glob("*.json")):
        doc = next(read_file(str(raw)))
        res = result_json(pipeline(doc))
        for ev in res["events"]:
            for s in ev["evidence"] + [ev["trigger"]]:
                assert doc.text[s["start"]:s["end"]] == s["text"], raw.name
        for q in res["quotes"]:
            assert doc.text[q["start"]:q["end"]] == q["text"], raw.name


def test_scorer_on_a_hand_made_case() -> None:
    text = "انفجرت سيارة مفخخة في السوق. وقال المحافظ إن الوضع هادئ."
    gold = {"id": "t", "events": [
        {"event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
         "date_start": "2023-01-01", "date_end": "2023-01-01", "evidence": "انفجرت سيارة مفخخة في السوق",
         "actor1": None, "actor2": None, "fatalities": None, "country": "Iraq", "admin1": "Baghdad",
         "optional": False, "alt_types": []},
        {"event_type": "Protests", "sub_event_type": "Peaceful protest", "evidence": "وقال المحافظ",
         "optional": True, "alt_types": []}],
        "quotes": [{"speaker": "Governor", "speaker_ar": "المحافظ", "quote_start": "الوضع هادئ"}], "posts": []}
    pred = {"events": [
        {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "event_date": "2023-01-01",
         "event_date_end": "2023-01-01", "evidence": [{"start": 0, "end": 28}], "trigger": None,
         "actor1": None, "actor2": None, "fatalities": None, "country": "Iraq", "admin1": "Baghdad"},
        {"event_type": "Battles", "sub_event_type": "Armed clash", "evidence": [{"start": 30, "end": 40}]},
        {"event_type": "Riots", "sub_event_type": "Violent demonstration", "evidence": [{"start": 5, "end": 9}]}],
        "quotes": [{"start": text.index("الوضع"), "end": len(text) - 1, "speaker": {"name": "x", "mention": "المحافظ"}}],
        "posts": []}
    ds = score_document(gold, text, pred)
    # loose: the clash overlaps only the optional gold event, so it is dropped (neither TP nor FP);
    # type-level: its type is not the optional event's, so it stays a false positive
    assert (ds.events_type.tp, ds.events_type.fp, ds.events_type.fn) == (1, 2, 0)
    assert (ds.events_loose.tp, ds.events_loose.fp, ds.events_loose.fn) == (1, 1, 0)
    assert ds.attrs["sub_event_type"].value == 0.0 and ds.attrs["date"].value == 1.0
    assert (ds.quotes.tp, ds.quotes.fp, ds.quotes.fn) == (1, 0, 0) and ds.speaker.value == 1.0
