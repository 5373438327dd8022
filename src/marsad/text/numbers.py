"""Arabic number words: cardinals, ordinals and tens, as written in news text.

The words live in resources/data/time_numbers.tsv; this module turns them into one regex (over the
normalised view, see text.normalize) and parses a matched phrase to its value:

    >>> nw = NumberWords.load()
    >>> nw.parse(fold("الثالث والعشرين")), nw.parse(fold("ثلاثة عشر")), nw.parse(fold("ستة"))
    (23, 13, 6)
"""

from __future__ import annotations

import re

from marsad.resources.registry import read_tsv
from marsad.text.normalize import fold, script


class NumberWords:
    """Folded number words -> (value, kind); `pattern` is regex source for a whole number phrase."""

    def __init__(self, rows: list[tuple[str, int, str]]):
        self.words: dict[str, tuple[int, str]] = {}
        for form, value, kind in rows:
            self.words[fold(form)] = (value, kind)
        sc = script()
        self._article, self._and = sc.article, sc.and_  # "ال", "و"
        forms = sorted(self.words, key=len, reverse=True)
        word = f"(?:{sc.article})?(?:" + "|".join(re.escape(f) for f in forms) + ")"
        # up to three words: "الحادي عشر", "الثالث والعشرين", "ثلاثة و عشرين"
        self.pattern = rf"{word}(?:\s+(?:{sc.and_}\s*)?{word}(?!\w)){{0,2}}(?!\w)"
        self.regex = re.compile(rf"(?<!\w){self.pattern}")

    @classmethod
    def load(cls) -> NumberWords:
        rows = [(r["form"], int(r["value"]), r["kind"]) for r in read_tsv("time_numbers.tsv")]
        return cls(rows)

    def _lookup(self, tok: str) -> tuple[int, str] | None:
        for cand in (tok, tok[len(self._article):] if tok.startswith(self._article) else None):
            if cand and cand in self.words:
                return self.words[cand]
        return None

    def parse(self, phrase: str) -> int | None:
        """Value of a folded number phrase, or None when it is not one. "الحادي عشر" -> 11."""
        total = 0
        last_kind = ""
        for raw in phrase.split():
            tok = raw
            hit = self._lookup(tok)
            if hit is None and tok.startswith(self._and) and len(tok) > 1:
                hit = self._lookup(tok[1:])
            if hit is None:
                if tok == self._and:
                    continue
                return None
            value, kind = hit
            if kind == "ten" and last_kind in ("unit", "ord"):
                total += 10  # "ثلاثة عشر", "الحادي عشر"
            elif kind in ("hundred", "thousand") and last_kind == "unit" and 0 < total < 10:
                total *= value  # three hundred
            else:
                total += value
            last_kind = kind
        return total or None

    def is_ordinal(self, phrase: str) -> bool:
        """True for "الثالث", "الحادي والعشرين" (an ordinal word, or tens with the article)."""
        for tok in phrase.split():
            tok = tok[1:] if tok.startswith(self._and) and self._lookup(tok) is None else tok
            hit = self._lookup(tok)
            if hit and (hit[1] == "ord" or (hit[1] == "tens" and tok.startswith(self._article))):
                return True
        return False
