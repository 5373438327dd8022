"""Calendar arithmetic for the time stage: year inference, weekdays, month positions, Hijri conversion.

Pure functions of dates; no text. "26 كانون الثاني" published 2022-01-27 -> 2022-01-26; published
2022-01-10 -> 2021-01-26 (the closest such day on or before publication).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

DAY = timedelta(days=1)


def valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + (d.month - 1) + n
    return k // 12, k % 12 + 1


def infer_year(m: int, d: int, pub: date, mod: str | None = None, weekday: int | None = None,
               future_ok: bool = False) -> tuple[date | None, bool]:
    """The year for a year-less day/month. Returns (date, weekday_consistent)."""
    cands = [x for y in (pub.year - 1, pub.year, pub.year + 1) if (x := valid(y, m, d))]
    if not cands:
        return None, False
    if mod == "current":
        cur = valid(pub.year, m, d)
        return cur, weekday is None or (cur is not None and cur.weekday() == weekday)
    if mod == "past":
        past = [x for x in cands if x < pub and (x.year, x.month) != (pub.year, pub.month)]
        if past:
            best = max(past)
            return best, weekday is None or best.weekday() == weekday
    if mod == "future":
        fut = [x for x in cands if x > pub]
        if fut:
            best = min(fut)
            return best, weekday is None or best.weekday() == weekday
    if weekday is not None:
        fits = [x for x in cands if x.weekday() == weekday and (future_ok or x <= pub + 7 * DAY)]
        if fits:
            return min(fits, key=lambda x: (abs((x - pub).days), x > pub)), True
    grace = 62 if future_ok else 1
    ok = [x for x in cands if x <= pub + grace * DAY]
    if not ok:
        best = min(cands)
    elif future_ok:
        best = min(ok, key=lambda x: abs((x - pub).days))
    else:
        best = max(ok)
    return best, weekday is None or best.weekday() == weekday


def weekday_near(wd: int, pub: date, mod: str | None = None) -> date:
    """"الخميس" = the latest Thursday on or before `pub`; "الخميس الماضي" strictly before; "المقبل" after."""
    back = (pub.weekday() - wd) % 7
    if mod == "future":
        ahead = (wd - pub.weekday()) % 7 or 7
        return pub + ahead * DAY
    if mod == "past" and back == 0:
        back = 7
    return pub - back * DAY


def month_range(y: int, m: int, pos: tuple[int, int] | None = None) -> tuple[date, date]:
    """Whole month, or a part of it: (1, 7) = the first week, (-10, -1) = the last ten days."""
    last = calendar.monthrange(y, m)[1]
    if pos is None:
        return date(y, m, 1), date(y, m, last)
    a, b = pos
    a = a if a > 0 else last + a + 1
    b = b if b > 0 else last + b + 1
    return date(y, m, max(1, a)), date(y, m, min(last, b))


def year_range(y: int, pos: tuple[int, int] | None = None) -> tuple[date, date, str]:
    """Whole year, or its start (January), middle (June-July) or end (December)."""
    if pos is None:
        return date(y, 1, 1), date(y, 12, 31), "year"
    a, _ = pos
    if a < 0:
        return date(y, 12, 1), date(y, 12, 31), "month"
    if a > 10:
        return date(y, 6, 1), date(y, 7, 31), "month"
    return date(y, 1, 1), date(y, 1, 31), "month"


def hijri_to_gregorian(y: int, m: int, d: int | None) -> tuple[date, date] | None:
    """Umm al-Qura conversion (hijridate); a month without a day gives the whole month."""
    from hijridate import Hijri  # imported here: only documents with Hijri dates pay for it

    try:
        if d is not None:
            g = Hijri(y, m, d).to_gregorian()
            return date(g.year, g.month, g.day), date(g.year, g.month, g.day)
        h = Hijri(y, m, 1)
        a = h.to_gregorian()
        b = Hijri(y, m, h.month_length()).to_gregorian()
        return date(a.year, a.month, a.day), date(b.year, b.month, b.day)
    except (ValueError, OverflowError):
        return None


def week_range(pub: date, mod: str) -> tuple[date, date]:
    """"الأسبوع الماضي" = the previous Monday-Sunday week; "الجاري" = this week up to `pub`."""
    monday = pub - pub.weekday() * DAY
    if mod == "past":
        return monday - 7 * DAY, monday - DAY
    if mod == "future":
        return monday + 7 * DAY, monday + 13 * DAY
    return monday, pub


def nth_weekday(y: int, m: int, wd: int, n: int) -> date | None:
    """The nth weekday `wd` of a month; n=-1 the last: "آخر جمعة من أيار 2021" -> 2021-05-28."""
    if n > 0:
        first = date(y, m, 1)
        x = first + ((wd - first.weekday()) % 7 + 7 * (n - 1)) * DAY
    else:
        last = month_end(y, m)
        x = last - ((last.weekday() - wd) % 7 + 7 * (-n - 1)) * DAY
    return x if x.month == m else None


def weekend(pub: date, mod: str | None, future_ok: bool, days: tuple[int, int] = (4, 5)) -> tuple[date, date]:
    """"نهاية الأسبوع": the weekend (`days`, Friday-Saturday) of the week `mod` names (weeks as in
    `week_range`), or without one the latest that began by publication (the next one with a future cue)."""
    first, last = days
    span = (last - first) % 7
    if mod in ("past", "future", "current"):
        monday = pub - pub.weekday() * DAY + {"past": -7, "future": 7, "current": 0}[mod] * DAY
        s = monday + first * DAY
        return s, s + span * DAY
    s = pub - ((pub.weekday() - first) % 7) * DAY
    if future_ok and s + span * DAY < pub:
        s += 7 * DAY
    return s, s + span * DAY


def hijri_year_of(d: date) -> int | None:
    from hijridate import Gregorian

    try:
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def hijri_day(y: int, m: int, d: int) -> date | None:
    r = hijri_to_gregorian(y, m, d)
    return r[0] if r else None


def hijri_year_range(y: int) -> tuple[date, date] | None:
    """The Gregorian days of a whole Hijri year: 1445 -> 2023-07-19 .. 2024-07-06."""
    a = hijri_to_gregorian(y, 1, None)
    b = hijri_to_gregorian(y, 12, None)
    return (a[0], b[1]) if a and b else None


def months_later(d: date, n: int) -> date:
    """`d` moved n months (the day clamped to the month's end): 2022-01-31 + 1 -> 2022-02-28."""
    y, m = add_months(d, n)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
