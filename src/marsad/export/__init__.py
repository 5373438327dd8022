"""Exports of SCHEMA events: csv (ACLED columns), jsonl, geojson, parquet. See docs/export.md.

    from marsad.export import export, flatten
    export(events, "geojson", Path("events.geojson"))   # -> number of events written
    flatten(event)["event_id_cnty"]                     # "SYR123456789012"
"""

from __future__ import annotations

from marsad.export.base import EXPORTERS, Exporter, ExportStats, export, export_with_stats, register
from marsad.export.cli import add_export_arguments, run_export
from marsad.export.flatten import (
    ACLED_COLUMNS,
    COLUMN_NAMES,
    COLUMNS,
    CSV_DTYPES,
    EXTRA_COLUMNS,
    Flattener,
    flatten,
)
from marsad.export.parquet import ParquetExporter
from marsad.export.tables import ExportTables
from marsad.export.text_formats import CsvExporter, GeoJsonExporter, JsonlExporter

for _exporter in (CsvExporter(), JsonlExporter(), GeoJsonExporter(), ParquetExporter()):
    register(_exporter)

__all__ = ["ACLED_COLUMNS", "COLUMNS", "COLUMN_NAMES", "CSV_DTYPES", "EXPORTERS", "EXTRA_COLUMNS", "ExportStats",
           "ExportTables", "Exporter", "Flattener", "add_export_arguments", "export", "export_with_stats",
           "flatten", "register", "run_export"]
