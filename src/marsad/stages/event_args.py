"""Event arguments: casualties, actors and place for one event clause.

Works on the normalised view (doc.norm.text) with original offsets mapped through doc.norm.
"""

from __future__ import annotations

import re

from marsad.model.document import Document
from marsad.model.records import Actor, ActorMention, Place, PlaceMention
from marsad.stages import event_actors, event_place
from marsad.stages.event_actors import GENERIC_INTER, SIDE_KINDS, is_generic  # noqa: F401  (re-exported)
from marsad.stages.event_actors_lex import ActorGrammar
from marsad.text.numbers import NumberWords

_QUAL = r"(?:ما لا يقل عن|لا يقل عن|اكثر من|نحو|حوالي|قرابه|زهاء|اقل من)?\s*"
_KILL_BEFORE = r"(?:مقتل|قتل|استشهاد|مصرع|وفاه|قتلت|قتلوا|لقي|لقوا|تصفيه|القضاء علي|مصرعهم|بحياه)"
_KILL_AFTER = r"(?:قتلي|قتيلا|قتيل|شهيدا|شهداء|ضحيه|ضحايا|اشخاص قتلوا|قتلوا|لقوا|حتفهم|مصرعهم|استشهدوا)"
_INJ_BEFORE = r"(?:اصابه|اصيب|اصيبوا|جرح|اصابات|وجرح)"
_INJ_AFTER = r"(?:جرحي|جريحا|جريح|مصابا|مصابين|اصابات|بجروح)"
_DUALS = {"قياديان": 2, "قياديين": 2, "متظاهران": 2, "قتيلان": 2, "قتيلين": 2, "شخصين": 2, "شخصان": 2, "جنديين": 2, "جنديان": 2, "طفلين": 2, "طفلان": 2,
          "عنصرين": 2, "عنصران": 2, "شابين": 2, "شابان": 2, "مدنيين اثنين": 2}
_ONE_VICTIM = re.compile(r"(?:استشهاده|استشهادها|مقتله|مقتلها|مصرعه|مصرعها|وفاته|وفاتها)\b")
_SINGULAR = ("شخص", "شاب", "جندي", "طفل", "طفله", "امراه", "سيده", "مدني", "ضابط", "عنصر", "مواطن", "رجل",
             "فلسطيني", "عسكري", "شرطي")


class Casualties:
    """Deaths and injuries stated in a clause: digits, number words, duals, toll updates."""

    def __init__(self, words: NumberWords):
        n = rf"(?:\d+(?:[.,]\d+)?|{words.pattern})"
        self.words = words
        self.toll = re.compile(
            rf"(?:(?:ارتفع|ارتفعت|ارتفاع)\s+(?:\S+\s+){{0,3}}?(?:القتلي|الضحايا|الشهداء|قتلي|حصيله)|حصيله|عدد القتلي|"
            rf"عدد الضحايا|عدد الشهداء)\s+(?:\S+\s+){{0,4}}?(?:الي|تجاوز|تخطي|بلغ|بلغت|وصل الي)\s+(?:ال\s*)?({n})")
        # "قتلت قوات الدعم السريع 17 مدنيا": up to three words (the killer) between the verb and the count
        self.kill_before = re.compile(rf"{_KILL_BEFORE}\s+(?:(?!و|اصاب|اصيب|جرح)[^\s\d]+\s+){{0,3}}?{_QUAL}({n})"
                                      rf"(?!\s*(?:ساعه|يوم|ايام|عام|سنه|سنوات|شهر))")
        self.kill_after = re.compile(rf"({n})\s+(?:\S+\s+){{0,4}}?{_KILL_AFTER}")
        self.kill_one = re.compile(rf"{_KILL_BEFORE}\s+(?:ال)?({'|'.join(_SINGULAR)})(?:\s|$|,)")
        self.kill_dual = re.compile(rf"{_KILL_BEFORE}\s+{_QUAL}({'|'.join(_DUALS)})|\b(قتيلان|قتيلين)\b")
        self.inj_before = re.compile(rf"{_INJ_BEFORE}\s+{_QUAL}({n})(?!\s*(?:ساعه|يوم|ايام|عام))")
        self.inj_after = re.compile(rf"({n})\s+(?:\S+\s+){{0,2}}?{_INJ_AFTER}")

    def _num(self, s: str) -> int | None:
        s = s.strip()
        if s[:1].isdigit():
            try:
                v: int | None = int(s.replace(",", "").split(".")[0])
            except ValueError:
                v = None
        elif s in ("الاثنين", "الاثنان"):
            v = None  # Monday, not "the two"
        else:
            v = self.words.parse(s)
        # four-digit numbers next to casualty words are years or ids, not tolls
        return v if v is not None and 0 < v < 1900 else None

    def is_update(self, text: str) -> bool:
        """A toll update ("ارتفعت حصيلة القتلى إلى 34"): the latest stated total for an event."""
        return self.toll.search(text) is not None

    def killed(self, text: str) -> int | None:
        """Deaths stated in a clause (normalised text); a toll update ("ارتفع عدد القتلى إلى") wins."""
        m = self.toll.search(text)
        if m and (v := self._num(m.group(1))) is not None:
            return v
        # a noun right after the verb decides first: "مقتل جنديين وإصابة أربعة" is 2, "مقتل امرأة" is 1
        if self.kill_dual.search(text):
            return 2
        if self.kill_one.search(text):
            return 1
        for rx in (self.kill_before, self.kill_after):
            m = rx.search(text)
            if m and (v := self._num(m.group(1))) is not None:
                return v
        return 1 if _ONE_VICTIM.search(text) else None

    def injured(self, text: str) -> int | None:
        for rx in (self.inj_before, self.inj_after):
            m = rx.search(text)
            if m and (v := self._num(m.group(1))) is not None:
                return v
        return None


# --- actors ---------------------------------------------------------------------------------------------
# The clause grammar lives in stages/event_actors.py; these names are the stage's interface.

def generic_actor(kind: str, country: str | None) -> Actor:
    return event_actors.generic_actor(kind, country)


def side_mentions(doc: Document, start: int, end: int, grammar: ActorGrammar) -> list[ActorMention]:
    return event_actors.side_mentions(doc, start, end, grammar)


def pick_actors(doc: Document, start: int, end: int, trigger: int,
                grammar: ActorGrammar) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 / actor2 for an event whose clause is [start, end) and trigger at `trigger` (original offsets);
    `grammar` is the `event_actors` resource."""
    return event_actors.pick(doc, start, end, trigger, grammar)


def fallback_actor1(doc: Document, sent_start: int, kinds, country: str | None,
                    grammar: ActorGrammar) -> ActorMention | None:
    """actor1 when the clause names none: see event_actors.fallback_actor1."""
    return event_actors.fallback_actor1(doc, sent_start, kinds, country, grammar)


# --- place ----------------------------------------------------------------------------------------------

def pick_place(doc: Document, clause: tuple[int, int], sentence: tuple[int, int], paragraph_start: int,
               trigger: int) -> PlaceMention | None:
    """The place nearest the event: its clause (after the trigger first), its sentence, earlier in the
    paragraph, then the lead of the article (see stages/event_place.py)."""
    return event_place.pick_place(doc, clause, sentence, paragraph_start, trigger)


def place_rank(p: Place) -> int:
    """0 for sites and towns, 1 for admin2/areas, 2 for admin1 and regions, 3 for countries."""
    return event_place.place_rank(p)


def country_place(country: str) -> Place:
    return Place(id=f"country:{country}", name=country, name_ar="", country=country, feature="country")
