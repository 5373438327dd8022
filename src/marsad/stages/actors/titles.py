"""People by their title: title + organisation + name ("المتحدث باسم التحالف، اللواء جون برينان" -> John
Brennan, spokesman, org Global Coalition), or the title alone when it says who ("الرئيس الفرنسي")."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.model.records import Actor
from marsad.resources.actors import NamedHit, PersonHit, TitleHit
from marsad.stages.actors.read import WORD, read_actor, read_name
from marsad.stages.actors.scan import SEP, Hit, Scan
from marsad.text.match import Match


@dataclass(slots=True)
class _Title:
    """What a title phrase has said so far, and where it stops (normalised offset, next match index)."""

    role: str | None
    end: int
    nxt: int
    org: Actor | None = None
    country: str | None = None
    org_alias: str | None = None  # the alias the organisation was named by


def read_title(scan: Scan, i: int) -> tuple[Hit, int] | None:
    """The person a title at match i opens, with the index of the next match to read."""
    m = scan.ms[i]
    t = next(v for v in m.values if isinstance(v, TitleHit))
    if m.suffix:
        return None  # "محافظة", "الرئيسي": the title word with an ending is another word
    title = _opening(scan, t, i, m.end)
    if title is None:
        return None
    _further_titles(scan, title)
    known = _known_person(scan, m, title)
    if known is not None:
        return known
    named = _named_person(scan, m, title)
    if named is not None:
        return named
    return _untitled(scan, m, t, title)


def _opening(scan: Scan, t: TitleHit, i: int, end: int) -> _Title | None:
    """The title and what it takes: an org_role its organisation ("المتحدث باسم التحالف"), an office its
    nationality ("الرئيس الفرنسي") and organisation."""
    title = _Title(t.role, end, i + 1)
    if t.kind == "org_role":
        nm = scan.adjacent(title.nxt, title.end, scan.w.gap)
        got = read_actor(scan, title.nxt) if nm is not None else None
        if nm is None or got is None:
            return None
        title.org_alias = next((v.key for v in nm.values if isinstance(v, NamedHit)), None)
        title.org, title.end, title.nxt = got[0].actor, got[0].end, got[1]
    elif t.kind == "office":
        nat = scan.nat_after(title.nxt, title.end)
        if nat:
            title.country, title.end, title.nxt = nat[0].country, nat[1], nat[2]
        if t.org_key == "un":
            title.org = scan.t.rows["UN"].actor
        elif t.org_key:
            title.org = scan.t.generic(t.org_key, title.country or scan.focus, scan.day, scan.focus)
    return title


def _further_titles(scan: Scan, title: _Title) -> None:
    """Ranks and honorifics after the title ("المتحدث باسم التحالف، اللواء ...")."""
    while (n := scan.adjacent(title.nxt, title.end)) is not None and any(
            isinstance(v, TitleHit) and v.kind in ("rank", "honorific") for v in n.values) \
            and not any(isinstance(v, PersonHit) for v in n.values):
        tv = next(v for v in n.values if isinstance(v, TitleHit))
        if title.role is None and tv.role:
            title.role = tv.role
        title.end, title.nxt = n.end, title.nxt + 1


def _known_person(scan: Scan, m: Match, title: _Title) -> tuple[Hit, int] | None:
    """A person of the table named right after the title."""
    pm = scan.adjacent(title.nxt, title.end)
    if pm is None or not any(isinstance(v, PersonHit) for v in pm.values):
        return None
    pid = next(v.id for v in pm.values if isinstance(v, PersonHit))
    row = scan.t.person(pid, scan.day)
    actor = Actor(f"person:{pid}", row.name, "person", None, title.country)
    known = scan.t.org_actor(row.org, scan.day)
    org = title.org
    if org is not None and known is not None and title.org_alias is not None and any(
            r.actor.id == known.id for r in scan.t.candidates(title.org_alias, scan.day)):
        org = known  # "المتحدث باسم التحالف ... برينان": the coalition Brennan speaks for
    return Hit(m.start, pm.end, actor, title.role or row.role, org or known), title.nxt + 1


def _named_person(scan: Scan, m: Match, title: _Title) -> tuple[Hit, int] | None:
    """A name read from the text after the title (none after a source's or witness's title)."""
    role = title.role
    if role is not None and ("source" in role or "witness" in role):
        return None
    sep = SEP.match(scan.norm, title.end)
    assert sep is not None  # SEP matches the empty string too
    span = read_name(scan, _past_complement(scan, sep.end()), after_title=True)
    if span is None:
        return None
    actor = Actor(f"person:{scan.norm[span[0]:span[1]]}", scan.original(*span), "person", None, title.country)
    nxt = title.nxt
    while nxt < len(scan.ms) and scan.ms[nxt].start < span[1]:
        nxt += 1
    return Hit(m.start, span[1], actor, role, title.org), nxt


def _past_complement(scan: Scan, pos: int, most: int = 2) -> int:
    """Where a name after a title may start: past up to `most` words the title governs, a word with the
    article ("محافظ البصرة", "وزير الخارجية الألماني"), a place ("رئيس بلدية غزة") or a preposition and a place
    ("السفير الفرنسي في بيروت"), when a word follows them; a name never opens with the article or a place."""
    start = pos
    for _ in range(most):
        w = WORD.match(scan.norm, pos)
        if w is None:
            break
        tok = w.group()
        if tok in scan.w.place_preps:
            p = WORD.match(scan.norm, w.end() + 1)
            if p is None or not scan.in_place(p.start(), p.end()) or scan.norm[p.end():p.end() + 1] != " ":
                break
            pos = p.end() + 1
            continue
        bare = tok[1:] if tok[:1] in scan.w.conj and tok[1:].startswith(scan.w.article) else tok
        if w.start() in scan.name_stops() or not (bare.startswith(scan.w.article)
                                                  or scan.in_place(w.start(), w.end())):
            break  # another title or actor ("رئيس الحكومة القائد العام ...") is read as itself
        if scan.norm[w.end():w.end() + 1] != " ":
            return start  # nothing after the governed word: no name to read past it
        pos = w.end() + 1
    return pos


def _untitled(scan: Scan, m: Match, t: TitleHit, title: _Title) -> tuple[Hit, int] | None:
    """A person named by the title alone ("الرئيس الفرنسي" -> French President); a rank, an honorific or
    a bare office ("الرئيس", "مسؤول") names nobody."""
    role, org, country = title.role, title.org, title.country
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
        c = scan.t.countries.get(country or scan.focus or "")
        name = f"{c.demonym} {role}" if c and role else scan.original(m.start, title.end)
    return Hit(m.start, title.end, Actor(f"person:{name}", name, "person", None, country), role, org), title.nxt
