"""Which place mention locates an event (used by event_args.pick_place).

Order: the event's clause (places after the trigger first), its sentence, then the last place before the
sentence (in its paragraph, or within a few hundred characters). A country named in the clause or sentence
locates the event in the country as a whole; when nothing locates it, the caller falls back on the article's
focus place (stages/places/: focus_place). Within a span the most precise place wins (a town over a province over a
country), then the nearest to the trigger. Some mentions never locate an event:

- a bare nationality adjective ("الجيش المالي", confidence < 0.4) only says which country the text is about;
- a country named as an actor rather than as a place ("بقيادة السعودية", "قالت تركيا"): a country locates an
  event only after a locative word ("في", "داخل", "شمال", "على" ...) or as "المدن الإسرائيلية";
- a dateline ("الخرطوم: السوداني", "بغداد- (يو بي اي)") names where the report was filed, not where the
  event happened; it locates an event only when nothing else does.

    >>> place_rank(Place(id="x", name="Syria", name_ar="سوريا", country="Syria", feature="country"))
    3
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from marsad.model.document import Document
from marsad.model.records import Place, PlaceMention
from marsad.resources.registry import read_json
from marsad.text.normalize import fold

DATA = "places_cues.json"  # its "event_" entries
_LOOKBACK = 400  # characters before the event's sentence where an earlier place still locates it
_HEAD_MAX = 200  # a dateline opens its line: at most three words before it
# a colon, a dash or a day number after a dateline (the normalised text: its dashes are "-", no tatweel)
_DATELINE_AFTER = re.compile(r"\s*(?:[:\-–—]|\(|\s*\d{1,2}\s)")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


def _star(words: list[str]) -> str:
    """The alternation of words whose trailing "*" stands for any ending."""
    return "|".join(re.escape(w[:-1]) + r"\S*" if w.endswith("*") else re.escape(w) for w in words)


@dataclass(frozen=True)
class EventPlaceWords:
    """The word lists of this module (places_cues.json "event_" entries, folded), built into patterns once."""

    locative: re.Pattern[str]  # "في", "شمال", "على" ... right before a country: it is a place
    country_clitic_end: tuple[str, ...]  # "بسوريا"
    country_clitics: frozenset[str]  # "لليبيا", "ولسوريا"
    dispersed: re.Pattern[str]  # "عمليات متفرقة", "في عدة ولايات"
    list_gap: re.Pattern[str]  # what may stand between two coordinated names
    list_types: re.Pattern[str]  # type words removed from that gap with their word
    list_conjunction: re.Pattern[str]  # a conjunction or comma in the gap
    distance: re.Pattern[str]  # ends right before a place measured from: "400 كلم شمال "

    @classmethod
    def from_data(cls, data: dict) -> EventPlaceWords:
        def listed(key: str) -> list[str]:
            return [fold(w) for w in data[key]["words"]]

        glued, spaced = listed("event_list_conjunctions"), listed("event_list_words")
        conj = "|".join([_alt(glued), *(re.escape(w) + r"\s" for w in spaced)])
        prep = "|".join([*(re.escape(w) + r"\s+" for w in listed("event_list_preps")),
                         _alt(listed("event_list_clitics"))])
        clitics, locative = _alt(listed("event_locative_clitics")), _alt(listed("event_locative"))
        return cls(
            locative=re.compile(rf"(?:^|\s)(?:{clitics})?(?:{locative})\s*$"),
            country_clitic_end=tuple(listed("event_country_clitic_end")),
            country_clitics=frozenset(listed("event_country_clitics")),
            dispersed=re.compile(rf"(?<!\w)(?:{_alt(listed('event_dispersed'))})(?!\w)"),
            # "، ", " و", " وفي ", "، وب", " او " (the و is a clitic glued to the next name, so "وسط" is no
            # conjunction); the normalised text holds no Arabic comma (folded to ",")
            list_gap=re.compile(rf"^\s*(?:[,:]\s*)?(?:(?:{conj})\s*)?(?:{prep})?$"),
            list_types=re.compile(rf"\S*(?:{_alt(listed('event_list_types'))})\S*"),
            list_conjunction=re.compile("|".join([",", _alt(glued), _alt(spaced)])),
            distance=re.compile(rf"\d+(?:[.,]\d+)?\s*(?:{_star(listed('event_distance_units'))})\s+"
                                rf"(?:{_star(listed('event_directions'))})(?:\s+(?:{_star(listed('event_directions'))}))?"
                                rf"\s*$"),
        )


@cache
def place_words() -> EventPlaceWords:
    """The module's word lists, read at the first call (never at import) and kept: they are immutable."""
    return EventPlaceWords.from_data(read_json(DATA))


