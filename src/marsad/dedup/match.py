"""Does a new event mention describe the same real event as an existing cluster?

Ten outlets report one car bomb with different words, tolls and place detail. A mention joins a cluster when
the hard constraints hold (same event type, dates within a day, same country, no contradicting place) and the
soft signals (sub-type, place, actors, evidence words) add up past a threshold. Every signal that counted is
written down as a reason, so a user can see why two reports were merged.

Both sides are `Profile`s: the few fields matching needs, built from a mention's EventRecord or kept for a
cluster (where the actor and word sets grow as mentions join).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from marsad.model.results import EventRecord
from marsad.resources.registry import read_json
from marsad.text.normalize import fold

# Sub-types that outlets use for one real event: a car bomb is "suicide" in one report and "remote" in another;
# an air strike is "shelling" where the outlet is unsure what fired. A clash and the takeover it ends in are
# two events (ACLED codes both), so they are not compatible.
COMPATIBLE_SUBTYPES = frozenset(frozenset(p) for p in (
    ("Suicide bomb", "Remote explosive/landmine/IED"),
    ("Air/drone strike", "Shelling/artillery/missile attack"),
    ("Peaceful protest", "Protest with intervention"),
    ("Protest with intervention", "Excessive force against protesters"),
    ("Violent demonstration", "Mob violence"),
    ("Attack", "Abduction/forced disappearance"),
))
# Generic actors say little about identity: two reports naming "civilians" are not evidence of one event.
GENERIC_KINDS = frozenset({"civilians", "protesters", "rioters", "other"})
DATE_SLACK = timedelta(days=1)
THRESHOLD = 2.0
_WORD = re.compile(r"[\w]+")
MAX_WORDS = 400


@cache
def stop_words() -> frozenset[str]:
    """Words too common in event reports to tell two events apart (dedup_words.json "stop", folded); read
    once, on first use."""
    return frozenset(fold(w) for w in read_json("dedup_words.json")["lists"]["stop"]["words"])


def words(text: str) -> frozenset[str]:
    """Content words of evidence text, folded; short words and stop words dropped."""
    stop = stop_words()
    return frozenset(w for w in _WORD.findall(fold(text)) if len(w) > 2 and w not in stop and not w.isdigit())


@dataclass
class Profile:
    """What matching looks at. `doc_ids` and the sets grow when a mention joins a cluster."""

    event_type: str
    sub_event_type: str
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    geo_precision: int
    start: date | None
    end: date | None
    actors: set[str] = field(default_factory=set)        # ids of named (non-generic) actors
    words: set[str] = field(default_factory=set)
    doc_ids: set[str] = field(default_factory=set)

    @classmethod
    def from_event(cls, ev: EventRecord) -> Profile:
        start = ev.event_date
        return cls(
            event_type=ev.event_type, sub_event_type=ev.sub_event_type, country=ev.country,
            admin1=ev.admin1, admin2=ev.admin2, location=ev.location,
            geo_precision=ev.geo_precision or 3, start=start, end=ev.event_date_end or start,
            actors=named_actors(ev), words=set(words(" ".join(s.text for s in ev.evidence))),
            doc_ids={s.doc_id for s in ev.sources if s.doc_id},
        )

    def absorb(self, other: Profile) -> None:
        """Widen this cluster profile with a joining mention's."""
        if other.start and (self.start is None or other.start < self.start):
            self.start = other.start
        if other.end and (self.end is None or other.end > self.end):
            self.end = other.end
        if other.geo_precision < self.geo_precision and other.location:
            self.location, self.admin2, self.geo_precision = other.location, other.admin2, other.geo_precision
        self.admin1 = self.admin1 or other.admin1
        self.country = self.country or other.country
        self.actors |= other.actors
        if len(self.words) < MAX_WORDS:
            self.words |= other.words
        self.doc_ids |= other.doc_ids


