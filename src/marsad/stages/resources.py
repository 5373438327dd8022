"""The resources the stages read: one typed, frozen object with a field per resource.

    res = Resources.build(["gazetteer", "time"])
    res.gazetteer.contains(...)        # a Gazetteer (typed); res["gazetteer"] reads the same field
    res.actors                         # MissingResource: "actors" was not loaded

Each field's loader (`LOADERS`) reads files under resources/data through `marsad.resources.registry`, which
also caches the built object on disk (`load_cached`). The lexicon classes live with the stages that own
them, so this table lives here too: `marsad.resources` holds the data, the readers and the shared tables
(gazetteer, actors) and never imports a stage.

A `Pipeline` hands each stage `only(declared, stage)`: the same objects, with every resource the stage did not
declare standing absent, so that reading one fails at once (UndeclaredResource) instead of working by the
accident of another stage having loaded it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from marsad.resources.registry import load_cached

if TYPE_CHECKING:
    from marsad.resources.actors import ActorTable
    from marsad.resources.gazetteer import Gazetteer
    from marsad.stages.events import TriggerLexicon
    from marsad.stages.events.actors_lex import ActorGrammar
    from marsad.stages.furniture import FurnitureRules
    from marsad.stages.names import Names
    from marsad.stages.published import PublishedCues
    from marsad.stages.quotes import CueLexicon
    from marsad.stages.time import TimeLexicon
    from marsad.text.normalize import CharMap


def _charmap() -> CharMap:
    from marsad.text.normalize import CharMap

    return CharMap.load()


def _time() -> TimeLexicon:
    from marsad.stages.time import TimeLexicon

    return TimeLexicon.load()


def _furniture() -> FurnitureRules:
    from marsad.stages.furniture import FurnitureRules

    return FurnitureRules.load()


def _published() -> PublishedCues:
    from marsad.stages.published import PublishedCues

    return PublishedCues.load()


def _gazetteer() -> Gazetteer:
    from marsad.resources.gazetteer import Gazetteer

    return Gazetteer.load()


def _actors() -> ActorTable:
    from marsad.resources.actors import ActorTable

    return ActorTable.load()


def _cues() -> CueLexicon:
    from marsad.stages.quotes import CueLexicon

    return CueLexicon.load()


def _triggers() -> TriggerLexicon:
    from marsad.stages.events import TriggerLexicon

    return TriggerLexicon.load()


def _event_actors() -> ActorGrammar:
    from marsad.stages.events.actors_lex import ActorGrammar

    return ActorGrammar.load()


def _names() -> Names:
    from marsad.stages.names import Names

    return Names.load()


# name -> loader, in the order of Resources' fields
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


class MissingResource(KeyError):
    """A resource this Resources does not hold was read."""


class UndeclaredResource(MissingResource):
    """A stage read a resource it did not declare."""


class Resources:
    """One field per resource (see LOADERS); a field that was not loaded raises MissingResource when read.

    Frozen: `build`, `with_` and `only` return new objects that share the loaded ones. It pickles, so a
    batch engine can ship it; each worker process may also build its own (from the on-disk cache)."""

    charmap: CharMap
    time: TimeLexicon
    furniture: FurnitureRules
    published: PublishedCues
    gazetteer: Gazetteer
    actors: ActorTable
    cues: CueLexicon
    triggers: TriggerLexicon
    event_actors: ActorGrammar
    names: Names

    __slots__ = ("_items", "_stage")

    def __init__(self, items: Mapping[str, Any] | None = None, *, stage: str | None = None):
        items = dict(items or {})
        unknown = sorted(set(items) - set(LOADERS))
        if unknown:
            raise KeyError(f"unknown resource(s) {unknown}; known: {list(LOADERS)}")
        object.__setattr__(self, "_items", items)
        object.__setattr__(self, "_stage", stage)

    @classmethod
    def build(cls, names: Iterable[str] = LOADERS) -> Resources:
        """The resources `names`, each loaded once (from the on-disk cache when it holds a copy)."""
        return cls().with_(names)

    def with_(self, names: Iterable[str]) -> Resources:
        """These resources and `names` (loaded now if missing): self when nothing is missing."""
        missing = [n for n in dict.fromkeys(names) if n not in self._items]
        for name in missing:
            if name not in LOADERS:
                raise KeyError(f"unknown resource {name!r}; known: {list(LOADERS)}")
        if not missing:
            return self
        return Resources({**self._items, **{n: load_cached(n, LOADERS[n]) for n in missing}}, stage=self._stage)

    def only(self, names: Iterable[str], stage: str) -> Resources:
        """The view one stage gets: these of the loaded resources, any other read raising UndeclaredResource."""
        return Resources({n: self[n] for n in names}, stage=stage)

    def __getattr__(self, name: str) -> Any:
        # called only for names that are not slots or methods, that is for the resource fields
        if name not in LOADERS:
            raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")
        items = object.__getattribute__(self, "_items")
        if name in items:
            return items[name]
        stage = object.__getattribute__(self, "_stage")
        if stage is not None:
            raise UndeclaredResource(f"stage {stage!r} reads resource {name!r}, which it does not declare "
                                     f"(it declares {sorted(items)})")
        raise MissingResource(f"resource {name!r} was not loaded (loaded: {sorted(items)}); "
                              f"build Resources with it")

    def __getitem__(self, name: str) -> Any:
        if name not in LOADERS:
            raise KeyError(f"unknown resource {name!r}; known: {list(LOADERS)}")
        return getattr(self, name)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Resources is frozen: use with_() or only() for another set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Resources is frozen")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._items, self._stage))

    def __repr__(self) -> str:
        who = f", stage={self._stage!r}" if self._stage else ""
        return f"Resources({self.loaded}{who})"

    @property
    def loaded(self) -> list[str]:
        """The loaded resources' names, sorted (not `names`: that field is the Names resource)."""
        return sorted(self._items)


def _rebuild(items: dict[str, Any], stage: str | None) -> Resources:
    return Resources(items, stage=stage)
