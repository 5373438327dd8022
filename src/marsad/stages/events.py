"""Stage `events` (placeholder)."""

from __future__ import annotations


class TriggerLexicon:
    @classmethod
    def load(cls) -> "TriggerLexicon":
        return cls()


def find_events(doc, res) -> None:
    doc.events = []
