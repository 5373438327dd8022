"""The seed article (issue 2's acceptance test): every hard part of the job is in its twenty lines."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.ingest import read_file
from marsad.output import result_json
from tests.conftest import SEED

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason=f"the seed article is not at {SEED}")


@pytest.fixture(scope="module")
def result(pipeline) -> dict:
    doc = next(read_file(str(SEED), published=date(2022, 1, 27)))
    return result_json(pipeline(doc))


def _events(result: dict, sub: str) -> list[dict]:
    return [e for e in result["events"] if e["sub_event_type"] == sub]


def test_car_bombing_on_the_20th(result: dict) -> None:
    (ev,) = _events(result, "Remote explosive/landmine/IED")
    assert ev["event_date"] == "2022-01-20" and ev["actor1"]["name"] == "Islamic State (ISIS)"
    assert ev["admin1"] == "Al-Hasakah" and ev["country"] == "Syria"


def test_six_days_of_clashes_are_one_ranged_event(result: dict) -> None:
    (ev,) = _events(result, "Armed clash")
    assert (ev["event_date"], ev["event_date_end"]) == ("2022-01-20", "2022-01-26")
    assert {ev["actor1"]["name"], ev["actor2"]["name"]} == {"Syrian Democratic Forces (SDF)", "Islamic State (ISIS)"}


def test_sdf_takes_the_prison_on_the_26th(result: dict) -> None:
    (ev,) = _events(result, "Non-state actor overtakes territory")
    assert ev["event_date"] == "2022-01-26"
    assert ev["actor1"]["name"] == "Syrian Democratic Forces (SDF)"
    assert len(ev["evidence"]) >= 2  # announced twice: by the narrator and in the SDF statement


def test_brennan_quotes_and_the_repeated_statement(result: dict) -> None:
    brennan = [q for q in result["quotes"] if q["speaker"]["name"] == "John Brennan"]
    assert [q["cue"] for q in brennan] == ["قال", "أضاف", "تابع"]
    assert all(q["speaker"].get("org") == "Global Coalition against Daesh / CJTF-OIR" for q in brennan)
    assert brennan[0]["repeats"] == 2  # again inside the embedded tweet


def test_embedded_post_and_its_date_stay_out_of_the_narrative(result: dict) -> None:
    assert [(p["handle"], p["date"], p["author"]) for p in result["posts"]] == [
        ("@CJTFOIR", "2022-01-26", "Operation Inherent Resolve")]
    post = result["posts"][0]
    for ev in result["events"]:
        assert not any(post["start"] <= s["start"] < post["end"] for s in ev["evidence"])
