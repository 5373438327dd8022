"""English names for speakers and actors that no table holds: people romanised, organisations named from
their parts, definite descriptions ("الوزارة", "الوكالة") linked to the body named earlier in the article.

The `names` resource bundles the romanizer (text/romanize.py, resources/data/names_latin.tsv) and the
organisation namer (stages/orgnames.py, resources/data/org_names.json); the organisation namer shares the
pipeline's gazetteer. The Arabic stays in the mention; the actor gets the English name.

    وقالت وزارة الصحة اللبنانية ... وأضافت الوزارة  -> both "Ministry of Health (Lebanon)"
    وقال عبد الكريم الجبوري                        -> "Abdul Karim al-Jubouri" (person)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.model.document import Document
from marsad.model.records import Actor, ActorMention
from marsad.resources.actors import ActorWords
from marsad.resources.registry import read_json
from marsad.stages.sources import SourceNames
from marsad.text.normalize import fold, has_arabic
from marsad.text.romanize import Romanizer

_WORD = re.compile(r"\w+")
_QUOTES = '"«»“”()/'  # marks around a medium's name


@dataclass
class Names:
    romanizer: Romanizer
    anaphor_heads: frozenset[str]  # folded heads without the article: وزاره، وكاله، لجنه ...
    not_person: frozenset[str]  # folded words that never start a person's name
    function: frozenset[str]  # folded function words and verbs that never stand inside a name
    statement: frozenset[str]  # "البيان": speaks for the body named just before
    title_anaphors: frozenset[str]  # "المتحدث" alone: the person with that title named before
    same: frozenset[str]  # "نفسه", "ذاتها": a description that refers back
    countries: frozenset[str]  # folded Arabic country names: a phrase holding one is no person's name
    roles: frozenset[str] = frozenset()  # folded titles and offices (quotes_words.tsv role / title)
    media_heads: tuple[tuple[str, str], ...] = ()  # (folded head, English word after the name)
    correspondent: frozenset[str] = frozenset()
    sources: SourceNames | None = None  # its adjectives mark a phrase as a description ("مسؤولون أمنيون")
    article: str = ""  # the folded article "ال"
    article_clitics: tuple[str, ...] = ()  # a clitic glued to the article: "وال", "فال", "بال"
    lil: str = ""  # "لل": ل + the article without its alef
    conjunctions: tuple[str, ...] = ()  # و / ف before the article of a lone description, dropped in this order
    antecedent_prefix: str = ""  # pattern of the clitic and article before the head of a body's name
    stop_marks: str = ""  # marks of the original text no apposition reaches across (Arabic ones from data)
    commas: tuple[str, ...] = ()  # commas of the original text closing a title phrase
    name_after_name: frozenset[str] = frozenset()  # "علي": a function word that is a given name after a name
    offices: tuple[tuple[str, str], ...] = ()  # (folded office, English holder): "متحدث" -> "spokesman"
    office_of: frozenset[str] = frozenset()  # "باسم" between an office and its body
    statement_modifiers: frozenset[str] = frozenset()  # "الصادر" after a statement noun: still a statement
    feminine_ending: str = ""  # the folded ending of a feminine title: "الناطقة" is "الناطق"'s (actors_words.json)
    _orgs: object | None = field(default=None, repr=False)

    @classmethod
    def load(cls) -> Names:
        data = read_json("speaker_names.json")["lists"]

        def words(k: str) -> frozenset[str]:
            return frozenset(fold(w) for w in data[k]["words"])

        def in_order(k: str) -> list[str]:
            return [fold(w) for w in data[k]["words"]]

        article, lil = in_order("article")[0], in_order("lil")[0]
        prefix = (r"(?<!\w)(?:" + "|".join(re.escape(c) for c in in_order("antecedent_clitics")) + r")?(?:"
                  + re.escape(article) + r")?")
        as_written = {k: "".join(data[k]["words"]) for k in ("clause_marks", "apposition_commas")}

        from marsad.resources.registry import read_tsv

        countries = frozenset(fold(n) for r in read_tsv("actors_countries.tsv") for n in r["names_ar"].split("|") if n)
        roles = frozenset(fold(r["word"]) for r in read_tsv("quotes_words.tsv") if r["class"] in ("role", "title"))
        # and their feminine forms ("رئيسة", "مديرة") as the actor table reads titles ("محافظة" stays a governorate)
        actor_words = ActorWords.load()
        roles |= {f for r in roles if " " not in r and (f := actor_words.feminine(r)) is not None}
        media = tuple((fold(w.split("|")[0]), w.split("|")[1]) for w in data["media_heads"]["words"])
        return cls(Romanizer.load(), words("anaphor_heads"), words("not_person"), words("function"),
                   words("statement"), words("title_anaphors"), words("same"), countries, roles, media,
                   words("correspondent"), SourceNames.load(), article,
                   tuple(c + article for c in in_order("article_clitics")), lil, tuple(in_order("conjunctions")), prefix,
                   "." + as_written["clause_marks"] + "?!:", (*as_written["apposition_commas"], ","),
                   words("name_after_name"),
                   tuple(sorted(((fold(w.split("|")[0]), w.split("|")[1]) for w in data["offices"]["words"]),
                                key=lambda p: -len(p[0]))),
                   words("office_of"), words("statement_modifiers"), actor_words.feminine_ending)

    def office_holder(self, text: str, orgs, country: str | None = None) -> tuple[str, str] | None:
        """(body's English name, holder's English word) of an office phrase naming no person: "المتحدث باسم
        شرطة كابل" -> ("Kabul Police (Afghanistan)", "spokesman"); None when it opens with no office or the
        organisation namer does not know the body."""
        words = fold(text).split()
        if len(words) < 2:
            return None
        first = self._bare(words[0])
        for ar, en in self.offices:
            n = len(ar.split())
            if " ".join([first, *words[1:n]]) == ar:
                rest = words[n:]
                if rest and rest[0] in self.office_of:
                    rest = rest[1:]
                body = orgs.name(" ".join(text.split()[len(words) - len(rest):]), country) if rest else None
                return (body, en) if body else None
        return None

    def describes(self, word: str) -> bool:
        """A folded word that describes people and is no part of a name ("أمنيون", "المحلية")."""
        return self.sources is not None and self.sources.is_modifier(word)

    def medium(self, text: str, orgs) -> str | None:
        """A medium's English name: a known one from the organisation namer, else its romanised name and
        the head's English word ("قناة بلقيس" -> "Balqis TV")."""
        known = orgs.name(text)
        if known:
            return known
        words = fold(text).split()
        if not words:
            return None
        head = next((en for ar, en in self.media_heads if self._bare(words[0]) in (ar, self.article + ar)), None)
        rest = [w.strip(_QUOTES) for w in text.split()[1:3]]
        rest = [w for w in rest if _WORD.fullmatch(fold(w))]
        if head is None or not rest:
            return None
        return f"{self.romanizer.romanize(' '.join(rest))} {head}"

    def _bare(self, word: str) -> str:
        """A word without a leading و / ف / ب / ل / لل clitic (the article stays)."""
        for c in self.article_clitics:
            if word.startswith(c) and len(word) > 4:
                return word[1:]
        if word.startswith(self.lil) and len(word) > 4:
            return self.article + word[len(self.lil):]
        return word

    def orgs(self, gazetteer=None):
        """The organisation namer, built on first use with the pipeline's gazetteer."""
        if self._orgs is None:
            from marsad.stages.orgnames import OrgNamer

            self._orgs = OrgNamer.load(gazetteer)
        return self._orgs

    def person(self, text: str) -> str | None:
        """A Latin name for an Arabic person's name of one to four words with no function word, or None.
        (Requiring two words, or a first word the romanizer's table knows, for a phrase that did not come
        after a title was tried: worse on dev, train and blind.)"""
        words = fold(text).split()
        if not 1 <= len(words) <= 4 or not all(_WORD.fullmatch(w) for w in words):
            return None
        art = self.article
        first = self._bare(words[0])
        head = first[len(art):] if first.startswith(art) else first
        if first in self.not_person or head in self.anaphor_heads or any(
                (w in self.function and not (w in self.name_after_name and (
                    k or (len(words) > 1 and not words[1].startswith(art))))) or w in self.same
                or w in self.countries or self.describes(w) for k, w in enumerate(words)):
            return None
        if words[0].startswith(art) and len(words) == 1:
            return None
        return self.romanizer.romanize(text)

    def _core(self, text: str) -> list[str]:
        """The words of a description without a trailing "نفسه" / "ذاتها" and with no leading clitic."""
        words = fold(text).split()
        if len(words) > 1 and words[-1] in self.same:
            words = words[:-1]
        return [self._bare(words[0])] + words[1:] if words else words

    def name_in_phrase(self, text: str) -> str | None:
        """The Arabic name inside a speaker phrase that holds titles or offices: the longest run of two to
        four words that are no title, office, organisation head, country, function word or definite noun
        ("رئيس وزراء النيجر بريغي رافيني" -> "بريغي رافيني", "عمر زواق المتحدث باسم حاكم" -> "عمر زواق")."""
        raw = text.split()
        words = [self._bare(w) for w in fold(text).split()]
        art = self.article
        if len(raw) != len(words) or not any(w in self.roles or w[len(art):] in self.roles for w in words):
            return None

        def nameish(w: str) -> bool:
            bare = w[len(art):] if w.startswith(art) else w
            return bool(_WORD.fullmatch(w)) and not (
                w in self.roles or bare in self.roles or bare in self.anaphor_heads or w in self.countries
                or w in self.function or w in self.not_person or w in self.same or self.describes(w)
                or (w.startswith(art) and not self.romanizer.knows(w)))

        best: tuple[int, int] | None = None
        i = 0
        while i < len(words):
            if not nameish(words[i]):
                i += 1
                continue
            j = i
            while j < len(words) and nameish(words[j]):
                j += 1
            if 2 <= j - i <= 4 and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
            i = j
        return " ".join(raw[best[0]:best[1]]) if best else None

    def is_statement(self, text: str) -> bool:
        """A statement noun alone or with modifiers that keep it one ("البيان", "البيان الصادر")."""
        w = self._core(text)
        return bool(w) and w[0] in self.statement and all(x in self.statement_modifiers for x in w[1:])

    def title_anaphor(self, text: str) -> str | None:
        """The title of a bare title standing alone ("المتحدث"; "الناطقة" -> "الناطق"), else None."""
        title = " ".join(self._core(text))
        if title in self.title_anaphors:
            return title
        end = self.feminine_ending
        if end and title.endswith(end) and title[:-len(end)] in self.title_anaphors:
            return title[:-len(end)]
        return None

    def anaphor_head(self, text: str) -> str | None:
        """The head of a definite description standing alone ("الوزارة" -> "وزاره"), or None."""
        words = fold(text).split()
        if len(words) != 1:
            return None
        w, art = words[0], self.article
        for c in self.conjunctions:
            if w.startswith(c + art):
                w = w[1:]
        return w[len(art):] if w.startswith(art) and w[len(art):] in self.anaphor_heads else None

    def opens_with(self, text: str, head: str) -> bool:
        """Whether a body's name of two or more words opens with `head` ("هيئة الأركان العامة" with "هيئه")."""
        words = fold(text).split()
        if len(words) < 2:
            return False
        first, art = self._bare(words[0]), self.article
        return (first[len(art):] if first.startswith(art) else first) == head

    def antecedent(self, doc: Document, head: str, before: int, gazetteer=None,
                   country: str | None = None) -> str | None:
        """The English name of the nearest body named with `head` before original offset `before`
        ("وزارة الصحة اللبنانية" for a later "الوزارة")."""
        norm = doc.norm.text
        nb = doc.norm.to_norm(before, before)[0]
        orgs = self.orgs(gazetteer)
        for m in reversed(list(re.finditer(rf"{self.antecedent_prefix}{re.escape(head)}(?=\s)", norm[:nb]))):
            a, _ = doc.norm.to_original(m.start(), m.end())
            name = orgs.name(doc.text[a:min(len(doc.text), a + 120)], country)
            if name:
                return name
        return None


