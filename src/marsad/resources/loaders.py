"""Name -> loader for every resource. Each loader reads files under resources/data and returns an object."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _charmap() -> Any:
    from marsad.text.normalize import CharMap

    return CharMap.load()


def _time() -> Any:
    from marsad.stages.time import TimeLexicon

    return TimeLexicon.load()


def _furniture() -> Any:
    from marsad.stages.furniture import FurnitureRules

    return FurnitureRules.load()


def _published() -> Any:
    from marsad.stages.published import PublishedCues

    return PublishedCues.load()


def _gazetteer() -> Any:
    from marsad.resources.gazetteer import Gazetteer

    return Gazetteer.load()


def _actors() -> Any:
    from marsad.resources.actors import ActorTable

    return ActorTable.load()


def _cues() -> Any:
    from marsad.stages.quotes import CueLexicon

    return CueLexicon.load()


def _triggers() -> Any:
    from marsad.stages.events import TriggerLexicon

    return TriggerLexicon.load()


def _event_actors() -> Any:
    from marsad.stages.events.actors_lex import ActorGrammar

    return ActorGrammar.load()


def _names() -> Any:
    from marsad.stages.names import Names

    return Names.load()


LOADERS: dict[str, Callable[[], Any]] = {
    "charmap": _charmap,
    "time": _time,
    "furniture": _furniture,
    "published": _published,
    "gazetteer": _gazetteer,
    "actors": _actors,
    "cues": _cues,
    "triggers": _triggers,
    "event_actors": _event_actors,
    "names": _names,
}
