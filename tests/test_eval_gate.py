"""The quality gate: marsad eval on dev, train and blind must stay at or above the floors in eval_floors.json.

dev is ../shared/corpus/dev; train and blind are the two halves of tests/data/annotated (articles in
../shared/corpus/unlabeled), split by eval.splits. Blind is scored in aggregate only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.eval.floors import allowance
from marsad.eval.scorer import corpus_digest, evaluate, score_document
from tests.conftest import ANNOTATED, DEV, UNLABELED, needs_shared

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "eval_floors.json").read_text("utf-8"))
SETS = {"dev": (DEV / "gold", DEV / "raw", None),
        "train": (ANNOTATED, UNLABELED, "train"),
        "blind": (ANNOTATED, UNLABELED, "blind")}
_REPORTS: dict[str, object] = {}


def _report(name: str, pipeline):
    if name not in _REPORTS:
        gold, raw, split = SETS[name]
        _REPORTS[name] = evaluate(gold, raw, pipeline=pipeline, split=split)
    return _REPORTS[name]


@needs_shared
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_corpus_is_the_one_the_floors_were_set_on(name: str) -> None:
    gold, raw, split = SETS[name]
    assert corpus_digest(gold, raw, split) == FLOORS[name]["corpus_digest"], (
        f"the {name} corpus changed: re-run `marsad eval` and re-set eval_floors.json deliberately")


@needs_shared
@pytest.mark.parametrize(("name", "metric"), [(n, m) for n in sorted(FLOORS) for m in sorted(FLOORS[n]["floors"])])
def test_metric_at_or_above_floor(pipeline, name: str, metric: str) -> None:
    report = _report(name, pipeline)
    got = report.flat()[metric]
    floor = FLOORS[name]["floors"][metric]
    # noise, or one item's worth for a share of matched items (a newly matched event is no regression)
    assert got >= floor - allowance(metric, report.resolution()), f"{name} {metric} fell to {got:.4f} (floor {floor})"


@needs_shared
@pytest.mark.parametrize("name", sorted(SETS))
def test_every_gold_anchor_is_found(pipeline, name: str) -> None:
    report = _report(name, pipeline)
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
    assert (ds.quotes.tp, ds.quotes.fp, ds.quotes.fn) == (1, 0, 0)
    # the strict speaker: "x" does not name the gold Governor; the mention as written does (lenient figure)
    assert ds.speaker.value == 0.0 and ds.speaker_mention.value == 1.0


def _name_cases() -> list[tuple[str, str, bool, str]]:
    rows = []
    for line in (ROOT / "tests" / "data" / "name_match_cases.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, b, same, why = line.split("\t")
            rows.append((a, b, same == "1", why))
    return rows


@pytest.mark.parametrize(("a", "b", "same", "why"), _name_cases())
def test_same_entity_cases(a: str, b: str, same: bool, why: str) -> None:
    from marsad.eval.names import same_entity

    assert same_entity(a, b) is same, why
    assert same_entity(b, a) is same, f"{why} (reversed)"


def test_strict_speaker_and_toll_definitions() -> None:
    text = "قتل ثلاثة مدنيين في القصف. وقالت الوزارة إن القصف استهدف السوق. وأضاف الوزير أن التحقيق مستمر."
    ev = {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
          "evidence": "قتل ثلاثة مدنيين في القصف", "optional": False, "alt_types": [], "fatalities": 3}
    gold = {"id": "t", "events": [ev, dict(ev, evidence="وأضاف الوزير", fatalities=None)],
            "quotes": [{"speaker": "Ministry of Health (Iraq)", "speaker_ar": "الوزارة", "speaker_org": None,
                        "quote_start": "القصف استهدف السوق"},
                       {"speaker": "Saleh Mahdi", "speaker_ar": "الوزير", "speaker_org": "Ministry of Health (Iraq)",
                        "quote_start": "التحقيق مستمر"}], "posts": []}
    q1, q2 = text.index("القصف استهدف"), text.index("التحقيق")
    pred = {"events": [
        {"event_type": ev["event_type"], "sub_event_type": ev["sub_event_type"], "evidence": [{"start": 0, "end": 9}],
         "fatalities": 3},
        {"event_type": ev["event_type"], "sub_event_type": ev["sub_event_type"],
         "evidence": [{"start": text.index("وأضاف"), "end": text.index("وأضاف") + 5}], "fatalities": None}],
        "quotes": [
            # an unresolved anaphor: right as a mention, wrong as an entity
            {"start": q1, "end": q1 + 10, "speaker": {"name": "الوزارة", "mention": "الوزارة", "kind": "other"}},
            # a person whose organisation is the gold organisation: right
            {"start": q2, "end": q2 + 7, "speaker": {"name": "Minister", "mention": "الوزير", "kind": "person",
                                                     "org": "Iraqi Ministry of Health"}}],
        "posts": []}
    ds = score_document(gold, text, pred)
    # fatalities: over the one gold event with a number; the null == null pair is its own figure
    assert (ds.attrs["fatalities"].right, ds.attrs["fatalities"].total) == (1, 1)
    assert (ds.attrs["fatalities_none"].right, ds.attrs["fatalities_none"].total) == (1, 1)
    assert (ds.speaker.right, ds.speaker.total) == (1, 2)
    assert (ds.speaker_mention.right, ds.speaker_mention.total) == (2, 2)


def test_blind_report_withholds_per_document_figures() -> None:
    from marsad.eval.scorer import Report, format_report

    ds = score_document({"id": "u1", "events": [], "quotes": [], "posts": []}, "نص", {"events": []})
    rep = Report([ds], blind=True)
    assert "per_document" in rep.to_json() and isinstance(rep.to_json()["per_document"], str)
    assert "u1" not in format_report(rep)