def _apposition(names: Names, doc: Document, m: ActorMention) -> tuple[str | None, Actor | None]:
    """The role and organisation a person's name stands in apposition to: a title phrase right before it
    ("قائد شرطة محافظة شيراز، رهام بخش حبيبي"), or an office after it that names a body ("اسماعيل كوثري
    نائب قائد القاعدة في الحرس الثوري")."""
    before = [a for a in doc.actors if a.actor.kind == "person" and m.start - 45 <= a.end <= m.start
              and (a.org or a.role) and not any(c in doc.text[a.end:m.start] for c in names.stop_marks + "\n")
              and doc.text[a.end:m.start].rstrip().endswith(names.commas)]
    if before:
        a = before[-1]
        return a.role, a.org
    after = [a for a in doc.actors if m.end <= a.start <= m.end + 60 and a.actor.kind in ("state", "rebel", "political",
                                                                                        "identity", "external")]
    if after:
        a = after[0]
        gap = [names._bare(w) for w in fold(m.text).split()[1:] + fold(doc.text[m.end:a.start]).split()]
        if gap and any(w in names.roles or w[len(names.article):] in names.roles for w in gap) \
                and not any(c in doc.text[m.end:a.start] for c in names.stop_marks):
            return None, a.actor
    return None, None


def _person(names: Names, doc: Document, m: ActorMention, actor_id: str, latin: str, country: str | None,
            inter: int | None = None) -> ActorMention:
    role, org = m.role, m.org
    if org is None:
        r, o = _apposition(names, doc, m)
        role, org = role or r, o
    return ActorMention(m.start, m.end, m.text, Actor(actor_id, latin, "person", inter, country), role, org)


