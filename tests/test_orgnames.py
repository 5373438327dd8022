"""Organisation names built from their parts: tests/data/orgname_cases.tsv through `OrgNamer.name`.

A row passes when the name names the expected body as the strict scorer compares names
(`eval.names.same_entity`), or, for a NONE row, when no name comes back. Each row is a test; the rows that
fail today are listed in tests/data/known_failures.tsv as strict expected failures (tests/known_failures.py).
Each row is also a parametrised check that the answer is well formed.
"""

from __future__ import annotations

import copy
import csv
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from marsad.eval.names import same_entity
from marsad.resources.registry import read_json
from marsad.stages.orgnames import OrgNamer, OrgWords
from marsad.text.normalize import fold
from tests import known_failures

TABLE = Path(__file__).parent / "data" / "orgname_cases.tsv"
TABLE_NAME = "orgname_cases"
NONE = "NONE"
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@dataclass(frozen=True)
class Case:
    phrase: str
    country: str | None
    expected: str | None


def load_cases() -> list[Case]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return [Case(r["phrase"], r["country"] or None, None if r["expected"] == NONE else r["expected"])
            for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


CASES = load_cases()


@pytest.fixture(scope="module")
def namer() -> OrgNamer:
    return OrgNamer.load()


def passes(case: Case, got: str | None) -> bool:
    return got is None if case.expected is None else same_entity(got, case.expected)


def test_table_is_well_formed() -> None:
    assert len(CASES) >= 150
    assert len({(c.phrase, c.country) for c in CASES}) == len(CASES)
    assert sum(c.expected is None for c in CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[f"row{i:03d}" for i in range(len(CASES))])
def test_answer_is_well_formed(namer: OrgNamer, case: Case) -> None:
    got = namer.name(case.phrase, case.country)
    assert got is None or (got.strip() == got and got and not _ARABIC.search(got)), got
    assert namer.name(case.phrase, case.country) == got  # no state carried between calls


def _key(case: Case) -> str:
    return f"{case.phrase} [{case.country}]" if case.country else case.phrase


def _why(namer: OrgNamer, case: Case) -> str | None:
    got = namer.name(case.phrase, case.country)
    return None if passes(case, got) else f"got {got!r}, expected {case.expected or NONE!r}"


def failures() -> dict[tuple[str, str], str]:
    """(check, row id) -> why, for every failing row (tests/known_failures.py writes them down)."""
    namer = OrgNamer.load()
    return {("name", _key(c)): why for c in CASES if (why := _why(namer, c)) is not None}


@pytest.mark.parametrize("case", known_failures.rows(TABLE_NAME, "name", CASES, _key))
def test_case(namer: OrgNamer, case: Case) -> None:
    why = _why(namer, case)
    assert why is None, why


def test_known_failures_name_rows_of_the_table() -> None:
    assert known_failures.listed(TABLE_NAME, "name") <= {_key(c) for c in CASES}


@pytest.mark.parametrize(("phrase", "country", "expected"), [
    ("وزارة الزراعة العراقية", None, "Ministry of Agriculture (Iraq)"),
    ("وزارة الداخلية", None, "Ministry of Interior"),
    ("وزارة الداخلية", "Egypt", "Ministry of Interior (Egypt)"),
    ("نقابة المعلمين الأردنيين", None, "Teachers Syndicate (Jordan)"),
    ("الهلال الأحمر الفلسطيني", None, "Red Crescent Society (Palestine)"),
    ('قناة "الجزيرة"', None, "Al Jazeera"),
    ("منظمة الصحة العالمية", "Iraq", "World Health Organization"),
])
def test_style(namer: OrgNamer, phrase: str, country: str | None, expected: str) -> None:
    """The documented style, exactly (not only the same entity)."""
    assert namer.name(phrase, country) == expected


def test_look_alikes_stay_distinct(namer: OrgNamer) -> None:
    crescent = namer.name("الهلال الأحمر الفلسطيني")
    assert not same_entity(crescent, "International Committee of the Red Cross")
    assert not same_entity(namer.name("وزارة الصحة العراقية"), namer.name("وزارة الصحة السورية"))


def test_nothing_loaded_at_import() -> None:
    code = ("import sys, marsad.stages.orgnames; from marsad.text.normalize import CharMap; "
            "print('marsad.resources.gazetteer' in sys.modules, CharMap._default is None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


# --- the grammar's letters and small words (org_names.json "grammar") ----------------------------------------

GRAMMAR = read_json("org_names.json")["grammar"]


@pytest.mark.parametrize("name", sorted(GRAMMAR["lists"]))
def test_grammar_list_is_documented_folded_unique_and_read(name: str) -> None:
    spec = GRAMMAR["lists"][name]
    assert spec["about"].strip()
    folded = [fold(w) for w in spec["words"]]
    assert folded and all(w and " " not in w for w in folded)
    assert len(set(folded)) == len(folded), f"{name} repeats a word once folded"
    data = copy.deepcopy(GRAMMAR)
    del data["lists"][name]
    with pytest.raises(KeyError, match=name):
        OrgWords.from_data(data)


def test_grammar_words_are_folded_at_load(namer: OrgNamer) -> None:
    lists = {k: [fold(w) for w in v["words"]] for k, v in GRAMMAR["lists"].items()}
    w = namer.words
    assert w.endings == ("", *lists["endings"]) and "ه" in w.endings  # written "ة", compared folded
    assert w.clitics == tuple(lists["clitics"]) and list(w.clitics) == sorted(w.clitics, key=len, reverse=True)
    assert (w.article, w.lam, w.wa, w.bi) == (lists["article"][0], lists["lam"][0], lists["and"][0],
                                              lists["preposition_bi"][0])
    assert w.locative == frozenset(lists["locative"]) and w.conj == tuple(lists["conjunctions"])
    assert w.place_clitics == tuple(lists["place_clitics"])
    assert w.clitic_forms(fold("للانتخابات"))[-1] == (fold("انتخابات"), fold("ل"))
