"""Where extraction runs: worker processes on this machine (`store.run`, `--workers N`), or a Dask cluster
(`engines.dask`, `--engine dask`). Either way the results come back in input order to one writer, which
stores them and merges events across outlets, so the store's contents do not depend on the engine."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import islice
from multiprocessing import get_context
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from marsad.model.document import Document
    from marsad.pipeline import Extracted, Pipeline

T = TypeVar("T")
R = TypeVar("R")


def in_order(submit: Callable[[list[T]], Callable[[], list[R]]], items: Iterable[T], partition: int,
             window: int) -> Iterator[R]:
    """Results of `items`, in their order, computed a partition at a time by `submit` (which starts the
    work and returns a function that waits for its results), with at most `window` partitions in flight.

    The input is read only as fast as results are taken, so memory holds at most `window * partition`
    items whatever the input's size (multiprocessing's imap reads all of it ahead of slow workers)."""
    pending: deque[Callable[[], list[R]]] = deque()
    it = iter(items)
    while True:
        while len(pending) < window and (part := list(islice(it, partition))):
            pending.append(submit(part))
        if not pending:
            return
        yield from pending.popleft()()


ENGINES = ("local", "dask")
PARTITION = 8              # documents a task of the local worker processes
_PIPE: Pipeline | None = None
_BUDGET: float | None = None


def _init_worker(budget: float | None = None) -> None:
    global _PIPE, _BUDGET  # one pipeline per process, built once
    from marsad.pipeline import Pipeline

    _PIPE, _BUDGET = Pipeline.build(), budget


def _extract(doc: Document) -> Extracted:
    """The result and what the store needs, sent back instead of the annotated Document."""
    assert _PIPE is not None
    return _PIPE.extract(doc, _BUDGET)


def _extract_many(docs: list[Document]) -> list[Extracted]:
    return [_extract(d) for d in docs]


def extract_all(docs: Iterable[Document], workers: int = 1, engine: str = "local",
                scheduler: str | None = None, budget: float | None = None) -> Generator[Extracted, None, None]:
    """The extraction of `docs`, in their order: in this process (local, 1 worker), in `workers` local
    processes, or on Dask (engines.dask). Close the generator to stop the workers early."""
    if engine == "dask":
        from marsad.engines.dask import extract_on_dask

        yield from extract_on_dask(docs, workers=workers, scheduler=scheduler, budget=budget)
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    if workers <= 1:
        _init_worker(budget)
        yield from map(_extract, docs)
        return
    pool = get_context("fork" if sys.platform == "linux" else "spawn").Pool(workers, _init_worker, (budget,))
    try:
        # a bounded window of tasks, not imap: imap reads the whole input ahead of slow workers
        yield from in_order(lambda part: pool.apply_async(_extract_many, (part,)).get, docs, PARTITION,
                            2 * workers + 1)
    finally:
        pool.terminate()
