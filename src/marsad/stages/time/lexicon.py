"""The time lexicon: month names, weekdays, relative words and number words, compiled into regexes.

Everything Arabic comes from data files (time_months.tsv, time_words.json, time_numbers.tsv) and is
folded with text.normalize.fold, so the patterns run over the normalised view (أ/إ/آ -> ا, ة -> ه,
ى -> ي, Arabic-Indic digits -> ASCII, ، -> ","). Each pattern has a group `x`: the expression without
its leading clitic ("وأمس" -> "أمس").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.resources.registry import read_json, read_tsv
from marsad.text.normalize import fold
from marsad.text.numbers import NumberWords


def _alt(forms, group: str | None = None) -> str:
    """Regex alternation of folded forms, longest first; spaces inside a form match any blank run."""
    keys = sorted({f for f in forms if f}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(p) for p in k.split(" ")) for k in keys)
    return f"(?P<{group}>{body})" if group else f"(?:{body})"


def F(s: str) -> str:
    """A folded literal for a regex (so code never spells أ/ة/ى that the normalised view has not)."""
    return r"\s+".join(re.escape(p) for p in fold(s).split(" "))


@dataclass
class TimeLexicon:
    """Folded word tables and the compiled patterns of the time stage (see `load`)."""

    months: dict[str, tuple[int, str, bool]]  # form -> (month, calendar, needs_context)
    words: dict
    numbers: NumberWords
    weekdays: dict[str, int] = field(default_factory=dict)
    reldays: dict[str, int] = field(default_factory=dict)
    units: dict[str, tuple[str, int]] = field(default_factory=dict)
    decades: dict[str, int] = field(default_factory=dict)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    past: frozenset[str] = frozenset()
    current: frozenset[str] = frozenset()
    future: frozenset[str] = frozenset()
    patterns: list[tuple[str, re.Pattern]] = field(default_factory=list)
    link: re.Pattern | None = None
    future_cue: re.Pattern | None = None
    furniture_rest: re.Pattern | None = None
    signature: re.Pattern | None = None
    clock: re.Pattern | None = None
    gate: re.Pattern | None = None
    clock_cue: re.Pattern | None = None
    duration_noun: re.Pattern | None = None

    @classmethod
    def load(cls) -> TimeLexicon:
        months = {}
        for r in read_tsv("time_months.tsv"):
            months[fold(r["form"])] = (int(r["month"]), r["calendar"], r["needs_context"] == "1")
        words = read_json("time_words.json")
        lx = cls(months=months, words=words, numbers=NumberWords.load())
        lx.weekdays = {fold(k): v for k, v in words["weekdays"].items()}
        lx.weekdays |= {fold(k): v for k, v in words["english_weekdays"].items()}
        lx.reldays = {fold(k): v for k, v in words["relative_days"].items()}
        lx.reldays |= {fold(k): v for k, v in words["relative_nights"].items()}
        lx.units = {fold(k): (v[0], v[1]) for k, v in words["units"].items()}
        lx.decades = {fold(k): v for k, v in words["decades"].items()}
        lx.positions = {fold(k): (v[0], v[1]) for k, v in words["positions"].items()}
        lx.past = frozenset(fold(w) for w in words["past"])
        lx.current = frozenset(fold(w) for w in words["current"] + words["this"])
        lx.future = frozenset(fold(w) for w in words["future"])
        lx._compile()
        return lx

    # -- pattern building -------------------------------------------------------------------------
    def _compile(self) -> None:
        w = self.words
        greg = [f for f, (_, cal, _) in self.months.items() if cal != "hijri"]
        hijri = [f for f, (_, cal, _) in self.months.items() if cal == "hijri"]
        english = [f for f, (_, cal, _) in self.months.items() if cal in ("english", "french")]
        MON = _alt(greg)
        HMON = _alt(hijri)
        NUMW = self.numbers.pattern
        mods = _alt(self.past | self.current | self.future)
        units = _alt(self.units)
        not_wd = _alt(fold(s) for s in w["weekday_not_followed_by"])
        # "الاثنين" is also "the two": "القبض على الاثنين الآخرين"
        WD = (f"(?:{_alt(k for k in self.weekdays if not k.isascii() and k != 'الاثنين')}"
              f"|الاثنين(?!\\s+{not_wd}(?!\\w)))")
        stop = _alt(fold(s) for s in w["today_not_followed_by"])
        rel_forms = [k for k in self.reldays if k != "اليوم"]
        REL = f"(?:{_alt(rel_forms)}|اليوم(?!\\s+{stop}(?!\\w)))"
        DP = _alt(fold(k) for k in w["dayparts"])
        POS = _alt(self.positions)
        hij_era = _alt(fold(k) for k in w["hijri_markers"])
        greg_era = _alt(fold(k) for k in w["gregorian_markers"])
        year_w = _alt(fold(k) for k in w["year_words"])
        vague = _alt(fold(k) for k in w["vague_counts"])

        def monx(t: str) -> str:
            return (rf"(?P<mon{t}>{MON})(?!\w)(?:\s*[/\-(]\s*(?P<mon{t}b>{MON})(?!\w)\s*\)?"
                    rf"|\s+(?P<mon{t}c>{MON})(?!\w))?")

        def day(t: str) -> str:
            return (rf"(?:(?:ال\s?)?(?<![\d.,/:])(?P<d{t}>[12]\d|3[01]|0?[1-9])(?![\d:])"
                    rf"|(?P<dw{t}>{NUMW}))")

        def year(t: str) -> str:
            return (rf"(?:\s*,?\s*(?:من\s+)?(?:{year_w}\s+)?(?P<y{t}>(?:19|20)\d\d)(?![\d:])"
                    rf"(?:\s*(?P<era{t}>{greg_era})(?!\w))?)")

        def date(t: str) -> str:
            return (rf"{day(t)}\s*(?:من\s+)?(?:(?:ال)?شهر\s+)?{monx(t)}"
                    rf"(?:{year(t)}|\s+(?P<mod{t}>{mods})(?!\w))?")

        def inner(t: str) -> str:
            """A date after a weekday: "الخميس 20 كانون الثاني", "الأحد ١٧ / ٠١ / ٢٠٢١"."""
            return (rf"(?:{date(t)}|(?<![\d.,/:\-])(?P<nd{t}>[12]\d|3[01]|0?[1-9])\s*(?P<sep{t}>[/.\-])\s*"
                    rf"(?P<nm{t}>1[0-2]|0?[1-9])\s*(?P=sep{t})\s*(?P<ny{t}>(?:19|20)\d\d)(?!\d))")

        pre = r"(?<!\w)(?:[وف]?[بلك]?)"
        P = []

        def add(name: str, core: str, tail: str = r"(?!\w)") -> None:
            P.append((name, re.compile(rf"{pre}(?P<x>{core}){tail}")))

        wd_part = rf"(?:يوم\s+)?(?:\(\s*)?(?P<wd>{WD})(?:\s*\))?(?:\s*[/\-]\s*(?P<wd2>{WD}))?"
        add("rel", rf"(?:(?P<dp>{DP})\s+(?:من\s+)?(?:يوم\s+)?)?(?:يوم\s+)?(?P<rel>{REL})"
                   rf"(?:\s*,?\s*{wd_part})?(?:\s*,?\s*{inner('i')})?")
        add("wd", rf"(?:(?P<dp>{DP})\s+(?:من\s+)?)?{wd_part}(?:\s+(?P<wmod>{mods}))?"
                  rf"(?:\s*,?\s*{inner('i')})?")
        add("hijri", rf"(?:{day('')}\s*(?:من\s+)?)?(?:شهر\s+)?(?P<hmon>{HMON})\s*,?\s*(?:{year_w}\s+)?"
                     rf"(?P<hy>1[34]\d\d)(?!\d)(?:\s*(?P<era>{hij_era})(?!\w))?")
        add("range", rf"(?:ما\s+)?(?:بين|من|{F('في الفترة من')}|{F('في الفترة ما بين')})\s+(?:يوم\s+)?{day('a')}"
                     rf"(?:\s*(?:من\s+)?{monx('a')})?(?:{year('a')})?\s*(?:و|الي|حتي|{F('لغاية')}|-)\s*"
                     rf"(?:يوم\s+)?{date('b')}")
        add("range", rf"(?<![\d.,/:])(?P<da>[12]\d|3[01]|0?[1-9])\s*-\s*{date('b')}")
        add("date", rf"(?:(?P<dp>{DP})\s+(?:من\s+)?)?(?:يوم\s+)?{date('')}")
        add("numeric", r"(?<![\d.,/:\-])(?P<d>[12]\d|3[01]|0?[1-9])\s*(?P<sep>[/.\-])\s*(?P<m>1[0-2]|0?[1-9])\s*(?P=sep)\s*"
                       r"(?P<y>(?:19|20)\d\d)", r"(?![\d/.\-]\d)")
        add("numeric", r"(?<![\d.,/:\-])(?P<y>(?:19|20)\d\d)(?P<sep>[/.\-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
                       r"(?P<d>[12]\d|3[01]|0?[1-9])", r"(?![\d/.\-:]\d|\d)")
        add("english", rf"(?P<mon>{_alt(english)})\.?\s+(?P<d>[12]\d|3[01]|0?[1-9]),?\s+(?P<y>(?:19|20)\d\d)",
            r"(?!\d)")
        add("month", rf"(?:(?P<pos>{POS})\s+)?(?P<sh>(?:ال)?شهر\s+)?{monx('')}"
                     rf"(?:{year('')}|\s+(?P<mod>{mods})(?!\w))?")
        add("year", rf"(?:(?P<pos>{POS})\s+)?(?:{year_w})\s+(?P<y>(?:19|20)\d\d)(?!\d)"
                    rf"(?:\s*(?:{greg_era})(?!\w))?")
        add("year", r"(?P<y>(?:19|20)\d\d)\s*" + rf"(?:{greg_era})", r"(?!\w)")
        add("period", rf"(?:(?P<pos>{POS})\s+)?(?P<per>(?:ال)?(?:{F('أسبوع')}|شهر|عام|{F('سنة')}))\s+"
                      rf"(?P<mod>{mods})")
        add("period", rf"(?:(?P<pos>{POS})\s+)?(?P<this>{F('هذا')}|{F('هذه')})\s+"
                      rf"(?P<per>(?:ال)?(?:{F('أسبوع')}|شهر|عام|{F('سنة')}))")
        add("ago", rf"(?P<ago>قبل|منذ)\s+(?:ال\s?)?(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+|(?P<vague>{vague})\s+)?"
                   rf"(?P<unit>{units})", rf"(?!\w)(?!\s+(?:من|علي)\s)(?!\s+(?:{MON}|{HMON})(?!\w))")
        # "قبل عقد من الزمن", "منذ عقدين،": a decade only at the end of the phrase ("قبل عقد الاجتماع" is not)
        add("ago", rf"(?P<ago>قبل|منذ)\s+(?:(?P<n>\d{{1,2}})\s*|(?P<nw>{NUMW})\s+)?(?P<decade>{_alt(self.decades)})",
            rf"(?=\s*(?:$|[,.:;!?\"()\n]|من\s+الزمن|{F('مضت')}|مضي|ونيف|ونصف))")
        add("after", rf"بعد\s+(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<unit>{units})",
            r"(?!\w)(?=\s+(?:من|علي)\s)")
        add("within", rf"(?:خلال|في|{F('طيلة')}|طوال)\s+(?:ال)?(?P<per>{F('أيام')}|ساعات|{F('أسابيع')}|{F('أشهر')}|شهور|"
                      rf"ليالي)\s+(?:(?:ال\s?)?(?:(?P<n>\d{{1,3}})|(?P<nw>{NUMW}))\s+)?(?:ال)?(?P<mod>{_alt(self.past)}|"
                      rf"{F('الأخيرة')}|{F('الأخير')})")
        add("within", rf"(?:خلال|في|{F('طيلة')}|طوال)\s+(?:ال\s?)?(?:(?P<n>\d{{1,3}})|(?P<nw>{NUMW}))\s+(?P<unit>{units})"
                      rf"\s+(?:ال)?(?P<mod>{_alt(self.past)}|{F('الأخيرة')}|{F('الأخير')})")
        add("spanfor", rf"(?:{F('طوال')}|{F('طيلة')}|{F('على مدار')}|{F('على مدى')}|دامت|استمرت|امتدت)\s+"
                       rf"(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<unit>{units})")
        add("consec", rf"(?:(?:لل|ال)(?=يوم|{F('أسبوع')}|شهر)|(?:ل|ال)(?={F('ليلة')}))"
                      rf"(?P<unit>يوم|{F('ليلة')}|{F('أسبوع')}|شهر)\s+(?:ال)?(?:(?P<n>\d{{1,3}})|(?P<nw>{NUMW}))"
                      rf"\s+(?:علي\s+)?{F('التوالي')}")
        self.patterns = P
        self.link = re.compile(rf"\s*,?\s*(?:{_alt(fold(k) for k in w['point_links'])})\s*$")
        self.future_cue = re.compile(rf"(?<!\w){_alt(fold(k) for k in w['future_cues'])}(?!\w)")
        rest = _alt(fold(k) for k in w["furniture_words"] if k.isalpha() or " " in k)
        self.furniture_rest = re.compile(rf"(?<!\w){rest}(?!\w)|\d{{1,2}}:\d\d(?::\d\d)?|[^\w]|\d")
        self.signature = re.compile(r"\s*-\s*[^\n]{0,120}\(@\w+\)")
        self.clock = re.compile(r"\s*,?\s*\d{1,2}:\d\d")
        self.clock_cue = re.compile(rf"{F('الساعة')}\s*$")
        # quick gate: a sentence with none of these cannot hold a time expression
        nouns = _alt(fold(s) for s in w["duration_nouns"])
        self.duration_noun = re.compile(rf"\s+(?:من|علي)\s+(?:[وف]?[بل]?)?{nouns}(?!\w)")
        self.gate = re.compile(rf"\d|{MON}|{WD}|{REL}|{units}|{_alt(self.decades)}|{HMON}|{F('أسبوع')}|شهر|عام|{F('سنة')}")
