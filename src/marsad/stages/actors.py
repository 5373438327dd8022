"""Stage `actors`: resolve actor mentions to canonical actors (named, generic per country, people).

One pass over the lexicon hits of the actor table (resources/actors.py) in the normalised view:

- named actors by alias, filtered by the story date and the document's country ("قسد", "مرتزقة داعش");
- generic actors with a nationality word after them or the document's country focus
  ("الجيش الإسرائيلي" -> Military Forces of Israel, "قوات الأمن" in a Tunisian story -> Police Forces of
  Tunisia, "مسلحون مجهولون" -> Unidentified Armed Group (Libya));
- anaphoric heads back to a named actor of the same document ("عناصر التنظيم" -> Islamic State (ISIS));
- people: title + organisation + name ("المتحدث باسم التحالف، اللواء جون برينان" -> John Brennan,
  spokesman, org Global Coalition ...), known people by name, and later bare surnames ("وأضاف برينان").

A person mention spans the whole phrase (title, organisation and name); its organisation is `org`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from marsad.model.document import Document
from marsad.model.records import Actor, ActorMention
from marsad.model.spans import Spans, Taken
from marsad.resources.actors import (
    ActorTable,
    GenericHit,
    HeadHit,
    NamedHit,
    NatHit,
    PersonHit,
    TitleHit,
    valid_on,
)
from marsad.stages.base import stage
from marsad.text.match import Match
from marsad.text.normalize import has_arabic

_SEP = re.compile(r"[\s,:\-–—]*")
_WORD = re.compile(r"[^\W\d_]+")
# The words and patterns of names, member nouns and heads (the gap before a nationality adjective, "التابع
# لـ", a state TV's "الرسمي") are data: actors_words.json, loaded with the table (ActorTable.words).


@dataclass(slots=True)
class _Hit:
    start: int  # normalised offsets
    end: int
    actor: Actor
    role: str | None = None
    org: Actor | None = None


class _Resolver:
    """Resolution state for one document."""

    def __init__(self, doc: Document, table: ActorTable, country: str | None):
        self.doc, self.t, self.w = doc, table, table.words
        self.norm = doc.norm.text
        self.day: date | None = doc.published
        self.ms: list[Match] = table.lexicon.find(self.norm)
        self._stops: set[int] | None = None
        self.focus = country or self._focus()

    def _name_stops(self) -> set[int]:
        """Word starts of the lexicon hits that are not persons: a name read from the text stops there
        (computed once per document, not once per name)."""
        if self._stops is None:
            self._stops = {m.word_start for m in self.ms if not any(isinstance(v, PersonHit) for v in m.values)}
        return self._stops

    # --- country focus ------------------------------------------------------------------------------------
    def _focus(self) -> str | None:
        country_focus: Callable[[Document], str | None] | None
        try:
            from marsad.stages.places import country_focus
        except ImportError:  # the place stage is optional
            country_focus = None
        place_focus = country_focus(self.doc) if country_focus is not None and self.doc.places else None
        votes = self._votes()
        if place_focus in self.t.countries:
            # trust the places unless the nationality words clearly point elsewhere and never at it
            if not votes or votes[place_focus] > 0 or votes.most_common(1)[0][1] < 1:
                return place_focus
        return votes.most_common(1)[0][0] if votes else None

    def _votes(self) -> Counter:
        votes: Counter = Counter()
        for i, m in enumerate(self.ms):
            for v in m.values:
                if isinstance(v, NatHit) and v.countable:
                    if v.form == "name" and self._reference(m):
                        break  # "قرب الحدود مع موريتانيا": a country the place stage read as a reference point
                    after_head = i > 0 and any(isinstance(x, GenericHit | NamedHit) for x in self.ms[i - 1].values) \
                        and not self.norm[self.ms[i - 1].end:m.start].strip()
                    # float votes: typeshed types Counter counts as int
                    votes[v.country] += 2.0 if v.form == "name" else (0.75 if after_head else 1.0)  # type: ignore[assignment]
                    break
                if isinstance(v, NamedHit):
                    rows = self.t.candidates(v.key, self.day)
                    if rows and len(rows[0].countries) == 1:
                        votes[next(iter(rows[0].countries))] += 0.5  # type: ignore[assignment]  # float votes
                    break
        return votes

    def _reference(self, m: Match) -> bool:
        """Whether the place stage read this country name as a reference point (a country across a border)."""
        from marsad.stages.places import REFERENCE

        s, e = self.doc.norm.to_original(m.start, m.end)
        return any(p.start < e and s < p.end and p.confidence <= REFERENCE for p in self.doc.places)

    # --- helpers ------------------------------------------------------------------------------------------
    def _nat_after(self, j: int, end: int) -> tuple[NatHit, int, int] | None:
        """A nationality word right after `end` (match index j): (hit, its end, next index)."""
        if j >= len(self.ms):
            return None
        m = self.ms[j]
        nat = next((v for v in m.values if isinstance(v, NatHit)), None)
        if nat is None or not self.w.gap.fullmatch(self.norm[end:m.word_start]):
            return None
        if self.norm[end:m.word_start].strip() and nat.form == "name":
            return None  # "قوات الأمن الليبية" yes, "قوات الأمن العام سوريا" no
        return nat, m.end, j + 1

    def _adjacent(self, j: int, end: int, sep: re.Pattern = _SEP) -> Match | None:
        if j < len(self.ms) and sep.fullmatch(self.norm[end:self.ms[j].word_start]):
            return self.ms[j]
        return None

    def _named(self, m: Match, strict: bool) -> Actor | None:
        for v in m.values:
            if isinstance(v, NamedHit):
                a = self.t.resolve_named(v.key, self.day, self.focus, strict=strict)
                if a is not None:
                    return a
        return None

    def read_actor(self, i: int) -> tuple[_Hit, int] | None:
        """The organisation/actor starting at match i (named, or generic with its country)."""
        m = self.ms[i]
        gen = next((v for v in m.values if isinstance(v, GenericHit)), None)
        actor = self._named(m, strict=gen is not None)
        end, nxt = m.end, i + 1
        nat = self._nat_after(nxt, end)
        if actor is not None:
            row = self.t.rows.get(actor.id)
            if nat and row and nat[0].country in row.countries:
                end, nxt = nat[1], nat[2]
            return _Hit(m.start, end, actor), nxt
        if gen is None:
            return None
        if not nat and (b := self.w.belongs.match(self.norm, end)) and nxt < len(self.ms) \
                and self.ms[nxt].word_start == b.end() and self.ms[nxt].prefix.endswith(self.w.lam):
            owner = self._named(self.ms[nxt], strict=False)
            if owner is not None:
                return _Hit(m.start, self.ms[nxt].end, owner), nxt + 1
        country: str | None
        if nat:
            country, end, nxt = nat[0].country, nat[1], nat[2]
            if gen.key == "state_tv" and (tail := self.w.state_tv_tail.match(self.norm, end)):
                end = tail.end()
        elif gen.needs_adj:
            return None
        else:
            country = gen.default_country or self.focus
        actor = self.t.generic(gen.key, country, self.day, self.focus)
        return (_Hit(m.start, end, actor), nxt) if actor else None

    def read_name(self, pos: int) -> tuple[int, int] | None:
        """A person's name (1-4 words) starting at normalised offset `pos`, stopping at punctuation, known
        words and other lexicon hits."""
        starts = self._name_stops()
        stop, links, conj = self.w.name_stop, self.w.name_links, self.w.conj
        words: list[tuple[int, int]] = []
        p = pos
        while len(words) < 4:
            w = _WORD.match(self.norm, p)
            if not w or w.start() in starts and words:
                break
            tok = w.group()
            bare = tok[1:] if tok[:1] in conj and len(tok) > 3 else tok
            if tok in stop or bare in stop or len(tok) < 2 and tok not in links:
                break
            if w.start() in starts:
                break
            words.append((w.start(), w.end()))
            if len(words) >= 3 and tok not in links:
                break
            nxt = self.norm[w.end():w.end() + 1]
            if nxt != " ":
                break
            p = w.end() + 1
        while words and self.norm[words[-1][0]:words[-1][1]] in links:
            words.pop()
        return (words[0][0], words[-1][1]) if words else None

    def person_from_table(self, m: Match) -> Actor | None:
        pid = next(v.id for v in m.values if isinstance(v, PersonHit))
        row = self.t.person(pid, self.day)
        return Actor(f"person:{pid}", row.name, "person", None, None)

    # --- titles -------------------------------------------------------------------------------------------
    def read_title(self, i: int) -> tuple[_Hit, int] | None:
        m = self.ms[i]
        t = next(v for v in m.values if isinstance(v, TitleHit))
        if m.suffix:
            return None  # "محافظة", "الرئيسي": the title word with an ending is another word
        role, org, country, end, nxt = t.role, None, None, m.end, i + 1
        org_alias = None
        if t.kind == "org_role":
            nm = self._adjacent(nxt, end, self.w.gap)
            got = self.read_actor(nxt) if nm is not None else None
            if nm is None or got is None:
                return None
            org_alias = next((v.key for v in nm.values if isinstance(v, NamedHit)), None)
            org, end, nxt = got[0].actor, got[0].end, got[1]
        elif t.kind == "office":
            nat = self._nat_after(nxt, end)
            if nat:
                country, end, nxt = nat[0].country, nat[1], nat[2]
            if t.org_key == "un":
                org = self.t.rows["UN"].actor
            elif t.org_key:
                org = self.t.generic(t.org_key, country or self.focus, self.day, self.focus)
        # further titles ("المتحدث باسم التحالف، اللواء جون برينان")
        while (n := self._adjacent(nxt, end)) is not None and any(
                isinstance(v, TitleHit) and v.kind in ("rank", "honorific") for v in n.values) \
                and not any(isinstance(v, PersonHit) for v in n.values):
            tv = next(v for v in n.values if isinstance(v, TitleHit))
            if role is None and tv.role:
                role = tv.role
            end, nxt = n.end, nxt + 1
        pm = self._adjacent(nxt, end)
        if pm is not None and any(isinstance(v, PersonHit) for v in pm.values):
            pid = next(v.id for v in pm.values if isinstance(v, PersonHit))
            row = self.t.person(pid, self.day)
            actor = Actor(f"person:{pid}", row.name, "person", None, country)
            known = self.t.org_actor(row.org, self.day)
            if org is not None and known is not None and org_alias is not None and any(
                    r.actor.id == known.id for r in self.t.candidates(org_alias, self.day)):
                org = known  # "المتحدث باسم التحالف ... برينان": the coalition Brennan speaks for
            return _Hit(m.start, pm.end, actor, role or row.role, org or known), nxt + 1
        sep = _SEP.match(self.norm, end)
        assert sep is not None  # _SEP matches the empty string too
        nameless = role is not None and ("source" in role or "witness" in role)
        span = None if nameless else self.read_name(sep.end())
        if span is not None:
            nm_text = self.doc.text[slice(*self.doc.norm.to_original(*span))]
            actor = Actor(f"person:{self.norm[span[0]:span[1]]}", nm_text, "person", None, country)
            while nxt < len(self.ms) and self.ms[nxt].start < span[1]:
                nxt += 1
            return _Hit(m.start, span[1], actor, role if t.kind != "honorific" or t.role else role, org), nxt
        if t.kind in ("rank", "honorific"):
            return None
        if t.kind == "office" and org is None and country is None:
            return None
        if t.kind == "office" and t.words == 1 and country is None:
            return None  # a bare "الرئيس" / "مسؤول" names nobody
        if t.kind == "org_role":
            assert org is not None  # an org_role title returned above unless it read its organisation
            name = f"{org.name} {role}"
        else:
            c = self.t.countries.get(country or self.focus or "")
            name = f"{c.demonym} {role}" if c and role else self.doc.text[slice(*self.doc.norm.to_original(m.start, end))]
        return _Hit(m.start, end, Actor(f"person:{name}", name, "person", None, country), role, org), nxt

    # --- the walk -----------------------------------------------------------------------------------------
    def run(self) -> list[_Hit]:
        hits: list[_Hit] = []
        heads: list[tuple[Match, HeadHit]] = []
        i = 0
        while i < len(self.ms):
            m = self.ms[i]
            vals = m.values
            got = None
            if any(isinstance(v, TitleHit) for v in vals):
                got = self.read_title(i)
            if got is None and any(isinstance(v, PersonHit) for v in vals):
                pid = next(v.id for v in vals if isinstance(v, PersonHit))
                row = self.t.person(pid, self.day)
                prev = next((h for h in hits if h.actor.id == f"person:{pid}"), None)
                role, org = (prev.role, prev.org) if prev else (row.role, self.t.org_actor(row.org, self.day))
                got = (_Hit(m.start, m.end, Actor(f"person:{pid}", row.name, "person", None, None), role, org),
                       i + 1)
            if got is None and any(isinstance(v, NamedHit | GenericHit) for v in vals):
                got = self.read_actor(i)
            if got is None and any(isinstance(v, HeadHit) for v in vals):
                heads.append((m, next(v for v in vals if isinstance(v, HeadHit))))
            if got is None:
                nat = next((v for v in vals if isinstance(v, NatHit)), None)
                if nat is not None and nat.form == "plural":
                    a = self.t.generic("civilians", nat.country, self.day, self.focus)
                    if a:
                        got = (_Hit(m.start, m.end, a), i + 1)
            if got is None:
                i += 1
                continue
            hits.append(got[0])
            i = max(got[1], i + 1)
        hits += self._heads(heads, hits)
        hits += self._surnames(hits)
        for h in hits:
            if h.actor.kind != "person":
                h.start = self._members(h.start)
        hits.sort(key=lambda h: h.start)
        return hits

    def _members(self, start: int) -> int:
        w = re.search(r"(?:^|\s)(\S+)\s$", self.norm[max(0, start - 20):start])
        members = self.w.members
        if w and (w.group(1) in members or w.group(1)[1:] in members and w.group(1)[0] in self.w.member_clitics):
            return start - len(w.group(1)) - 1
        return start

    def _heads(self, heads: list[tuple[Match, HeadHit]], hits: list[_Hit]) -> list[_Hit]:
        out = []
        for m, h in heads:
            ids = set(self.t.heads.get(h.head, ()))
            before = [x for x in hits if x.actor.id in ids and x.start < m.start]
            after = [x for x in hits if x.actor.id in ids and x.start > m.start]
            ref = before[-1] if before else (after[0] if after else None)
            if ref is not None:
                out.append(_Hit(m.start, m.end, ref.actor))
            elif h.head in self.t.head_default:
                row = self.t.rows[self.t.head_default[h.head]]
                if valid_on(row.valid_from, row.valid_to, self.day):
                    out.append(_Hit(m.start, m.end, row.actor))
        return out

    def _surnames(self, hits: list[_Hit]) -> list[_Hit]:
        """Later bare surnames of people named in full ("اللواء جون برينان ... وأضاف برينان")."""
        out = []
        named = Spans(sorted(hits, key=lambda h: h.start))
        taken = Taken()
        scanned: dict[str, int] = {}  # surname -> the earliest offset its occurrences were read from
        for h in [h for h in hits if h.actor.kind == "person" and h.actor.id.startswith("person:")]:
            key = h.actor.id[len("person:"):]
            parts = key.split()
            if len(parts) < 2 or len(parts[-1]) < 3 or parts[-1] in self.w.name_stop:
                continue
            if scanned.get(parts[-1], h.end + 1) <= h.end:
                continue  # every occurrence after here has been taken or refused already
            scanned[parts[-1]] = h.end
            pat = re.compile(r"(?<!\w)(?:[" + self.w.surname_clitics + "])?(" + re.escape(parts[-1]) + r")(?!\w)")
            for w in pat.finditer(self.norm, h.end):
                s, e = w.span(1)
                if not named.overlapping(s, e) and taken.take(s, e):
                    out.append(_Hit(s, e, h.actor, h.role, h.org))
        return out


def resolve(doc: Document, table: ActorTable, country: str | None = None) -> list[ActorMention]:
    """Actor mentions of a document (original offsets, start-sorted); `country` overrides the focus."""
    out = []
    for h in _Resolver(doc, table, country).run():
        s, e = doc.norm.to_original(h.start, h.end)
        out.append(ActorMention(s, e, doc.text[s:e], h.actor, h.role, h.org))
    return out


@stage("actors", needs=("sentences", "places"), adds=("actors",), resources=("actors", "names"))
def find_actors(doc: Document, res) -> None:
    """Pipeline stage: fill `doc.actors`; a person no table holds gets a Latin name (stages/names.py)."""
    names = res["names"]
    out = []
    for m in resolve(doc, res["actors"]):
        if m.actor.kind == "person" and has_arabic(m.actor.name):
            latin = names.person(m.actor.name)
            if latin:
                m = replace(m, actor=replace(m.actor, name=latin))
        out.append(m)
    doc.actors = out


def parse_actors(text: str, published: date | str | None = None, country: str | None = None,
                 res=None) -> list[ActorMention]:
    """Run the pipeline up to `actors` on a bare text ("الجيش الإسرائيلي" -> Military Forces of Israel)."""
    from marsad.model.document import DocMeta, content_id
    from marsad.pipeline import Pipeline

    if isinstance(published, str):
        published = date.fromisoformat(published[:10])
    doc = Document(text, DocMeta(id=content_id(text), published=published))
    pipe = Pipeline.build(until="places", resources=res)
    pipe(doc)
    doc.actors = resolve(doc, pipe.resources["actors"], country)
    return doc.actors


def actor_to_json(m: ActorMention) -> dict:
    """The CLI's JSON for one mention."""
    return {"span": [m.start, m.end], "text": m.text, "name": m.actor.name, "id": m.actor.id,
            "kind": m.actor.kind, "inter": m.actor.inter, "role": m.role,
            "org": m.org.name if m.org else None}