def english_mention(names: Names, doc: Document, m: ActorMention, gazetteer=None,
                    country: str | None = None) -> ActorMention:
    """The mention with an English actor when it names nobody known yet (an Arabic name as its name);
    `names.sources` describes unnamed officials ("مسؤول عسكري")."""
    actor, sources = m.actor, names.sources
    if not has_arabic(actor.name):
        return _known(names, doc, m, country)
    head = names.anaphor_head(m.text)
    if head is not None:
        got = names.antecedent(doc, head, m.start, gazetteer, country)
        if got:
            return ActorMention(m.start, m.end, m.text, Actor(f"org:{got}", got, "organisation", None, country),
                                m.role, m.org)
        return m
    if actor.kind == "person":
        latin = names.person(actor.name)
        if latin:
            return _person(names, doc, m, actor.id, latin, actor.country, actor.inter)
        if not (sources is not None and sources.describe(m.text)):
            return m
    return _described(names, doc, m, gazetteer, country)


def _known(names: Names, doc: Document, m: ActorMention, country: str | None) -> ActorMention:
    """A mention whose actor already has an English name: a person takes the office apposed to the name, a
    source inside a body is described as the body's."""
    actor, sources = m.actor, names.sources
    if actor.kind == "person" and m.org is None:
        return _person(names, doc, m, actor.id, actor.name, actor.country, actor.inter)
    described = sources.describe(m.text) if sources is not None and actor.kind != "person" else None
    if not described:
        return m
    # "مصدر عسكري في الأمم المتحدة": a source inside the body, not the body itself
    if " " not in described:  # "مصادر بمجلس شورى الثوار": "Benghazi Revolutionaries Shura Council sources"
        described = f"{actor.name} {described.lower()}"
    return ActorMention(m.start, m.end, m.text, Actor(f"source:{described}", described, "person", None,
                                                      country), m.role, actor)


