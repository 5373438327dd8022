"""The place stage's cue tables (places_cues.json, folded once per gazetteer) and the word steps it reads
context with."""

from __future__ import annotations

import re

from marsad.resources.gazetteer import Gazetteer
from marsad.text.match import is_word_char
from marsad.text.normalize import fold


class Cues:
    """Folded cue tables, built once per Gazetteer and cached on it. Besides the cue words, the letters and
    short lists the code tests (clitics, the article, و, ...) come from places_cues.json too."""

    def __init__(self, raw: dict):
        def words(key: str) -> list[str]:
            return [fold(w) for w in raw[key]["words"]]

        def one(key: str) -> str:
            (w,) = words(key)
            return w

        self.clitics = tuple(words("clitics"))  # in the order they are tried
        self.article, self.conjunction, self.lam, self.lil = one("article"), one("conjunction"), one("lam"), one("lil")
        self.not_conjunction = tuple(words("not_conjunction"))
        self.locative_clitics = tuple(words("locative_clitics"))
        self.rare_clitics = frozenset(words("rare_clitics"))
        self.distance_units = frozenset(words("distance_units"))
        self.nationality_clitics = frozenset(words("nationality_clitics"))
        self.capital_word = one("capital_word")
        self.capital_clitics = frozenset(words("capital_clitics"))
        self.countryside_word = one("countryside_word")
        self.unknown_name_cues = {fold(k): v for k, v in raw["unknown_name_cues"]["words"].items()}
        # a whole word that is such a cue, with or without one proclitic, before a space: where unknown_named
        # looks, in one pass, instead of stripping every word of the text
        self.unknown_cue_re = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(c) for c in self.clitics) + r")?(?:"
            + "|".join(re.escape(w) for w in sorted(self.unknown_name_cues, key=len, reverse=True)) + r")(?= )")
        self.nest_gaps = frozenset(raw["nest_gaps"]["words"])  # compared with the original text: as written
        self.translit = dict(raw["translit"]["letters"])
        feminine = one("feminine_ending")
        self.types = {fold(k): tuple(v) for k, v in raw["types"].items()}
        self.preps = frozenset(fold(w) for w in raw["preps"])
        self.relative = frozenset(fold(w) for w in raw["relative"])
        self.directions = {fold(k): v for k, v in raw["directions"].items()}
        self.nationality = {fold(k): v for k, v in raw["nationality"].items()}
        self.not_names = frozenset(fold(w) for w in raw["not_names"])
        self.generic = frozenset(fold(w) for w in raw.get("generic", ()))
        self.land_nouns = frozenset(fold(w) for w in raw.get("land_nouns", ()))
        self.noun_followers = frozenset(fold(w) for w in raw.get("noun_followers", ()))
        self.compound_heads = frozenset(fold(w) for w in raw.get("compound_heads", ()))
        self.adjective_blockers: dict[str, frozenset[str]] = {}
        for adj, heads in raw.get("adjective_blockers", {}).items():
            block = frozenset(fold(h) for h in heads)
            for form in (fold(adj), fold(adj) + feminine):
                self.adjective_blockers[form] = block
        self.border_before = tuple(sorted({fold(w) for w in raw.get("border_before", ())}, key=len, reverse=True))
        self.list_openers = frozenset(fold(w) for w in raw.get("list_openers", ()))
        # a list opener with an optional clitic, followed by a space or a colon
        self.list_opener_re = re.compile(r"(?<!\w)(?:" + "|".join(sorted(self.clitics, key=len, reverse=True)) + r")?(?:"
                                         + "|".join(re.escape(w) for w in sorted(self.list_openers, key=len,
                                                                                 reverse=True)) + r")(?=[ :])")
        self.list_adjectives = frozenset(fold(w) for w in raw.get("list_adjectives", ()))
        self.nationwide = tuple(sorted({fold(w) for w in raw.get("nationwide", ())}, key=len, reverse=True))
        # a whole word (a run of letters) that is a nationality adjective, else one with a proclitic: the
        # adjectives are found in one pass instead of stripping every word of the text (strip's order kept)
        nats = "|".join(re.escape(w) for w in sorted(self.nationality, key=len, reverse=True))
        clit = "|".join(re.escape(c) for c in self.clitics)
        self.nationality_re = re.compile(rf"(?<![^\W\d_])(?:(?P<bare>{nats})|(?:{clit})(?P<clitic>{nats}))"
                                         rf"(?![^\W\d_])")
        self.by_iso: dict[str, set[str]] = {}
        for k, v in self.nationality.items():
            self.by_iso.setdefault(v, set()).add(k)

    def strip(self, word: str, table) -> str | None:
        """The word itself or without a proclitic, if that form is in `table`."""
        if word in table:
            return word
        for c in self.clitics:
            if word.startswith(c) and word[len(c):] in table:
                return word[len(c):]
        return None

    def latin(self, ar: str) -> str:
        """A rough Latin spelling for a name the gazetteer lacks: "كفر نوران" -> "Kfr Nwran", "الفطيره" -> "Al-Ftyrh"."""
        words = []
        art, table = self.article, self.translit
        for w in ar.split():
            has_art = w.startswith(art) and len(w) > 3
            s = "".join(table.get(c, c) for c in (w[len(art):] if has_art else w))
            words.append(("Al-" if has_art else "") + s[:1].upper() + s[1:])
        return " ".join(words)



def cues_of(gaz: Gazetteer) -> Cues:
    """The cue tables of `gaz`, built on first use and cached on it."""
    c = getattr(gaz, "_cue_cache", None)
    if c is None:
        c = Cues(gaz.cues)
        gaz._cue_cache = c  # immutable derived view of gaz.cues; safe to share
    return c


def prev_words(text: str, pos: int, n: int = 2) -> list[tuple[int, str]]:
    """Up to n words before normalised offset `pos`, nearest first, as (start, word)."""
    out: list[tuple[int, str]] = []
    i = pos
    while len(out) < n:
        while i > 0 and not is_word_char(text[i - 1]):
            if text[i - 1] in ".!?\n":  # the normalised text: an Arabic question mark is "?" there
                return out
            i -= 1
        j = i
        while j > 0 and is_word_char(text[j - 1]):
            j -= 1
        if j == i:
            break
        out.append((j, text[j:i]))
        i = j
    return out


def next_word(text: str, pos: int) -> tuple[int, int, str]:
    """(start, end, word) of the word after normalised `pos`, spaces skipped; an empty word at a non-letter."""
    i = pos
    while i < len(text) and text[i] == " ":
        i += 1
    j = i
    while j < len(text) and is_word_char(text[j]):
        j += 1
    return i, j, text[i:j]