def named_actors(ev: EventRecord) -> set[str]:
    """Ids of the event's named actors, on either side (generic ones, "Civilians", tell no event apart)."""
    return {a.id for a in (ev.actor1, ev.actor2, *ev.assoc_actor_1, *ev.assoc_actor_2)
            if a is not None and a.id and a.kind not in GENERIC_KINDS}


def iso_date(s: str | None) -> date | None:
    """An ISO date string (or None/empty) as a date."""
    return date.fromisoformat(s) if s else None


@dataclass(frozen=True)
class Verdict:
    same: bool
    score: float
    reasons: tuple[str, ...]


def compare(m: Profile, c: Profile) -> Verdict:
    """Score mention `m` against cluster `c`. Hard constraints first, each refusal says why."""
    refused = _refusal(m, c)
    if refused is not None:
        return Verdict(False, 0.0, (refused,))
    score, reasons = 0.0, []
    for part in (_subtypes, _dates, _places, _actors, _words):
        points, why = part(m, c)
        if why is not None:
            score += points
            reasons.append(why)
    # place, date and type alone fit any two bombs in one town that day: some sign of identity is needed too
    identity = bool(m.actors & c.actors) or any(r.startswith("evidence") for r in reasons)
    return Verdict(score >= THRESHOLD and identity, round(score, 3), tuple(reasons))


def _refusal(m: Profile, c: Profile) -> str | None:
    """Why `m` cannot be the event of `c`, or None."""
    if m.event_type != c.event_type:
        return "different event type"
    if m.doc_ids & c.doc_ids:
        return "same document already in the cluster"
    if m.country and c.country and m.country != c.country:
        return "different country"
    if not (m.start and c.start):
        return "undated"
    if m.start > (c.end or c.start) + DATE_SLACK or c.start > (m.end or m.start) + DATE_SLACK:
        return "dates do not overlap"
    if m.admin1 and c.admin1 and m.admin1 != c.admin1:
        return "different admin1"
    if m.admin2 and c.admin2 and m.admin2 != c.admin2:
        return "different admin2"
    if m.sub_event_type != c.sub_event_type \
            and frozenset((m.sub_event_type, c.sub_event_type)) not in COMPATIBLE_SUBTYPES:
        return f"different sub-types ({m.sub_event_type} / {c.sub_event_type})"
    return None


# The scored parts of a match: (points, reason), the reason None when the part adds nothing.
def _subtypes(m: Profile, c: Profile) -> tuple[float, str | None]:
    if m.sub_event_type == c.sub_event_type:
        return 1.0, f"same sub-type ({m.sub_event_type})"
    return 0.5, f"compatible sub-types ({m.sub_event_type} / {c.sub_event_type})"


def _dates(m: Profile, c: Profile) -> tuple[float, str | None]:
    if m.start == c.start:
        return 0.5, f"same start date {m.start}"
    return 0.0, "dates overlap"


def _places(m: Profile, c: Profile) -> tuple[float, str | None]:
    if m.location and c.location and m.location == c.location:
        return 1.0, f"same location ({m.location})"
    if m.admin2 and m.admin2 == c.admin2:
        return 0.6, f"same admin2 ({m.admin2})"
    if m.admin1 and m.admin1 == c.admin1:
        return 0.3, f"same admin1 ({m.admin1})"
    return 0.0, None


def _actors(m: Profile, c: Profile) -> tuple[float, str | None]:
    shared = m.actors & c.actors
    if shared:
        return 1.0, "shared actors (" + ", ".join(sorted(shared)) + ")"
    if m.actors and c.actors:
        return -0.5, "no actor in common"
    return 0.0, None


def _words(m: Profile, c: Profile) -> tuple[float, str | None]:
    if not (m.words and c.words):
        return 0.0, None
    overlap = len(m.words & c.words) / min(len(m.words), len(c.words))
    if overlap >= 0.1:
        return 2.0 * overlap, f"evidence word overlap {overlap:.2f}"
    return 0.0, None
