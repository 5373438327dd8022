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

DATA = "sources_en.json"


@dataclass(frozen=True)
class Bare:
    """Takes the clitics and the article off a folded word ("بالبلدية" -> "بلديه"); the letters are data
    (clitics, article, conjunctions of sources_en.json)."""

    clitics: tuple[str, ...]  # longest first
    article: str
    conjunctions: frozenset[str]

    @classmethod
    def from_data(cls, data: dict) -> Bare:
        clitics = [fold(w) for w in data["clitics"]["words"]]
        return cls(tuple(sorted(clitics, key=len, reverse=True)), fold(data["article"]["words"][0]),
                   frozenset(fold(w) for w in data["conjunctions"]["words"]))

    def __call__(self, word: str) -> str:
        art = self.article
        for c in self.clitics:
            if word.startswith(c + art) and len(word) > len(c) + 3:
                return word[len(c) + len(art):]
        if word.startswith(art) and len(word) > 4:
            return word[len(art):]
        if word[:1] in self.conjunctions and len(word) > 4:
            return word[1:]
        return word


@dataclass(frozen=True)
class SourceNames:
    heads: dict[str, str]  # folded, bare form -> English
    adjectives: dict[str, str]  # folded stem + ending -> English
    nationality: dict[str, str]  # folded stem + ending -> country
    of_nouns: dict[str, str]  # folded body without the article -> English word ("شرطه" -> "police")
    of_skip: frozenset[str]  # "قياده", "مديريه": passed over between the preposition and the body
    bare: Bare  # clitics and article off a folded word
    of_preps: frozenset[str]  # "في", "من", "داخل": between a head and its body
    of_clitic: str  # "ب" glued to the body: "بالبلدية"
    plural_relative: tuple[str, ...]  # "يون", "يين": "الميدانيين" describes people
    modifier_endings: tuple[str, ...]  # "ه", "ون", "ين", "ان": "أمنيون", "المحلية" describe people

    @classmethod
    def load(cls) -> SourceNames:
        data = read_json(DATA)

        def words(key: str) -> list[str]:
            return [fold(w) for w in data[key]["words"]]

        bare = Bare.from_data(data)
        endings = words("endings")
        heads = {" ".join(bare(w) for w in fold(k).split()): v for k, v in data["heads"]["forms"].items()}
        adjs: dict[str, str] = {}
        for k, v in data["adjectives"]["forms"].items():
            stem = fold(k)
            for e in endings:
                adjs.setdefault(stem + e, v)
        nat: dict[str, str] = {}
        for row in read_tsv("actors_countries.tsv"):
            for stem in row.get("adj_ar", "").split("|"):
                stem = fold(stem.lstrip("?").strip())
                if stem:
                    for e in endings:
                        nat.setdefault(stem + e, row["name"])
        of = data.get("of_nouns", {"forms": {}, "skip": []})
        of_nouns = {" ".join(bare(w) for w in fold(k).split()): v for k, v in of["forms"].items()}
        return cls(heads, adjs, nat, of_nouns, frozenset(bare(fold(w)) for w in of["skip"]), bare,
                   frozenset(words("of_preps")), words("of_clitic")[0], tuple(words("plural_relative")),
                   tuple(words("modifier_endings")))

    def is_modifier(self, word: str) -> bool:
        """A folded word that describes people rather than names anyone: a known adjective or nationality in
        the plural or the feminine ("أمنيون", "الصوماليين", "المحلية"), or a plural relative adjective of any
        stem with the article ("الميدانيين"). The masculine singular is left alone: "العربي", "المصري" are surnames."""
        w = self.bare(word)
        if w != word and len(w) >= 4 and w.endswith(self.plural_relative):
            return True  # with the article: "الميدانيين" (a bare "جيديون" may be a foreign name, Gideon)
        return (w in self.adjectives or w in self.nationality) and w.endswith(self.modifier_endings)

    def _body(self, raw: list[str]) -> tuple[str | None, list[str]]:
        """The English word for the body a source belongs to ("في قيادة شرطة حلب" -> "police") and the
        words after it; (None, []) when `raw` (folded words with their clitics) names none."""
        if not raw:
            return None, []
        if raw[0] in self.of_preps:
            tries = [raw[1:]]
        elif raw[0].startswith(self.of_clitic) and len(raw[0]) > 3:  # "بوزارة الدفاع", "بالبلدية"; or "بلدية" itself
            tries = [[raw[0][1:]] + raw[1:], raw]
        else:  # a body in construct with the head: "مصادر الشرطة", "مسؤولو البلدية"
            tries = [raw]
        for t in tries:
            rest = [self.bare(w) for w in t]
            while rest and rest[0] in self.of_skip:
                rest = rest[1:]
            for size in (2, 1):
                key = " ".join(rest[:size])
                if len(rest) >= size and key in self.of_nouns:
                    return self.of_nouns[key], rest[size:]
        return None, []

    def describe(self, phrase: str) -> str | None:
        """The English description of an unnamed-source phrase, or None when it does not open with a head."""
        raw = fold(phrase).split()
        words = [self.bare(w) for w in raw]
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
        k = n
        for w in words[n:n + 4]:
            if w in self.adjectives:
                if self.adjectives[w] and self.adjectives[w] not in mods:
                    mods.append(self.adjectives[w])
            elif w in self.nationality and country is None:
                country = self.nationality[w]
            else:
                break
            k += 1
        body, after = self._body(raw[k:])
        if body is not None and body not in mods:
            mods.insert(0, body)  # "مصدر عسكري في الأمم المتحدة" -> "UN military source"
            if country is None and after and after[0] in self.nationality:
                country = self.nationality[after[0]]  # "مصادر الشرطة العراقية" -> "Police sources (Iraq)"
        text = " ".join([*mods, head])
        text = text[:1].upper() + text[1:]
        return f"{text} ({country})" if country else text
