"""Normalisation for matching, with an exact offset map back to the original text.

The normalised view folds what Arabic news spells inconsistently (diacritics, tatweel, alef/hamza forms,
alef maqsura, ta marbuta, Arabic-Indic and Persian digits, Arabic punctuation, bidi controls, NBSP, the
many quote marks) and lower-cases Latin letters. Every original character maps to exactly one or zero
normalised characters, so a span of the normalised view maps back to the original by two array look-ups:

    >>> nt = CharMap.default().normalize("قُوّات")
    >>> nt.text
    'قوات'
    >>> nt.to_original(0, 4)
    (0, 6)
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources as ir


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised view of `original`; `origin[i]` is the original index of normalised char `i`."""

    original: str
    text: str
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normalised span to the half-open original span that produced it."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def to_norm(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span to the normalised span covering the same characters."""
        return bisect_left(self.origin, start), bisect_left(self.origin, end)


_KEPT = re.compile(r"[^\0]+")
_REPEATED_SPACE = re.compile(r"(?<=[ \n]) +")


_SCRIPT_ENTRIES = frozenset({"article", "lam_article", "conjunctions", "prepositions", "future_prefix", "and",
                             "pronoun_suffixes", "tatweel", "punctuation", "letters", "open_ta"})


@dataclass(frozen=True, slots=True)
class Script:
    """Letters, clitics and marks of Arabic script that code handles one by one (charmap.json, "script";
    each entry's "about" says where it is used). `letters`, `punctuation` and `tatweel` are as written, the
    rest folded."""

    article: str = ""  # "ال"
    lam: str = ""  # the preposition ل, which takes the article as `lam_article`
    lam_article: str = ""  # "لل" (ل + ال)
    conjunctions: tuple[str, ...] = ()  # و ف
    prepositions: tuple[str, ...] = ()  # ب ل ك
    future_prefix: str = ""  # س
    and_: str = ""  # و
    pronoun_suffixes: tuple[str, ...] = ()
    tatweel: str = ""
    punctuation: str = ""  # Arabic punctuation marks, one string
    letters: dict[str, str] = field(default_factory=dict)  # name -> letter, unfolded
    ta_folded: str = ""  # the folded ة ("ه") ending a noun ...
    ta_open: str = ""  # ... written "ت" before an ending: "غارتين", "ضربتها"
    ta_endings: tuple[str, ...] = ()  # the endings after that ت: the dual and the attached pronouns

    @classmethod
    def from_data(cls, data: dict, fold_: Callable[[str], str]) -> Script:
        """From charmap.json's "script" section; an entry missing or not read here is an error."""
        names = set(data) - {"about"}
        if names != _SCRIPT_ENTRIES:
            raise ValueError(f"charmap.json script: missing {sorted(_SCRIPT_ENTRIES - names)}, "
                             f"unused {sorted(names - _SCRIPT_ENTRIES)}")

        def one(key: str) -> str:
            return fold_(data[key]["value"])

        def many(key: str) -> tuple[str, ...]:
            out = tuple(fold_(v) for v in data[key]["value"])
            if len(set(out)) != len(out):
                raise ValueError(f"charmap.json script: {key!r} repeats an entry")
            return out

        lam = data["lam_article"]
        return cls(one("article"), fold_(lam["preposition"]), fold_(lam["written"]), many("conjunctions"),
                   many("prepositions"), one("future_prefix"), one("and"), many("pronoun_suffixes"),
                   data["tatweel"]["value"], "".join(data["punctuation"]["value"]),
                   {k: v for k, v in data["letters"].items() if k != "about"},
                   fold_(data["open_ta"]["folded"]), fold_(data["open_ta"]["open"]),
                   tuple(fold_(e) for e in data["open_ta"]["endings"]))


