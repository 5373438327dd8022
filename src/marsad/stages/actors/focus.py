"""The actor stage's country focus: the place stage's, unless the nationality words clearly point elsewhere."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from marsad.model.document import Document
from marsad.resources.actors import GenericHit, NamedHit, NatHit
from marsad.text.match import Match

if TYPE_CHECKING:
    from marsad.stages.actors.scan import Scan


def document_focus(scan: Scan) -> str | None:
    """The document's country, from its places and its nationality and actor words."""
    country_focus: Callable[[Document], str | None] | None
    try:
        from marsad.stages.places import country_focus
    except ImportError:  # the place stage is optional
        country_focus = None
    place_focus = country_focus(scan.doc) if country_focus is not None and scan.doc.places else None
    votes = _votes(scan)
    if place_focus in scan.t.countries:
        # trust the places unless the nationality words clearly point elsewhere and never at it
        if not votes or votes[place_focus] > 0 or votes.most_common(1)[0][1] < 1:
            return place_focus
    return votes.most_common(1)[0][0] if votes else None


def _votes(scan: Scan) -> Counter:
    votes: Counter = Counter()
    ms = scan.ms
    for i, m in enumerate(ms):
        for v in m.values:
            if isinstance(v, NatHit) and v.countable:
                if v.form == "name" and _reference(scan, m):
                    break  # "قرب الحدود مع موريتانيا": a country the place stage read as a reference point
                after_head = i > 0 and any(isinstance(x, GenericHit | NamedHit) for x in ms[i - 1].values) \
                    and not scan.norm[ms[i - 1].end:m.start].strip()
                # float votes: typeshed types Counter counts as int
                votes[v.country] += 2.0 if v.form == "name" else (0.75 if after_head else 1.0)  # type: ignore[assignment]
                break
            if isinstance(v, NamedHit):
                rows = scan.t.candidates(v.key, scan.day)
                if rows and len(rows[0].countries) == 1:
                    votes[next(iter(rows[0].countries))] += 0.5  # type: ignore[assignment]  # float votes
                break
    return votes


def _reference(scan: Scan, m: Match) -> bool:
    """Whether the place stage read this country name as a reference point (a country across a border)."""
    from marsad.stages.places import REFERENCE

    s, e = scan.doc.norm.to_original(m.start, m.end)
    return any(p.start < e and s < p.end and p.confidence <= REFERENCE for p in scan.doc.places)
