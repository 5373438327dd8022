"""Turn one regex match of the time lexicon into dates (a `Cand`), against the publication date.

One function per pattern family; each returns None when the match is not a usable date (a bare month
word, a day that does not exist, a relative phrase with no publication date). The date grammar's
families (nth weekdays, weekends, quarters, partial numeric dates, ranges ...) are in grammar.py, the
holidays in holidays.py.
"""

from __future__ import annotations

import re
from datetime import date

from marsad.stages.time import calendar as cal
from marsad.stages.time import grammar, holidays
from marsad.stages.time.lexicon import TimeLexicon
from marsad.stages.time.parts import (
    DAY,
    UNIT_DAYS,
    Cand,
    count_of,
    date_part,
    day_of,
    mod_of,
    month_of,
    year_of_month,
)

__all__ = ["UNIT_DAYS", "Cand", "resolve"]



def resolve(name: str, m: re.Match, lx: TimeLexicon, pub: date | None, future_ok: bool) -> Cand | None:
    fn = _RESOLVERS[name]
    out = fn(m, lx, pub, future_ok)
    if out is None:
        return None
    ds, de, precision, conf, kind = out
    c = Cand(m.start("x"), m.end("x"), kind, ds, de, precision, conf, name)
    if kind == "duration":
        c.count, c.unit, _ = count_of(lx, m)
        c.offset = name == "after" and lx.duration_noun.match(m.string, m.end()) is None
    return c


def _rel(m, lx, pub, future_ok):
    g = m.groupdict()
    wd = lx.weekdays.get(g["wd"]) if g.get("wd") else None
    absolute = date_part(lx, m, "i", pub, wd, future_ok)
    if pub is None:
        return (absolute[0], absolute[0], "day", absolute[1], "absolute") if absolute else None
    x = pub + lx.reldays[re.sub(r"\s+", " ", g["rel"])] * DAY
    conf = 0.95
    if absolute and absolute[0] != x:
        return absolute[0], absolute[0], "day", 0.7, "absolute"
    if wd is not None and x.weekday() != wd:
        conf = 0.6
    end = x
    if g.get("wd2") and wd is not None:
        end = x + DAY
    return x, end, "day", conf, "relative"


def _wd(m, lx, pub, future_ok):
    g = m.groupdict()
    wd = lx.weekdays[g["wd"]]
    absolute = date_part(lx, m, "i", pub, wd, future_ok)
    if absolute:
        return absolute[0], absolute[0], "day", absolute[1], "absolute"
    if pub is None:
        return None
    mod = mod_of(lx, g.get("wmod"))
    x = cal.weekday_near(wd, pub, mod)
    # "الخميس الماضي" may mean the Thursday of the previous week as well: a little less sure
    conf = 0.8 if mod == "past" else 0.85
    end = x
    if g.get("wd2"):  # "ليلة الأربعاء/ الخميس": the night between the two days
        end = x + ((lx.weekdays[g["wd2"]] - wd) % 7) * DAY
    return x, end, "day", conf, "weekday"


def _date(m, lx, pub, future_ok):
    r = date_part(lx, m, "", pub, None, future_ok)
    if r is None:
        return None
    kind = "absolute" if m.group("y") else "absolute"
    return r[0], r[0], "day", r[1], kind


def _numeric(m, lx, pub, future_ok):
    x = cal.valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return (x, x, "day", 0.9, "absolute") if x else None


def _english(m, lx, pub, future_ok):
    x = cal.valid(int(m.group("y")), lx.months[m.group("mon")][0], int(m.group("d")))
    return (x, x, "day", 0.9, "absolute") if x else None


def _hijri(m, lx, pub, future_ok):
    month = lx.months[m.group("hmon")][0]
    d = day_of(lx, m, "")
    r = cal.hijri_to_gregorian(int(m.group("hy")), month, d)
    if r is None:
        return None
    return r[0], r[1], "day" if d else "month", 0.9 if m.group("era") else 0.75, "absolute"


def _range(m, lx, pub, future_ok):
    b = date_part(lx, m, "b", pub, None, future_ok)
    if b is None:
        return None
    end = b[0]
    da = m.group("da") if "da" in m.re.groupindex else None
    d_a = int(da) if da else day_of(lx, m, "a")
    if d_a is None:
        return None
    mon_a = month_of(lx, m, "a") if "mona" in m.re.groupindex else None
    month_a = mon_a[0] if mon_a else end.month
    ya = m.groupdict().get("ya")
    y_a = int(ya) if ya else end.year - (1 if month_a > end.month else 0)
    start = cal.valid(y_a, month_a, d_a)
    if start is None or start > end or (end - start).days > 366:
        return None
    return start, end, "day", min(b[1], 0.9), "range"


