"""What the store indexes of each event mention for searching, and how search words are compared.

Arabic search is over folded text (text.normalize.fold: diacritics, tatweel, alef and hamza forms, ta
marbuta, alef maqsura), so "الأنبار" finds "الانبار" and "الأنبارِ"; English names are compared in lower case.
"""

from __future__ import annotations

from typing import Any

from marsad.model.results import EventRecord
from marsad.text.normalize import fold


def search_key(s: str) -> str:
    """The folded, lower-cased form a search word and an indexed text are compared in."""
    return " ".join(fold(s).lower().split())


def mention_search_columns(ev: EventRecord) -> dict[str, Any]:
    """The mentions table's search columns for one event mention (migration 0004)."""
    a1, a2 = ev.actor1, ev.actor2
    mentions: list[str] = [m for a in (a1, a2) if a is not None and (m := a.mention)]
    return {
        "latitude": ev.latitude, "longitude": ev.longitude,
        "actor1_id": a1.id if a1 else None, "actor2_id": a2.id if a2 else None,
        "actor_text": search_key(" | ".join(mentions)) if mentions else None,
        "evidence_folded": search_key(" … ".join(s.text for s in ev.evidence)),
    }
