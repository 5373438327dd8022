"""Stage `furniture` (placeholder)."""

from __future__ import annotations


def mark_furniture(doc, res) -> None:
    doc.furniture = []
