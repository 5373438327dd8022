"""What every resolver shares: the candidate record and the readers of a match's common parts (modifier,
month, day, count, a day-month(-year) group), against the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from marsad.stages.time import calendar as cal
from marsad.stages.time.lexicon import TimeLexicon

DAY = timedelta(days=1)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "hour": 0}


@dataclass(slots=True)
class Cand:
    """A resolved expression in NORMALISED coordinates (mapped to the original text later)."""

    start: int
    end: int
    kind: str
    ds: date | None
    de: date | None
    precision: str
    confidence: float
    name: str
    count: int = 0  # anchored durations ("بعد 6 أيام من", "لليوم الثالث"): how many units
    unit: str = ""
    furniture: bool = False
    offset: bool = False  # "بعد عشرة أيام من استفتاء": the event is AT the anchor, not a range before it


def mod_of(lx: TimeLexicon, word: str | None) -> str | None:
    """"الماضي" -> past, "المقبل"/"التالي" -> future, "الجاري"/"هذا" -> current."""
    if not word:
        return None
    if word in lx.past:
        return "past"
    if word in lx.future:
        return "future"
    if word in lx.current:
        return "current"
    return None


def month_of(lx: TimeLexicon, m: re.Match, t: str) -> tuple[int, bool] | None:
    """(month number, confirmed): confirmed when a pair agrees ("آب/أغسطس") or no context is needed."""
    form = m.group(f"mon{t}")
    if form is None:
        return None
    month, _, needs = lx.months[form]
    for other in (m.groupdict().get(f"mon{t}b"), m.groupdict().get(f"mon{t}c")):
        if other:
            if lx.months[other][0] != month:
                return None
            needs = False
    return month, not needs


def day_of(lx: TimeLexicon, m: re.Match, t: str) -> int | None:
    g = m.groupdict()
    if g.get(f"d{t}"):
        return int(g[f"d{t}"])
    w = g.get(f"dw{t}")
    if w and lx.numbers.is_ordinal(w):  # "الثالث والعشرين من"; plain cardinals are counts, not days
        return lx.numbers.parse(w)
    return None


def count_of(lx: TimeLexicon, m: re.Match) -> tuple[int, str, bool]:
    """(count, unit, exact) for "ثلاثة أيام", "يومين", "6 أيام", "أيام" (vague)."""
    g = m.groupdict()
    if g.get("decade"):
        n = int(g["n"]) if g.get("n") else lx.numbers.parse(g["nw"]) if g.get("nw") else lx.decades[g["decade"]]
        return 10 * (n or 3), "year", bool(n)
    unit, n_in_unit = lx.units.get(g.get("unit") or "", ("day", 0))
    if g.get("n"):
        return int(g["n"]), unit, True
    if g.get("nw"):
        v = lx.numbers.parse(g["nw"])
        if v:
            return v, unit, True
    if n_in_unit:
        return n_in_unit, unit, True
    return 3, unit, False


def two_digit_year(yy: str, pub: date | None) -> int | None:
    """"20" in "03/11/20": the century that does not put the year more than a year after publication."""
    if pub is None:
        return None
    y = 2000 + int(yy)
    return y - 100 if y > pub.year + 1 else y


def year_of_month(month: int, pub: date, mod: str | None, future_ok: bool) -> int:
    """The year of a month named without one: "أيار الماضي", "أيار" (the latest by publication; with a
    future cue nearby the next month may count as well)."""
    if mod == "current":
        return pub.year
    if mod == "future":
        return pub.year + (1 if month <= pub.month else 0)
    if mod == "past":
        return pub.year - (1 if month >= pub.month else 0)
    return pub.year - (1 if month > pub.month + (1 if future_ok else 0) else 0)


def date_part(lx: TimeLexicon, m: re.Match, t: str, pub: date | None, weekday: int | None,
              future_ok: bool) -> tuple[date, float] | None:
    """The day-month(-year) part of a pattern (groups with tag t), year inferred when absent."""
    g = m.groupdict()
    if g.get(f"nd{t}"):
        ny = g[f"ny{t}"]
        y = int(ny) if len(ny) == 4 else two_digit_year(ny, pub)
        x = cal.valid(y, int(g[f"nm{t}"]), int(g[f"nd{t}"])) if y else None
        if x is None:
            return None
        return x, 0.95 if weekday is None or x.weekday() == weekday else 0.75
    if f"mon{t}" not in m.re.groupindex:
        return None
    mon = month_of(lx, m, t)
    d = day_of(lx, m, t)
    if mon is None or d is None:
        return None
    month, _ = mon
    y = g.get(f"y{t}")
    if y:
        x = cal.valid(int(y), month, d)
        if x is None:
            return None
        ok = weekday is None or x.weekday() == weekday
        return x, 0.97 if ok else 0.75
    if pub is None:
        return None
    x, ok = cal.infer_year(month, d, pub, mod_of(lx, g.get(f"mod{t}")), weekday, future_ok)
    if x is None:
        return None
    return x, 0.92 if ok else 0.7


def span_precision(ds: date, de: date) -> str:
    days = (de - ds).days + 1
    return "day" if days <= 2 else "week" if days <= 14 else "month" if days <= 100 else "year"


def cue_before(lx: TimeLexicon, m: re.Match) -> bool:
    """A future cue in the 40 characters before the expression (not inside it: "حتى" joins ranges)."""
    s = m.start("x")
    return lx.future_cue.search(m.string, max(0, s - 40), s) is not None
