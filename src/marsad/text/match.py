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
from functools import cache
from typing import Generic, TypeVar

import ahocorasick

from marsad.model.spans import Taken
from marsad.text.normalize import Script, fold, script

T = TypeVar("T")


@cache
def clitics() -> Clitics:
    """The clitic runs and pronoun suffixes of the script table (charmap.json, "script"), built once, at
    first use."""
    return Clitics.of(script())


@dataclass(frozen=True, slots=True)
class Clitics:
    """What may stand before and after a lexicon entry, from the letters of `Script`."""

    prefixes: frozenset[str]  # clitic runs before an entry: "", "و", "وب", "بال", "فلل", "وس" ...
    lam_prefixes: frozenset[str]  # runs ending in the ل that takes the article as لل: "ل", "ول", "فل"
    pron_suffixes: frozenset[str]  # "", "ه", "ها", "هم" ...
    word_prefix: str  # regex: a conjunction, a preposition and the article, each optional
    max_prefix: int

    @classmethod
    def of(cls, sc: Script) -> Clitics:
        out = set()
        for conj in ("", *sc.conjunctions):
            for prep in ("", *sc.prepositions, sc.future_prefix):
                for art in ("", sc.article):
                    if prep == sc.future_prefix and art:
                        continue
                    out.add(conj + (sc.lam_article if prep == sc.lam and art else prep + art))
        # after ل the article is its lam alone ("لل"): the third slot of "والمدنيين", "للمدنيين"
        article_after_lam = sc.lam_article.removeprefix(sc.lam)
        word_prefix = (f"(?:{'|'.join(sc.conjunctions)})?(?:{'|'.join(sc.prepositions)})?"
                       f"(?:{sc.article}|{article_after_lam})?")
        return cls(frozenset(out), frozenset(conj + sc.lam for conj in ("", *sc.conjunctions)),
                   frozenset({"", *sc.pronoun_suffixes}), word_prefix, max(map(len, out)))


MAX_SUFFIX = 24     # the longest inflection an "any" entry takes; a longer run of letters is not one word
SUFFIX_MODES = ("none", "pron", "any")
_OPEN_TA = "open_ta"  # the automaton's mode for an entry's stem in ت: it must take one of Script.ta_endings


def word_pattern(words: Iterable[str], endings: bool = False) -> re.Pattern[str]:
    """One regular expression for a word list, matched as whole words in folded text with an optional
    conjunction, preposition and article before them ("والمدنيين" for "مدنيين"); an entry written with the
    article matches without it too. `endings`: any ending may follow ("محتج" -> "محتجون")."""
    forms = {fold(w) for w in words}
    art = script().article
    bare = sorted({f[len(art):] if f.startswith(art) and len(f) > 4 else f for f in forms}, key=len, reverse=True)
    tail = r"\w*" if endings else ""
    return re.compile(r"(?<!\w)" + clitics().word_prefix + "(?:" + "|".join(re.escape(f) for f in bare) + ")"
                      + tail + r"(?!\w)")


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
    With `open_ta`, an entry in ة ("غارة") also matches its stem in ت with the dual or a pronoun ("غارتين",
    "ضربتها"): for event words; names keep their ة ("حماة" is no "حماته").
    """

    def __init__(self, entries: Iterable[tuple[str, T] | tuple[str, T, str]], suffixes: str = "pron",
                 min_len: int = 2, open_ta: bool = False):
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
        self._clitics = clitics()
        sc = script()
        self._article = article = sc.article
        self._ta_endings = frozenset(sc.ta_endings)
        self._auto = ahocorasick.Automaton()
        for key, found in self.table.items():
            self._auto.add_word(key, (key, found, False, modes[key]))
            # `open_ta`: a word in ة writes it ت before the dual or a pronoun: "غارة" -> "غارتين", "ضربتها"
            # (event words; not names, where "حماة" would match "حماته")
            if open_ta and sc.ta_folded and key.endswith(sc.ta_folded) and len(key) > 2 and modes[key] != "none":
                stem = key[:-1] + sc.ta_open
                if stem not in self.table:
                    self._auto.add_word(stem, (key, found, False, _OPEN_TA))
            # "لل" + noun: the preposition swallows the article's alef ("الحسكة" -> "للحسكة")
            if key.startswith(article) and len(key) > 3:
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
        # max_prefix long, an inflection at most MAX_SUFFIX), so a text without spaces costs no more than
        # any other: the work is linear in the number of hits, never in the length of the word around them.
        if not self.table:
            return
        n = len(text)
        cl = self._clitics
        prefixes, lam_prefixes, pron_suffixes = cl.prefixes, cl.lam_prefixes, cl.pron_suffixes
        max_prefix = cl.max_prefix
        article = self._article
        for end_idx, (key, vals, lil, mode) in self._auto.iter(text):
            surface_len = len(key) - 1 if lil else len(key)
            start, end = end_idx - surface_len + 1, end_idx + 1
            ws, stop = start, max(0, start - max_prefix - 1)
            while ws > stop and is_word_char(text[ws - 1]):
                ws -= 1
            if ws > 0 and is_word_char(text[ws - 1]):
                continue  # a longer run of letters before the entry: not a clitic, another word
            prefix = text[ws:start]
            if lil:
                if prefix not in lam_prefixes:
                    continue
            elif prefix not in prefixes or (prefix.endswith(article) and key.startswith(article)):
                continue
            we, stop = end, min(n, end + MAX_SUFFIX + 1)
            while we < stop and is_word_char(text[we]):
                we += 1
            suffix = text[end:we]
            if mode == _OPEN_TA:
                if suffix not in self._ta_endings:
                    continue  # "غارت" must go on as "غارتين" / "غارتها"
                end = we
            elif suffix and not (is_word_char(key[-1])):
                suffix = ""  # entry ends in punctuation: no inflection to check
            elif suffix:
                if mode == "none" or (mode == "pron" and suffix not in pron_suffixes) or len(suffix) > MAX_SUFFIX:
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
