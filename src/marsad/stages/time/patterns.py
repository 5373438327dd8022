"""The time stage's patterns, compiled from the lexicon's word tables.

Each `TimePattern` names its resolver (resolve.py, grammar.py, holidays.py) and lists its anchors:
folded strings one of which every match contains (a month name for "26 كانون الثاني", a digit for
"15/06"). The scanner (scan.py) runs a pattern only around its anchors, so adding patterns costs little
on text without them. An anchor list that misses a form would silently lose matches: tests compare the
anchored scan with a scan of the whole text.

Pattern order breaks ties between overlapping matches of equal length (combine.drop_overlaps): the
first pattern of a name wins over names after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from marsad.text.normalize import fold

if TYPE_CHECKING:
    from marsad.stages.time.lexicon import TimeLexicon

DIGITS = frozenset("0123456789")


# how far a match may reach before its first anchor and after its last one, lookaheads included
REACH = (130, 130)
DIGIT_REACH = (60, 60)  # numeric dates and years: a few words around the digits


@dataclass(frozen=True, slots=True)
class TimePattern:
    name: str  # the resolver, and the overlap tie-break
    regex: re.Pattern
    anchors: frozenset[str]  # every match contains one of these (folded) strings
    reach: tuple[int, int] = REACH
    # the anchor stands as a word of its own, at most behind the clitics و ف ب ل ك: a month name, a relative
    # day ("آب" in "كتاب" is no anchor)
    bounded: bool = False


def _alt(forms, group: str | None = None) -> str:
    """Regex alternation of folded forms, longest first; spaces inside a form match any blank run."""
    keys = sorted({f for f in forms if f}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(p) for p in k.split(" ")) for k in keys)
    return f"(?P<{group}>{body})" if group else f"(?:{body})"


def F(s: str) -> str:
    """A folded literal for a regex (so code never spells أ/ة/ى that the normalised view has not)."""
    return r"\s+".join(re.escape(p) for p in fold(s).split(" "))


def anchor_words(forms: Iterable[str]) -> frozenset[str]:
    """One word of each (folded) form that every match of the form contains, as rare as a rule of thumb
    finds: the longest word of four letters or more without the article, else the longest word once the
    article is set aside. "كانون الثاني" -> "كانون", "على التوالي" -> "التوالي", "عيد الأم" -> "عيد"."""
    out = set()
    for f in forms:
        ws = [x for x in f.split() if not x.isdigit()] or f.split()
        plain = [x for x in ws if not x.startswith("ال") and len(x) >= 4]
        out.add(max(plain, key=len) if plain else max(ws, key=lambda x: len(x.removeprefix("ال"))))
    return frozenset(out)


def build_patterns(lx: TimeLexicon) -> list[TimePattern]:  # noqa: C901 - one flat list of patterns reads best
    w, gr = lx.words, lx.grammar

    def A(key: str) -> str:
        return _alt(fold(s) for s in gr[key])

    greg = [f for f, (_, cal, _) in lx.months.items() if cal != "hijri"]
    arabic = [f for f, (_, cal, _) in lx.months.items() if cal not in ("hijri", "english", "french")]
    hijri = [f for f, (_, cal, _) in lx.months.items() if cal == "hijri"]
    english = [f for f, (_, cal, _) in lx.months.items() if cal in ("english", "french")]
    MON = _alt(greg)
    HMON = _alt(hijri)
    NUMW = lx.numbers.pattern
    mods = _alt(lx.past | lx.current | lx.future)
    units = _alt(lx.units)
    not_wd = _alt(fold(s) for s in w["weekday_not_followed_by"])
    arabic_wd = [k for k in lx.weekdays if not k.isascii()]
    # "الاثنين" is also "the two": "القبض على الاثنين الآخرين"
    WD = (f"(?:{_alt(k for k in arabic_wd if k != 'الاثنين')}"
          f"|الاثنين(?!\\s+{not_wd}(?!\\w)))")
    stops = {fold("اليوم"): [fold(s) for s in w["today_not_followed_by"]]}
    stops |= {fold(k): [fold(s) for s in v] for k, v in gr["relative_not_followed_by"].items()}
    rel_forms = [k for k in lx.reldays if k not in stops]
    REL = "|".join([_alt(rel_forms)] + [rf"{re.escape(k)}(?!\s+{_alt(v)}(?!\w))" for k, v in stops.items()])
    REL = f"(?:{REL})"
    DP = _alt(fold(k) for k in w["dayparts"])
    POS = _alt(lx.positions)
    hij_era = _alt(fold(k) for k in w["hijri_markers"])
    greg_era = _alt(fold(k) for k in w["gregorian_markers"])
    year_w = _alt(fold(k) for k in w["year_words"])
    vague = _alt(fold(k) for k in w["vague_counts"])
    WEEK = F("أسبوع")
    PER = rf"(?:{WEEK}|شهر|عام|{F('سنة')})"
    THIS = rf"(?:{F('هذا')}|{F('هذه')})"
    LAST = rf"{F('الأخيرة')}|{F('الأخير')}"
    YEAR4 = r"(?:19|20)\d\d"
    DD = r"(?:[12]\d|3[01]|0?[1-9])"
    MM = r"(?:1[0-2]|0?[1-9])"
    OPEN = A("range_opens")
    JOIN = A("range_joins")
    JOIN_NO_AND = _alt(fold(s) for s in gr["range_joins"] if fold(s) != "و")
    CUES = A("bare_cues")

    def monx(t: str) -> str:
        return (rf"(?P<mon{t}>{MON})(?!\w)(?:\s*[/\-(]\s*(?P<mon{t}b>{MON})(?!\w)\s*\)?"
                rf"|\s+(?P<mon{t}c>{MON})(?!\w))?")

    def day(t: str) -> str:
        return (rf"(?:(?:ال\s?)?(?<![\d.,/:])(?P<d{t}>[12]\d|3[01]|0?[1-9])(?![\d:])"
                rf"|(?P<dw{t}>{NUMW}))")

    def year(t: str) -> str:
        return (rf"(?:\s*,?\s*(?:من\s+)?(?:{year_w}\s+)?(?P<y{t}>{YEAR4})(?![\d:])"
                rf"(?:\s*(?P<era{t}>{greg_era})(?!\w))?)")

    def date(t: str) -> str:
        return (rf"{day(t)}\s*(?:من\s+)?(?:(?:ال)?شهر\s+)?{monx(t)}"
                rf"(?:{year(t)}|\s+(?P<mod{t}>{mods})(?!\w))?")

    def inner(t: str) -> str:
        """A date after a weekday: "الخميس 20 كانون الثاني", "الأحد ١٧ / ٠١ / ٢٠٢١", "الأحد 17/01/21"."""
        return (rf"(?:{date(t)}|(?<![\d.,/:\-])(?P<nd{t}>{DD})\s*(?P<sep{t}>[/.\-])\s*"
                rf"(?P<nm{t}>{MM})\s*(?P=sep{t})\s*(?P<ny{t}>{YEAR4}|\d\d)(?!\d))")

    pre = r"(?<!\w)(?:[وف]?[بلك]?)"
    cue = rf"(?<!\w)[وف]?(?:{CUES})\s+"
    P: list[TimePattern] = []

    def add(name: str, core: str, anchors: Iterable[str], tail: str = r"(?!\w)", head: str = pre) -> None:
        anchors = frozenset(anchors)
        P.append(TimePattern(name, re.compile(rf"{head}(?P<x>{core}){tail}"), anchors,
                             DIGIT_REACH if anchors == DIGITS else REACH, anchors in bounded))

    a_mon = anchor_words(greg)
    # a relative day's own word where the form has one ("يوم أمس" -> "أمس", "بعد غد" -> "غد"), not "يوم"/"بعد"
    single = {k for k in lx.reldays if " " not in k}
    a_rel = frozenset(next((x for x in k.split() if x in single), None) or next(iter(anchor_words([k])))
                      for k in lx.reldays)
    bounded = (a_mon, a_rel)
    a_wd = anchor_words(arabic_wd)
    a_per = frozenset(fold(k).removeprefix("ال") for k, v in w["periods"].items() if v in ("week", "month", "year"))
    a_ago = anchor_words(fold(s) for s in w["ago"])
    a_after = anchor_words(fold(s) for s in w["after_of"])
    num_tail = r"(?!\d)(?![/.\-]\d)"

    wd_part = rf"(?:يوم\s+)?(?:\(\s*)?(?P<wd>{WD})(?:\s*\))?(?:\s*[/\-]\s*(?P<wd2>{WD}))?"
    add("rel", rf"(?:(?P<dp>{DP})\s+(?:من\s+)?(?:يوم\s+)?)?(?:يوم\s+)?(?P<rel>{REL})"
               rf"(?:\s*,?\s*{wd_part})?(?:\s*,?\s*{inner('i')})?", a_rel)
    # "الخميس من الأسبوع المقبل": before "wd", which would stop at "الخميس"
    add("wdweek", rf"(?:(?P<dp>{DP})\s+(?:من\s+)?)?(?:يوم\s+)?(?P<wd>{WD})\s+(?:من|في)\s+(?:(?P<this>{THIS})\s+)?"
                  rf"(?:ال)?{WEEK}(?:\s+(?P<mod>{mods}))?", a_wd)
    # "آخر جمعة من أيار", "أول اثنين من الشهر", "الجمعة الأخيرة من شهر آذار الماضي"
    in_month = (rf"(?:(?:(?:ال)?شهر\s+)?{monx('')}(?:{year('')}|\s+(?P<mod>{mods})(?!\w))?"
                rf"|(?:(?P<this>{THIS})\s+)?(?P<sh>(?:ال)?شهر)(?:\s+(?P<pmod>{mods}))?)")
    add("nthwd", rf"(?:(?P<nth>{_alt(lx.ordinal_weekdays)})\s+(?P<bwd>{_alt(lx.bare_weekdays)})"
                 rf"|(?:يوم\s+)?(?P<wd>{WD})\s+(?P<nth2>{_alt(lx.ordinal_adjectives)}))\s+(?:من|في)\s+{in_month}",
        anchor_words(lx.bare_weekdays) | a_wd)
    add("wd", rf"(?:(?P<dp>{DP})\s+(?:من\s+)?)?{wd_part}(?:\s+(?P<wmod>{mods}))?"
              rf"(?:\s*,?\s*{inner('i')})?", a_wd)
    add("hijri", rf"(?:{day('')}\s*(?:من\s+)?)?(?:شهر\s+)?(?P<hmon>{HMON})\s*,?\s*(?:{year_w}\s+)?"
                 rf"(?P<hy>1[34]\d\d)(?!\d)(?:\s*(?P<era>{hij_era})(?!\w))?", anchor_words(hijri))
    add("range", rf"(?:ما\s+)?(?:بين|من|{F('في الفترة من')}|{F('في الفترة ما بين')})\s+(?:يوم\s+)?{day('a')}"
                 rf"(?:\s*(?:من\s+)?{monx('a')})?(?:{year('a')})?\s*(?:و|الي|حتي|{F('لغاية')}|-)\s*"
                 rf"(?:يوم\s+)?{date('b')}", a_mon)
    # "20-26 كانون الثاني", "12 إلى 15 آب"
    add("range", rf"(?<![\d.,/:])(?P<da>[12]\d|3[01]|0?[1-9])\s*(?:-|(?:{JOIN_NO_AND})\s)\s*{date('b')}", a_mon)
    add("date", rf"(?:(?P<dp>{DP})\s+(?:من\s+)?)?(?:يوم\s+)?{date('')}", a_mon)
    add("numeric", rf"(?<![\d.,/:\-])(?P<d>{DD})\s*(?P<sep>[/.\-])\s*(?P<m>{MM})\s*(?P=sep)\s*"
                   rf"(?P<y>{YEAR4})", DIGITS, r"(?![\d/.\-]\d)")
    add("numeric", rf"(?<![\d.,/:\-])(?P<y>{YEAR4})(?P<sep>[/.\-])(?P<m>{MM})(?P=sep)(?P<d>{DD})", DIGITS,
        r"(?![\d/.\-:]\d|\d)")
    add("english", rf"(?P<mon>{_alt(english)})\.?\s+(?P<d>{DD}),?\s+(?P<y>{YEAR4})", anchor_words(english),
        r"(?!\d)")
    # "15/9/1445هـ", "1445/9/15 هـ"
    add("hnum", rf"(?<![\d.,/:\-])(?P<d>{DD})\s*(?P<sep>[/.\-])\s*(?P<m>{MM})\s*(?P=sep)\s*(?P<hy>1[34]\d\d)(?!\d)"
                rf"(?:\s*(?P<era>{hij_era})(?!\w))?", DIGITS, num_tail)
    add("hnum", rf"(?<![\d.,/:\-])(?P<hy>1[34]\d\d)\s*(?P<sep>[/.\-])\s*(?P<m>{MM})\s*(?P=sep)\s*(?P<d>{DD})(?!\d)"
                rf"(?:\s*(?P<era>{hij_era})(?!\w))?", DIGITS, num_tail)
    # "03/11/20"; with a cue: "في 15/06", "بتاريخ 7/2019"
    add("numpart", rf"(?<![\d.,/:\-])(?P<d>{DD})\s*(?P<sep>[/.\-])\s*(?P<m>{MM})\s*(?P=sep)\s*(?P<yy>\d\d)",
        DIGITS, num_tail)
    ncue = rf"(?<!\w)[وف]?(?:{A('numeric_cues')})\s+(?:يوم\s+)?"
    add("numpart", rf"(?<![\d.,/:\-])(?P<d>{DD})\s*(?P<sep>[/\-])\s*(?P<m>{MM})", DIGITS,
        r"(?!\d)(?![/.\-]\d)(?!\s*[%٪])", ncue)
    add("numpart", rf"(?<![\d.,/:\-])(?P<m>{MM})\s*(?P<sep>[/\-])\s*(?P<y>{YEAR4})", DIGITS, num_tail, ncue)
    # "بين شهري آذار وأيار"; "من آذار إلى أيار 2020" (a year on the first month too: two months, see below)
    add("monrange", rf"(?:{OPEN})\s+(?:(?:{A('month_duals')})\s+)?{monx('a')}\s*(?:{JOIN})\s*(?:(?:ال)?شهر\s+)?"
                    rf"{monx('b')}(?:{year('b')}|\s+(?P<modb>{mods})(?!\w))?", a_mon)
    add("month", rf"(?:(?P<pos>{POS})\s+)?(?P<sh>(?:ال)?شهر\s+)?{monx('')}"
                 rf"(?:{year('')}|\s+(?P<mod>{mods})(?!\w))?", a_mon)
    # "في سبتمبر": a month name alone after a preposition (Levantine, Egyptian and Maghrebi names only)
    add("inmonth", rf"(?P<mon>{_alt(arabic)})(?!\w)(?:\s*[/\-(]\s*(?P<monb>{MON})(?!\w)\s*\)?)?", a_mon, head=cue)
    # "حتى نهاية العام", "لغاية نهاية آذار", "حتى نهاية 2023"
    add("until", rf"(?:{A('until_heads')})\s+(?P<end>{A('end_heads')})\s+(?:(?:(?P<this>{THIS})\s+)?"
                 rf"(?P<per>ال{PER})(?:\s+(?P<mod>{mods}))?|(?:(?:ال)?شهر\s+)?{monx('')}"
                 rf"(?:{year('')}|\s+(?P<mmod>{mods})(?!\w))?|(?:{year_w}\s+)?(?P<y2>{YEAR4})(?!\d))",
        anchor_words(fold(s) for s in gr["end_heads"]))
    # "بين عامي 2015 و2018", "2015-2018"
    add("yrange", rf"(?:{OPEN})\s+(?:(?:{A('year_duals')})\s+)?(?P<ya>{YEAR4})\s*(?:{JOIN})\s*(?:(?:{year_w})\s+)?"
                  rf"(?P<yb>{YEAR4})", DIGITS, num_tail)
    add("yrange", rf"(?<![\d/.\-])(?P<ya>{YEAR4})\s*[-–]\s*(?P<yb>{YEAR4})", DIGITS, num_tail)
    add("year", rf"(?:(?P<pos>{POS})\s+)?(?:{year_w})\s+(?P<y>{YEAR4})(?!\d)"
                rf"(?:\s*(?:{greg_era})(?!\w))?", DIGITS)
    add("year", rf"(?P<y>{YEAR4})\s*" + rf"(?:{greg_era})", DIGITS)
    # "عام ألفين وعشرين", "سنة ألف وتسعمائة وتسعين"
    add("year", rf"(?:(?P<pos>{POS})\s+)?(?:{year_w})\s+(?P<yw>{_alt(lx.thousands)})(?:\s+و\s*(?P<yr>{NUMW}))?",
        anchor_words(lx.thousands))
    add("year", rf"(?P<pos>{POS})\s+(?P<y>{YEAR4})", DIGITS, num_tail)
    add("year", rf"(?P<y>{YEAR4})", DIGITS, r"(?!\d)(?![/.\-:,]\d)(?!\s*[%٪])", cue)
    # "1445 هـ", "عام 1445 هـ", "العام الهجري 1445"
    add("hyear", rf"(?:(?:{year_w})\s+)?(?<![\d/.\-])(?P<hy>1[34]\d\d)\s*(?P<era>{hij_era})", DIGITS)
    add("hyear", rf"(?:ال)?(?:عام|{F('سنة')})\s+(?:ال)?(?:{F('هجري')}|{F('هجرية')})\s+(?P<hy>1[34]\d\d)", DIGITS,
        r"(?!\d)")
    add("quarter", rf"(?P<q>{_alt(lx.quarters)})\s+(?:من\s+)?(?:(?:{year_w})\s+(?P<y>{YEAR4})|(?P<y2>{YEAR4})"
                   rf"|(?P<this>{THIS})\s+(?:ال)?(?:عام|{F('سنة')})|(?P<per>ال(?:عام|{F('سنة')}))(?:\s+(?P<mod>{mods}))?)",
        frozenset(q.split()[0] for q in lx.quarters), num_tail)  # "الربع", "النصف"
    add("decade", rf"(?:(?:ال)?(?:عقد|{F('حقبة')}|{F('فترة')})\s+)?(?:ال)?(?P<dec>{_alt(lx.decade_names)})"
                  rf"(?:\s+(?:من\s+)?(?P<cent>{_alt(lx.centuries)}))?", frozenset(lx.decade_names),
        rf"(?!\w)(?!\s+{A('decade_not_followed_by')}(?!\w))")
    # "عطلة نهاية الأسبوع الماضي": before "period", which reads the same words as the whole week
    add("weekend", rf"(?:(?P<leave>{A('weekend_leaves')})\s+(?:(?:{A('weekend_heads')})\s+)?|(?:{A('weekend_heads')})\s+)"
                   rf"(?:(?P<this>{THIS})\s+)?ال{WEEK}(?:\s+(?P<mod>{mods}))?", a_per)
    add("period", rf"(?:(?P<pos>{POS})\s+)?(?P<per>(?:ال)?{PER})\s+(?P<mod>{mods})", a_per)
    add("period", rf"(?:(?P<pos>{POS})\s+)?(?P<this>{THIS})\s+(?P<per>(?:ال)?{PER})", a_per)
    # "منتصف الشهر", "نهاية العام": the current month or year
    add("period", rf"(?P<pos>{POS})\s+(?P<per>ال(?:شهر|عام|{F('سنة')}))", a_per)
    add("rest", rf"(?:{A('rest_heads')})\s+(?:(?P<this>{THIS})\s+)?(?P<per>ال{PER})(?:\s+(?P<mod>{mods}))?", a_per)
    add("ago", rf"(?P<ago>قبل|منذ)\s+(?:ال\s?)?(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+|(?P<vague>{vague})\s+)?"
               rf"(?P<unit>{units})", a_ago,
        rf"(?!\w)(?!\s+(?:من|علي)\s)(?!\s+(?:{MON}|{HMON})(?!\w))")
    # "قبل عقد من الزمن", "منذ عقدين،": a decade only at the end of the phrase ("قبل عقد الاجتماع" is not)
    add("ago", rf"(?P<ago>قبل|منذ)\s+(?:(?P<n>\d{{1,2}})\s*|(?P<nw>{NUMW})\s+)?(?P<decade>{_alt(lx.decades)})",
        a_ago, rf"(?=\s*(?:$|[,.:;!?\"()\n]|من\s+الزمن|{F('مضت')}|مضي|ونيف|ونصف))")
    add("after", rf"بعد\s+(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<unit>{units})", a_after,
        r"(?!\w)(?=\s+(?:من|علي)\s)")
    # "بعد ثلاثة أيام" with nothing it counts from: that many days after publication
    add("soon", rf"(?:{A('offset_after')})\s+(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<unit>{units})",
        anchor_words(fold(s) for s in gr["offset_after"]), r"(?!\w)(?!\s+(?:من|علي)\s)")
    add("within", rf"(?:خلال|في|{F('طيلة')}|طوال)\s+(?:ال)?(?P<per>{F('أيام')}|ساعات|{F('أسابيع')}|{F('أشهر')}|شهور|"
                  rf"ليالي)\s+(?:(?:ال\s?)?(?:(?P<n>\d{{1,3}})|(?P<nw>{NUMW}))\s+)?(?:ال)?(?P<mod>{_alt(lx.past)}|"
                  rf"{LAST})", lx.past | {fold("الأخير")})
    add("within", rf"(?:خلال|في|{F('طيلة')}|طوال)\s+(?:ال\s?)?(?:(?P<n>\d{{1,3}})|(?P<nw>{NUMW}))\s+(?P<unit>{units})"
                  rf"\s+(?:ال)?(?P<mod>{_alt(lx.past)}|{LAST})", lx.past | {fold("الأخير")})
    # "خلال شهرين", "في غضون أسبوع": from publication on
    add("shortly", rf"(?P<within>{A('offset_within')})\s+(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<unit>{units})",
        anchor_words(fold(s) for s in gr["offset_within"]),
        rf"(?!\w)(?!\s+(?:ال)?(?:{mods}|{LAST})(?!\w))(?!\s+(?:من|علي)\s)")
    add("spanfor", rf"(?:{F('طوال')}|{F('طيلة')}|{F('على مدار')}|{F('على مدى')}|دامت|استمرت|امتدت)\s+"
                   rf"(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<unit>{units})",
        anchor_words(fold(s) for s in w["span_for"]))
    add("consec", rf"(?:(?:لل|ال)(?=يوم|{F('أسبوع')}|شهر)|(?:ل|ال)(?={F('ليلة')}))"
                  rf"(?P<unit>يوم|{F('ليلة')}|{F('أسبوع')}|شهر)\s+(?:ال)?(?:(?P<n>\d{{1,3}})|(?P<nw>{NUMW}))"
                  rf"\s+(?:علي\s+)?{F('التوالي')}", anchor_words(fold(s) for s in w["consecutive"]))
    # "من الأحد إلى الخميس"
    add("wdrange", rf"(?:{OPEN})\s+(?:يوم\s+)?(?P<wa>{WD})\s*(?:{JOIN})\s*(?:يوم\s+)?(?P<wb>{WD})"
                   rf"(?:\s+(?P<wmod>{mods}))?", a_wd)
    # "عيد الفطر", "ثاني أيام عيد الأضحى", "رمضان الماضي", "عيد الميلاد 2021", "أواخر رمضان"
    hol_when = (rf"(?:\s*,?\s*(?:(?:من\s+)?(?:{year_w})\s+(?P<y>{YEAR4})|(?P<y2>{YEAR4})(?![\d/.\-]\d|\d)"
                rf"|(?P<hy>1[34]\d\d)\s*(?P<era>{hij_era})(?!\w)|(?:من\s+)?(?P<this>{THIS})\s+(?:ال)?(?:عام|{F('سنة')})"
                rf"|(?:من\s+)?ال(?:عام|{F('سنة')})\s+(?P<ymod>{mods})(?!\w))|\s+(?P<mod>{mods})(?!\w))?")
    add("holiday", rf"(?:(?P<pos>{POS})\s+|(?P<hnth>{_alt(lx.holiday_days)})\s+(?:{F('أيام')}|يوم\s+(?:من|في))\s+)?"
                   rf"(?:(?:ال)?شهر\s+)?(?P<hol>{_alt(lx.holidays)})(?!\w)(?:\s+(?:{A('holiday_epithets')}))?{hol_when}",
        anchor_words(lx.holidays),
        rf"(?!\w)(?!\s+(?:ال)?\d)(?!\s+{NUMW})(?!\s+{A('holiday_not_followed_by')}(?!\w))")
    return P
