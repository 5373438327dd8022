"""Holidays by year: Hijri feasts through the Umm al-Qura calendar (hijridate), Gregorian ones on their day.
The names and days are data (time_grammar.json "holidays").

    "عيد الفطر" (pub 2023-05-01)            -> 2023-04-21: the latest by publication (or one coming soon)
    "عيد الأضحى المقبل" (pub 2023-05-01)     -> 2023-06-28
    "رمضان 2021"                             -> 2021-04-13 .. 2021-05-12
    "ثاني أيام عيد الأضحى 1444 هـ"           -> 2023-06-29

A Hijri feast's day has precision "week": countries that sight the moon keep it a day before or after the
Umm al-Qura day, so the day is approximate (and two mentions of one event a day apart still merge).
"""

from __future__ import annotations

import re
from datetime import date

from marsad.stages.time import calendar as cal
from marsad.stages.time.lexicon import Holiday
from marsad.stages.time.parts import DAY, mod_of

Span = tuple[date, date]


def _span(h: Holiday, y: int) -> Span | None:
    """The holiday in Hijri year `y` (a Hijri holiday) or Gregorian year `y`."""
    if h.calendar == "hijri":
        if h.days == 0:
            return cal.hijri_to_gregorian(y, h.month, None)
        x = cal.hijri_day(y, h.month, h.day)
    else:
        x = cal.valid(y, h.month, h.day)
    return (x, x) if x else None


def _in_gregorian_year(h: Holiday, gy: int) -> Span | None:
    if h.calendar != "hijri":
        return _span(h, gy)
    hy = cal.hijri_year_of(date(gy, 1, 1))
    if hy is None:
        return None
    for y in (hy, hy + 1):  # a Hijri year is 11 days shorter: a Gregorian year holds one, now and then two
        s = _span(h, y)
        if s and s[0].year == gy:
            return s
    return None


def _around(h: Holiday, pub: date) -> list[Span]:
    base = cal.hijri_year_of(pub) if h.calendar == "hijri" else pub.year
    if base is None:
        return []
    return [s for y in range(base - 2, base + 2) if (s := _span(h, y))]


def _pick(spans: list[Span], pub: date, mod: str | None, future_ok: bool) -> Span | None:
    if mod == "past":
        c = [s for s in spans if s[1] < pub]
        return c[-1] if c else None
    if mod == "future":
        c = [s for s in spans if s[0] > pub]
        return c[0] if c else None
    if mod == "current":
        c = [s for s in spans if s[0].year == pub.year]
        if c:
            return c[0]
    if future_ok and mod is None:
        c = [s for s in spans if s[1] >= pub]
        return c[0] if c else None
    # the latest that began by publication, unless the next begins within a month and is nearer than half
    # the time since the last: a story a week before the feast ("قبيل عيد الأضحى") speaks of the coming one
    last = [s for s in spans if s[0] <= pub]
    nxt = [s for s in spans if s[0] > pub]
    if nxt and (nxt[0][0] - pub).days <= 30 and (not last or (pub - last[-1][1]).days > 2 * (nxt[0][0] - pub).days):
        return nxt[0]
    return last[-1] if last else None


def resolve_holiday(m, lx, pub, future_ok):
    g = m.groupdict()
    h = lx.holidays[re.sub(r"\s+", " ", g["hol"])]
    nth = lx.holiday_days.get(g["hnth"]) if g.get("hnth") else None
    pos = lx.positions.get(g["pos"]) if g.get("pos") else None
    mod = mod_of(lx, g.get("mod"))
    ymod = "current" if g.get("this") else mod_of(lx, g.get("ymod"))
    gy = int(g.get("y") or g.get("y2") or 0) or None
    if gy is None and ymod and pub is not None:  # "عيد الفطر من العام الماضي"
        gy = pub.year + {"past": -1, "future": 1}.get(ymod, 0)
    explicit = bool(gy or g.get("hy"))
    if h.needs_modifier and not (explicit or mod or nth or pos):
        return None  # "رمضان" alone: a name as often as the month
    if g.get("hy"):
        span = _span(h, int(g["hy"])) if h.calendar == "hijri" else None
    elif gy:
        span = _in_gregorian_year(h, gy)
    elif pub is None:
        return None
    else:
        span = _pick(_around(h, pub), pub, mod, future_ok)
    if span is None:
        return None
    ds, de = span
    conf = 0.85 if explicit else 0.8
    kind = "absolute" if g.get("y") or g.get("y2") or g.get("hy") else "relative"
    # a Hijri feast is kept a day apart in some countries (a local sighting of the moon, not Umm al-Qura):
    # its day is "about" that day, not exact
    prec = "week" if h.calendar == "hijri" else "day"
    if nth:
        x = ds + (nth - 1) * DAY
        return x, x, prec, conf, kind
    if pos and h.days == 0:  # "أواخر رمضان": a part of the month, counted in its own days
        length = (de - ds).days + 1
        a, b = (p if p > 0 else length + p + 1 for p in pos)
        return ds + (max(1, a) - 1) * DAY, ds + (min(length, b) - 1) * DAY, "week", conf, kind
    return ds, de, prec if h.days else "month", conf, kind
