"""Hand-made event cases (issue 5): tests/data/event_cases.tsv run through the whole pipeline.

Each row is one sentence (or two) written for this table, with the publication date as the anchor for
relative dates ("أمس الأحد"). A row whose sub-event type is NONE must yield no event at all (denials,
threats, plans, conditionals, questions, negations, metaphors such as "معركة ضد التضخم"). Any other row
passes when some extracted event has the expected (event_type, sub_event_type) and, among those events,
one matches every non-empty column of fatalities, actor1, country and date.

Each row is two tests, its type/sub-type check and its full check (every filled-in column); the rows that
fail today are listed by id in tests/data/known_failures.tsv as strict expected failures
(tests/known_failures.py), each with what was extracted.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from marsad.model.document import DocMeta, Document
from marsad.model.records import Event
from tests import known_failures

TABLE = Path(__file__).parent / "data" / "event_cases.tsv"
TABLE_NAME = "event_cases"

TAXONOMY = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
NONE = "NONE"


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    published: date
    event_type: str
    sub_event_type: str
    fatalities: int | None
    actor1: str | None
    country: str | None
    date: date | None
    note: str

    @property
    def negative(self) -> bool:
        return self.sub_event_type == NONE


def _load() -> list[Case]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    cases = []
    for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        cases.append(Case(
            id=r["id"], text=r["text"], published=date.fromisoformat(r["published"]),
            event_type=r["event_type"], sub_event_type=r["sub_event_type"],
            fatalities=int(r["fatalities"]) if r["fatalities"] else None,
            actor1=r["actor1"] or None, country=r["country"] or None,
            date=date.fromisoformat(r["date"]) if r["date"] else None, note=r["note"],
        ))
    return cases


CASES = _load()


def _events(pipe, case: Case) -> list[Event]:
    return list(pipe(Document(case.text, DocMeta(id=case.id, published=case.published))).events)


@pytest.fixture(scope="module")
def extract(pipeline):
    """Run the session's pipeline once per case (the two checks of a row share the run)."""
    cache: dict[str, list[Event]] = {}

    def run(case: Case) -> list[Event]:
        if case.id not in cache:
            cache[case.id] = _events(pipeline, case)
        return cache[case.id]

    return run


def _show(ev: Event) -> str:
    a1 = ev.actor1.actor.name if ev.actor1 else None
    ctry = ev.place.place.country if ev.place else None
    return (f"{ev.event_type} / {ev.sub_event_type} [fat={ev.fatalities} actor1={a1} country={ctry} "
            f"date={ev.date_start} trigger={ev.trigger.text!r}]")


def _typed(case: Case, events: list[Event]) -> list[Event]:
    return [e for e in events if (e.event_type, e.sub_event_type) == (case.event_type, case.sub_event_type)]


def _type_ok(case: Case, events: list[Event]) -> bool:
    return not events if case.negative else bool(_typed(case, events))


def _arg_misses(case: Case, ev: Event) -> list[str]:
    """The non-empty expected columns that this event gets wrong."""
    misses = []
    if case.fatalities is not None and ev.fatalities != case.fatalities:
        misses.append(f"fatalities {ev.fatalities} != {case.fatalities}")
    if case.actor1 is not None and (ev.actor1.actor.name if ev.actor1 else None) != case.actor1:
        misses.append(f"actor1 {ev.actor1.actor.name if ev.actor1 else None!r} != {case.actor1!r}")
    if case.country is not None and (ev.place.place.country if ev.place else None) != case.country:
        misses.append(f"country {ev.place.place.country if ev.place else None!r} != {case.country!r}")
    if case.date is not None and ev.date_start != case.date:
        misses.append(f"date {ev.date_start} != {case.date}")
    return misses


def _check(case: Case, events: list[Event]) -> str | None:
    """None when the case passes, else why it fails."""
    found = "; ".join(_show(e) for e in events) or "(no event)"
    if case.negative:
        return None if not events else f"expected no event, got {found}"
    typed = _typed(case, events)
    if not typed:
        return f"expected {case.event_type} / {case.sub_event_type}, got {found}"
    misses = [_arg_misses(case, e) for e in typed]
    if any(not m for m in misses):
        return None
    return f"right type, wrong arguments: {'; '.join(min(misses, key=len))}"