def place_rank(p: Place) -> int:
    """0 for sites and towns, 1 for admin2/areas, 2 for admin1, 3 for countries."""
    return {"country": 3, "admin1": 2, "admin2": 1, "area": 1, "region": 2}.get(p.feature, 0)


def is_dateline(doc: Document, m: PlaceMention) -> bool:
    """A place opening a paragraph and followed by a colon or dash: 'الخرطوم: السوداني', 'جوبا ـ وكالات'."""
    a, b = doc.norm.to_norm(m.start, m.end)
    text = doc.norm.text
    line_start = text.rfind("\n", max(0, a - _HEAD_MAX), a) + 1
    if line_start == 0 and a > _HEAD_MAX:
        return False  # a long run of text before it on its line: no paragraph opening
    head = text[line_start:a].strip()
    if head and len(head.split()) > 3:
        return False
    return bool(_DATELINE_AFTER.match(text, b)) and (not head or not re.search(r"[.!?]", head))


def locative(doc: Document, m: PlaceMention) -> bool:
    """True when a mention reads as a place: anything below a country, a country after a locative word,
    with a clitic preposition ("بسوريا", "لليبيا") or as a land-noun phrase ("المدن الإسرائيلية")."""
    if m.place.feature != "country":
        return True
    if is_wide(m):
        return True  # "المدن الإسرائيلية", "عبر التراب الوطني"
    a, _ = doc.norm.to_norm(m.start, m.end)
    text = doc.norm.text
    ws = a
    while ws > 0 and text[ws - 1].isalpha():
        ws -= 1
    lex = place_words()
    if text[ws:a].endswith(lex.country_clitic_end) or text[ws:a] in lex.country_clitics:
        return True  # "بسوريا", "لليبيا" (a clitic preposition)
    return bool(lex.locative.search(text[max(0, ws - 16):ws]))


def is_wide(m: PlaceMention) -> bool:
    """A country mention made of a phrase: 'المدن الإسرائيلية', 'عبر التراب الوطني', 'مناطق مختلفة'."""
    return m.place.feature == "country" and m.confidence >= 0.7 and " " in m.text


def is_nationwide(m: PlaceMention) -> bool:
    """'عبر التراب الوطني', 'في مختلف أنحاء البلاد' (the places stage gives these confidence 0.7)."""
    return is_wide(m) and m.confidence < 0.75


def usable(doc: Document, m: PlaceMention) -> bool:
    return m.confidence >= 0.4 and not doc.in_furniture(m.start, m.end)


def dispersed(doc: Document, sentence: tuple[int, int]) -> bool:
    """Whether the sentence spreads its report over many places it does not name: such an event is located
    in the country only, never at the article's focus place or the last place named before it."""
    return place_words().dispersed.search(doc.norm.text, *doc.norm.to_norm(*sentence)) is not None


def reference_point(doc: Document, m: PlaceMention) -> bool:
    """A place named to measure a distance from, not as the site of anything: "مقتل 5 في الموصل (400 كلم
    شمال بغداد)". (Seats, "التي تتخذ من طرابلس مقرا", were tried too: nothing on blind, a date lost on train.)"""
    words = place_words()
    a, _ = doc.norm.to_norm(m.start, m.end)
    text = doc.norm.text
    return bool(words.distance.search(text, max(0, a - 40), a))


class _Located:
    """The document's usable, locative, non-dateline place mentions in start order, with their starts for
    binary search: built once per document (`Document.derived`), so choosing a place costs the same for the
    thousandth event of a long text as for the first."""

    def __init__(self, doc: Document):
        self.places = [p for p in doc.places if usable(doc, p) and not is_dateline(doc, p) and locative(doc, p)
                       and not reference_point(doc, p)]
        self.starts = [p.start for p in self.places]

    def within(self, lo: int, hi: int) -> list[PlaceMention]:
        i = bisect_left(self.starts, lo)
        out = []
        while i < len(self.places) and self.places[i].start < hi:
            if self.places[i].end <= hi:
                out.append(self.places[i])
            i += 1
        return out


