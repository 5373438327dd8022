"""Candidate lookup: every gazetteer name the text holds, kept when its context lets it be a place.

A type cue before the name ("مدينة", "ريف") confirms it and says what kind of place it is; a locative word
("في", "قرب") makes a weak name acceptable; "قرب", "30 كم من" make the location approximate."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.resources.gazetteer import Entry
from marsad.stages.places.cues import next_word, prev_words
from marsad.stages.places.scan import BIG, Scan
from marsad.text.match import Match


@dataclass(slots=True)
class Candidate:
    """A gazetteer name found in the text with what its context says about it."""

    m: Match[str]
    entries: list[Entry]  # every place of that name
    types: tuple[str, ...]  # the feature classes a type cue announces, best first
    locative: bool  # after a locative word or a type cue
    relative: bool  # near the place, not at it
    big: bool  # a country, province or big city with no stop-list policy
    cue_start: int  # normalised start of the type cue ("ريف"), else of the name with its clitics


def context(scan: Scan, start: int, prefix: str) -> tuple[tuple[str, ...], bool, bool, int]:
    """(type classes, locative, relative, start of the cue) for a name at normalised `start`."""
    cues = scan.cues
    types: tuple[str, ...] = ()
    locative = prefix.endswith(cues.locative_clitics)
    relative = False
    cue_start = start - len(prefix)
    words = prev_words(scan.text, cue_start, 3)
    for k, (ws, w) in enumerate(words):
        t = cues.strip(w, cues.types)
        if t and k == 0:
            types = cues.types[t]
            cue_start = ws
            locative = True
        if cues.strip(w, cues.preps):
            locative = True
        if cues.strip(w, cues.relative) or w in cues.distance_units:
            relative = True if k <= 1 or w in cues.distance_units else relative
        if k == 0 and not t and not cues.strip(w, cues.preps):
            break
        if k >= 1 and not t:
            break
    return types, locative, relative, cue_start


def candidates(scan: Scan) -> list[Candidate]:
    """The gazetteer names of the text that their context lets stand, in text order."""
    out: list[Candidate] = []
    prev: Candidate | None = None
    for m in scan.gaz.lexicon.find(scan.text):
        ids = scan.gaz.ids(m.key)
        if not ids:
            continue
        c = _candidate(scan, m, ids, prev)
        if c is not None:
            out.append(c)
            prev = c
    return out


def _candidate(scan: Scan, m: Match[str], ids: tuple[str, ...], prev: Candidate | None) -> Candidate | None:
    cues = scan.cues
    types, locative, relative, cue_start = context(scan, m.start, m.prefix)
    if not types and m.prefix.startswith(cues.conjunction) and prev is not None and prev.types \
            and 0 <= m.start - len(m.prefix) - prev.m.end <= 2 and "countryside" not in prev.types:
        types, locative = prev.types, True  # "بمحليتي أم القرى وشرق الجزيرة", "عرفات والميناء"
    _, _, nxt = next_word(scan.text, m.end)
    if not types and nxt in cues.noun_followers:
        return None  # "الباب الرئيسي للسجن" is a door, not Al-Bab
    first = m.key.split(" ", 1)[0]
    if not types and " " in m.key and first in cues.types:
        types, locative = cues.types[first], True  # "سجن الصناعة", "مطار أربيل الدولي"
        if "countryside" in types:
            types = ("area", "region")  # a curated "ريف حلب الشمالي" is the area itself
    policy = scan.gaz.stop.get(m.key, "")
    places = [scan.gaz.entry(i) for i in ids]
    big = any(e.place.feature in BIG or e.place.population >= 50_000 for e in places)
    if _refused(scan, m, places, types, locative, big, policy):
        return None
    return Candidate(m, places, types, locative, relative, big and not policy, cue_start)


def _refused(scan: Scan, m: Match[str], places: list[Entry], types: tuple[str, ...], locative: bool, big: bool,
             policy: str) -> bool:
    """Whether the stop list, a short name or the clitics on the name refuse it in this context."""
    cues = scan.cues
    if policy == "cue" and not types:
        return True
    if policy == "weak" and not (types or locative):
        return True
    if len(m.key.replace(" ", "")) <= 3 and (m.prefix or not (types or big)):
        return True  # "باب" is not ب + "اب" (Ibb)
    # "فرقة" is not ف+"رقة", "كمينا" not ك+"مينا": rare clitics on a place name need a type cue
    if not types and (set(m.prefix) & cues.rare_clitics or (m.prefix.startswith(cues.lam) and not big)):
        return True
    # "الحديثة" is the adjective "modern", not ال + "حديثة" (Haditha): names never take an article
    # ("القامشلي" is fine: a city the gazetteer spells without the article)
    return bool(m.prefix.endswith(cues.article) and not m.key.startswith(cues.article) and not types and not (
        big and not any(e.place.feature in ("capital", "country") for e in places)))
