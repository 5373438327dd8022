"""Where extraction runs: worker processes on this machine (`store.run`, `--workers N`), or a Dask cluster
(`engines.dask`, `--engine dask`). Either way the results come back in input order to one writer, which
stores them and merges events across outlets, so the store's contents do not depend on the engine."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

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