def located_places(doc: Document) -> _Located:
    return doc.derived("event_place.located", "places", _Located)


def pick_place(doc: Document, clause: tuple[int, int], sentence: tuple[int, int], paragraph_start: int,
               trigger: int) -> PlaceMention | None:
    """The place mention that locates an event whose trigger starts at `trigger` (original offsets)."""
    located = located_places(doc)
    if not located.places:
        return None  # no usable place in the whole document

    def best(cands: list[PlaceMention]) -> PlaceMention | None:
        if not cands:
            return None
        wide = [p for p in cands if is_nationwide(p)]
        if wide:
            return wide[0]  # "في كل أقاليم تركيا، بينها أنقرة": the whole country, not the one town named
        after = [p for p in cands if p.start >= trigger]
        pool = after or cands
        return min(pool, key=lambda p: (place_rank(p.place), abs(p.start - trigger)))

    for lo, hi in (clause, sentence):
        got = best(located.within(lo, hi))
        if got:
            return got  # a country here means the text places the event in the country as a whole
    if dispersed(doc, sentence):
        return None  # "خلال عمليات أمنية متفرقة": many unnamed places, not the last one named
    # the sentence names no place: the last place before it, in its paragraph or close before it; a
    # country alone is no answer (None lets the caller use the article's focus place). "حي النور
    # بالقصرين": a nest of adjacent names is one location, its innermost name the most precise
    floor = min(paragraph_start, sentence[0] - _LOOKBACK)
    nest: list[PlaceMention] = []
    for i in range(bisect_left(located.starts, sentence[0]) - 1, -1, -1):
        p = located.places[i]
        if p.start < floor:
            break
        if p.place.feature == "country" or p.end > sentence[0]:
            continue
        if nest and nest[-1].start - p.end > 4:
            break
        nest.append(p)
    if not nest:
        return None
    return min(nest, key=lambda p: (place_rank(p.place), p.start))


def coordinated(doc: Document, clause: tuple[int, int], chosen: PlaceMention,
                contains: Callable[[str, str], bool]) -> list[PlaceMention]:
    """The other places of a list that `chosen` heads ("في مقاطعات عرفات والميناء بولاية نواكشوط الجنوبية،
    السبخة ..."): ACLED codes one event per location, so each coordinated town or district is an event.
    Only the innermost names count (a province after its town is the town's parent), and two names are
    coordinated when only a conjunction, a comma, a preposition or a type word and their parents' names
    stand between them."""
    ps = [p for p in located_places(doc).within(*clause) if place_rank(p.place) < 3]

    def inside(q: PlaceMention, p: PlaceMention) -> bool:  # q lies within p
        return q.place.id != p.place.id and (q.place.parent == p.place.id or contains(p.place.id, q.place.id))

    leaves = [p for p in ps if not any(inside(q, p) for q in ps)]
    parents = [p for p in ps if p not in leaves]
    if len(leaves) < 2 or chosen.place.id not in {p.place.id for p in leaves}:
        return []
    lex = place_words()
    chains: list[list[PlaceMention]] = [[leaves[0]]]
    for a, b in zip(leaves, leaves[1:], strict=False):
        gap = doc.norm.text[slice(doc.norm.to_norm(a.end, a.end)[0], doc.norm.to_norm(b.start, b.start)[0])]
        for p in parents:  # "الميناء بولاية نواكشوط الجنوبية، السبخة": the parent's name is no gap
            if a.end <= p.start and p.end <= b.start:
                pa, pb = doc.norm.to_norm(p.start, p.end)
                gap = gap.replace(doc.norm.text[pa:pb], " ")
        gap = lex.list_types.sub(" ", gap)
        gap = re.sub(r"\s+", " ", gap)
        if lex.list_gap.match(gap) and lex.list_conjunction.search(gap):
            chains[-1].append(b)
        else:
            chains.append([b])
    chain = next(c for c in chains if any(p.place.id == chosen.place.id for p in c))
    seen = {chosen.place.id}
    out = []
    for p in chain:
        if p.place.id not in seen:
            seen.add(p.place.id)
            out.append(p)
    return out
