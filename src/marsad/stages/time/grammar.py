"""Resolvers of the date grammar's pattern families (patterns.py), against the publication date `pub`.

Each takes (match, lexicon, pub, future_ok) and returns (start, end, precision, confidence, kind) or None:

    "آخر جمعة من أيار" (pub 2021-06-10)          -> 2021-05-28, day
    "الخميس من الأسبوع المقبل" (pub 2022-01-27)   -> 2022-02-03, day
    "عطلة نهاية الأسبوع" (pub 2022-01-27)         -> 2022-01-21 .. 2022-01-22
    "الربع الثالث من العام" (pub 2022-01-27)      -> 2022-07-01 .. 2022-09-30
    "في 15/06" (pub 2022-01-27)                    -> 2021-06-15 (the latest by publication)
    "من الأحد إلى الخميس" (pub 2022-01-27)        -> 2022-01-23 .. 2022-01-27
"""

from __future__ import annotations

import re
from datetime import date

from marsad.stages.time import calendar as cal
from marsad.stages.time.parts import (
    DAY,
    count_of,
    cue_before,
    mod_of,
    month_of,
    span_precision,
    two_digit_year,
    year_of_month,
)


def _month_year(lx, m, pub, future_ok):
    """(year, month, explicit year) of the month part `monx('')` with an optional year or modifier."""
    mon = month_of(lx, m, "")
    if mon is None:
        return None
    month = mon[0]
    y = m.groupdict().get("y")
    if y:
        return int(y), month, True
    if pub is None:
        return None
    return year_of_month(month, pub, mod_of(lx, m.groupdict().get("mod")), future_ok), month, False


def _wdweek(m, lx, pub, future_ok):
    """"الخميس من الأسبوع المقبل": that weekday in the week the modifier names (weeks run Monday-Sunday)."""
    g = m.groupdict()
    if pub is None:
        return None
    mod = "current" if g.get("this") else mod_of(lx, g.get("mod"))
    if mod is None:
        return None
    monday = pub - pub.weekday() * DAY + {"past": -7, "future": 7, "current": 0}[mod] * DAY
    x = monday + lx.weekdays[g["wd"]] * DAY
    return x, x, "day", 0.85, "weekday"


def _nthwd(m, lx, pub, future_ok):
    """"آخر جمعة من أيار", "الخميس الأول من الشهر": the nth (or last) such weekday of the month; a month
    without a year is the latest such day by publication, the next one with a future cue."""
    g = m.groupdict()
    if g.get("nth"):
        n, wd = lx.ordinal_weekdays[g["nth"]], lx.bare_weekdays[g["bwd"]]
    else:
        n, wd = lx.ordinal_adjectives[g["nth2"]], lx.weekdays[g["wd"]]
    if g.get("sh"):  # "من الشهر", "من الشهر الماضي"
        if pub is None:
            return None
        mod = "current" if g.get("this") else mod_of(lx, g.get("pmod")) or "current"
        y, mo = cal.add_months(pub, {"past": -1, "future": 1}.get(mod, 0))
        x = cal.nth_weekday(y, mo, wd, n)
        return (x, x, "day", 0.85, "relative") if x else None
    my = _month_year(lx, m, pub, future_ok)
    if my is None:
        return None
    y, mo, explicit = my
    x = cal.nth_weekday(y, mo, wd, n)
    day_n = cal.valid(y, mo, n) if g.get("nth2") and n > 0 else None
    if day_n is not None and day_n.weekday() == wd:
        x = day_n  # "الخميس الثاني من شباط" when 2 February is a Thursday: a date, not the second Thursday
    if x is None:
        return None
    if not explicit and not g.get("mod") and pub is not None:
        # the latest such day by publication; with a future cue the next one
        if x > pub and not future_ok:
            x = cal.nth_weekday(y - 1, mo, wd, n)
        elif x < pub and future_ok and mo < pub.month:
            x = cal.nth_weekday(y + 1, mo, wd, n)
        if x is None:
            return None
    return x, x, "day", 0.9 if explicit else 0.85, "absolute" if explicit else "relative"


