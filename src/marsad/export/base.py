"""The exporter interface and registry: each format is a plugin with a name, a suffix and a `write`.

    from marsad.export import export
    n = export(events, "csv", Path("events.csv"))   # events: any iterable of event records or SCHEMA EVENT dicts

`out` is a path, a text stream (csv, jsonl, geojson) or a binary stream (any format). Text formats stream:
one event at a time, never the whole list; Parquet writes record batches.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, cast

from marsad.export.tables import ExportTables

if TYPE_CHECKING:
    from marsad.export.flatten import EventLike

log = logging.getLogger("marsad.export")

Out = Path | str | IO[str] | IO[bytes]


@dataclass
class ExportStats:
    written: int = 0
    skipped: int = 0  # events left out (GeoJSON: no coordinates)
    skipped_reason: str = ""


class Exporter(Protocol):
    name: str
    suffix: str
    binary: bool  # True: needs a path or a binary stream

    def write(self, events: Iterable[EventLike], out: Out, tables: ExportTables, **opts: Any) -> ExportStats:
        ...


@contextmanager
def text_out(out: Out, newline: str | None = "\n") -> Iterator[IO[str]]:
    """A UTF-8 text stream for `out`: opens a path, uses a text stream as is, wraps a binary stream."""
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline=newline) as f:
            yield f
    elif isinstance(out, io.TextIOBase):
        yield out
    else:
        # any stream that is not a TextIOBase is taken as binary, as before
        wrapper = io.TextIOWrapper(cast(IO[bytes], out), encoding="utf-8", newline=newline)
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()  # leave the caller's stream open


def binary_target(out: Out) -> Any:
    """A path string or binary stream for writers that need bytes (Parquet); sys.stdout -> its buffer."""
    if isinstance(out, str | Path):
        return str(out)
    if isinstance(out, io.TextIOBase):
        buf = getattr(out, "buffer", None)
        if buf is None:
            raise TypeError("this format is binary: give a path or a binary stream, not a text stream")
        out.flush()
        return buf
    return out


EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Add a format (plugins call this; the built-in formats register in marsad.export.__init__)."""
    EXPORTERS[exporter.name] = exporter
    return exporter


def export_with_stats(events: Iterable[EventLike], fmt: str, out: Out, tables: ExportTables | None = None,
                      **opts: Any) -> ExportStats:
    """Write `events` to `out` in format `fmt`; returns what was written and skipped."""
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(sorted(EXPORTERS))}") from None
    stats = exporter.write(events, out, tables or ExportTables.load(), **opts)
    if stats.skipped:
        log.warning("%s export: %d event(s) skipped (%s)", fmt, stats.skipped, stats.skipped_reason)
    return stats


def export(events: Iterable[EventLike], fmt: str, out: Out, tables: ExportTables | None = None,
           **opts: Any) -> int:
    """Write `events` (EventRecord / MergedEvent records, or SCHEMA EVENT objects) to `out` as csv, jsonl,
    geojson or parquet; returns the number written."""
    return export_with_stats(events, fmt, out, tables, **opts).written
