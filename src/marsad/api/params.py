"""Parsing of the values users give the API and the CLI (boxes, numbers), with messages that say what is wrong."""

from __future__ import annotations


def parse_bbox(s: str) -> tuple[float, float, float, float]:
    """'W,S,E,N' in degrees -> (min_lon, min_lat, max_lon, max_lat)."""
    parts = s.split(",")
    if len(parts) != 4:
        raise ValueError(f"bbox must be four numbers W,S,E,N, got {s!r}")
    try:
        w, so, e, n = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox must be four numbers W,S,E,N, got {s!r}") from None
    if not (-180 <= w <= e <= 180 and -90 <= so <= n <= 90):
        raise ValueError(f"bbox {s!r} is not W <= E within -180..180 and S <= N within -90..90")
    return w, so, e, n
