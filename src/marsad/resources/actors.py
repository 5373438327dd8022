"""The actor table: named actors, generic per-country actors, nationality words, titles and people.

All of it is reviewable data under resources/data (actors.tsv, actors_generic.tsv, actors_countries.tsv,
titles_ar.tsv, people.tsv, and the words and patterns of the actor stage in actors_words.json). `ActorTable.load()` reads it once into one picklable object with one clitic-aware
lexicon over every Arabic form; the actor stage (stages/actors/) walks the lexicon hits.

    >>> t = ActorTable.load()
    >>> t.resolve_named("قسد", date(2022, 1, 27), "Syria").name
    'Syrian Democratic Forces (SDF)'
    >>> t.generic("military", "Israel", None).name
    'Military Forces of Israel'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from marsad.model.records import Actor
from marsad.resources.registry import read_json, read_tsv
from marsad.text.match import Lexicon
from marsad.text.normalize import fold


def _date(s: str) -> date | None:
    return date.fromisoformat(s) if s else None


def _split(s: str) -> list[str]:
    return [x.strip() for x in s.split("|") if x.strip()]


def valid_on(vf: date | None, vt: date | None, day: date | None) -> bool:
    """Whether a row valid over [vf, vt) applies on `day` (unknown day: every row applies)."""
    if day is None:
        return True
    return (vf is None or vf <= day) and (vt is None or day < vt)


@dataclass(frozen=True, slots=True)
class NamedRow:
    actor: Actor
    countries: frozenset[str]
    valid_from: date | None
    valid_to: date | None
    parent: str | None
    heads: tuple[str, ...]
    wikidata: str | None


@dataclass(frozen=True, slots=True)
class GenericRow:
    key: str
    country: str  # "*" for the template
    name: str
    kind: str
    inter: int | None
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    of: str
    demonym: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: str
    name: str
    role: str | None
    org: str | None  # an actor id, or "generic_key:Country"
    valid_from: date | None
    valid_to: date | None


# Lexicon payloads (hashable, so the Lexicon can merge values that share a surface form).
@dataclass(frozen=True, slots=True)
class NamedHit:
    key: str  # folded alias: look up candidates in ActorTable.named


@dataclass(frozen=True, slots=True)
class GenericHit:
    key: str
    needs_adj: bool
    default_country: str | None


@dataclass(frozen=True, slots=True)
class HeadHit:
    head: str  # anaphoric head ("التنظيم")


@dataclass(frozen=True, slots=True)
class NatHit:
    country: str
    form: str  # "name" | "adj" | "plural"
    countable: bool  # False for forms that are also ordinary words (مالي)


@dataclass(frozen=True, slots=True)
class TitleHit:
    kind: str  # rank | honorific | office | org_role
    role: str | None
    org_key: str | None
    words: int


@dataclass(frozen=True, slots=True)
class PersonHit:
    id: str


Hit = NamedHit | GenericHit | HeadHit | NatHit | TitleHit | PersonHit

_SLOT = re.compile(r"<([a-z_]+)>")


def feminine_titles(titles: list[tuple[str, TitleHit]], words: ActorWords) -> list[tuple[str, TitleHit]]:
    """Each title again with the feminine ending on its first word ("رئيس بلدية" -> "رئيسة بلدية"), in the same
    kind and role, unless that form is another noun (`no_feminine`) or the table lists it already."""
    have = {fold(t) for t, _ in titles}
    out = []
    for title, hit in titles:
        first, *rest = title.split()
        feminine = words.feminine(first)
        if feminine is None:
            continue
        fem = " ".join([feminine, *rest])
        if fold(fem) not in have:
            have.add(fold(fem))
            role = hit.role.replace("spokesman", "spokeswoman") if hit.role else hit.role
            out.append((fem, TitleHit(hit.kind, role, hit.org_key, hit.words)))
    return out


@dataclass(frozen=True)
class ActorWords:
    """The words and patterns of actors_words.json, folded: nationality endings for the table, and the word
    sets and patterns the actor stage (stages/actors/) reads names and heads with."""

    adj_endings: tuple[tuple[str, str], ...]  # (ending, "adj" | "plural"), the bare stem first
    members: frozenset[str]
    member_clitics: str
    name_stop: frozenset[str]
    name_links: frozenset[str]
    conj: str
    surname_clitics: str
    lam: str
    article: str
    feminine_ending: str
    no_feminine: frozenset[str]
    place_preps: frozenset[str]
    given_stops: frozenset[str]
    gap: re.Pattern[str]
    belongs: re.Pattern[str]
    state_tv_tail: re.Pattern[str]

    @classmethod
    def load(cls) -> ActorWords:
        return cls.from_data(read_json("actors_words.json"))

    def feminine(self, word: str) -> str | None:
        """The feminine form of a title word, folded ("رئيس" -> "رئيسه"); None when that form is another noun
        ("محافظة": `no_feminine`) or the word has the ending already."""
        w = fold(word)
        if w in self.no_feminine or w.endswith(self.feminine_ending):
            return None
        return w + self.feminine_ending

    @classmethod
    def from_data(cls, data: dict) -> ActorWords:
        lists = {k: [fold(w) for w in v["words"]] for k, v in data["lists"].items()}
        for name in ("member_clitics", "conjunctions", "surname_clitics", "lam"):
            if any(len(w) != 1 for w in lists[name]):
                raise ValueError(f"actors_words.json: list {name!r} must hold single letters")
        shapes = {k: _SLOT.sub(lambda m: "|".join(lists[m.group(1)]), v["pattern"]) for k, v in data["shapes"].items()}
        plural = set(lists["plural_endings"])
        return cls(
            adj_endings=(("", "adj"), *((e, "plural" if e in plural else "adj") for e in lists["adj_endings"])),
            members=frozenset(lists["members"]),
            member_clitics="".join(lists["member_clitics"]),
            name_stop=frozenset(lists["name_stop"]),
            name_links=frozenset(lists["name_links"]),
            conj="".join(lists["conjunctions"]),
            surname_clitics="".join(lists["surname_clitics"]),
            lam="".join(lists["lam"]),
            article=lists["article"][0],
            feminine_ending=lists["feminine_ending"][0],
            no_feminine=frozenset(lists["no_feminine"]),
            place_preps=frozenset(lists["place_preps"]),
            given_stops=frozenset(lists["given_stops"]),
            gap=re.compile(shapes["gap"]),
            belongs=re.compile(shapes["belongs"]),
            state_tv_tail=re.compile(shapes["state_tv_tail"]),
        )


class ActorTable:
    """Named and generic actors, nationality words, titles and people, with one lexicon over all forms."""

    def __init__(self, named: list[NamedRow], aliases: list[tuple[str, str]], generic: list[GenericRow],
                 generic_aliases: list[tuple[str, GenericHit]], countries: list[tuple[Country, list[str],
                 list[str]]], titles: list[tuple[str, TitleHit]], people: list[PersonRow],
                 person_aliases: list[tuple[str, str]], words: ActorWords):
        self.words = words
        self.rows: dict[str, NamedRow] = {}
        self.by_id: dict[str, list[NamedRow]] = {}
        for r in named:
            self.by_id.setdefault(r.actor.id, []).append(r)
            self.rows.setdefault(r.actor.id, r)
        self.named: dict[str, list[NamedRow]] = {}
        for alias, rid in aliases:
            key = fold(alias).strip()
            lst = self.named.setdefault(key, [])
            for r in self.by_id[rid]:
                if r not in lst:
                    lst.append(r)
        self.heads: dict[str, list[str]] = {}
        self.head_default: dict[str, str] = {}  # "التنظيم*" in heads: the actor meant with no antecedent
        for r in named:
            for h in r.heads:
                if h.endswith("*"):
                    h = h.rstrip("*")
                    self.head_default.setdefault(fold(h), r.actor.id)
                ids = self.heads.setdefault(fold(h), [])
                if r.actor.id not in ids:
                    ids.append(r.actor.id)
        self.generic_rows: dict[str, list[GenericRow]] = {}
        for g in generic:
            self.generic_rows.setdefault(g.key, []).append(g)
        self.countries: dict[str, Country] = {c.name: c for c, _, _ in countries}
        self.people: dict[str, list[PersonRow]] = {}
        for p in people:
            self.people.setdefault(p.id, []).append(p)
        entries: list[tuple[str, Hit]] = [(a, NamedHit(fold(a).strip())) for a, _ in aliases]
        entries += generic_aliases
        entries += [(h, HeadHit(fold(h))) for h in self.heads]
        for c, names, adjs in countries:
            for n in names:
                entries.append((n.lstrip("?"), NatHit(c.name, "name", not n.startswith("?"))))
            for a in adjs:
                stem = a.lstrip("?")
                for end, form in words.adj_endings:
                    entries.append((stem + end, NatHit(c.name, form, not a.startswith("?"))))
        entries += titles
        entries += [(a, PersonHit(pid)) for a, pid in person_aliases]
        self.lexicon: Lexicon[Hit] = Lexicon(entries, suffixes="pron")
        self.n_aliases = len(self.named)
        self.n_person_aliases = len(person_aliases)

    # --- loading ------------------------------------------------------------------------------------------
    @classmethod
    def load(cls) -> ActorTable:
        named, aliases = [], []
        for row in read_tsv("actors.tsv"):
            actor = Actor(id=row["id"], name=row["name"], kind=row["kind"],
                          inter=int(row["inter"]) if row["inter"] else None,
                          country=next(iter(_split(row["country"])), None))
            named.append(NamedRow(actor, frozenset(_split(row["country"])), _date(row["valid_from"]),
                                  _date(row["valid_to"]), row["parent"] or None, tuple(_split(row["heads"])),
                                  row["wikidata"] or None))
            aliases += [(a, row["id"]) for a in _split(row["aliases_ar"])]
        generic, galiases = [], []
        for row in read_tsv("actors_generic.tsv"):
            generic.append(GenericRow(row["key"], row["country"], row["name"], row["kind"],
                                      int(row["inter"]) if row["inter"] else None,
                                      _date(row["valid_from"]), _date(row["valid_to"])))
            dc = row["default_country"] or None
            galiases += [(a, GenericHit(row["key"], False, dc)) for a in _split(row["aliases_ar"])]
            galiases += [(a, GenericHit(row["key"], True, dc)) for a in _split(row["adj_aliases_ar"])]
        countries = [(Country(r["name"], r["of"], r["demonym"]), _split(r["names_ar"]), _split(r["adj_ar"]))
                     for r in read_tsv("actors_countries.tsv")]
        words = ActorWords.load()
        titles = [(r["title_ar"], TitleHit(r["kind"], r["role"] or None, r["org_key"] or None,
                                           len(r["title_ar"].split())))
                  for r in read_tsv("titles_ar.tsv")]
        titles += feminine_titles(titles, words)
        people, paliases = [], []
        for r in read_tsv("people.tsv"):
            people.append(PersonRow(r["id"], r["name"], r["role"] or None, r["org"] or None,
                                    _date(r["valid_from"]), _date(r["valid_to"])))
            paliases += [(a, r["id"]) for a in _split(r["aliases_ar"])]
        return cls(named, aliases, generic, galiases, countries, titles, people, paliases, words)

    # --- resolution ---------------------------------------------------------------------------------------
    def candidates(self, alias: str, day: date | None) -> list[NamedRow]:
        """Rows for a folded alias valid on `day`; with no day, current rows first."""
        rows = self.named.get(alias, [])
        if day is not None:
            return [r for r in rows if valid_on(r.valid_from, r.valid_to, day)]
        return sorted(rows, key=lambda r: (r.valid_to is not None, -(r.valid_to or date.max).toordinal()))

    def resolve_named(self, alias: str, day: date | None, country: str | None,
                      strict: bool = False) -> Actor | None:
        """The actor an alias names on `day` in a document about `country`.

        Prefers rows operating in `country`, then rows with no country; otherwise the first valid row, unless
        `strict` (the caller has a generic reading to fall back on: "المتمردين" outside Sudan)."""
        cands = self.candidates(fold(alias).strip(), day)
        if not cands:
            return None
        if country:
            here = [r for r in cands if country in r.countries]
            if here:
                return here[0].actor
        anywhere = [r for r in cands if not r.countries]
        if anywhere:
            return anywhere[0].actor
        if strict:
            return None
        return cands[0].actor

    def generic(self, key: str, country: str | None, day: date | None,
                focus: str | None = None) -> Actor | None:
        """The generic actor `key` for `country` on `day` ("military", "Iraq" -> Military Forces of Iraq).

        A state actor of another country than the document's focus is external (inter 8)."""
        rows = self.generic_rows.get(key)
        if not rows:
            return None
        template = next(r for r in rows if r.country == "*")
        if country is None:
            if "{country}" in template.name and "(" in template.name:
                name = template.name.replace(" ({country})", "")
                return Actor(f"{key}:*", name, template.kind, template.inter, None)
            return None
        c = self.countries.get(country)
        if c is None:
            return None
        chosen = template
        overrides = [r for r in rows if r.country == country]
        if day is not None:
            chosen = next((r for r in overrides if valid_on(r.valid_from, r.valid_to, day)), template)
        else:
            chosen = next((r for r in overrides if r.valid_from is None or r.valid_to is not None), template)
        name = chosen.name.format(of=c.of, country=c.name, demonym=c.demonym)
        kind, inter = chosen.kind, chosen.inter
        if kind == "state" and focus and country != focus and chosen.country == "*":
            kind, inter = "external", 8
        return Actor(f"{key}:{country}", name, kind, inter, country)

    def org_actor(self, ref: str | None, day: date | None) -> Actor | None:
        """An organisation reference from people.tsv: an actor id or "generic_key:Country"."""
        if not ref:
            return None
        if ":" in ref:
            key, country = ref.split(":", 1)
            return self.generic(key, country, day)
        rows = self.by_id.get(ref)
        if not rows:
            return None
        valid = [r for r in rows if valid_on(r.valid_from, r.valid_to, day)] or rows
        return valid[0].actor

    def person(self, pid: str, day: date | None) -> PersonRow:
        """The person's row (office) valid on `day`; the current one when the day is unknown."""
        rows = self.people[pid]
        if day is not None:
            for r in rows:
                if valid_on(r.valid_from, r.valid_to, day):
                    return r
        return next((r for r in rows if r.valid_to is None), rows[0])

    def parent(self, actor: Actor) -> Actor | None:
        """The organisation a named actor belongs to (Al-Quds Brigades -> PIJ)."""
        row = self.rows.get(actor.id)
        if row is None or not row.parent:
            return None
        p = self.rows.get(row.parent)
        return p.actor if p else None

    def counts(self) -> dict[str, int]:
        return {"actors": len(self.by_id), "actor_rows": sum(len(v) for v in self.by_id.values()),
                "aliases": self.n_aliases, "generic_templates": len(self.generic_rows),
                "countries": len(self.countries), "people": len(self.people),
                "person_aliases": self.n_person_aliases, "lexicon_forms": len(self.lexicon)}