def _month_expr(m, lx, pub, future_ok):
    g = m.groupdict()
    mon = month_of(lx, m, "")
    if mon is None:
        return None
    month, confirmed = mon
    pos = lx.positions.get(g["pos"]) if g.get("pos") else None
    if not (g.get("y") or g.get("mod") or g.get("sh") or pos or g.get("monb") or g.get("monc")):
        return None  # a bare month word: too often an ordinary word or a name
    if g.get("y"):
        y = int(g["y"])
    elif pub is None:
        return None
    else:
        y = year_of_month(month, pub, mod_of(lx, g.get("mod")), future_ok)
    ds, de = cal.month_range(y, month, pos)
    conf = 0.9 if (g.get("y") or confirmed) else 0.75
    return ds, de, "week" if pos else "month", conf, "absolute" if g.get("y") else "relative"


def _year(m, lx, pub, future_ok):
    g = m.groupdict()
    if g.get("yw"):  # "عام ألفين وعشرين"
        rest = lx.numbers.parse(g["yr"]) if g.get("yr") else 0
        if rest is None or rest > 99:
            return None
        y = lx.thousands[re.sub(r"\s+", " ", g["yw"])] + rest
    else:
        y = int(g["y"])
    if y < 1900 or (pub is not None and y > pub.year + 1):
        return None
    ds, de, prec = cal.year_range(y, lx.positions.get(g["pos"]) if g.get("pos") else None)
    return ds, de, prec, 0.85, "absolute"


def _period(m, lx, pub, future_ok):
    if pub is None:
        return None
    g = m.groupdict()
    per = lx.period_nouns.get(g["per"].removeprefix(lx.script.article))  # "week", "month", "year"
    mod = "current" if g.get("this") or "mod" not in m.re.groupindex else mod_of(lx, g.get("mod"))
    if mod is None:
        return None
    pos = lx.positions.get(g["pos"]) if g.get("pos") else None
    if per == "week":
        ds, de = cal.week_range(pub, mod)
        return ds, de, "week", 0.85, "relative"
    if per == "month":
        y, mo = cal.add_months(pub, {"past": -1, "future": 1}.get(mod, 0))
        ds, de = cal.month_range(y, mo, pos)
        return ds, de, "week" if pos else "month", 0.85, "relative"
    y = pub.year + {"past": -1, "future": 1}.get(mod, 0)
    ds, de, prec = cal.year_range(y, pos)
    return ds, de, prec, 0.8, "relative"


def _ago(m, lx, pub, future_ok):
    if pub is None:
        return None
    n, unit, exact = count_of(lx, m)
    if unit == "hour":
        x = pub - (n // 24) * DAY
        return x, x, "day", 0.8, "relative"
    if unit == "day":
        if not exact:
            return pub - 7 * DAY, pub - 2 * DAY, "week", 0.6, "relative"
        x = pub - n * DAY  # "قبل يومين": often loose, so below the weekday's 0.85
        return x, x, "day", 0.8, "relative"
    if unit == "week":
        x = pub - 7 * n * DAY
        return x, x, "week", 0.75 if exact else 0.5, "relative"
    if unit == "month":
        y, mo = cal.add_months(pub, -n)
        ds, de = cal.month_range(y, mo)
        return ds, de, "month", 0.7 if exact else 0.5, "relative"
    ds, de, _ = cal.year_range(pub.year - n)
    return ds, de, "year", 0.7 if exact else 0.5, "relative"


def _anchored(m, lx, pub, future_ok):
    """"بعد 6 أيام من", "على مدار يومين", "لليوم الثالث على التوالي": a range ending at an anchor date
    that the combiner fills in (the governing date of the sentence, else publication)."""
    n, unit, exact = count_of(lx, m)
    if unit == "hour" or not exact or n > 400:
        return None
    return pub, pub, "day", 0.8, "duration"


def _within(m, lx, pub, future_ok):
    """"خلال الأيام الثلاثة الماضية": the N days before publication."""
    if pub is None:
        return None
    g = m.groupdict()
    per = g.get("per")
    if per:
        unit = lx.units.get(per, ("day", 0))[0]
        n = int(g["n"]) if g.get("n") else (lx.numbers.parse(g["nw"]) if g.get("nw") else None)
        exact = n is not None
        n = n or {"day": 7, "hour": 24, "week": 3, "month": 3}.get(unit, 3)
    else:
        n, unit, exact = count_of(lx, m)
    if unit == "hour":
        if not exact:  # "في الساعات الماضية": the day before the report, roughly
            return pub - DAY, pub - DAY, "week", 0.6, "relative"
        return pub - max(1, n // 24) * DAY, pub, "day" if n <= 24 else "week", 0.75, "range"
    days = n * UNIT_DAYS[unit]
    prec = "day" if days <= 1 else "week" if days <= 14 else "month" if days <= 100 else "year"
    return pub - days * DAY, pub - DAY, prec, 0.75 if exact else 0.55, "range"


_RESOLVERS = {
    "rel": _rel, "wd": _wd, "date": _date, "numeric": _numeric, "english": _english, "hijri": _hijri,
    "range": _range, "month": _month_expr, "year": _year, "period": _period, "ago": _ago,
    "after": _anchored, "spanfor": _anchored, "consec": _anchored, "within": _within,
    **grammar.RESOLVERS, "holiday": holidays.resolve_holiday,
}
