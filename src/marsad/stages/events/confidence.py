"""Event confidence and factuality: a logistic model over what the extractor knows about each event and the
words around its trigger; candidates below the model's cross-validated `drop_below` are not reported.

The confidence of an event is P(the event is a real, reported event of that type) as estimated by a logistic
regression over the features below. The coefficients are data (resources/data/event_confidence.json),
fitted by scripts/train_confidence.py on the train split of tests/data/annotated, never on dev or blind,
which are kept for the reliability tables (scripts/reliability.py).

Features of one mention are recorded when it is made (`Mention`); those of the merged event are read off the
event itself (`features`). Example: "قصفت الطائرات ... أمس" in the lead, with a named actor, a village and a
date from the text, scores high; "بعد سيطرة طالبان" deep in the article with no date scores low.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from marsad.model.document import Document
from marsad.model.records import Event
from marsad.resources.registry import data_path, read_json

FEATURES = ("cue_weight", "decision_weight", "generic", "background", "headline", "lead", "position",
            "mentions", "actor1", "actor2", "place_fine", "place_coarse", "dated", "exact_day", "old",
            "in_quote", "crowded", "strategic", "remote", "battles")
_TYPES = {"strategic": "Strategic developments", "remote": "Explosions/Remote violence", "battles": "Battles"}


@dataclass
class Mention:
    """Creation-time facts about the mentions merged into one event (the best of each is kept)."""

    cue_weight: float
    decision_weight: float
    generic: bool
    background: bool
    headline: bool
    lead: bool
    position: float  # sentence index / number of sentences
    dated: bool  # the date came from the text, not the publication date
    in_quote: bool
    crowded: bool  # the sentence yields three or more events
    count: int = field(default=1)

    def join(self, other: Mention) -> None:
        self.cue_weight = max(self.cue_weight, other.cue_weight)
        self.decision_weight = max(self.decision_weight, other.decision_weight)
        self.generic = self.generic and other.generic
        self.background = self.background and other.background
        self.headline = self.headline or other.headline
        self.lead = self.lead or other.lead
        self.position = min(self.position, other.position)
        self.dated = self.dated or other.dated
        self.in_quote = self.in_quote and other.in_quote
        self.crowded = self.crowded and other.crowded
        self.count += other.count


CONTEXT = 6  # words on each side of the trigger that the lexical features read


def context_words(doc: Document, ev: Event) -> list[str]:
    """The folded words around the event's trigger in its sentence (the lexical features' window)."""
    si = doc.sentence_index(ev.trigger.start)
    if si < 0:
        return []
    sent = doc.sentences[si]
    a, t = doc.norm.to_norm(sent.start, ev.trigger.start)
    _, b = doc.norm.to_norm(ev.trigger.start, sent.end)
    norm = doc.norm.text  # already folded
    return norm[a:t].split()[-CONTEXT:] + norm[t:b].split()[:CONTEXT]


def features(ev: Event, m: Mention, published: date | None, context: list[str] | None = None) -> dict[str, float]:
    """The model's features: facts about the event and its mentions, and (lexical) "w:<word>" for the folded
    words around the trigger and "sub:<sub-event type>"; the model knows only the words it was trained on."""
    place = ev.place
    old = bool(published and ev.date_start and (published - ev.date_start).days > 31)
    out = {
        "cue_weight": m.cue_weight,
        "decision_weight": m.decision_weight,
        "generic": float(m.generic),
        "background": float(m.background),
        "headline": float(m.headline),
        "lead": float(m.lead),
        "position": m.position,
        "mentions": math.log(1 + len(ev.evidence)),
        "actor1": float(ev.actor1 is not None and bool(ev.actor1.text)),
        "actor2": float(ev.actor2 is not None and bool(ev.actor2.text)),
        "place_fine": float(place is not None and place.geo_precision == 1),
        "place_coarse": float(place is None or place.geo_precision >= 3),
        "dated": float(m.dated),
        "exact_day": float(ev.time_precision == 1),
        "old": float(old),
        "in_quote": float(m.in_quote),
        "crowded": float(m.crowded),
    }
    for name, etype in _TYPES.items():
        out[name] = float(ev.event_type == etype)
    out["sub:" + ev.sub_event_type] = 1.0
    for w in context or ():
        out["w:" + w] = 1.0
    return out


@dataclass(frozen=True)
class ConfidenceModel:
    names: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    drop_below: float = 0.0  # events less likely than this are not reported (chosen by cross-validation)

    @classmethod
    def load(cls) -> ConfidenceModel | None:
        """The fitted model, or None before one has been trained."""
        if not data_path("event_confidence.json").is_file():
            return None
        d = read_json("event_confidence.json")
        return cls(tuple(d["features"]), tuple(d["coef"]), float(d["intercept"]), tuple(d["mean"]),
                   tuple(d["scale"]), float(d.get("drop_below", 0.0)))

    def __post_init__(self) -> None:
        # z = intercept + sum w (x - mu) / sd = base + sum over the features present of (w / sd) x
        base = self.intercept - sum(w * mu / sd for w, mu, sd in zip(self.coef, self.mean, self.scale, strict=True))
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "_slope", {n: w / sd for n, w, sd in zip(self.names, self.coef, self.scale,
                                                                              strict=True)})

    def __call__(self, feats: dict[str, float]) -> float:
        slope = self._slope  # type: ignore[attr-defined]
        z = self._base + sum(slope[k] * v for k, v in feats.items() if v and k in slope)  # type: ignore[attr-defined]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