def _numpart(m, lx, pub, future_ok):
    """"03/11/20" (two-digit year), "في 15/06" (no year: the latest by publication), "في 7/2019" (a month)."""
    g = m.groupdict()
    if g.get("yy"):
        y = two_digit_year(g["yy"], pub)
        x = cal.valid(y, int(g["m"]), int(g["d"])) if y else None
        return (x, x, "day", 0.85, "absolute") if x else None
    if g.get("y"):
        y, mo = int(g["y"]), int(g["m"])
        if pub is not None and y > pub.year + 1:
            return None
        ds, de = cal.month_range(y, mo)
        return ds, de, "month", 0.8, "absolute"
    if pub is None:
        return None
    x, _ = cal.infer_year(int(g["m"]), int(g["d"]), pub, None, None, future_ok)
    return (x, x, "day", 0.8, "absolute") if x else None


def _hnum(m, lx, pub, future_ok):
    """"15/9/1445هـ", "1445/9/15": a numeric Umm al-Qura date."""
    g = m.groupdict()
    x = cal.hijri_day(int(g["hy"]), int(g["m"]), int(g["d"]))
    if x is None:
        return None
    return x, x, "day", 0.9 if g.get("era") else 0.8, "absolute"


def _hyear(m, lx, pub, future_ok):
    """"1445 هـ": the whole Hijri year, unless it begins over a month after publication (a book's or an
    issue's number) or follows "العدد"/"رقم"."""
    s = m.start("x")
    if lx.serial_before.search(m.string, max(0, s - 12), s):
        return None
    r = cal.hijri_year_range(int(m.group("hy")))
    if r is None or (pub is not None and (r[0] - pub).days > 30):
        return None
    return r[0], r[1], "year", 0.8, "absolute"


def _monrange(m, lx, pub, future_ok):
    """"من آذار إلى أيار 2020", "بين شهري كانون الثاني وآذار": the first month's start to the last's end."""
    g = m.groupdict()
    a, b = month_of(lx, m, "a"), month_of(lx, m, "b")
    if a is None or b is None:
        return None
    if g.get("yb"):
        yb = int(g["yb"])
    elif pub is None:
        return None
    elif g.get("modb"):
        yb = year_of_month(b[0], pub, mod_of(lx, g["modb"]), False)
    elif cue_before(lx, m):
        yb = pub.year + (1 if b[0] < pub.month else 0)
    else:
        yb = pub.year - (1 if b[0] > pub.month else 0)
    if a[0] >= b[0]:  # "بين شهري أوت وجويلية 2023" compares two months; it is no span
        return None
    ds, _ = cal.month_range(yb, a[0])
    _, de = cal.month_range(yb, b[0])
    return ds, de, "month", 0.85 if g.get("yb") else 0.75, "range"


def _inmonth(m, lx, pub, future_ok):
    """"في سبتمبر": the month's latest occurrence by publication (the current month included)."""
    if pub is None:
        return None
    mon = month_of(lx, m, "")
    if mon is None:
        return None
    month, confirmed = mon
    ds, de = cal.month_range(year_of_month(month, pub, None, future_ok), month)
    return ds, de, "month", 0.75 if confirmed else 0.65, "relative"


