"""Who said it, through the whole pipeline: tests/data/speaker_cases.tsv.

Each row names one statement of its text (by its order among the quotes found) and the speaker expected in
English; the row passes when the quote is found and its speaker names that entity as the strict scorer
compares speakers (`eval.scorer.right_speaker`: the speaker's name or organisation, `same_entity`). The rows
are coreference chains above all: a statement noun ("وأضاف البيان"), a bare title ("وأوضح الوزير"), a class
noun ("وقالت الوزارة") or a bare surname refers back to the entity named before it. Rows that fail today are
listed in tests/data/known_failures.tsv as strict expected failures (tests/known_failures.py).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from marsad.eval.scorer import right_speaker
from tests import known_failures

TABLE = Path(__file__).parent / "data" / "speaker_cases.tsv"
TABLE_NAME = "speaker_cases"
PUBLISHED = date(2024, 5, 1)


@dataclass(frozen=True)
class Case:
    id: str
    idx: int
    expected: str
    text: str


def load_cases() -> list[Case]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return [Case(r["id"], int(r["idx"]), r["expected"], r["text"])
            for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


CASES = load_cases()


def _why(pipe, case: Case) -> str | None:
    """None when the row passes, else what was found."""
    from marsad.model.document import DocMeta, Document
    from marsad.output import result_json

    res = result_json(pipe(Document(case.text, DocMeta(id=case.id, published=PUBLISHED))))
    quotes = sorted(res["quotes"], key=lambda q: q["start"])
    if case.idx >= len(quotes):
        return f"only {len(quotes)} quote(s) found"
    sp = quotes[case.idx]["speaker"] or {}
    if right_speaker(sp, {"speaker": case.expected}):
        return None
    return f"speaker {sp.get('mention')!r} -> {sp.get('name')!r} (org {sp.get('org')!r})"


def failures(pipe=None) -> dict[tuple[str, str], str]:
    """(check, row id) -> why, for every failing row (tests/known_failures.py writes them down)."""
    from marsad.pipeline import Pipeline

    pipe = pipe or Pipeline.build()
    return {("speaker", c.id): why for c in CASES if (why := _why(pipe, c)) is not None}


@pytest.fixture(scope="module")
def pipe():
    from marsad.pipeline import Pipeline

    return Pipeline.build()


def test_table_is_well_formed() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)) and len(CASES) >= 20
    assert all(c.text.strip() and c.expected.strip() and c.idx >= 0 for c in CASES)


@pytest.mark.parametrize("case", known_failures.rows(TABLE_NAME, "speaker", CASES, lambda c: c.id))
def test_speaker(pipe, case: Case) -> None:
    why = _why(pipe, case)
    assert why is None, why


def test_known_failures_name_rows_of_the_table() -> None:
    assert known_failures.listed(TABLE_NAME, "speaker") <= {c.id for c in CASES}
