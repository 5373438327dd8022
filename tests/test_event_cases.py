"""Hand-made event cases (issue 5): tests/data/event_cases.tsv run through the whole pipeline.

Each row is one sentence (or two) written for this table, with the publication date as the anchor for
relative dates ("أمس الأحد"). A row whose sub-event type is NONE must yield no event at all (denials,
threats, plans, conditionals, questions, negations, metaphors such as "معركة ضد التضخم"). Any other row
passes when some extracted event has the expected (event_type, sub_event_type) and, among those events,
one matches every non-empty column of fatalities, actor1, country and date.

The lead is still improving the rules, so besides the per-case tests (every failure visible) a summary
test reports the overall type/sub-type pass rate and guards it with FLOOR against regressions.
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

TABLE = Path(__file__).parent / "data" / "event_cases.tsv"

# The type/sub-type pass rate measured when the table was written (0.92 with the lead's rule update; 0.64 on the
# events stage of commit 2230037), rounded down to 0.05. Raise it as the
# rules improve; never lower it to hide a regression.
FLOOR = 0.90

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


@pytest.fixture(scope="module")
def extract():
    """Run the full pipeline once per case (the pipeline itself is built once for this module)."""
    from marsad.pipeline import Pipeline

    pipe = Pipeline.build()
    cache: dict[str, list[Event]] = {}

    def run(case: Case) -> list[Event]:
        if case.id not in cache:
            doc = pipe(Document(case.text, DocMeta(id=case.id, published=case.published)))
            cache[case.id] = list(doc.events)
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


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_event_case(case: Case, extract) -> None:
    events = extract(case)
    found = "\n  ".join(_show(e) for e in events) or "(no event)"
    if case.negative:
        assert not events, f"[{case.note}] expected no event, got:\n  {found}\n  text: {case.text}"
        return
    typed = _typed(case, events)
    assert typed, (f"[{case.note}] expected {case.event_type} / {case.sub_event_type}, got:\n  {found}\n"
                   f"  text: {case.text}")
    misses = [_arg_misses(case, e) for e in typed]
    assert any(not m for m in misses), (f"[{case.note}] right type, wrong arguments: "
                                        f"{'; '.join(min(misses, key=len))}\n  got:\n  {found}")


def test_type_pass_rate(extract) -> None:
    """Overall share of rows whose event type/sub-type check passes (NONE rows: no event)."""
    results = {c.id: _type_ok(c, extract(c)) for c in CASES}
    rate = sum(results.values()) / len(results)
    neg = [c for c in CASES if c.negative]
    pos = [c for c in CASES if not c.negative]
    neg_rate = sum(results[c.id] for c in neg) / len(neg)
    pos_rate = sum(results[c.id] for c in pos) / len(pos)
    print(f"\nevent cases: type/sub-type pass rate {rate:.3f} ({sum(results.values())}/{len(results)}); "
          f"events {pos_rate:.3f}, NONE rows {neg_rate:.3f}")
    assert rate >= FLOOR, f"type/sub-type pass rate {rate:.3f} fell below the floor {FLOOR}"


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