def _period_end(lx, m, pub, future_ok) -> tuple[date, date, str] | None:
    """The period "حتى نهاية X" names: (start, end, "week" | "month" | "year")."""
    g = m.groupdict()
    if g.get("per"):
        per = lx.period_nouns.get(g["per"].removeprefix(lx.script.article))
        mod = "current" if g.get("this") else mod_of(lx, g.get("mod")) or "current"
        if per == "week":
            monday = cal.week_range(pub, mod)[0]
            return monday, monday + 6 * DAY, "week"
        if per == "month":
            y, mo = cal.add_months(pub, {"past": -1, "future": 1}.get(mod, 0))
            return *cal.month_range(y, mo), "month"
        y = pub.year + {"past": -1, "future": 1}.get(mod, 0)
        return date(y, 1, 1), date(y, 12, 31), "year"
    if g.get("y2"):
        y = int(g["y2"])
        return date(y, 1, 1), date(y, 12, 31), "year"
    mon = month_of(lx, m, "")
    if mon is None:
        return None
    month = mon[0]
    if g.get("y"):
        y = int(g["y"])
    elif g.get("mmod"):
        y = year_of_month(month, pub, mod_of(lx, g["mmod"]), future_ok)
    else:  # "حتى نهاية آذار": this year's March, or next year's once March is over
        y = pub.year + (1 if month < pub.month else 0)
    return *cal.month_range(y, month), "month"


def _until(m, lx, pub, future_ok):
    """"حتى نهاية العام": from publication to the period's end. A period over by publication ("حتى نهاية
    العام الماضي") is read as its end, as "نهاية العام الماضي" alone would be."""
    if pub is None:
        return None
    r = _period_end(lx, m, pub, future_ok)
    if r is None:
        return None
    ds, de, per = r
    if de >= pub:
        return pub, de, span_precision(pub, de), 0.8, "range"
    if per == "year":
        ds, de, prec = cal.year_range(de.year, lx.positions[m.group("end")])
        return ds, de, prec, 0.75, "relative"
    if per == "month":
        ds, de = cal.month_range(de.year, de.month, lx.positions[m.group("end")])
        return ds, de, "week", 0.75, "relative"
    ds, de = cal.weekend(de, None, False, lx.weekend_days)
    return ds, de, "day", 0.7, "relative"


def _yrange(m, lx, pub, future_ok):
    """"بين عامي 2015 و2018", "2016-2020": whole years, the first before the second."""
    ya, yb = int(m.group("ya")), int(m.group("yb"))
    if not ya < yb <= ya + 60 or (pub is not None and yb > pub.year + 10):
        return None
    return date(ya, 1, 1), date(yb, 12, 31), "year", 0.85, "range"


def _quarter(m, lx, pub, future_ok):
    """"الربع الثالث من العام": months 7-9 of the publication year ("من العام الماضي": the year before)."""
    g = m.groupdict()
    a, b = lx.quarters[re.sub(r"\s+", " ", g["q"])]
    y = g.get("y") or g.get("y2")
    if y:
        y = int(y)
        kind = "absolute"
    elif pub is None:
        return None
    else:
        mod = "current" if g.get("this") else mod_of(lx, g.get("mod")) or "current"
        y = pub.year + {"past": -1, "future": 1}.get(mod, 0)
        kind = "relative"
    ds, de = date(y, a, 1), cal.month_end(y, b)
    return ds, de, span_precision(ds, de), 0.8, kind


def _decade(m, lx, pub, future_ok):
    """"التسعينيات" -> 1990-1999; without a century, the latest such decade over by publication."""
    g = m.groupdict()
    tens = lx.decade_names[g["dec"]]
    if g.get("cent"):
        start = lx.centuries[re.sub(r"\s+", " ", g["cent"])] + tens
    else:
        now = pub.year if pub else 2100
        start = 2000 + tens if 2000 + tens + 9 < now else 1900 + tens
    return date(start, 1, 1), date(start + 9, 12, 31), "year", 0.8, "absolute"


def _weekend(m, lx, pub, future_ok):
    """"نهاية الأسبوع", "عطلة نهاية الأسبوع الماضي": the weekend days (time_grammar.json) of that week."""
    if pub is None:
        return None
    g = m.groupdict()
    mod = "current" if g.get("this") else mod_of(lx, g.get("mod"))
    ds, de = cal.weekend(pub, mod, future_ok, lx.weekend_days)
    return ds, de, "day", 0.75, "relative"


