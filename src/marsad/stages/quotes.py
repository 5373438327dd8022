"""Stage `quotes` (placeholder until the quote stage lands: recognises nothing)."""

from __future__ import annotations


class CueLexicon:
    @classmethod
    def load(cls) -> "CueLexicon":
        return cls()


def find_quotes(doc, res) -> None:
    doc.quotes = []
