"""The streaming text formats: CSV (ACLED columns, then marsad's), JSON Lines (SCHEMA events), GeoJSON."""

from __future__ import annotations

import codecs
import csv
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from marsad.export.base import ExportStats, Out, text_out
from marsad.export.flatten import COLUMN_NAMES, EventLike, Flattener
from marsad.export.tables import ExportTables

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(v: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula ("=HYPERLINK(...)", "@SUM", "-2+3") gets a
    leading apostrophe, as OWASP advises; numbers are written as they are."""
    return "'" + v if isinstance(v, str) and v.startswith(_FORMULA) else v


class CsvExporter:
    """ACLED-style CSV: header = COLUMN_NAMES; empty cell = null. `bom=True` adds a UTF-8 BOM for Excel.
    Text cells that begin like a formula are escaped (`spreadsheet_safe`)."""

    name, suffix, binary = "csv", ".csv", False

    def write(self, events: Iterable[EventLike], out: Out, tables: ExportTables, bom: bool = False,
              **_: Any) -> ExportStats:
        flat = Flattener(tables)
        stats = ExportStats()
        with text_out(out, newline="") as f:  # the csv module writes its own \r\n
            if bom:
                f.write(codecs.BOM_UTF8.decode("utf-8"))
            w = csv.writer(f)
            w.writerow(COLUMN_NAMES)
            for ev in events:
                row = flat(ev)
                w.writerow([spreadsheet_safe(row[c]) for c in COLUMN_NAMES])
                stats.written += 1
        return stats


class JsonlExporter:
    """One SCHEMA EVENT per line (a record's `to_json()`; a JSON object exactly as given), UTF-8 with Arabic as
    is (ensure_ascii=False)."""

    name, suffix, binary = "jsonl", ".jsonl", False

    def write(self, events: Iterable[EventLike], out: Out, tables: ExportTables, **_: Any) -> ExportStats:
        stats = ExportStats()
        with text_out(out) as f:
            for ev in events:
                obj = ev if isinstance(ev, Mapping) else ev.to_json()
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")
                stats.written += 1
        return stats


def point(row: dict[str, Any]) -> list[float] | None:
    """[lon, lat] (GeoJSON order, RFC 7946) when both are finite and in range, else None."""
    lat, lon = row.get("latitude"), row.get("longitude")
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [lon, lat]


class GeoJsonExporter:
    """A FeatureCollection of Points; properties = the flat CSV row. Events without coordinates are skipped
    and counted; the count is also written as the foreign member "marsad": {"skipped_without_coordinates": n}.
    """

    name, suffix, binary = "geojson", ".geojson", False

    def write(self, events: Iterable[EventLike], out: Out, tables: ExportTables, **_: Any) -> ExportStats:
        flat = Flattener(tables)
        stats = ExportStats(skipped_reason="no coordinates")
        with text_out(out) as f:
            f.write('{"type": "FeatureCollection", "features": [')
            for ev in events:
                row = flat(ev)
                coords = point(row)
                if coords is None:
                    stats.skipped += 1
                    continue
                feat = {"type": "Feature", "id": row["event_id"],
                        "geometry": {"type": "Point", "coordinates": coords}, "properties": row}
                f.write(("\n" if stats.written == 0 else ",\n") + json.dumps(feat, ensure_ascii=False))
                stats.written += 1
            f.write('\n], "marsad": ' + json.dumps({"skipped_without_coordinates": stats.skipped}) + "}\n")
        return stats
