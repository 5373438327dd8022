"""Parquet via pyarrow, written in record batches (memory stays flat for any number of events).

Schema: every flat column (COLUMNS) with its Arrow type (date32 dates, int32 fatalities with nulls, float64
coordinates ...), then three nested columns that keep what the flat text joins lose:
    source_list        list<struct<doc_id, url, outlet, published: string>>
    evidence_spans     list<struct<doc_id: string, start: int32, end: int32, text: string>>
    fatalities_reports list<struct<doc_id, outlet: string, fatalities: int32>>
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

from marsad.export.base import ExportStats, Out, binary_target
from marsad.export.flatten import COLUMNS, EventLike, Flattener, as_event
from marsad.export.tables import ExportTables
from marsad.model.results import AnyEvent, MergedEvent

BATCH = 4096
Compression = Literal["zstd", "snappy", "gzip", "brotli", "lz4", "none"]  # the codecs ParquetWriter takes


def arrow_schema():
    import pyarrow as pa

    types = {"string": pa.string(), "int8": pa.int8(), "int16": pa.int16(), "int32": pa.int32(),
             "int64": pa.int64(), "float64": pa.float64(), "date32": pa.date32()}
    fields = [pa.field(c.name, types[c.type]) for c in COLUMNS]
    fields += [
        pa.field("source_list", pa.list_(pa.struct([("doc_id", pa.string()), ("url", pa.string()),
                                                    ("outlet", pa.string()), ("published", pa.string())]))),
        pa.field("evidence_spans", pa.list_(pa.struct([("doc_id", pa.string()), ("start", pa.int32()),
                                                       ("end", pa.int32()), ("text", pa.string())]))),
        pa.field("fatalities_reports", pa.list_(pa.struct([("doc_id", pa.string()), ("outlet", pa.string()),
                                                           ("fatalities", pa.int32())]))),
    ]
    return pa.schema(fields, metadata={"marsad.format": "events", "marsad.columns": "ACLED then marsad extras"})


DATE_COLUMNS = tuple(c.name for c in COLUMNS if c.type == "date32")


def _date(v: Any) -> date | None:
    if not v:
        return None
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _ival(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _nested(ev: AnyEvent) -> dict[str, Any]:
    reports = ev.fatalities_reports if isinstance(ev, MergedEvent) else ()
    return {
        "source_list": [{"doc_id": _str(s.doc_id), "url": _str(s.url), "outlet": _str(s.outlet),
                         "published": _str(s.published)} for s in ev.sources],
        "evidence_spans": [{"doc_id": _str(s.doc_id), "start": _ival(s.start), "end": _ival(s.end),
                            "text": _str(s.text)} for s in ev.evidence],
        "fatalities_reports": [{"doc_id": _str(r.doc_id), "outlet": _str(r.outlet),
                                "fatalities": _ival(r.fatalities)} for r in reports],
    }


class ParquetExporter:
    """Parquet file (zstd); `batch` rows per record batch / row group."""

    name, suffix, binary = "parquet", ".parquet", True

    def write(self, events: Iterable[EventLike], out: Out, tables: ExportTables, batch: int = BATCH,
              compression: Compression = "zstd", **_: Any) -> ExportStats:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = arrow_schema()
        flat = Flattener(tables)
        stats = ExportStats()
        rows: list[dict[str, Any]] = []
        with pq.ParquetWriter(binary_target(out), schema, compression=compression) as writer:
            def flush() -> None:
                writer.write_batch(pa.RecordBatch.from_pylist(rows, schema=schema))
                rows.clear()

            for ev in events:
                rec, given = as_event(ev)
                row = flat.row(rec, given)
                for c in DATE_COLUMNS:
                    row[c] = _date(row[c])
                row.update(_nested(rec))
                rows.append(row)
                stats.written += 1
                if len(rows) >= batch:
                    flush()
            if rows or stats.written == 0:
                flush()
        return stats