def failures(pipe=None) -> dict[tuple[str, str], str]:
    """(check, row id) -> why, for every failing row (tests/known_failures.py writes them down)."""
    from marsad.pipeline import Pipeline

    pipe = pipe or Pipeline.build()
    out = {}
    for c in CASES:
        events = _events(pipe, c)
        why = _check(c, events)
        if not _type_ok(c, events):
            out[("type", c.id)] = why or "wrong type"
        if why is not None:
            out[("full", c.id)] = why
    return out


@pytest.mark.parametrize("case", known_failures.rows(TABLE_NAME, "type", CASES, lambda c: c.id))
def test_case_type(extract, case: Case) -> None:
    """The row's event type and sub-type (NONE rows: no event at all)."""
    events = extract(case)
    assert _type_ok(case, events), _check(case, events)


@pytest.mark.parametrize("case", known_failures.rows(TABLE_NAME, "full", CASES, lambda c: c.id))
def test_case_full(extract, case: Case) -> None:
    """The row's type and every filled-in column (fatalities, actor1, country, date)."""
    why = _check(case, extract(case))
    assert why is None, why


def test_known_failures_name_rows_of_the_table() -> None:
    ids = {c.id for c in CASES}
    for check in ("type", "full"):
        assert known_failures.listed(TABLE_NAME, check) <= ids


# ---- the table itself -------------------------------------------------------------------------------


def test_table_is_well_formed() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert len(CASES) >= 180
    arabic = re.compile(r"[\u0600-\u06FF]")
    for c in CASES:
        assert arabic.search(c.text), c.id
        if c.negative:
            assert c.event_type == NONE and c.fatalities is None and c.actor1 is None, c.id
        else:
            assert c.sub_event_type in TAXONOMY.get(c.event_type, ()), f"{c.id}: not in the ACLED taxonomy"
        assert c.date is None or c.date <= c.published, f"{c.id}: event after publication"


def test_table_covers_every_sub_type() -> None:
    counts = Counter(c.sub_event_type for c in CASES)
    thin = {s: counts[s] for subs in TAXONOMY.values() for s in subs if counts[s] < 4}
    assert not thin, f"sub-types with fewer than 4 rows: {thin}"
    assert counts[NONE] >= 40


# ---- multi-sentence cases: merging and sentence-level rules -------------------------------------------

MERGE_TABLE = Path(__file__).parent / "data" / "event_cases_merge.tsv"


def _load_merge() -> list[dict[str, str]]:
    with MERGE_TABLE.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("row", _load_merge(), ids=lambda r: r["id"])
def test_merge_case(pipeline, row: dict[str, str]) -> None:
    text = row["text"].replace("\\n", "\n\n")
    doc = pipeline(Document(text, DocMeta(id=row["id"], published=date.fromisoformat(row["published"]))))
    got = [(e.event_type, e.sub_event_type) for e in doc.events]
    left = list(got)
    for want in (s for s in row["sub_types"].split("|") if s):
        hit = next((g for g in left if want in g), None)
        assert hit is not None, f"{row['note']}: no {want} in {got}"
        left.remove(hit)
    assert len(got) == int(row["events"]), f"{row['note']}: got {got}"


def test_event_ids_unique_when_one_cue_names_several_places(pipeline):
    """One cue over a list of towns gives one event per town, each with its own stable id (the store keys
    clusters on it)."""
    from marsad.output import result_json

    text = "خرجت مظاهرات في مدن وهران وقسنطينة وعنابة للمطالبة بالإفراج عن المعتقلين."
    doc = pipeline(Document(text, DocMeta(id="ids", published=date(2019, 3, 8))))
    events = result_json(doc)["events"]
    assert len(events) == 3
    assert len({e["event_id"] for e in events}) == 3
    assert {e["location"] for e in events} == {"Oran", "Constantine", "Annaba"}
