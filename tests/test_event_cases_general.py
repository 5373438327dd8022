"""Hand-written general event cases (issue 12): tests/data/event_cases_general.tsv through the whole pipeline.

Four groups of sentences written for this table (none copied from a corpus): **target** (who the violence
falls on decides battle or attack), **factuality** (word sense, modality, background and aggregates must yield
no event; positive controls must), **tolls** (fatalities and injuries of this event only) and
**segmentation** (one record per event: details stay inside it, a list of sites gives one event per site).

A row passes its *type* check when the text yields an event of the expected (type, sub-type) — or no event at
all for NONE rows, and exactly one event when its note says "one event"; it passes *fully* when, in addition,
one such event matches every filled-in column (fatalities, injuries, actor1, actor2 — names compared as the
strict scorer does —, country, date). Each row is two tests (type, full); the rows that fail today are
listed by id in tests/data/known_failures.tsv as strict expected failures (tests/known_failures.py).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from marsad.eval.names import same_entity
from marsad.model.document import DocMeta, Document
from marsad.model.records import Event
from tests import known_failures

TABLE = Path(__file__).parent / "data" / "event_cases_general.tsv"
TABLE_NAME = "event_cases_general"
GROUPS = ("target", "factuality", "tolls", "segmentation")
NONE = "NONE"


@dataclass(frozen=True)
class Case:
    id: str
    group: str
    text: str
    published: date
    event_type: str
    sub_event_type: str
    fatalities: int | None
    injuries: int | None
    actor1: str | None
    actor2: str | None
    country: str | None
    date: date | None
    note: str


def _int(s: str) -> int | None:
    return int(s) if s.strip() else None


def load_cases() -> list[Case]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return [Case(r["id"], r["group"], r["text"], date.fromisoformat(r["published"]), r["event_type"],
                 r["sub_event_type"], _int(r["fatalities"]), _int(r["injuries"]), r["actor1"] or None,
                 r["actor2"] or None, r["country"] or None, date.fromisoformat(r["date"]) if r["date"] else None,
                 r["note"])
            for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


CASES = load_cases()


def _name(m) -> str | None:
    return m.actor.name if m is not None else None


def misses(case: Case, ev: Event) -> list[str]:
    out = []
    for col, got in (("fatalities", ev.fatalities), ("injuries", ev.injuries)):
        want = getattr(case, col)
        if want is not None and got != want:
            out.append(f"{col} {got} != {want}")
    for col, got in (("actor1", _name(ev.actor1)), ("actor2", _name(ev.actor2))):
        want = getattr(case, col)
        if want is not None and not same_entity(got, want):
            out.append(f"{col} {got!r} != {want!r}")
    if case.country is not None and (ev.place.place.country if ev.place else None) != case.country:
        out.append(f"country {ev.place.place.country if ev.place else None!r} != {case.country!r}")
    if case.date is not None and ev.date_start != case.date:
        out.append(f"date {ev.date_start} != {case.date}")
    return out


def check(case: Case, events: list[Event]) -> tuple[bool, str | None]:
    """(type check passed, None when the full check passes else why not)."""
    found = "; ".join(f"{e.sub_event_type} [fat={e.fatalities} inj={e.injuries} a1={_name(e.actor1)} "
                      f"a2={_name(e.actor2)} date={e.date_start}]" for e in events) or "(no event)"
    if case.sub_event_type == NONE:
        return (not events), (None if not events else f"expected no event, got {found}")
    typed = [e for e in events if (e.event_type, e.sub_event_type) == (case.event_type, case.sub_event_type)]
    if not typed:
        return False, f"expected {case.sub_event_type}, got {found}"
    if "one event" in case.note and len(events) != 1:
        return False, f"expected one event, got {found}"
    if any(not misses(case, e) for e in typed):
        return True, None
    return True, "; ".join(misses(case, typed[0])) + f" | got {found}"


def _results(pipe) -> dict[str, tuple[bool, str | None]]:
    return {case.id: check(case, list(pipe(Document(case.text, DocMeta(id=case.id,
                                                                         published=case.published))).events))
            for case in CASES}


@pytest.fixture(scope="module")
def results(pipeline) -> dict[str, tuple[bool, str | None]]:
    return _results(pipeline)


def failures(pipe=None) -> dict[tuple[str, str], str]:
    """(check, row id) -> why, for every failing row (tests/known_failures.py writes them down)."""
    from marsad.pipeline import Pipeline

    out = {}
    for rid, (type_ok, why) in _results(pipe or Pipeline.build()).items():
        if not type_ok:
            out[("type", rid)] = why or "wrong type"
        if why is not None:
            out[("full", rid)] = why
    return out


def test_table_is_well_formed() -> None:
    assert len(CASES) >= 300
    assert len({c.id for c in CASES}) == len(CASES)
    assert {c.group for c in CASES} == set(GROUPS)
    for c in CASES:
        assert c.id.split("_")[0] in c.group
        assert (c.event_type == NONE) == (c.sub_event_type == NONE)


@pytest.mark.parametrize("case", known_failures.rows(TABLE_NAME, "type", CASES, lambda c: c.id))
def test_case_type(results, case: Case) -> None:
    type_ok, why = results[case.id]
    assert type_ok, why


@pytest.mark.parametrize("case", known_failures.rows(TABLE_NAME, "full", CASES, lambda c: c.id))
def test_case_full(results, case: Case) -> None:
    _, why = results[case.id]
    assert why is None, why


def test_known_failures_name_rows_of_the_table() -> None:
    ids = {c.id for c in CASES}
    for check in ("type", "full"):
        assert known_failures.listed(TABLE_NAME, check) <= ids
