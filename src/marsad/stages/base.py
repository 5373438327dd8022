"""Stages declare themselves beside their code.

    @stage("places", needs=("sentences", "furniture"), adds=("places",), resources=("gazetteer",))
    def find_places(doc: Document, res: Resources) -> None: ...

`needs` and `adds` name Document layers, `resources` the entries of `Resources` the stage reads. The
pipeline (marsad.pipeline) is built from stage names: it checks once that every layer a stage needs is added
by an earlier one, and hands each stage the `Resources` (stages/resources.py) it declared and no other, so
that reading an undeclared resource fails at once (UndeclaredResource) instead of working by the accident
of an earlier stage having loaded it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from marsad.model.document import Document

StageFn = Callable[["Document", Any], None]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    fn: StageFn
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()


REGISTRY: dict[str, Stage] = {}


def stage(name: str, *, needs: tuple[str, ...] = (), adds: tuple[str, ...] = (),
          resources: tuple[str, ...] = ()) -> Callable[[StageFn], StageFn]:
    """Register the decorated function as stage `name` with its declarations."""
    def register(fn: StageFn) -> StageFn:
        old = REGISTRY.get(name)
        if old is not None and old.fn.__qualname__ != fn.__qualname__:
            raise ValueError(f"stage {name!r} is declared twice ({old.fn.__module__} and {fn.__module__})")
        REGISTRY[name] = Stage(name, fn, tuple(needs), tuple(adds), tuple(resources))
        return fn
    return register
