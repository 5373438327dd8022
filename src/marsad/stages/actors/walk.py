"""The actor stage's walk over the lexicon hits of one document, then the mentions that refer back:
anaphoric heads ("عناصر التنظيم") and bare surnames ("وأضاف برينان")."""

from __future__ import annotations

import re

from marsad.model.records import Actor
from marsad.model.spans import Spans, Taken
from marsad.resources.actors import GenericHit, HeadHit, NamedHit, NatHit, PersonHit, TitleHit, valid_on
from marsad.stages.actors.read import read_actor
from marsad.stages.actors.scan import Hit, Scan
from marsad.stages.actors.titles import read_title
from marsad.text.match import Match


def walk(scan: Scan) -> list[Hit]:
    """Every actor mention of the document (normalised offsets, start-sorted)."""
    hits: list[Hit] = []
    heads: list[tuple[Match, HeadHit]] = []
    i = 0
    while i < len(scan.ms):
        got = _read_at(scan, i, hits, heads)
        if got is None:
            i += 1
            continue
        hits.append(got[0])
        i = max(got[1], i + 1)
    hits += _heads(scan, heads, hits)
    hits += _surnames(scan, hits)
    for h in hits:
        if h.actor.kind != "person":
            h.start = _members(scan, h.start)
    hits.sort(key=lambda h: h.start)
    return hits


def _read_at(scan: Scan, i: int, hits: list[Hit], heads: list[tuple[Match, HeadHit]]) -> tuple[Hit, int] | None:
    """The mention that starts at match i, tried as a title, a known person, an actor, then a plural
    nationality ("السوريين" -> civilians of Syria), with the next match index; an anaphoric head is kept
    in `heads` for later."""
    m = scan.ms[i]
    vals = m.values
    got: tuple[Hit, int] | None = None
    if any(isinstance(v, TitleHit) for v in vals):
        got = read_title(scan, i)
    if got is None and any(isinstance(v, PersonHit) for v in vals):
        got = _person(scan, m, hits), i + 1
    if got is None and any(isinstance(v, NamedHit | GenericHit) for v in vals):
        got = read_actor(scan, i)
    if got is None and any(isinstance(v, HeadHit) for v in vals):
        heads.append((m, next(v for v in vals if isinstance(v, HeadHit))))
    if got is None:
        nat = next((v for v in vals if isinstance(v, NatHit)), None)
        if nat is not None and nat.form == "plural":
            a = scan.t.generic("civilians", nat.country, scan.day, scan.focus)
            if a:
                got = (Hit(m.start, m.end, a), i + 1)
    return got


def _person(scan: Scan, m: Match, hits: list[Hit]) -> Hit:
    """A person of the table by name, with the role and organisation of an earlier mention of them."""
    pid = next(v.id for v in m.values if isinstance(v, PersonHit))
    row = scan.t.person(pid, scan.day)
    prev = next((h for h in hits if h.actor.id == f"person:{pid}"), None)
    role, org = (prev.role, prev.org) if prev else (row.role, scan.t.org_actor(row.org, scan.day))
    return Hit(m.start, m.end, Actor(f"person:{pid}", row.name, "person", None, None), role, org)


def _members(scan: Scan, start: int) -> int:
    """The start of a group mention widened over a member noun before it ("عناصر قسد")."""
    w = re.search(r"(?:^|\s)(\S+)\s$", scan.norm[max(0, start - 20):start])
    members = scan.w.members
    if w and (w.group(1) in members or w.group(1)[1:] in members and w.group(1)[0] in scan.w.member_clitics):
        return start - len(w.group(1)) - 1
    return start


def _heads(scan: Scan, heads: list[tuple[Match, HeadHit]], hits: list[Hit]) -> list[Hit]:
    """Anaphoric heads: the nearest earlier (else later) actor of the head, else its default actor."""
    out = []
    for m, h in heads:
        ids = set(scan.t.heads.get(h.head, ()))
        before = [x for x in hits if x.actor.id in ids and x.start < m.start]
        after = [x for x in hits if x.actor.id in ids and x.start > m.start]
        ref = before[-1] if before else (after[0] if after else None)
        if ref is not None:
            out.append(Hit(m.start, m.end, ref.actor))
        elif h.head in scan.t.head_default:
            row = scan.t.rows[scan.t.head_default[h.head]]
            if valid_on(row.valid_from, row.valid_to, scan.day):
                out.append(Hit(m.start, m.end, row.actor))
    return out


def _surnames(scan: Scan, hits: list[Hit]) -> list[Hit]:
    """Later bare surnames of people named in full ("اللواء جون برينان ... وأضاف برينان")."""
    out = []
    named = Spans(sorted(hits, key=lambda h: h.start))
    taken = Taken()
    scanned: dict[str, int] = {}  # surname -> the earliest offset its occurrences were read from
    for h in [h for h in hits if h.actor.kind == "person" and h.actor.id.startswith("person:")]:
        key = h.actor.id[len("person:"):]
        parts = key.split()
        if len(parts) < 2 or len(parts[-1]) < 3 or parts[-1] in scan.w.name_stop:
            continue
        if scanned.get(parts[-1], h.end + 1) <= h.end:
            continue  # every occurrence after here has been taken or refused already
        scanned[parts[-1]] = h.end
        pat = re.compile(r"(?<!\w)(?:[" + scan.w.surname_clitics + "])?(" + re.escape(parts[-1]) + r")(?!\w)")
        for w in pat.finditer(scan.norm, h.end):
            s, e = w.span(1)
            if not named.overlapping(s, e) and taken.take(s, e):
                out.append(Hit(s, e, h.actor, h.role, h.org))
    return out
