"""Helpers for the `marsad export` sub-command (the lead wires them into marsad.cli.main).

    sub = subparsers.add_parser("export", help="write stored events as csv, jsonl, geojson or parquet")
    add_export_arguments(sub)
    ...
    return run_export(events_iterable, args)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.export.flatten import EventLike


def add_export_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """--format, --out, --bom (the formats are the registered exporters)."""
    from marsad.export.base import EXPORTERS

    parser.add_argument("--format", "-f", choices=sorted(EXPORTERS), default="csv",
                        help="output format (default csv: ACLED columns, then marsad's extra columns)")
    parser.add_argument("--out", "-o", type=Path, default=None,
                        help="output file (default: standard output; parquet writes bytes there)")
    parser.add_argument("--bom", action="store_true", help="csv: start with a UTF-8 BOM (for Excel)")
    return parser


def run_export(events: Iterable[EventLike], args: argparse.Namespace) -> int:
    """Write `events` as `args` say; reports counts on stderr; returns an exit status."""
    from marsad.export.base import export_with_stats

    out = args.out if args.out is not None else sys.stdout
    stats = export_with_stats(events, args.format, out, bom=getattr(args, "bom", False))
    msg = f"marsad: exported {stats.written} event(s) as {args.format}"
    if stats.skipped:
        msg += f"; skipped {stats.skipped} ({stats.skipped_reason})"
    print(msg, file=sys.stderr)
    return 0
