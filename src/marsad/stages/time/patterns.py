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

from marsad.text.lazy import LazyPattern
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
    regex: LazyPattern  # compiled when its anchor first occurs (text/lazy.py)
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


def _seq(forms: Iterable[str]) -> str:
    """Regex alternation (no group) of forms folded, in the order given: the order of a data list is kept."""
    return "|".join(F(f) for f in forms)


class Slots:
    """The words the patterns spell out (time_grammar.json "pattern_words"), folded when loaded: `one(name)`
    is a slot's single form, `alt(name)` its forms as an alternation in file order (no group), `chars(name)`
    its one-letter forms as a character class, `forms(name)` the folded forms. It records which slots were
    read, so that a slot no pattern reads is an error (`check_all_used`)."""

    def __init__(self, data: dict):
        self._forms: dict[str, list[str]] = {}
        for name, spec in data.items():
            forms = [fold(w) for w in spec["words"]]
            if not forms or not all(forms):
                raise ValueError(f"time_grammar.json pattern_words: {name!r} is empty")
            if len(set(forms)) != len(forms):
                raise ValueError(f"time_grammar.json pattern_words: {name!r} repeats a word after folding")
            self._forms[name] = forms
        self._used: set[str] = set()

    def forms(self, name: str) -> list[str]:
        if name not in self._forms:
            raise ValueError(f"time_grammar.json pattern_words: slot {name!r} is missing")
        self._used.add(name)
        return self._forms[name]

    def one(self, name: str) -> str:
        forms = self.forms(name)
        if len(forms) != 1:
            raise ValueError(f"time_grammar.json pattern_words: slot {name!r} takes one word, not {forms}")
        return F(forms[0])

    def alt(self, name: str) -> str:
        return _seq(self.forms(name))

    def chars(self, name: str) -> str:
        forms = self.forms(name)
        if any(len(f) != 1 for f in forms):
            raise ValueError(f"time_grammar.json pattern_words: slot {name!r} holds single letters only")
        return "[" + "".join(forms) + "]"

    def check_all_used(self) -> None:
        unused = sorted(set(self._forms) - self._used)
        if unused:
            raise ValueError(f"time_grammar.json pattern_words: unused slots {unused}")


def anchor_words(forms: Iterable[str], article: str) -> frozenset[str]:
    """One word of each (folded) form that every match of the form contains, as rare as a rule of thumb
    finds: the longest word of four letters or more without the article, else the longest word once the
    article is set aside. "كانون الثاني" -> "كانون", "على التوالي" -> "التوالي", "عيد الأم" -> "عيد"."""
    out = set()
    for f in forms:
        ws = [x for x in f.split() if not x.isdigit()] or f.split()
        plain = [x for x in ws if not x.startswith(article) and len(x) >= 4]
        out.add(max(plain, key=len) if plain else max(ws, key=lambda x: len(x.removeprefix(article))))
    return frozenset(out)


