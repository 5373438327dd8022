"""Disambiguation: which place a candidate name is, if any.

The document's country focus (votes of unambiguous strong names and nationality adjectives), the type cue,
nesting with a neighbouring name ("حي غويران في مدينة الحسكة") and population decide among same-named
places; a minor name found only in a country the text is not about is dropped."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

from marsad.model.records import Place
from marsad.resources.gazetteer import Entry
from marsad.stages.places.candidates import Candidate
from marsad.stages.places.cues import next_word
from marsad.stages.places.scan import Scan


def focus_votes(scan: Scan, cands: list[Candidate]) -> Counter:
    """Country votes from unambiguous strong names and nationality adjectives."""
    votes: Counter = Counter()
    for c in cands:
        isos = {e.iso for e in c.entries}
        if len(isos) == 1 and (c.big or c.types):
            weight = 1.0 if c.entries[0].place.feature == "country" else 2.0
            votes[next(iter(isos))] += weight * (2 if c.m.start < 250 else 1)  # type: ignore[assignment]  # float votes
    nationality, clitics = scan.cues.nationality, scan.cues.nationality_clitics
    for w in scan.text.split():
        iso = nationality.get(w) or nationality.get(w[1:] if w[:1] in clitics else "")
        if iso:
            votes[iso] += 0.5  # type: ignore[assignment]  # float votes: typeshed types Counter counts as int
    return votes


def too_weak(c: Candidate, isos: set[str], votes: Counter) -> bool:
    """A weak name (a village, a small town) needs a locative word and a country the text is about, or a
    multi-word name."""
    if not c.locative:
        return True
    sizable = len(isos) == 1 and any(e.place.population >= 10_000 or e.place.feature == "admin2"
                                     for e in c.entries)
    return " " not in c.m.key and not sizable and not (isos & {iso for iso, _ in votes.most_common(3)})


def foreign(scan: Scan, c: Candidate, isos: set[str], votes: Counter) -> bool:
    """A minor name found only in a country the text is not about, when it clearly is about another
    one: 'مقاطعة البحيرة' in a story on Lake Chad is not Egypt's Beheira. Kept when the text ties it
    to its country ('مدينة غازي عنتاب التركية', '... جنوب تركيا')."""
    if not votes or any(e.place.feature in ("country", "capital") or e.place.population >= 1_000_000
                        for e in c.entries):
        return False
    top_v = max((v for iso, v in votes.items() if iso not in isos), default=0.0)
    if top_v < 4 or any(votes.get(iso, 0) * 3 > top_v for iso in isos):
        return False
    after = scan.text[c.m.end: c.m.end + 60]
    for iso in isos:
        ce = scan.gaz.by_iso.get(iso)
        names = set(ce.names) if ce else set()
        if any(n in after for n in names | scan.cues.by_iso.get(iso, set())):
            return False
    return True


def choose(scan: Scan, c: Candidate, votes: Counter, neighbours: list[Candidate]) -> Entry | None:
    """The best scored of the candidate's places: feature rank and population, the type cue, the focus
    country's share of the votes, and nesting with a neighbouring name."""
    total = sum(votes.values()) or 1.0
    best, best_s = None, -1e9
    for e in c.entries:
        p = e.place
        s = scan.gaz.rank(p)[0] * 3 + math.log10(p.population + 10) + _cue_score(c.types, p)
        s += 40 * votes.get(e.iso, 0) / total
        if any(_nested(scan, e, n) for n in neighbours):
            s += 25
        if s > best_s:
            best, best_s = e, s
    return best


def _cue_score(types: tuple[str, ...], p: Place) -> float:
    if p.feature in types:
        return 30 - 3 * types.index(p.feature)
    if "countryside" in types and p.feature in ("city", "capital", "town", "admin1", "admin2"):
        return 28 if p.feature == "admin1" else 20  # "ريف القنيطرة": the governorate's countryside
    return 0


def _nested(scan: Scan, e: Entry, n: Candidate) -> bool:
    """Whether one of the neighbour's places holds place `e`, lies in it, or shares its province."""
    p = e.place
    return any(scan.gaz.contains(ne.place.id, p.id) or scan.gaz.contains(p.id, ne.place.id)
               or (ne.admin1_id and ne.admin1_id == e.admin1_id) for ne in n.entries)


def countryside(scan: Scan, place: Place, end: int) -> tuple[Place, int]:
    """'ريف حلب الشمالي' -> an area under Aleppo with its direction."""
    direction = ""
    i, j, w = next_word(scan.text, end)
    if w in scan.cues.directions:
        direction, end = scan.cues.directions[w], j
        i2, j2, w2 = next_word(scan.text, j)
        if f"{w} {w2}" in scan.cues.directions:
            direction, end = scan.cues.directions[f"{w} {w2}"], j2
    admin1 = place.admin1 or (place.name if place.feature == "admin1" else None)
    base = place.name
    name = f"{direction} countryside of {base}".strip() if direction else f"{base} countryside"
    area = replace(place, id=f"R:{place.id}:{direction}", name=name[:1].upper() + name[1:],
                   name_ar=f"{scan.cues.countryside_word} {place.name_ar}", feature="area", admin1=admin1,
                   parent=place.id)
    return area, end