def _rest(m, lx, pub, future_ok):
    """"بقية الشهر": from publication to the end of the current week, month or year."""
    g = m.groupdict()
    if pub is None:
        return None
    if not g.get("this") and mod_of(lx, g.get("mod")) not in (None, "current"):
        return None
    per = lx.period_nouns.get(g["per"].removeprefix(lx.script.article))
    if per == "week":
        de = pub + (6 - pub.weekday()) * DAY
    elif per == "month":
        de = cal.month_end(pub.year, pub.month)
    else:
        de = date(pub.year, 12, 31)
    return pub, de, span_precision(pub, de), 0.8, "range"


def _after_pub(pub: date, n: int, unit: str) -> date:
    """Publication moved n units on ("بعد شهرين": the same day two months later)."""
    if unit == "month":
        return cal.months_later(pub, n)
    if unit == "year":
        return cal.valid(pub.year + n, pub.month, pub.day) or date(pub.year + n, pub.month, 28)
    return pub + n * {"day": 1, "week": 7, "hour": 0}[unit] * DAY


def _soon(m, lx, pub, future_ok):
    """"بعد ثلاثة أيام" (no "من" after it): that long after publication. In a report of the past it
    counts from an earlier event instead; such a date lies after publication and never dates an event."""
    if pub is None:
        return None
    n, unit, exact = count_of(lx, m)
    if not exact or unit == "hour" or n > 400:
        return None
    x = _after_pub(pub, n, unit)
    conf = 0.8 if future_ok else 0.55
    if unit == "day":
        if not future_ok and x <= pub + DAY:
            return None  # "أفرج عنه بعد يوم": a day after the arrest, not after publication
        return x, x, "day", conf, "relative"
    if unit == "week":
        return x, x, "week", conf, "relative"
    if unit == "month":
        ds, de = cal.month_range(x.year, x.month)
        return ds, de, "month", conf, "relative"
    return date(x.year, 1, 1), date(x.year, 12, 31), "year", conf, "relative"


def _shortly(m, lx, pub, future_ok):
    """"خلال شهرين", "في غضون أسبوع": from publication to the end of the count, with a future cue nearby
    ("ستنسحب القوات خلال شهرين"); "قتل 50 شخصا خلال شهرين" is a span before publication, left alone."""
    if pub is None or not future_ok:
        return None
    n, unit, exact = count_of(lx, m)
    if not exact or n > 400:
        return None
    de = _after_pub(pub, max(1, n // 24) if unit == "hour" else n, "day" if unit == "hour" else unit)
    return pub, de, span_precision(pub, de), 0.75, "range"


def _wdrange(m, lx, pub, future_ok):
    """"من الأحد إلى الخميس": the latest such span that ended by publication ("الماضي": before it); with
    "المقبل" or a future cue before it, the next one."""
    if pub is None:
        return None
    g = m.groupdict()
    wa, wb = lx.weekdays[g["wa"]], lx.weekdays[g["wb"]]
    span = (wb - wa) % 7
    if span == 0:
        return None
    mod = mod_of(lx, g.get("wmod"))
    if mod == "future" or (mod is None and cue_before(lx, m)):
        # "من الأحد إلى الأربعاء المقبل": the next span, from the coming first day
        start = pub + ((wa - pub.weekday()) % 7 or (7 if mod else 0)) * DAY
        return start, start + span * DAY, "day", 0.75, "range"
    end = cal.weekday_near(wb, pub, mod)
    return end - span * DAY, end, "day", 0.8, "range"


RESOLVERS = {
    "wdweek": _wdweek, "nthwd": _nthwd, "numpart": _numpart, "hnum": _hnum, "hyear": _hyear,
    "monrange": _monrange, "inmonth": _inmonth, "until": _until, "yrange": _yrange, "quarter": _quarter,
    "decade": _decade, "weekend": _weekend, "rest": _rest, "soon": _soon, "shortly": _shortly,
    "wdrange": _wdrange,
}
