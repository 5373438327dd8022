"""Stage `places` (placeholder until the place stage lands: recognises nothing)."""

from __future__ import annotations


def find_places(doc, res) -> None:
    doc.places = []
