"""Where each time pattern needs to run: windows of text around its anchors, found in one Aho-Corasick
pass over the normalised view.

Python's regex engine tries a pattern at every character, which made the time stage's cost grow with the
number of patterns times the length of the text. Every match contains one of its pattern's anchors
(patterns.py), starts at most `reach[0]` characters before it and ends, lookaheads included, at most
`reach[1]` characters after it, so running the pattern on the merged windows around its anchors finds
exactly the matches a scan of the whole text finds (look-behinds still see the text before a window).
Patterns with the same anchors and reach share one list of windows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import ahocorasick

from marsad.stages.time.patterns import TimePattern

_CLITICS = "وفبلك"


def _stands_alone(text: str, start: int, end: int) -> bool:
    """[start, end) is a word of its own, at most behind two clitics: "وآب" yes, "كتاب" no."""
    if end < len(text) and text[end].isalpha():
        return False
    p = start
    while p > 0 and start - p < 2 and text[p - 1] in _CLITICS:
        p -= 1
    return p == 0 or not text[p - 1].isalpha()


class Scanner:
    """Anchor automaton of a list of patterns; `matches(text)` yields (pattern index, match)."""

    def __init__(self, patterns: Sequence[TimePattern]):
        self.patterns = list(patterns)
        groups: dict[tuple, int] = {}
        self._group_of: list[int] = []
        for p in self.patterns:
            self._group_of.append(groups.setdefault((p.anchors, p.reach, p.bounded), len(groups)))
        self._reach = [reach for _, reach, _ in groups]
        by_word: dict[str, tuple[list[int], list[int]]] = {}
        for (anchors, _, bounded), gi in groups.items():
            for a in anchors:
                by_word.setdefault(a, ([], []))[bounded].append(gi)
        self._auto = ahocorasick.Automaton()
        for word, (plain, bounded) in by_word.items():
            self._auto.add_word(word, (len(word), tuple(plain), tuple(bounded)))
        self._auto.make_automaton()

    def windows(self, text: str) -> list[list[list[int]]]:
        """Per anchor group, the merged [start, end) windows of `text` around its anchors."""
        out: list[list[list[int]]] = [[] for _ in self._reach]
        n = len(text)
        reach = self._reach
        for last, (ln, plain, bounded) in self._auto.iter(text):
            end = last + 1
            if bounded and _stands_alone(text, end - ln, end):
                gis = plain + bounded
            elif plain:
                gis = plain
            else:
                continue
            for gi in gis:
                before, after = reach[gi]
                s, e = end - ln - before, end + after
                ws = out[gi]
                if ws and s <= ws[-1][1]:
                    w = ws[-1]
                    if e > w[1]:
                        w[1] = e
                    if s < w[0]:
                        w[0] = s
                else:
                    ws.append([s, e])
        for gi, ws in enumerate(out):
            for w in ws:
                w[0] = max(0, w[0])
                e = min(n, w[1])
                while e < n and (text[e].isalnum() or text[e] == "_"):
                    e += 1  # never cut a word: "غداه" must not end as "غدا" at a window's edge
                w[1] = e
            if len(ws) > 1:  # a long anchor may start before the window it extends: merge again
                ws.sort()
                merged = [ws[0]]
                for w in ws[1:]:
                    if w[0] <= merged[-1][1]:
                        merged[-1][1] = max(merged[-1][1], w[1])
                    else:
                        merged.append(w)
                out[gi] = merged
        return out

    def matches(self, text: str, whole: bool = False) -> Iterator[tuple[int, re.Match[str]]]:
        """Every match of every pattern in `text`; whole=True scans the whole text (the reference that
        tests hold the anchored scan to)."""
        wins = None if whole else self.windows(text)
        for i, p in enumerate(self.patterns):
            spans = [[0, len(text)]] if wins is None else wins[self._group_of[i]]
            for ws, we in spans:
                for m in p.regex.finditer(text, ws, we):
                    yield i, m
