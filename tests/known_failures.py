"""Rows of the hand-written case tables that fail today, listed by id in tests/data/known_failures.tsv.

Every case table runs one test per row and check. A row listed here is an expected failure (xfail, strict):
it shows up in the test report by id with the reason it fails, a change that breaks any other row fails the
suite, and a change that makes a listed row pass fails the suite too until its line is removed — so the list
only ever shrinks unless someone adds a line, which shows in the diff. (Until 2026-12 the tables were gated by
pass-rate floors, which let a new failure hide behind an old one's fix.)

    python -m tests.known_failures          # rewrite the file from a fresh run of every table
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

FILE = Path(__file__).parent / "data" / "known_failures.tsv"
# the test modules that list their failures through this file, each with `TABLE_NAME` and `failures()`
MODULES = ("tests.test_event_cases", "tests.test_event_cases_general", "tests.test_event_actors",
           "tests.test_orgnames", "tests.test_romanize", "tests.test_time_grammar", "tests.test_speaker_cases")
HEADER = ("# Known failing rows of the case tables (see tests/known_failures.py): table, check, row id, why it fails\n"
          "# (the reason is what the run printed; regenerate with `python -m tests.known_failures`).\n")


def _load() -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    if not FILE.exists():
        return out
    for line in FILE.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        table, check, rid, reason = line.split("\t", 3)
        out[(table, check, rid)] = reason
    return out


KNOWN = _load()


def listed(table: str, check: str) -> set[str]:
    """The ids listed as failing for one table and check."""
    return {rid for (t, c, rid) in KNOWN if t == table and c == check}


def rows(table: str, check: str, cases: Iterable[Any], key: Callable[[Any], str]) -> list[Any]:
    """pytest params, one per row, with a strict xfail on the rows listed as known failures."""
    out = []
    for case in cases:
        rid = key(case)
        reason = KNOWN.get((table, check, rid))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason is not None else []
        out.append(pytest.param(case, id=rid, marks=marks))
    return out


def _clean(reason: str) -> str:
    text = " ".join(reason.split())
    return text if len(text) <= 300 else text[:297] + "..."


def main() -> int:
    lines = [HEADER]
    for name in MODULES:
        mod = importlib.import_module(name)
        got: dict[tuple[str, str], str] = mod.failures()
        for (check, rid), why in sorted(got.items()):
            lines.append(f"{mod.TABLE_NAME}\t{check}\t{rid}\t{_clean(why)}\n")
        print(f"{mod.TABLE_NAME}: {len(got)} failing", file=sys.stderr)
    FILE.write_text("".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
