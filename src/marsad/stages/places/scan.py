"""What every step of the place stage reads: one document, its gazetteer and the cue tables."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.model.document import Document
from marsad.model.records import Place, PlaceMention
from marsad.resources.gazetteer import POINT_FEATURES, Gazetteer
from marsad.stages.places.cues import Cues, cues_of

REFERENCE = 0.1  # the confidence of a place named only as a reference point (a country across a border)
BIG = frozenset({"country", "admin1", "capital", "city", "region"})


@dataclass(frozen=True, slots=True)
class Scan:
    """One document under the place stage; `text` is its normalised view, which the steps search."""

    doc: Document
    gaz: Gazetteer
    cues: Cues
    text: str

    @classmethod
    def of(cls, doc: Document, gaz: Gazetteer) -> Scan:
        return cls(doc, gaz, cues_of(gaz), doc.norm.text)

    def hidden(self, s: int, t: int) -> bool:
        """Whether original offsets [s, t) lie in page furniture (related headlines, share bars ...)."""
        return bool(self.doc.furniture and self.doc.in_furniture(s, t))

    def mention(self, s: int, t: int, place: Place, precision: int, confidence: float) -> PlaceMention:
        """A mention of `place` over original offsets [s, t)."""
        return PlaceMention(s, t, self.doc.text[s:t], place, precision, confidence)


def precision(p: Place, relative: bool) -> int:
    """ACLED geo_precision of a mention of `p`: 1 a point, 2 an area or near a place, 3 a province or country."""
    base = 1 if p.feature in POINT_FEATURES else (3 if p.feature in ("admin1", "country") else 2)
    return max(base, 2) if relative else base
