"""Event arguments: actors and place for one event clause (casualties: stages/tolls.py).

Works on the normalised view (doc.norm.text) with original offsets mapped through doc.norm.
"""

from __future__ import annotations

from marsad.model.document import Document
from marsad.model.records import Actor, ActorMention, Place, PlaceMention
from marsad.stages.events import actors as event_actors
from marsad.stages.events import place as event_place
from marsad.stages.events.actors import GENERIC_INTER, SIDE_KINDS, is_generic  # noqa: F401  (re-exported)
from marsad.stages.events.actors_lex import ActorGrammar

# --- actors ---------------------------------------------------------------------------------------------
# The clause grammar lives in stages/events/actors.py; these names are the stage's interface.

def generic_actor(kind: str, country: str | None) -> Actor:
    return event_actors.generic_actor(kind, country)


def side_mentions(doc: Document, start: int, end: int, grammar: ActorGrammar) -> list[ActorMention]:
    return event_actors.side_mentions(doc, start, end, grammar)


def pick_actors(doc: Document, start: int, end: int, trigger: int,
                grammar: ActorGrammar) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 / actor2 for an event whose clause is [start, end) and trigger at `trigger` (original offsets);
    `grammar` is the `event_actors` resource."""
    return event_actors.pick(doc, start, end, trigger, grammar)


def fallback_actor1(doc: Document, sent_start: int, kinds, country: str | None,
                    grammar: ActorGrammar) -> ActorMention | None:
    """actor1 when the clause names none: see event_actors.fallback_actor1."""
    return event_actors.fallback_actor1(doc, sent_start, kinds, country, grammar)


# --- place ----------------------------------------------------------------------------------------------

def pick_place(doc: Document, clause: tuple[int, int], sentence: tuple[int, int], paragraph_start: int,
               trigger: int) -> PlaceMention | None:
    """The place nearest the event: its clause (after the trigger first), its sentence, earlier in the
    paragraph, then the lead of the article (see stages/events/place.py)."""
    return event_place.pick_place(doc, clause, sentence, paragraph_start, trigger)


def place_rank(p: Place) -> int:
    """0 for sites and towns, 1 for admin2/areas, 2 for admin1 and regions, 3 for countries."""
    return event_place.place_rank(p)


def country_place(country: str) -> Place:
    return Place(id=f"country:{country}", name=country, name_ar="", country=country, feature="country")