def build_patterns(lx: TimeLexicon, sl: Slots) -> list[TimePattern]:  # noqa: C901 - one flat list reads best
    """The patterns, from the lexicon's word tables and the pattern words `sl` (time_grammar.json
    "pattern_words"). Upper-case names below are regex fragments: the slots' words, the script's clitics and
    article (charmap.json "script"), the lexicon's alternations."""
    w, gr, sc = lx.words, lx.grammar, lx.script

    def A(key: str) -> str:
        return _alt(fold(s) for s in gr[key])

    def anchors(forms: Iterable[str]) -> frozenset[str]:
        return anchor_words(forms, sc.article)

    # the script: the article, ل + ال, the clitic letters, the conjunction و
    AL, LIL, LAM, AND = sc.article, sc.lam_article, sc.lam, sc.and_
    CONJ, PREP = "[" + "".join(sc.conjunctions) + "]", "[" + "".join(sc.prepositions) + "]"
    # single words of the patterns (time_grammar.json pattern_words)
    YAWM, MIN, FI, ALA, MA, AYYAM = (sl.one(k) for k in ("day", "from", "in", "on", "ma", "days"))
    WEEK, SHAHR, LAYLA, TAWALI = (sl.one(k) for k in ("week", "month", "night", "in_a_row"))
    YEARN = sl.alt("year")  # عام|سنة
    AGO, BAD = _seq(w["ago"]), F(_one(w["after_of"], "time_words.json after_of"))  # قبل|منذ, بعد
    COUNTED = sl.alt("counted_from")  # من|على: a count measured from an event

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
    monday = sl.one("monday")
    WD = (f"(?:{_alt(k for k in arabic_wd if k != monday)}"
          f"|{monday}(?!\\s+{not_wd}(?!\\w)))")
    stops = {sl.one("today"): [fold(s) for s in w["today_not_followed_by"]]}
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
    PER = rf"(?:{WEEK}|{SHAHR}|{YEARN})"
    THIS = rf"(?:{_seq(w['this'])})"
    LAST = sl.alt("last")
    last_anchor = min(sl.forms("last"), key=len)  # "الأخير", inside "الأخيرة" too
    YEAR4 = r"(?:19|20)\d\d"
    DD = r"(?:[12]\d|3[01]|0?[1-9])"
    MM = r"(?:1[0-2]|0?[1-9])"
    OPEN = A("range_opens")
    JOIN = A("range_joins")
    JOIN_NO_AND = _alt(fold(s) for s in gr["range_joins"] if fold(s) != AND)
    CUES = A("bare_cues")

    def monx(t: str) -> str:
        return (rf"(?P<mon{t}>{MON})(?!\w)(?:\s*[/\-(]\s*(?P<mon{t}b>{MON})(?!\w)\s*\)?"
                rf"|\s+(?P<mon{t}c>{MON})(?!\w))?")

    def day(t: str) -> str:
        return (rf"(?:(?:{AL}\s?)?(?<![\d.,/:])(?P<d{t}>[12]\d|3[01]|0?[1-9])(?![\d:])"
                rf"|(?P<dw{t}>{NUMW}))")

    def year(t: str) -> str:
        return (rf"(?:\s*,?\s*(?:{MIN}\s+)?(?:{year_w}\s+)?(?P<y{t}>{YEAR4})(?![\d:])"
                rf"(?:\s*(?P<era{t}>{greg_era})(?!\w))?)")

    def date(t: str) -> str:
        return (rf"{day(t)}\s*(?:{MIN}\s+)?(?:(?:{AL})?{SHAHR}\s+)?{monx(t)}"
                rf"(?:{year(t)}|\s+(?P<mod{t}>{mods})(?!\w))?")

    def inner(t: str) -> str:
        """A date after a weekday: "الخميس 20 كانون الثاني", "الأحد ١٧ / ٠١ / ٢٠٢١", "الأحد 17/01/21"."""
        return (rf"(?:{date(t)}|(?<![\d.,/:\-])(?P<nd{t}>{DD})\s*(?P<sep{t}>[/.\-])\s*"
                rf"(?P<nm{t}>{MM})\s*(?P=sep{t})\s*(?P<ny{t}>{YEAR4}|\d\d)(?!\d))")

    pre = rf"(?<!\w)(?:{CONJ}?{PREP}?)"
    cue = rf"(?<!\w){CONJ}?(?:{CUES})\s+"
    P: list[TimePattern] = []

    def add(name: str, core: str, anchors: Iterable[str], tail: str = r"(?!\w)", head: str = pre) -> None:
        anchors = frozenset(anchors)
        P.append(TimePattern(name, LazyPattern(rf"{head}(?P<x>{core}){tail}"), anchors,
                             DIGIT_REACH if anchors == DIGITS else REACH, anchors in bounded))

    a_mon = anchors(greg)
    # a relative day's own word where the form has one ("يوم أمس" -> "أمس", "بعد غد" -> "غد"), not "يوم"/"بعد"
    single = {k for k in lx.reldays if " " not in k}
    a_rel = frozenset(next((x for x in k.split() if x in single), None) or next(iter(anchors([k])))
                      for k in lx.reldays)
    bounded = (a_mon, a_rel)
    a_wd = anchors(arabic_wd)
    a_per = frozenset(fold(k).removeprefix(AL) for k, v in w["periods"].items() if v in ("week", "month", "year"))
    a_ago = anchors(fold(s) for s in w["ago"])
    a_after = anchors(fold(s) for s in w["after_of"])
    num_tail = r"(?!\d)(?![/.\-]\d)"

    wd_part = rf"(?:{YAWM}\s+)?(?:\(\s*)?(?P<wd>{WD})(?:\s*\))?(?:\s*[/\-]\s*(?P<wd2>{WD}))?"
    add("rel", rf"(?:(?P<dp>{DP})\s+(?:{MIN}\s+)?(?:{YAWM}\s+)?)?(?:{YAWM}\s+)?(?P<rel>{REL})"
               rf"(?:\s*,?\s*{wd_part})?(?:\s*,?\s*{inner('i')})?", a_rel)
    # "الخميس من الأسبوع المقبل": before "wd", which would stop at "الخميس"
    add("wdweek", rf"(?:(?P<dp>{DP})\s+(?:{MIN}\s+)?)?(?:{YAWM}\s+)?(?P<wd>{WD})\s+(?:{MIN}|{FI})\s+"
                  rf"(?:(?P<this>{THIS})\s+)?(?:{AL})?{WEEK}(?:\s+(?P<mod>{mods}))?", a_wd)
    # "آخر جمعة من أيار", "أول اثنين من الشهر", "الجمعة الأخيرة من شهر آذار الماضي"
    in_month = (rf"(?:(?:(?:{AL})?{SHAHR}\s+)?{monx('')}(?:{year('')}|\s+(?P<mod>{mods})(?!\w))?"
                rf"|(?:(?P<this>{THIS})\s+)?(?P<sh>(?:{AL})?{SHAHR})(?:\s+(?P<pmod>{mods}))?)")
    add("nthwd", rf"(?:(?P<nth>{_alt(lx.ordinal_weekdays)})\s+(?P<bwd>{_alt(lx.bare_weekdays)})"
                 rf"|(?:{YAWM}\s+)?(?P<wd>{WD})\s+(?P<nth2>{_alt(lx.ordinal_adjectives)}))\s+(?:{MIN}|{FI})\s+"
                 rf"{in_month}",
        anchors(lx.bare_weekdays) | a_wd)
    add("wd", rf"(?:(?P<dp>{DP})\s+(?:{MIN}\s+)?)?{wd_part}(?:\s+(?P<wmod>{mods}))?"
              rf"(?:\s*,?\s*{inner('i')})?", a_wd)
    add("hijri", rf"(?:{day('')}\s*(?:{MIN}\s+)?)?(?:{SHAHR}\s+)?(?P<hmon>{HMON})\s*,?\s*(?:{year_w}\s+)?"
                 rf"(?P<hy>1[34]\d\d)(?!\d)(?:\s*(?P<era>{hij_era})(?!\w))?", anchors(hijri))
    add("range", rf"(?:{MA}\s+)?(?:{sl.alt('range_from')})\s+(?:{YAWM}\s+)?{day('a')}"
                 rf"(?:\s*(?:{MIN}\s+)?{monx('a')})?(?:{year('a')})?\s*(?:{sl.alt('range_to')}|-)\s*"
                 rf"(?:{YAWM}\s+)?{date('b')}", a_mon)
    # "20-26 كانون الثاني", "12 إلى 15 آب"
    add("range", rf"(?<![\d.,/:])(?P<da>[12]\d|3[01]|0?[1-9])\s*(?:-|(?:{JOIN_NO_AND})\s)\s*{date('b')}", a_mon)
    add("date", rf"(?:(?P<dp>{DP})\s+(?:{MIN}\s+)?)?(?:{YAWM}\s+)?{date('')}", a_mon)
    add("numeric", rf"(?<![\d.,/:\-])(?P<d>{DD})\s*(?P<sep>[/.\-])\s*(?P<m>{MM})\s*(?P=sep)\s*"
                   rf"(?P<y>{YEAR4})", DIGITS, r"(?![\d/.\-]\d)")
    add("numeric", rf"(?<![\d.,/:\-])(?P<y>{YEAR4})(?P<sep>[/.\-])(?P<m>{MM})(?P=sep)(?P<d>{DD})", DIGITS,
        r"(?![\d/.\-:]\d|\d)")
    add("english", rf"(?P<mon>{_alt(english)})\.?\s+(?P<d>{DD}),?\s+(?P<y>{YEAR4})", anchors(english),
        r"(?!\d)")
    # "15/9/1445هـ", "1445/9/15 هـ"
    add("hnum", rf"(?<![\d.,/:\-])(?P<d>{DD})\s*(?P<sep>[/.\-])\s*(?P<m>{MM})\s*(?P=sep)\s*(?P<hy>1[34]\d\d)(?!\d)"
                rf"(?:\s*(?P<era>{hij_era})(?!\w))?", DIGITS, num_tail)
    add("hnum", rf"(?<![\d.,/:\-])(?P<hy>1[34]\d\d)\s*(?P<sep>[/.\-])\s*(?P<m>{MM})\s*(?P=sep)\s*(?P<d>{DD})(?!\d)"
                rf"(?:\s*(?P<era>{hij_era})(?!\w))?", DIGITS, num_tail)
    # "03/11/20"; with a cue: "في 15/06", "بتاريخ 7/2019"
    add("numpart", rf"(?<![\d.,/:\-])(?P<d>{DD})\s*(?P<sep>[/.\-])\s*(?P<m>{MM})\s*(?P=sep)\s*(?P<yy>\d\d)",
        DIGITS, num_tail)
    ncue = rf"(?<!\w){CONJ}?(?:{A('numeric_cues')})\s+(?:{YAWM}\s+)?"
    # (the normalised view writes every percent sign as "%")
    add("numpart", rf"(?<![\d.,/:\-])(?P<d>{DD})\s*(?P<sep>[/\-])\s*(?P<m>{MM})", DIGITS,
        r"(?!\d)(?![/.\-]\d)(?!\s*%)", ncue)
    add("numpart", rf"(?<![\d.,/:\-])(?P<m>{MM})\s*(?P<sep>[/\-])\s*(?P<y>{YEAR4})", DIGITS, num_tail, ncue)
    # "بين شهري آذار وأيار"; "من آذار إلى أيار 2020" (a year on the first month too: two months, see below)
    add("monrange", rf"(?:{OPEN})\s+(?:(?:{A('month_duals')})\s+)?{monx('a')}\s*(?:{JOIN})\s*"
                    rf"(?:(?:{AL})?{SHAHR}\s+)?{monx('b')}(?:{year('b')}|\s+(?P<modb>{mods})(?!\w))?", a_mon)
    add("month", rf"(?:(?P<pos>{POS})\s+)?(?P<sh>(?:{AL})?{SHAHR}\s+)?{monx('')}"
                 rf"(?:{year('')}|\s+(?P<mod>{mods})(?!\w))?", a_mon)
    # "في سبتمبر": a month name alone after a preposition (Levantine, Egyptian and Maghrebi names only)
    add("inmonth", rf"(?P<mon>{_alt(arabic)})(?!\w)(?:\s*[/\-(]\s*(?P<monb>{MON})(?!\w)\s*\)?)?", a_mon, head=cue)
    # "حتى نهاية العام", "لغاية نهاية آذار", "حتى نهاية 2023"
    add("until", rf"(?:{A('until_heads')})\s+(?P<end>{A('end_heads')})\s+(?:(?:(?P<this>{THIS})\s+)?"
                 rf"(?P<per>{AL}{PER})(?:\s+(?P<mod>{mods}))?|(?:(?:{AL})?{SHAHR}\s+)?{monx('')}"
                 rf"(?:{year('')}|\s+(?P<mmod>{mods})(?!\w))?|(?:{year_w}\s+)?(?P<y2>{YEAR4})(?!\d))",
        anchors(fold(s) for s in gr["end_heads"]))
    # "بين عامي 2015 و2018", "2015-2018"
    add("yrange", rf"(?:{OPEN})\s+(?:(?:{A('year_duals')})\s+)?(?P<ya>{YEAR4})\s*(?:{JOIN})\s*(?:(?:{year_w})\s+)?"
                  rf"(?P<yb>{YEAR4})", DIGITS, num_tail)
    add("yrange", rf"(?<![\d/.\-])(?P<ya>{YEAR4})\s*[-–]\s*(?P<yb>{YEAR4})", DIGITS, num_tail)
    add("year", rf"(?:(?P<pos>{POS})\s+)?(?:{year_w})\s+(?P<y>{YEAR4})(?!\d)"
                rf"(?:\s*(?:{greg_era})(?!\w))?", DIGITS)
    add("year", rf"(?P<y>{YEAR4})\s*" + rf"(?:{greg_era})", DIGITS)
    # "عام ألفين وعشرين", "سنة ألف وتسعمائة وتسعين"
    add("year", rf"(?:(?P<pos>{POS})\s+)?(?:{year_w})\s+(?P<yw>{_alt(lx.thousands)})(?:\s+{AND}\s*(?P<yr>{NUMW}))?",
        anchors(lx.thousands))
    add("year", rf"(?P<pos>{POS})\s+(?P<y>{YEAR4})", DIGITS, num_tail)
    add("year", rf"(?P<y>{YEAR4})", DIGITS, r"(?!\d)(?![/.\-:,]\d)(?!\s*%)", cue)
    # "1445 هـ", "عام 1445 هـ", "العام الهجري 1445"
    add("hyear", rf"(?:(?:{year_w})\s+)?(?<![\d/.\-])(?P<hy>1[34]\d\d)\s*(?P<era>{hij_era})", DIGITS)
    add("hyear", rf"(?:{AL})?(?:{YEARN})\s+(?:{AL})?(?:{sl.alt('hijri_adjectives')})\s+(?P<hy>1[34]\d\d)", DIGITS,
        r"(?!\d)")
    add("quarter", rf"(?P<q>{_alt(lx.quarters)})\s+(?:{MIN}\s+)?(?:(?:{year_w})\s+(?P<y>{YEAR4})|(?P<y2>{YEAR4})"
                   rf"|(?P<this>{THIS})\s+(?:{AL})?(?:{YEARN})|(?P<per>{AL}(?:{YEARN}))(?:\s+(?P<mod>{mods}))?)",
        frozenset(q.split()[0] for q in lx.quarters), num_tail)  # "الربع", "النصف"
    add("decade", rf"(?:(?:{AL})?(?:{sl.alt('decade_nouns')})\s+)?(?:{AL})?(?P<dec>{_alt(lx.decade_names)})"
                  rf"(?:\s+(?:{MIN}\s+)?(?P<cent>{_alt(lx.centuries)}))?", frozenset(lx.decade_names),
        rf"(?!\w)(?!\s+{A('decade_not_followed_by')}(?!\w))")
    # "عطلة نهاية الأسبوع الماضي": before "period", which reads the same words as the whole week
    add("weekend", rf"(?:(?P<leave>{A('weekend_leaves')})\s+(?:(?:{A('weekend_heads')})\s+)?|(?:{A('weekend_heads')})\s+)"
                   rf"(?:(?P<this>{THIS})\s+)?{AL}{WEEK}(?:\s+(?P<mod>{mods}))?", a_per)
    add("period", rf"(?:(?P<pos>{POS})\s+)?(?P<per>(?:{AL})?{PER})\s+(?P<mod>{mods})", a_per)
    add("period", rf"(?:(?P<pos>{POS})\s+)?(?P<this>{THIS})\s+(?P<per>(?:{AL})?{PER})", a_per)
    # "منتصف الشهر", "نهاية العام": the current month or year
    add("period", rf"(?P<pos>{POS})\s+(?P<per>{AL}(?:{SHAHR}|{YEARN}))", a_per)
    add("rest", rf"(?:{A('rest_heads')})\s+(?:(?P<this>{THIS})\s+)?(?P<per>{AL}{PER})(?:\s+(?P<mod>{mods}))?", a_per)
    add("ago", rf"(?P<ago>{AGO})\s+(?:{AL}\s?)?(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+|(?P<vague>{vague})\s+)?"
               rf"(?P<unit>{units})", a_ago,
        rf"(?!\w)(?!\s+(?:{COUNTED})\s)(?!\s+(?:{MON}|{HMON})(?!\w))")
    # "قبل عقد من الزمن", "منذ عقدين،": a decade only at the end of the phrase ("قبل عقد الاجتماع" is not)
    add("ago", rf"(?P<ago>{AGO})\s+(?:(?P<n>\d{{1,2}})\s*|(?P<nw>{NUMW})\s+)?(?P<decade>{_alt(lx.decades)})",
        a_ago, rf"(?=\s*(?:$|[,.:;!?\"()\n]|{sl.alt('decade_ends')}))")
    add("after", rf"{BAD}\s+(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<unit>{units})", a_after,
        rf"(?!\w)(?=\s+(?:{COUNTED})\s)")
    # "بعد ثلاثة أيام" with nothing it counts from: that many days after publication
    add("soon", rf"(?:{A('offset_after')})\s+(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<unit>{units})",
        anchors(fold(s) for s in gr["offset_after"]), rf"(?!\w)(?!\s+(?:{COUNTED})\s)")
    WITHIN = sl.alt("within")
    add("within", rf"(?:{WITHIN})\s+(?:{AL})?(?P<per>{sl.alt('plural_units')})\s+(?:(?:{AL}\s?)?(?:(?P<n>\d{{1,3}})"
                  rf"|(?P<nw>{NUMW}))\s+)?(?:{AL})?(?P<mod>{_alt(lx.past)}|{LAST})", lx.past | {last_anchor})
    add("within", rf"(?:{WITHIN})\s+(?:{AL}\s?)?(?:(?P<n>\d{{1,3}})|(?P<nw>{NUMW}))\s+(?P<unit>{units})"
                  rf"\s+(?:{AL})?(?P<mod>{_alt(lx.past)}|{LAST})", lx.past | {last_anchor})
    # "خلال شهرين", "في غضون أسبوع": from publication on
    add("shortly", rf"(?P<within>{A('offset_within')})\s+(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<unit>{units})",
        anchors(fold(s) for s in gr["offset_within"]),
        rf"(?!\w)(?!\s+(?:{AL})?(?:{mods}|{LAST})(?!\w))(?!\s+(?:{COUNTED})\s)")
    add("spanfor", rf"(?:{sl.alt('span_for')})\s+"
                   rf"(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<unit>{units})",
        anchors(fold(s) for s in w["span_for"]))
    # "لليوم الثالث على التوالي", "لليلة الثانية": ل + ال before يوم is لل, before ليلة the article's lam merges
    add("consec", rf"(?:(?:{LIL}|{AL})(?={YAWM}|{WEEK}|{SHAHR})|(?:{LAM}|{AL})(?={LAYLA}))"
                  rf"(?P<unit>{YAWM}|{LAYLA}|{WEEK}|{SHAHR})\s+(?:{AL})?(?:(?P<n>\d{{1,3}})|(?P<nw>{NUMW}))"
                  rf"\s+(?:{ALA}\s+)?{TAWALI}", anchors(fold(s) for s in w["consecutive"]))
    # "من الأحد إلى الخميس"
    add("wdrange", rf"(?:{OPEN})\s+(?:{YAWM}\s+)?(?P<wa>{WD})\s*(?:{JOIN})\s*(?:{YAWM}\s+)?(?P<wb>{WD})"
                   rf"(?:\s+(?P<wmod>{mods}))?", a_wd)
    # "عيد الفطر", "ثاني أيام عيد الأضحى", "رمضان الماضي", "عيد الميلاد 2021", "أواخر رمضان"
    hol_when = (rf"(?:\s*,?\s*(?:(?:{MIN}\s+)?(?:{year_w})\s+(?P<y>{YEAR4})|(?P<y2>{YEAR4})(?![\d/.\-]\d|\d)"
                rf"|(?P<hy>1[34]\d\d)\s*(?P<era>{hij_era})(?!\w)|(?:{MIN}\s+)?(?P<this>{THIS})\s+(?:{AL})?(?:{YEARN})"
                rf"|(?:{MIN}\s+)?{AL}(?:{YEARN})\s+(?P<ymod>{mods})(?!\w))|\s+(?P<mod>{mods})(?!\w))?")
    add("holiday", rf"(?:(?P<pos>{POS})\s+|(?P<hnth>{_alt(lx.holiday_days)})\s+"
                   rf"(?:{AYYAM}|{YAWM}\s+(?:{MIN}|{FI}))\s+)?(?:(?:{AL})?{SHAHR}\s+)?(?P<hol>{_alt(lx.holidays)})(?!\w)(?:\s+(?:{A('holiday_epithets')}))?"
                   rf"{hol_when}",
        anchors(lx.holidays),
        rf"(?!\w)(?!\s+(?:{AL})?\d)(?!\s+{NUMW})(?!\s+{A('holiday_not_followed_by')}(?!\w))")
    for p in P:
        p.regex.check()  # a malformed pattern fails here, when the lexicon is built, not at its first match
    return P


def _one(forms: list[str], where: str) -> str:
    """The single form of a list that a pattern reads as one word."""
    if len(forms) != 1:
        raise ValueError(f"{where} takes one word, not {forms}")
    return forms[0]
