"""Stage `places`: toponym recognition and resolution against the gazetteer.

One Aho-Corasick pass finds every known Arabic name; context then decides what is a place and which one:

- a type cue before the name ("مدينة", "بلدة", "قرية", "حي", "مخيم", "محافظة", "ولاية", "ريف X الشرقي")
  confirms it and says what kind of place it is;
- weak names (small villages, names that are ordinary words: "صور", "حماة", "الباب") need a cue or a
  locative word ("في", "قرب", "شمال" ...), stop-listed ones are dropped or need a type cue;
- among same-named places the document's country focus, nesting ("حي غويران في مدينة الحسكة") and
  population decide;
- "30 كم من بئر العبد", "على أطراف مدينة الحسكة", "ريف حلب الشمالي" give geo_precision 2.

    "اشتباكات في حي غويران بمدينة الحسكة" -> both names in Al-Hasakah (admin1)

Candidates and their cues are read in candidates.py, same-named places told apart in choose.py, places
given without a gazetteer name (capitals, nationality adjectives, the whole country) in implied.py, names
the gazetteer lacks in unknown.py; finder.py runs these steps over a document with the cue tables of cues.py.
"""

from __future__ import annotations

from collections import Counter

from marsad.model.document import Document
from marsad.model.records import PlaceMention
from marsad.stages.base import stage
from marsad.stages.places.finder import find
from marsad.stages.places.scan import REFERENCE
from marsad.stages.resources import Resources

__all__ = ["REFERENCE", "country_focus", "find_places", "focus_place"]


@stage("places", needs=("sentences", "furniture"), adds=("places",), resources=("gazetteer",))
def find_places(doc: Document, res: Resources) -> None:
    """Fill doc.places (start-sorted PlaceMentions, original offsets)."""
    doc.places = find(doc, res.gazetteer)


def country_focus(doc: Document) -> str | None:
    """The document's main country (English name) from its place mentions: sub-national places weigh
    double, the lead counts double. 'الحسكة ... القامشلي ... تركيا' -> 'Syria'."""
    votes: Counter = Counter()
    for m in doc.places:
        if m.confidence <= REFERENCE:
            continue  # "قرب الحدود مع موريتانيا"
        w = 1.0 if m.place.feature == "country" else 2.0
        if m.start < 300:
            w *= 1.5
        votes[m.place.country] += w  # type: ignore[assignment]  # float votes: typeshed types Counter counts as int
    return votes.most_common(1)[0][0] if votes else None


def focus_place(doc: Document, country: str | None = None) -> PlaceMention | None:
    """The most mentioned sub-national place of the focus country (or of `country`): the fallback
    location for an event whose sentence names no place. Ties go to the earliest mention."""
    if country is not None:
        return None
    country = country_focus(doc)
    if country is None:
        return None
    counts: Counter = Counter()
    first: dict[str, PlaceMention] = {}
    from marsad.stages.events.place import is_dateline

    for m in doc.places:
        if m.confidence > REFERENCE and m.place.country == country and m.place.admin1 and not is_dateline(doc, m):
            counts[m.place.admin1] += 1
            first.setdefault(m.place.admin1, m)
    if not counts:
        return None
    best = max(counts, key=lambda a: (counts[a], -first[a].start))
    return first[best]
