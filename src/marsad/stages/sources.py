"""English descriptions of unnamed sources: "مصادر محلية" -> "Local sources", "مصدر أمني عراقي" ->
"Security source (Iraq)", "شهود عيان" -> "Witnesses".

A statement attributed to an unnamed source is still an attributed statement (corpus/GUIDELINES.md: every
attributed statement); a user filtering quotes needs to know who the source is, in English. The head noun
and its adjectives come from resources/data/sources_en.json; a nationality adjective becomes the country in
parentheses (from the actor table's nationality words), as for the other actors.

    >>> s = SourceNames.load()
    >>> s.describe("مصادر محلية"), s.describe("مصدر أمني عراقي"), s.describe("شهود عيان")
    ('Local sources', 'Security source (Iraq)', 'Witnesses')
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.resources.registry import read_json, read_tsv
from marsad.text.normalize import fold

_ENDINGS = ("", "ه", "ون", "ين", "ان", "يه", "يون", "يين")
_CLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فل")


def _bare(word: str) -> str:
    for c in sorted(_CLITICS, key=len, reverse=True):
        if word.startswith(c + "ال") and len(word) > len(c) + 3:
            return word[len(c) + 2:]
    if word.startswith("ال") and len(word) > 4:
        return word[2:]
    if word[:1] in ("و", "ف") and len(word) > 4:
        return word[1:]
    return word


@dataclass(frozen=True)
class SourceNames:
    heads: dict[str, str]  # folded, bare form -> English
    adjectives: dict[str, str]  # folded stem + ending -> English
    nationality: dict[str, str]  # folded stem + ending -> country

    @classmethod
    def load(cls) -> SourceNames:
        data = read_json("sources_en.json")
        heads = {" ".join(_bare(w) for w in fold(k).split()): v for k, v in data["heads"]["forms"].items()}
        adjs: dict[str, str] = {}
        for k, v in data["adjectives"]["forms"].items():
            stem = fold(k)
            for e in _ENDINGS:
                adjs.setdefault(stem + e, v)
        nat: dict[str, str] = {}
        for row in read_tsv("actors_countries.tsv"):
            for stem in row.get("adj_ar", "").split("|"):
                stem = fold(stem.lstrip("?").strip())
                if stem:
                    for e in _ENDINGS:
                        nat.setdefault(stem + e, row["name"])
        return cls(heads, adjs, nat)

    def describe(self, phrase: str) -> str | None:
        """The English description of an unnamed-source phrase, or None when it does not open with a head."""
        words = [_bare(w) for w in fold(phrase).split()]
        if not words:
            return None
        head, n = None, 0
        for size in (2, 1):
            key = " ".join(words[:size])
            if len(words) >= size and key in self.heads:
                head, n = self.heads[key], size
                break
        if head is None:
            return None
        mods: list[str] = []
        country = None
        for w in words[n:n + 4]:
            if w in self.adjectives:
                if self.adjectives[w] and self.adjectives[w] not in mods:
                    mods.append(self.adjectives[w])
            elif w in self.nationality and country is None:
                country = self.nationality[w]
            else:
                break
        text = " ".join([*mods, head])
        text = text[:1].upper() + text[1:]
        return f"{text} ({country})" if country else text
