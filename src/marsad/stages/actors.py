"""Stage `actors` (placeholder until the actor stage lands: recognises nothing)."""

from __future__ import annotations


def find_actors(doc, res) -> None:
    doc.actors = []