class CharMap:
    """The character table from resources/data/charmap.json (reviewable data, not code)."""

    def __init__(self, delete: set[str], mapping: dict[str, str], script: dict | None = None):
        self.delete = delete
        self.mapping = mapping
        self._table = {ord(c): "" for c in delete} | {ord(k): v for k, v in mapping.items()}
        # normalize()'s fast path: one str.translate keeping every position (a deleted character becomes a
        # NUL, removed afterwards); valid while no target changes when lowered (non-ASCII targets are not)
        self._keep_len = {ord(c): "\0" for c in delete} | {ord(k): v for k, v in mapping.items()}
        self._fast = all(v.isascii() or v.lower() == v for v in mapping.values())
        self.script = Script.from_data(script, self.fold) if script else Script()

    @classmethod
    def load(cls, path: str | None = None) -> CharMap:
        if path is None:
            raw = ir.files("marsad.resources").joinpath("data/charmap.json").read_text("utf-8")
        else:
            with open(path, encoding="utf-8") as fh:
                raw = fh.read()
        data = json.loads(raw)
        mapping = data["map"]
        bad = [k for k, v in mapping.items() if len(k) != 1 or len(v) != 1]
        if bad:
            raise ValueError(f"charmap entries must map one char to one char: {bad[:5]}")
        return cls(set(data["delete"]), mapping, data.get("script"))

    _default: CharMap | None = None

    @classmethod
    def default(cls) -> CharMap:
        # Cached on the class (not a module global): the table is immutable, so sharing it is safe.
        if cls._default is None:
            cls._default = cls.load()
        return cls._default

    def fold(self, s: str) -> str:
        """Normalise a string (lexicon entries, queries) without keeping offsets."""
        out = " ".join(s.translate(self._table).split(" "))
        while "  " in out:
            out = out.replace("  ", " ")
        low = out.lower()
        if len(low) == len(out):       # no character lowered to two (as "İ" does): each one mapped to one
            return low
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)

    def normalize(self, text: str) -> NormText:
        """`text` mapped by the table, lowered, with runs of spaces collapsed, and the offset map back."""
        if not self._fast or "\0" in text:
            return self.normalize_slow(text)
        mapped = text.translate(self._keep_len)
        low = mapped.lower()
        if len(low) != len(mapped):     # a character lowers to two ("İ"): the character-by-character path
            return self.normalize_slow(text)
        if "\0" in low:
            origin: list[int] = []
            for m in _KEPT.finditer(low):
                origin.extend(range(m.start(), m.end()))
            low = low.replace("\0", "")
        else:
            origin = list(range(len(low)))
        if "  " not in low and "\n " not in low:
            return NormText(text, low, tuple(origin))
        pieces, kept, at = [], [], 0
        for m in _REPEATED_SPACE.finditer(low):   # a space after a space or a newline goes
            pieces.append(low[at:m.start()])
            kept.extend(origin[at:m.start()])
            at = m.end()
        pieces.append(low[at:])
        kept.extend(origin[at:])
        return NormText(text, "".join(pieces), tuple(kept))

    def normalize_slow(self, text: str) -> NormText:
        """normalize() one character at a time: the reference the fast path is tested against."""
        chars: list[str] = []
        origin: list[int] = []
        table = self._table
        for i, c in enumerate(text):
            r = table.get(ord(c), c)
            if r == "":
                continue
            if r is c and not c.isascii():
                low = c.lower()
                if len(low) == 1:
                    r = low
            elif r.isascii():
                r = r.lower()
            if r == " " and chars and chars[-1] in " \n":
                continue  # collapse runs of spaces so multi-word lexicon entries match
            chars.append(r)
            origin.append(i)
        return NormText(text, "".join(chars), tuple(origin))


def fold(s: str) -> str:
    """Shorthand for `CharMap.default().fold(s)`."""
    return CharMap.default().fold(s)


def script() -> Script:
    """Shorthand for `CharMap.default().script`: the article, clitics and marks (charmap.json, "script")."""
    return CharMap.default().script


def is_arabic(c: str) -> bool:
    """Whether a character is in the Arabic block (letters, marks, digits, punctuation: U+0600-U+06FF).
    The block's bounds are code points, a fact of Unicode rather than language data."""
    return 0x0600 <= ord(c) <= 0x06FF


def has_arabic(s: str | None) -> bool:
    """Whether a text is (partly) in Arabic script, e.g. a name that still has no English form."""
    return bool(s and any(is_arabic(c) for c in s))
