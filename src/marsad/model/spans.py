"""Range look-ups over a layer of records sorted by start offset (actors, places, times, matches).

Stages ask, per event or per sentence, "which mentions lie within this clause?" or "which place covers this
name?". Scanning the whole layer for each question makes a document's cost grow with the square of its
length; `Spans` answers each question with a binary search and a walk over the records that can qualify,
in the layer's own order, so the answers are exactly those of the scan.

    >>> from collections import namedtuple
    >>> R = namedtuple("R", "start end")
    >>> s = Spans([R(0, 4), R(5, 9), R(10, 30), R(12, 14)])
    >>> s.within(5, 30), s.covering(12, 13)
    ([R(start=5, end=9), R(start=10, end=30), R(start=12, end=14)], [R(start=10, end=30), R(start=12, end=14)])
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


R = TypeVar("R", bound=_Span)


class Spans(Generic[R]):
    """The records of `items` (in their order, which should be by start) with their starts indexed. When
    the records are not sorted by start every look-up falls back to a scan, with the same answers."""

    __slots__ = ("items", "starts", "longest", "sorted")

    def __init__(self, items: Sequence[R]):
        self.items = items
        self.starts = [r.start for r in items]
        self.sorted = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))
        self.longest = max((r.end - r.start for r in items), default=0)

    def __len__(self) -> int:
        return len(self.items)

    def _from(self, lo: int, hi: int) -> range:
        """Indices of the records whose start lies in [lo, hi] (every index when unsorted)."""
        if not self.sorted:
            return range(len(self.items))
        return range(bisect_left(self.starts, lo), bisect_right(self.starts, hi))

    def within(self, lo: int, hi: int) -> list[R]:
        """Records with lo <= start and end <= hi."""
        items = self.items
        return [items[i] for i in self._from(lo, hi) if lo <= items[i].start and items[i].end <= hi]

    def overlapping(self, lo: int, hi: int) -> list[R]:
        """Records that share at least one character with [lo, hi): start < hi and end > lo."""
        items = self.items
        return [items[i] for i in self._from(lo - self.longest, hi - 1) if items[i].start < hi and items[i].end > lo]

    def covering(self, lo: int, hi: int) -> list[R]:
        """Records that contain [lo, hi): start <= lo and hi <= end."""
        items = self.items
        return [items[i] for i in self._from(hi - self.longest, lo) if items[i].start <= lo and hi <= items[i].end]

    def starting_before(self, pos: int) -> Sequence[R]:
        """The records that start before `pos` (all of them, when unsorted), in order."""
        return self.items[:bisect_left(self.starts, pos)] if self.sorted else self.items


class Taken:
    """Disjoint spans taken so far (leftmost-longest matching and the like): `overlaps` and `add` are a
    binary search each, where a list of pairs would be scanned whole for every new span."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a taken span (the first span ending after `start`
        begins before `end`)."""
        i = bisect_right(self.ends, start)
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        """Take [start, end), which must not overlap a taken span."""
        i = bisect_right(self.ends, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def take(self, start: int, end: int) -> bool:
        """Take the span unless it overlaps one already taken; whether it was taken."""
        if self.overlaps(start, end):
            return False
        self.add(start, end)
        return True
