"""The time lexicon: month names, weekdays, relative words, number words and the date grammar's word
lists, with the patterns compiled from them (patterns.py) and the anchor scanner (scan.py).

Everything Arabic comes from data files (time_months.tsv, time_words.json, time_grammar.json,
time_numbers.tsv) and is folded with text.normalize.fold, so the patterns run over the normalised view
(أ/إ/آ -> ا, ة -> ه, ى -> ي, Arabic-Indic digits -> ASCII, ، -> ","). Each pattern has a group `x`: the
expression without its leading clitic ("وأمس" -> "أمس").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from marsad.resources.registry import read_json, read_tsv
from marsad.stages.time.patterns import F, TimePattern, _alt, build_patterns
from marsad.stages.time.scan import Scanner
from marsad.text.normalize import fold
from marsad.text.numbers import NumberWords

__all__ = ["F", "Holiday", "TimeLexicon", "_alt"]


@dataclass(frozen=True, slots=True)
class Holiday:
    """A holiday on a fixed day of its calendar; days=0: the whole month (رمضان)."""

    calendar: str  # "hijri" | "gregorian"
    month: int
    day: int
    days: int
    needs_modifier: bool


class Phrases(dict):
    """A folded word table whose keys may be phrases: a matched form with any run of blanks between its
    words (a line break inside "كانون الثاني", a no-break space) finds the entry written with one space."""

    __slots__ = ()

    def __missing__(self, key: str):
        spaced = " ".join(key.split())
        if spaced == key:
            raise KeyError(key)
        return dict.__getitem__(self, spaced)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default


def _folded(d: dict) -> Phrases:
    return Phrases((fold(k), v) for k, v in d.items())


@dataclass
class TimeLexicon:
    """Folded word tables and the compiled patterns of the time stage (see `load`)."""

    months: dict[str, tuple[int, str, bool]]  # form -> (month, calendar, needs_context)
    words: dict
    numbers: NumberWords
    grammar: dict = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    reldays: dict[str, int] = field(default_factory=dict)
    units: dict[str, tuple[str, int]] = field(default_factory=dict)
    decades: dict[str, int] = field(default_factory=dict)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    past: frozenset[str] = frozenset()
    current: frozenset[str] = frozenset()
    future: frozenset[str] = frozenset()
    # the date grammar (time_grammar.json)
    bare_weekdays: dict[str, int] = field(default_factory=dict)
    ordinal_weekdays: dict[str, int] = field(default_factory=dict)
    ordinal_adjectives: dict[str, int] = field(default_factory=dict)
    quarters: dict[str, tuple[int, int]] = field(default_factory=dict)
    decade_names: dict[str, int] = field(default_factory=dict)
    centuries: dict[str, int] = field(default_factory=dict)
    thousands: dict[str, int] = field(default_factory=dict)
    holidays: dict[str, Holiday] = field(default_factory=dict)
    holiday_days: dict[str, int] = field(default_factory=dict)
    weekend_days: tuple[int, int] = (4, 5)
    patterns: list[TimePattern] = field(default_factory=list)
    order: dict[str, int] = field(default_factory=dict)  # name -> its first pattern's index (overlap ties)
    # compiled from the tables above by `_compile` (at the end of `load`)
    scanner: Scanner = field(init=False)
    link: re.Pattern[str] = field(init=False)
    future_cue: re.Pattern[str] = field(init=False)
    furniture_rest: re.Pattern[str] = field(init=False)
    signature: re.Pattern[str] = field(init=False)
    clock: re.Pattern[str] = field(init=False)
    clock_cue: re.Pattern[str] = field(init=False)
    duration_noun: re.Pattern[str] = field(init=False)
    serial_before: re.Pattern[str] = field(init=False)

    @classmethod
    def load(cls) -> TimeLexicon:
        months = {}
        for r in read_tsv("time_months.tsv"):
            months[fold(r["form"])] = (int(r["month"]), r["calendar"], r["needs_context"] == "1")
        words = read_json("time_words.json")
        lx = cls(months=months, words=words, numbers=NumberWords.load(), grammar=read_json("time_grammar.json"))
        lx.weekdays = _folded(words["weekdays"]) | _folded(words["english_weekdays"])
        lx.reldays = _folded(words["relative_days"]) | _folded(words["relative_nights"])
        lx.units = {fold(k): (v[0], v[1]) for k, v in words["units"].items()}
        lx.decades = _folded(words["decades"])
        lx.positions = {fold(k): (v[0], v[1]) for k, v in words["positions"].items()}
        lx.past = frozenset(fold(w) for w in words["past"])
        lx.current = frozenset(fold(w) for w in words["current"] + words["this"])
        lx.future = frozenset(fold(w) for w in words["future"])
        g = lx.grammar
        lx.bare_weekdays = _folded(g["bare_weekdays"])
        lx.ordinal_weekdays = _folded(g["ordinal_weekdays"])
        lx.ordinal_adjectives = _folded(g["ordinal_adjectives"])
        lx.quarters = {fold(k): (v[0], v[1]) for k, v in g["quarters"].items()}
        lx.decade_names = {fold(k).removeprefix("ال"): v for k, v in g["decades"].items()}
        lx.centuries = _folded(g["centuries"])
        lx.thousands = _folded(g["spelled_thousands"])
        lx.holidays = {fold(h["form"]): Holiday(h["calendar"], int(h["month"]), int(h["day"]), int(h["days"]),
                                                bool(h["needs_modifier"])) for h in g["holidays"]}
        lx.holiday_days = _folded(g["holiday_days"])
        lx.weekend_days = (int(g["weekend_days"][0]), int(g["weekend_days"][-1]))
        for f in fields(lx):  # every word table is looked up by matched text, whatever its blanks
            if not f.init:
                continue  # compiled below
            v = getattr(lx, f.name)
            if type(v) is dict and f.name not in ("words", "grammar", "order"):
                setattr(lx, f.name, Phrases(v))
        lx._compile()
        return lx

    def _compile(self) -> None:
        w = self.words
        self.patterns = build_patterns(self)
        for i, p in enumerate(self.patterns):
            self.order.setdefault(p.name, i)
        self.order["link"] = len(self.patterns)
        self.scanner = Scanner(self.patterns)
        self.link = re.compile(rf"\s*,?\s*(?:{_alt(fold(k) for k in w['point_links'])})\s*$")
        self.future_cue = re.compile(rf"(?<!\w){_alt(fold(k) for k in w['future_cues'])}(?!\w)")
        rest = _alt(fold(k) for k in w["furniture_words"] if k.isalpha() or " " in k)
        self.furniture_rest = re.compile(rf"(?<!\w){rest}(?!\w)|\d{{1,2}}:\d\d(?::\d\d)?|[^\w]|\d")
        self.signature = re.compile(r"\s*-\s*[^\n]{0,120}\(@\w+\)")
        self.clock = re.compile(r"\s*,?\s*\d{1,2}:\d\d")
        self.clock_cue = re.compile(rf"{F('الساعة')}\s*$")
        nouns = _alt(fold(s) for s in w["duration_nouns"])
        self.duration_noun = re.compile(rf"\s+(?:من|علي)\s+(?:[وف]?[بل]?)?{nouns}(?!\w)")
        serial = _alt(fold(s) for s in self.grammar["numeric_not_after"])
        self.serial_before = re.compile(rf"(?<!\w)[وف]?(?:{serial})\s*:?\s*$")
