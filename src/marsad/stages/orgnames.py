"""Canonical English names for organisations that no actor table holds, built from their parts.

A body named in the press ("وزارة الزراعة العراقية", "نقابة المعلمين الأردنيين") is named in English from a
reviewable lexicon (resources/data/org_names.json: heads, domains, modifiers, whole names, media): a head noun,
its modifiers, its domain (the genitive or lam-phrase after the head) and a country from a nationality adjective
or country name in the phrase (actors_countries.tsv), a gazetteer place ("محافظة نينوى", "في غزة"), else the
caller's hint. One style throughout:

- "<Modifiers> <Head> of <Domain> (<Country>)" for state bodies: "Ministry of Agriculture (Iraq)";
- "<Modifiers> <Domain> <Head> (<Country>)" where English puts the domain first: "Teachers Syndicate (Jordan)",
  "Supreme Judicial Council";
- a country only in parentheses, never as a demonym, and none for international bodies ("World Health
  Organization") or unique names ("Hezbollah");
- known media and whole names from the lexicon's tables: 'قناة "الجزيرة"' -> "Al Jazeera".

`eval.names.same_entity` compares names as word sets with demonyms read as countries, so "Teachers Syndicate
(Jordan)" and "Jordanian Teachers Syndicate" name the same body there. The phrase stops at the first word that
is not part of the name (a verb, a preposition other than the lam of the genitive, a relative pronoun,
punctuation); "في"/"ب" + a country or gazetteer place still gives the country of a national body. Only the
English name is returned: the caller keeps the Arabic.

    >>> n = OrgNamer.load()
    >>> n.name("وزارة الزراعة العراقية"), n.name("وزارة الداخلية"), n.name("وزارة الداخلية", "Egypt")
    ('Ministry of Agriculture (Iraq)', 'Ministry of Interior', 'Ministry of Interior (Egypt)')
    >>> n.name("نقابة المعلمين الأردنيين"), n.name("الهلال الأحمر الفلسطيني"), n.name("وزير الصحة")
    ('Teachers Syndicate (Jordan)', 'Red Crescent Society (Palestine)', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from marsad.resources.registry import read_json, read_tsv
from marsad.text.normalize import fold

if TYPE_CHECKING:
    from marsad.resources.gazetteer import Gazetteer

_TOKEN = re.compile(r"\w+|[^\w\s]")
_QUOTES = frozenset({'"', "'"})
_ANY, _EXPLICIT, _NEVER = 0, 1, 2  # country policies, most permissive first
_POLICY = {"any": _ANY, "explicit": _EXPLICIT, "never": _NEVER}
_PLACE_PREF = {"admin1": ("admin1", "capital", "city"), "any": ("capital", "city", "admin1", "town")}
_MAX_WORDS = 24  # a name is read from the phrase's first words only (bounds the cost of long phrases)
_Index = dict[str, list[tuple[int, tuple[str, ...], Any]]]  # first word -> (words, the rest, entry), longest first


@dataclass(frozen=True, slots=True)
class OrgWords:
    """The letters and small words a phrase is read with (org_names.json "grammar", folded at load)."""

    article: str  # ال
    clitics: tuple[str, ...]  # proclitics of a first word, longest first: و ف, then ب ل
    endings: tuple[str, ...]  # of an adjective stem, the bare stem ("") first
    locative: frozenset[str]  # في
    lam: str  # the lam of a lam-phrase
    conj: tuple[str, ...]  # و ف joining domains
    wa: str  # و joining modifiers
    bi: str  # ب before a place
    place_clitics: tuple[str, ...]  # taken off a word looked up as a place

    @classmethod
    def from_data(cls, data: dict) -> OrgWords:
        lists = {k: [fold(w) for w in v["words"]] for k, v in data["lists"].items()}
        for name in ("article", "lam", "and", "preposition_bi"):
            if len(lists[name]) != 1:
                raise ValueError(f"org_names.json: grammar list {name!r} must hold one word")
        return cls(lists["article"][0], tuple(lists["clitics"]), ("", *lists["endings"]),
                   frozenset(lists["locative"]), lists["lam"][0], tuple(lists["conjunctions"]), lists["and"][0],
                   lists["preposition_bi"][0], tuple(lists["place_clitics"]))

    def canon(self, word: str) -> str:
        """A folded word without its article; lexicon keys and phrase words meet in this form."""
        art = self.article
        return word[len(art):] if word.startswith(art) and len(word) > len(art) + 1 else word

    def key(self, phrase: str) -> str:
        return " ".join(self.canon(w) for w in _TOKEN.findall(fold(phrase)) if w not in _QUOTES)

    def clitic_forms(self, word: str) -> list[tuple[str, str]]:
        """(canonical form, proclitic) readings of a first word, the unprefixed reading first.

        "للانتخابات" -> [..., ("انتخابات", "ل")]; "للبنان" keeps the reading ("لبنان", "ل") too.
        """
        canon, lam = self.canon, self.lam
        out = [(canon(word), "")]
        for c in self.clitics:
            if word.startswith(c) and len(word) - len(c) >= 2:
                rest = word[len(c):]
                out.append((canon(rest), c))
                if c.endswith(lam) and rest.startswith(lam) and len(rest) > 3:
                    out.append((rest[len(lam):], c))  # لل = ل + ال with the alef dropped
        return out


@dataclass
class _Phrase:
    """One phrase being read: folded tokens (quotes removed), their canonical forms, the quoted runs."""

    toks: list[str]
    quoted: dict[int, int]  # token index -> end of the quoted run starting there
    original: str
    lex: OrgWords
    canon: list[str] = field(default_factory=list)
    _forms: dict[int, list[tuple[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        canon = self.lex.canon
        self.canon = [canon(t) for t in self.toks]

    def forms(self, i: int) -> list[tuple[str, str]]:
        if i not in self._forms:
            self._forms[i] = self.lex.clitic_forms(self.toks[i])
        return self._forms[i]

    @classmethod
    def read(cls, phrase: str, lex: OrgWords) -> _Phrase:
        words = _TOKEN.findall(fold(" ".join(phrase.split()[:_MAX_WORDS])))
        toks: list[str] = []
        quoted: dict[int, int] = {}
        open_at = -1
        for w in words:
            if w in _QUOTES:
                if open_at < 0:
                    open_at = len(toks)
                else:
                    quoted[open_at] = len(toks)
                    open_at = -1
                continue
            toks.append(w)
        return cls(toks, quoted, phrase, lex)


@dataclass(frozen=True, slots=True)
class Head:
    en: str
    style: str = "pre"  # "of" | "for" | "pre"
    bare: str = "never"  # "never" | "country" | "always": may the head stand with nothing after it
    media: bool = False  # takes a media name
    names_only: bool = False  # takes nothing but a (media) name
    place: str = ""  # "" | "any" | "admin1": a gazetteer place may follow
    policy: int = _ANY


@dataclass(frozen=True, slots=True)
class Term:
    """A domain, modifier or whole name: English text and the country policy it imposes."""

    en: str
    policy: int = _ANY
    national: str = ""  # whole names only: the name when the phrase writes a country
    style: str = ""  # domains only: overrides the head's style ("Judicial" reads before the head)
    weak: bool = False  # modifiers only: names no body on its own (المنظمة الدولية is "the UN" or nothing)


@dataclass
class _Parse:
    """What one left-to-right reading found (a local working object, never stored)."""

    prefix: str = ""
    head: Head | None = None
    fixed: Term | None = None
    media: str | None = None
    mods: list[str] = field(default_factory=list)
    segs: list[list[list[str]]] = field(default_factory=list)  # segments (gen/li) of و-joined chains
    lead_li: bool = False  # the first segment is a lam-phrase ("لحقوق الإنسان")
    style: str = ""  # a domain's override of the head's style
    number: str = ""
    country: str | None = None
    policy: int = _ANY
    end: int = 0

    def core(self) -> str:
        if self.media is not None:
            return self.media
        if self.fixed is not None:
            return self.fixed.national if self.country and self.fixed.national else self.fixed.en
        head = self.head
        assert head is not None
        segs = [" and ".join(" ".join(reversed(chain)) for chain in seg) for seg in self.segs]
        words = list(self.mods)
        rest = segs
        style = self.style or head.style
        if style == "pre":
            if segs and not self.lead_li:
                words.append(segs[0])
                rest = segs[1:]
            words.append(head.en)
            if self.number:
                words.append(self.number)
            text = " ".join(words) + "".join(f" for {s}" for s in rest)
        else:
            words.append(head.en)
            if self.number:
                words.append(self.number)
            text = " ".join(words)
            for n, s in enumerate(segs):
                conn = style if n == 0 and not self.lead_li else "for"
                text += f" {conn} {s}"
        return text


@dataclass
class _Reading:
    """Where reading a head's complements stands: the next token j, what was read last, and whether
    something besides a country was read."""

    j: int
    last: str = "head"
    content: bool = False


class OrgNamer:
    """The lexicon of org_names.json, folded once, with the countries and (optionally) the gazetteer."""

    def __init__(self, heads: dict[str, Head], domains: dict[str, Term], modifiers: dict[str, Term],
                 names: dict[str, Term], media: dict[str, str], nationality: dict[str, str],
                 countries: dict[str, str], words: OrgWords, gazetteer: Gazetteer | None = None):
        self.words = words
        self.heads = heads
        self.domains = domains
        self.modifiers = modifiers
        self.names = names
        self.media = media
        self.nationality = nationality  # folded adjective (stem + ending) -> country
        self.countries = countries  # canonical country name -> country
        self.gazetteer = gazetteer
        # type words before a place name ("في مدينة غزة"): the places stage's list (places_cues.json "generic")
        self._place_types = frozenset(fold(w) for w in (gazetteer.cues.get("generic", ()) if gazetteer else ()))
        self._index = {name: _index(t) for name, t in (("heads", heads), ("domains", domains), ("names", names),
                                                        ("media", media), ("countries", countries))}

    @classmethod
    def load(cls, gazetteer: Gazetteer | None = None) -> OrgNamer:
        """Read the lexicon once. Pass the pipeline's gazetteer to share it; otherwise one is loaded."""
        data = read_json("org_names.json")
        words = OrgWords.from_data(data["grammar"])
        key = words.key
        heads = {key(k): Head(v["en"], v.get("style", "pre"), v.get("bare", "never"), v.get("media", False),
                               v.get("names_only", False), v.get("place", ""), _POLICY[v.get("country", "any")])
                 for k, v in data["heads"]["forms"].items()}
        domains = {key(k): _term(v) for k, v in data["domains"]["forms"].items()}
        modifiers: dict[str, Term] = {}
        for k, v in data["modifiers"]["forms"].items():
            stem = words.canon(fold(k))
            for e in words.endings:
                modifiers.setdefault(stem + e, _term(v))
        names = {key(k): _term(v) for k, v in data["names"]["forms"].items()}
        media = {key(k): v for k, v in data["media"]["forms"].items()}
        nationality: dict[str, str] = {}
        countries: dict[str, str] = {}
        for row in read_tsv("actors_countries.tsv"):
            for stem in row.get("adj_ar", "").split("|"):
                stem = fold(stem.lstrip("?").strip())
                for e in words.endings if stem else ():
                    nationality.setdefault(stem + e, row["name"])
            for ar in row.get("names_ar", "").split("|"):
                if ar.strip() and not ar.startswith("?"):  # "?" marks a name that is also a common word
                    countries.setdefault(key(ar), row["name"])
        if gazetteer is None:
            from marsad.resources.gazetteer import Gazetteer

            gazetteer = Gazetteer.load()
        return cls(heads, domains, modifiers, names, media, nationality, countries, words, gazetteer)

    # --- public
    def name(self, phrase_ar: str, country: str | None = None) -> str | None:
        """The canonical English name of the body `phrase_ar` opens with, or None when it opens with none.

        `country` (an English country name, as in actors_countries.tsv) applies when the phrase writes none
        and the body is national.
        """
        p = self._parse(_Phrase.read(phrase_ar, self.words), 0, depth=0)
        if p is None:
            return None
        core = p.core()
        if p.media is not None or p.policy == _NEVER:
            return core
        land = p.country or (country if p.policy == _ANY else None)
        return f"{core} ({land})" if land else core

    # --- reading
    def _lookup(self, table: str, ph: _Phrase, i: int, first: bool) -> tuple[Any, int, str]:
        """Longest entry of a table at token i: (entry, words, proclitic of the first word) or (None, 0, "").

        With `first`, the first word may carry و ف ب ل (and لل); among equally long entries the reading with
        the shorter proclitic wins.
        """
        if i >= len(ph.toks):
            return None, 0, ""
        index = self._index[table]
        best: tuple[Any, int, str] = (None, 0, "")
        for form, clitic in (ph.forms(i) if first else ((ph.canon[i], ""),)):
            for n, rest, entry in index.get(form, ()):
                if n > best[1] and tuple(ph.canon[i + 1:i + n]) == rest:
                    best = (entry, n, clitic)
                    break
        return best

    def _place(self, ph: _Phrase, i: int, pref: str, strip: bool) -> tuple[str, str, int]:
        """A gazetteer place at toks[i:] (with `strip`, also without ب/و/ل): (English, country, words)."""
        toks = ph.toks
        gz = self.gazetteer
        if gz is None or i >= len(toks):
            return "", "", 0
        firsts = [toks[i]]
        if strip:
            firsts += [toks[i][len(c):] for c in self.words.place_clitics if toks[i].startswith(c) and len(toks[i]) > 3]
        order = _PLACE_PREF[pref or "any"]
        for n in range(min(3, len(toks) - i), 0, -1):
            tail = toks[i + 1:i + n]
            for first in firsts:
                ids = gz.ids(" ".join([first, *tail]))
                if ids:
                    places = [gz.entry(x).place for x in ids]
                    places.sort(key=lambda pl: (order.index(pl.feature) if pl.feature in order else len(order),
                                                tuple(-x for x in gz.rank(pl))))
                    return places[0].name, places[0].country, n
        return "", "", 0

    def _media_name(self, ph: _Phrase, i: int, quoted_only: bool) -> tuple[str | None, int]:
        """A media name at toks[i]: from the table, or a Latin name (quoted or not) as written in `original`."""
        toks = ph.toks
        end = ph.quoted.get(i)
        if end is not None:
            inner = " ".join(ph.canon[i:end])
            if inner in self.media:
                return self.media[inner], end - i
            if all(t.isascii() for t in toks[i:end]):
                return _as_written(" ".join(toks[i:end]), ph.original), end - i
            return None, 0
        if quoted_only:
            return None, 0
        hit, n, _ = self._lookup("media", ph, i, first=False)
        if hit is not None:
            return hit, n
        j = i
        while j < len(toks) and toks[j].isascii() and toks[j].isalnum() and not toks[j].isdigit():
            j += 1  # a Latin name (موقع Axios); a bare number is a channel number (القناة 12)
        if j > i:
            return _as_written(" ".join(toks[i:j]), ph.original), j - i
        return None, 0

    def _parse(self, ph: _Phrase, i: int, depth: int) -> _Parse | None:
        """Read the body opening at toks[i]: a whole media name, a whole name, or a head and its complements.

        Between a whole name and a composed reading the longer wins ("مجلس الأمن الوطني" is composed, "مجلس
        الأمن الدولي" is the whole name); a tie goes to the whole name.
        """
        toks = ph.toks
        if i >= len(toks):
            return None
        best: _Parse | None = None
        whole, nm, cm = self._lookup("media", ph, i, first=True)
        if whole is not None and nm >= 2 and self._lookup("heads", ph, i, first=True)[0] is not None:
            best = _Parse(prefix=cm, media=whole, end=self._skip_adjectives(ph, i + nm))
            # (a bare media name such as الجزيرة opens no phrase: it is also a place and a word)
        fixed, nf, cf = self._lookup("names", ph, i, first=True)
        if fixed is not None and (best is None or nf > nm):
            best = _Parse(prefix=cf, fixed=fixed, policy=fixed.policy, end=i + nf)
            self._tail(best, ph, best.end)
        head, nh, ch = self._lookup("heads", ph, i, first=True)
        if head is None:
            return best
        j = i + nh
        if j in ph.quoted or head.media:
            name, n = self._media_name(ph, j, quoted_only=not head.media)
            if name is not None:
                named = _Parse(prefix=ch, head=head, media=name, end=self._skip_adjectives(ph, j + n))
                if best is None or named.end > best.end:
                    best = named
        if head.names_only:
            return best
        p = _Parse(prefix=ch, head=head, policy=head.policy, end=j)
        content = self._complements(p, ph, j, depth)
        content = content or bool(p.mods and p.country)  # البعثة الأممية في ليبيا
        if not content and (head.bare == "never" or (head.bare == "country" and p.country is None)):
            return best
        # the longer reading wins: "الشبكة العربية لحقوق الإنسان" is no "Al Arabiya"
        return p if best is None or p.end > best.end else best

    def _complements(self, p: _Parse, ph: _Phrase, j: int, depth: int) -> bool:
        """Read what follows the head into `p`; True when something besides a country was read."""
        assert p.head is not None
        r = _Reading(j)
        while r.j < len(ph.toks) and self._complement(p, ph, r, depth):
            pass
        p.end = r.j
        return r.content

    def _complement(self, p: _Parse, ph: _Phrase, r: _Reading, depth: int) -> bool:
        """Read one complement at r.j into `p`; False where the body ends."""
        tok, w = ph.toks[r.j], self.words
        if not tok[0].isalnum():
            return False
        if tok in w.locative:
            if p.country is None and p.policy != _NEVER:
                p.country = self._location(ph, r.j, places=p.policy == _ANY)
            return False
        dom = self._lookup("domains", ph, r.j, first=True)
        land = self._lookup("countries", ph, r.j, first=True)
        if dom[0] is not None and dom[1] >= land[1]:
            return self._domain(p, r, dom)
        if self._modifier(p, ph, r):
            return True
        took = self._country(p, ph, r, land)
        if took is not None:
            return took
        if self._number(p, ph, r) or self._nested(p, ph, r, depth) or self._head_place(p, ph, r):
            return True
        if tok[0] == w.bi and p.country is None and p.policy == _ANY:
            p.country = self._location(ph, r.j, places=True)  # وزارة الصحة بغزة
        return False

    def _domain(self, p: _Parse, r: _Reading, dom: tuple[Any, int, str]) -> bool:
        """A domain word, where its proclitic lets it join: False where it cannot."""
        entry, nd, cd = dom
        w = self.words
        if cd in w.conj and p.segs and r.last == "domain":
            p.segs[-1].append([])  # و joins: التعليم العالي والبحث العلمي
        elif cd == w.lam:
            p.segs.append([[]])  # a lam-phrase: لحقوق الإنسان
            p.lead_li = p.lead_li or len(p.segs) == 1
        elif cd == "" and r.last in ("domain", "place"):
            pass  # a construct chain goes on: شؤون اللاجئين
        elif cd == "" and not p.segs:
            p.segs.append([[]])
        else:
            return False
        p.segs[-1][-1].append(entry.en)
        p.policy = max(p.policy, entry.policy)
        if len(p.segs) == 1 and len(p.segs[0]) == 1 and len(p.segs[0][0]) == 1:
            p.style = entry.style
        r.j, r.last, r.content = r.j + nd, "domain", True
        return True

    def _modifier(self, p: _Parse, ph: _Phrase, r: _Reading) -> bool:
        """A modifier, also after و when one came before it."""
        tok, w = ph.toks[r.j], self.words
        mod = self.modifiers.get(ph.canon[r.j])
        if mod is None and tok.startswith(w.wa) and r.last == "mod":
            mod = self.modifiers.get(w.canon(tok[1:]))
        if mod is None:
            return False
        if mod.en not in p.mods:
            p.mods.append(mod.en)
        p.policy = max(p.policy, mod.policy)
        r.j, r.last, r.content = r.j + 1, "mod", r.content or not mod.weak
        return True

    def _country(self, p: _Parse, ph: _Phrase, r: _Reading, land: tuple[Any, int, str]) -> bool | None:
        """A nationality or a country name: True when read, False when it contradicts the country already
        read, None when there is none."""
        found, n = self.nationality.get(ph.canon[r.j]), 1
        entry, nc, cc = land
        if found is None and entry is not None and cc in ("", self.words.lam):
            found, n = entry, nc
            # a country name right after the head is its genitive: بنك فلسطين "Bank of Palestine"
            r.content = r.content or (r.last == "head" and cc == "")
        if found is None:
            return None
        if p.country not in (None, found):
            return False
        p.country = found
        r.j, r.last = r.j + n, "country"
        return True

    def _number(self, p: _Parse, ph: _Phrase, r: _Reading) -> bool:
        """A number ("القناة 12"), or the article written apart before one."""
        canon, toks = ph.canon[r.j], ph.toks
        if canon.isdigit():
            p.number = p.number or canon
            r.j, r.last, r.content = r.j + 1, "num", True
            return True
        if toks[r.j] == self.words.article and r.j + 1 < len(toks) and toks[r.j + 1].isdigit():
            r.j += 1  # "القناة الـ12" written apart
            return True
        return False

    def _nested(self, p: _Parse, ph: _Phrase, r: _Reading, depth: int) -> bool:
        """A body named inside this one, after ل or in a construct chain right after the head."""
        if depth >= 2:
            return False
        w = self.words
        inner = self._parse(ph, r.j, depth + 1)
        if inner is None or inner.media is not None or not (
                inner.prefix == w.lam or (inner.prefix == "" and not p.segs)):
            return False
        p.segs.append([[inner.core()]])
        p.lead_li = p.lead_li or (inner.prefix == w.lam and len(p.segs) == 1)
        p.policy = max(p.policy, inner.policy)
        if inner.country and p.country is None:
            p.country = inner.country
        r.j, r.last, r.content = inner.end, "nested", True
        return True

    def _head_place(self, p: _Parse, ph: _Phrase, r: _Reading) -> bool:
        """A place after a head that takes one: مديرية صحة نينوى -> "Nineveh Health"."""
        head = p.head
        if head is None or not head.place:
            return False
        en, land_of, n = self._place(ph, r.j, head.place, strip=False)
        if not n or (p.segs and r.last not in ("domain", "place")):
            return False
        if p.segs:
            p.segs[-1][-1].append(en)
        else:
            p.segs.append([[en]])
        if p.country is None:
            p.country = land_of
        r.j, r.last, r.content = r.j + n, "place", True
        return True

    def _tail(self, p: _Parse, ph: _Phrase, j: int) -> None:
        """After a whole name: take a country (adjective, name, or في + country/place); nothing else."""
        toks = ph.toks
        while j < len(toks):
            tok = toks[j]
            if tok in self.words.locative:
                if p.country is None and p.policy != _NEVER:
                    p.country = self._location(ph, j, places=p.policy == _ANY)
                break
            land, nc, _ = self._lookup("countries", ph, j, first=False)
            nat = self.nationality.get(ph.canon[j])
            found = nat if nat is not None else land
            if found is None or p.country not in (None, found):
                break
            p.country = found
            j += 1 if nat is not None else nc
        p.end = j

    def _skip_adjectives(self, ph: _Phrase, j: int) -> int:
        """Past the adjectives after a media name ("وكالة الأنباء العراقية الرسمية", "صحيفة هآرتس الإسرائيلية")."""
        toks = ph.toks
        while j < len(toks) and (ph.canon[j] in self.modifiers or ph.canon[j] in self.nationality):
            j += 1
        return j

    def _location(self, ph: _Phrase, j: int, places: bool) -> str | None:
        """The country of "في X" / "بX" at toks[j]: a country name, else a gazetteer place's country."""
        toks = ph.toks
        k = j + 1 if toks[j] in self.words.locative else j
        land, _, clitic = self._lookup("countries", ph, k, first=k == j)
        if land is not None and clitic in ("", self.words.bi):
            return land
        if places:
            _, land_of, n = self._place(ph, k, "any", strip=k == j)
            if not n and k < len(toks) and toks[k] in self._place_types:
                _, land_of, n = self._place(ph, k + 1, "any", strip=False)
            if n:
                return land_of or None
        return None


def _index(table: dict[str, Any]) -> _Index:
    out: _Index = {}
    for key, entry in table.items():
        words = key.split(" ")
        out.setdefault(words[0], []).append((len(words), tuple(words[1:]), entry))
    for rows in out.values():
        rows.sort(key=lambda r: -r[0])
    return out


def _term(v: str | dict) -> Term:
    if isinstance(v, str):
        return Term(v)
    return Term(v["en"], _POLICY[v.get("country", "any")], v.get("national", ""), v.get("style", ""),
                v.get("weak", False))


def _as_written(folded: str, original: str) -> str:
    """A Latin name as the original text writes it (fold lower-cased it)."""
    pattern = r"\W+".join(re.escape(w) for w in folded.split())
    m = re.search(pattern, original, re.IGNORECASE)
    return m.group(0) if m else folded
