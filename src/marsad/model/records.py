"""Typed annotation records. Every span is a half-open range of offsets into the ORIGINAL text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The dates marsad reads and reports (publication dates in, event and quote dates out); a date outside is a
# misreading or a mistyped input
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2100, 12, 31)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    norm: str  # normalised form (see text.normalize)
    kind: str  # "word" | "latin" | "number" | "url" | "handle" | "hashtag" | "punct"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A recognised date expression, resolved against the publication date."""

    start: int
    end: int
    text: str
    date_start: date
    date_end: date
    precision: str  # "day" | "week" | "month" | "year"
    confidence: float
    kind: str = "absolute"  # "absolute" | "relative" | "weekday" | "range" | "duration"
    furniture: bool = False  # page header/footer date, never an event date

    @property
    def time_precision(self) -> int:
        """ACLED time_precision: 1 day, 2 about a week, 3 month (year counts as 3)."""
        return {"day": 1, "week": 2}.get(self.precision, 3)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry (or a curated sub-city site) with its administrative parents."""

    id: str
    name: str  # English
    name_ar: str
    country: str
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    feature: str = "city"  # "country" | "admin1" | "admin2" | "city" | "site" | "area" | ...
    population: int = 0
    parent: str | None = None  # id of the enclosing place for sites and areas


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    geo_precision: int = 1
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor from the actor table."""

    id: str
    name: str  # canonical English
    kind: str  # rebel|state|political|identity|civilians|protesters|rioters|external|other|person|media
    inter: int | None = None  # ACLED inter code 1..8
    country: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor
    role: str | None = None  # for people: spokesman, minister ...
    org: Actor | None = None  # for people: the organisation they speak for


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Event:
    event_type: str
    sub_event_type: str
    trigger: EvidenceSpan
    evidence: list[EvidenceSpan]
    date_start: date | None = None
    date_end: date | None = None
    time_precision: int = 2
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc_actor_1: list[ActorMention] = field(default_factory=list)
    assoc_actor_2: list[ActorMention] = field(default_factory=list)
    place: PlaceMention | None = None
    fatalities: int | None = None
    injuries: int | None = None
    civilian_targeting: bool = False
    confidence: float = 0.5
    sentence: int = -1  # index into Document.sentences
    # decided from generic cues only ("هجوم", "مقتل"): such a mention usually refers to a specific event
    # reported elsewhere in the article, and is merged into it when one is compatible
    generic: bool = False
    toll_update: bool = False  # fatalities come from a toll update ("ارتفع عدد القتلى إلى")
    anaphoric: bool = False  # a definite event noun ("الاشتباكات") that may refer back to an earlier mention
    # a generic mention of another event ("وفي هجوم آخر", "هجمات أخرى", "هجوم جديد"): it must not be merged
    # into the one already reported, so it is dropped unless it is `elsewhere`
    distinct: bool = False
    # "آخر" / "مماثل" (not "جديد"): another event, kept as one of its own where its sentence names its town
    elsewhere: bool = False


@dataclass(slots=True)
class Quote:
    speaker: ActorMention | None
    speaker_text: str
    cue: str
    cue_start: int
    direct: bool
    start: int
    end: int
    text: str
    date: date | None = None
    repeats: int = 1
    role: str | None = None
    org: Actor | None = None


@dataclass(frozen=True, slots=True)
class Post:
    start: int
    end: int
    platform: str
    author: str
    handle: str
    date: date | None
    url: str | None = None
