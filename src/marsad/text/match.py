"""Clitic-aware lexicon matching over the normalised view.

Arabic attaches conjunctions, prepositions and the article to the front of a word and pronouns to its end,
so "قسد" must match in "وقسد", "الحسكة" in "بالحسكة" and "للحسكة", and "استهدف" in "واستهدفت" when the
entry allows inflection. Entries are folded with the same CharMap as documents; matching uses one
Aho-Corasick automaton and checks word boundaries and clitics afterwards.

    >>> lx = Lexicon([("الحسكة", "hasakah")])
    >>> [(m.start, m.end, m.prefix) for m in lx.find(fold("وصلت للحسكة اليوم"))]
    [(6, 11, 'ل')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from marsad.model.spans import Taken
from marsad.text.normalize import fold

T = TypeVar("T")


def _prefixes() -> frozenset[str]:
    out = set()
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ل", "ك", "س"):
            for art in ("", "ال"):
                if prep == "س" and art:
                    continue
                out.add(conj + ("لل" if prep == "ل" and art else prep + art))
    return frozenset(out)


PREFIXES = _prefixes()
PRON_SUFFIXES = frozenset({"", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "نا", "ي", "ني"})
MAX_PREFIX = max(map(len, PREFIXES))
MAX_SUFFIX = 24     # the longest inflection an "any" entry takes; a longer run of letters is not one word
SUFFIX_MODES = ("none", "pron", "any")


_WORD_PREFIX = r"(?:و|ف)?(?:ب|ل|ك)?(?:ال|ل)?"  # a conjunction, a preposition and the article, each optional


def word_pattern(words: Iterable[str], endings: bool = False) -> re.Pattern[str]:
    """One regular expression for a word list, matched as whole words in folded text with an optional
    conjunction, preposition and article before them ("والمدنيين" for "مدنيين"); an entry written with the
    article matches without it too. `endings`: any ending may follow ("محتج" -> "محتجون")."""
    forms = {fold(w) for w in words}
    bare = sorted({f[2:] if f.startswith("ال") and len(f) > 4 else f for f in forms}, key=len, reverse=True)
    tail = r"\w*" if endings else ""
    return re.compile(r"(?<!\w)" + _WORD_PREFIX + "(?:" + "|".join(re.escape(f) for f in bare) + ")" + tail
                      + r"(?!\w)")


def phrase_alternation(forms: Iterable[str]) -> str:
    """The alternation (no group) of folded phrases, longest first; a space inside a phrase matches any
    run of blanks."""
    keys = sorted({f for f in forms if f}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in k.split()) for k in keys)


def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A lexicon hit in normalised coordinates. `start`/`end` cover the entry (plus any inflection)."""

    start: int
    end: int
    key: str
    values: tuple[T, ...]
    prefix: str = ""
    suffix: str = ""

    @property
    def word_start(self) -> int:
        return self.start - len(self.prefix)


class Lexicon(Generic[T]):
    """Maps folded surface forms to values; several values may share one form (ambiguous aliases).

    Entries are `(surface, value)` or `(surface, value, suffix_mode)`; the mode defaults to `suffixes`.
    """

    def __init__(self, entries: Iterable[tuple[str, T] | tuple[str, T, str]], suffixes: str = "pron",
                 min_len: int = 2):
        if suffixes not in SUFFIX_MODES:
            raise ValueError(f"suffixes must be one of {SUFFIX_MODES}")
        self.suffixes = suffixes
        table: dict[str, list[T]] = {}
        modes: dict[str, str] = {}
        for entry in entries:
            surface, value = entry[0], entry[1]
            mode = entry[2] if len(entry) > 2 else suffixes
            if mode not in SUFFIX_MODES:
                raise ValueError(f"suffix mode of {surface!r} must be one of {SUFFIX_MODES}")
            key = fold(surface).strip()
            if len(key) < min_len:
                continue
            vals = table.setdefault(key, [])
            if value not in vals:
                vals.append(value)
            # the most permissive mode wins when a form is listed twice
            if SUFFIX_MODES.index(mode) > SUFFIX_MODES.index(modes.get(key, "none")):
                modes[key] = mode
            modes.setdefault(key, mode)
        self.table: dict[str, tuple[T, ...]] = {k: tuple(v) for k, v in table.items()}
        self._auto = ahocorasick.Automaton()
        for key, found in self.table.items():
            self._auto.add_word(key, (key, found, False, modes[key]))
            # "لل" + noun: the preposition swallows the article's alef ("الحسكة" -> "للحسكة")
            if key.startswith("ال") and len(key) > 3:
                lil = key[1:]
                if lil not in self.table:
                    self._auto.add_word(lil, (key, found, True, modes[key]))
        if self.table:
            self._auto.make_automaton()

    def __len__(self) -> int:
        return len(self.table)

    def get(self, surface: str) -> tuple[T, ...]:
        return self.table.get(fold(surface), ())

    def _candidates(self, text: str) -> Iterator[Match[T]]:
        # Word boundaries are looked for a few characters around each hit only (a clitic run is at most
        # MAX_PREFIX long, an inflection at most MAX_SUFFIX), so a text without spaces costs no more than
        # any other: the work is linear in the number of hits, never in the length of the word around them.
        if not self.table:
            return
        n = len(text)
        for end_idx, (key, vals, lil, mode) in self._auto.iter(text):
            surface_len = len(key) - 1 if lil else len(key)
            start, end = end_idx - surface_len + 1, end_idx + 1
            ws, stop = start, max(0, start - MAX_PREFIX - 1)
            while ws > stop and is_word_char(text[ws - 1]):
                ws -= 1
            if ws > 0 and is_word_char(text[ws - 1]):
                continue  # a longer run of letters before the entry: not a clitic, another word
            prefix = text[ws:start]
            if lil:
                if prefix not in ("ل", "ول", "فل"):
                    continue
            elif prefix not in PREFIXES or (prefix.endswith("ال") and key.startswith("ال")):
                continue
            we, stop = end, min(n, end + MAX_SUFFIX + 1)
            while we < stop and is_word_char(text[we]):
                we += 1
            suffix = text[end:we]
            if suffix and not (is_word_char(key[-1])):
                suffix = ""  # entry ends in punctuation: no inflection to check
            elif suffix:
                if mode == "none" or (mode == "pron" and suffix not in PRON_SUFFIXES) or len(suffix) > MAX_SUFFIX:
                    continue
                end = we
            yield Match(start, end, key, vals, prefix, suffix)

    def find_all(self, text: str) -> list[Match[T]]:
        """Every valid hit, overlapping ones included."""
        return sorted(self._candidates(text), key=lambda m: (m.start, -(m.end - m.start)))

    def find(self, text: str) -> list[Match[T]]:
        """Leftmost-longest, non-overlapping hits."""
        out: list[Match[T]] = []
        cands = sorted(self._candidates(text), key=lambda m: (-(m.end - m.start), m.start, len(m.suffix)))
        taken = Taken()
        for m in cands:
            if taken.take(m.start, m.end):
                out.append(m)
        out.sort(key=lambda m: m.start)
        return out