def _described(names: Names, doc: Document, m: ActorMention, gazetteer, country: str | None) -> ActorMention:
    """An Arabic phrase read in turn as a correspondent, an office and its holder's name, an office of a body,
    an unnamed source, a body, a person's name; unchanged when it is none of these."""
    sources = names.sources
    reporter = _correspondent(names, m, gazetteer, country)
    if reporter is not None:
        return reporter
    inner = names.name_in_phrase(m.text)
    latin = names.person(inner) if inner else None
    if latin:  # "رئيس وزراء النيجر بريغي رافيني" -> Brigi Rafini
        return _person(names, doc, m, f"person:{latin}", latin, country)
    held = names.office_holder(m.text, names.orgs(gazetteer), country)
    if held:  # "المتحدث باسم شرطة كابل": the body's spokesman, speaking for the body
        body_name, holder = held
        return ActorMention(m.start, m.end, m.text, Actor(f"person:{body_name} {holder}", f"{body_name} {holder}",
                                                          "person", None, country), holder,
                            Actor(f"org:{body_name}", body_name, "organisation", None, country))
    described = sources.describe(m.text) if sources is not None else None
    if described:  # "مسؤول عسكري" -> "Military official"
        return ActorMention(m.start, m.end, m.text, Actor(f"source:{described}", described, "person", None,
                                                          country), m.role, m.org)
    org = names.orgs(gazetteer).name(m.text, country)
    if org:
        return ActorMention(m.start, m.end, m.text, Actor(f"org:{org}", org, "organisation", None, country),
                            m.role, m.org)
    latin = names.person(m.text)
    if latin:
        return _person(names, doc, m, f"person:{latin}", latin, country)
    return m


def _correspondent(names: Names, m: ActorMention, gazetteer, country: str | None) -> ActorMention | None:
    """"مراسل قناة بلقيس" -> Balqis TV correspondent, speaking for the channel."""
    words = fold(m.text).split()
    if len(words) <= 1 or names._bare(words[0]) not in names.correspondent:
        return None
    medium = names.medium(" ".join(m.text.split()[1:]), names.orgs(gazetteer))
    if not medium:
        return None
    body = Actor(f"org:{medium}", medium, "media", None, country)
    return ActorMention(m.start, m.end, m.text, Actor(f"person:{medium} correspondent",
                                                      f"{medium} correspondent", "person", None, country),
                        "correspondent", body)
