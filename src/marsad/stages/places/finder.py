"""The place stage's walk over one document: candidates, disambiguation, then the places the text gives
without a gazetteer name, each step in its own module."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from marsad.model.document import Document
from marsad.model.records import PlaceMention
from marsad.resources.gazetteer import POINT_FEATURES, Gazetteer
from marsad.stages.places.candidates import Candidate, candidates
from marsad.stages.places.choose import choose, countryside, focus_votes, foreign, too_weak
from marsad.stages.places.implied import adjectives, capitals, nationwide
from marsad.stages.places.scan import REFERENCE, Scan, precision
from marsad.stages.places.unknown import list_items, unknown_named


def find(doc: Document, gaz: Gazetteer) -> list[PlaceMention]:
    """Place mentions of `doc` (start-sorted, original offsets, overlaps removed)."""
    scan = Scan.of(doc, gaz)
    cands = candidates(scan)
    votes = focus_votes(scan, cands)
    top = votes.most_common(1)[0][0] if votes else None
    out = [pm for i in range(len(cands)) if (pm := _mention(scan, cands, i, votes)) is not None]
    out = capitals(scan, nested(scan, out))
    out.extend(unknown_named(scan, out))
    out = sorted(out, key=lambda pm: (pm.start, -pm.end))
    out.extend(list_items(scan, out))
    out.extend(adjectives(scan, out))
    if top:
        out.extend(nationwide(scan, out, top))
    # a country across a border stays as a reference point, too weak to place anything (usable >= 0.4)
    out = [replace(pm, confidence=REFERENCE) if across_border(scan, pm) else pm for pm in out]
    out.sort(key=lambda pm: (pm.start, -pm.end))
    return _dedupe(out)


def _mention(scan: Scan, cands: list[Candidate], i: int, votes: Counter) -> PlaceMention | None:
    """The mention of candidate i, or None when it is no place of this text."""
    c = cands[i]
    isos = {e.iso for e in c.entries}
    if foreign(scan, c, isos, votes):
        return None
    if not (c.big or c.types) and too_weak(c, isos, votes):
        return None
    near = [n for n in cands[max(0, i - 3): i + 4] if n is not c and abs(n.m.start - c.m.start) < 120]
    e = choose(scan, c, votes, near)
    if e is None:
        return None
    m = c.m
    place = e.place
    start, end = m.start, m.end
    head, _, rest = m.key.partition(" ")
    if rest and head in scan.cues.generic and "countryside" not in c.types:
        start = m.start + len(head) + 1  # "محافظة الحسكة": the name is "الحسكة"
    relative = c.relative
    if "countryside" in c.types:
        place, end = countryside(scan, place, m.end)
        start, relative = c.cue_start, True
    s, t = scan.doc.norm.to_original(start, end)
    if scan.hidden(s, t):
        return None
    return scan.mention(s, t, place, precision(place, relative), 0.9 if c.big or c.types else 0.6)


def nested(scan: Scan, found: list[PlaceMention]) -> list[PlaceMention]:
    """'عبوين برام الله', 'قرية X في محافظة Y': a small place written inside a bigger one takes that
    one's admin1 when the gazetteer (or a guess such as the Palestinian nearest-seat rule) says otherwise."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = scan.doc.text[a.end:b.start].strip()
        pa, pb = a.place, b.place
        if gap not in scan.cues.nest_gaps or pa.country != pb.country or pa.feature not in POINT_FEATURES:
            continue
        inner_admin1 = pb.admin1 or (pb.name if pb.feature == "admin1" else None)
        if inner_admin1 and pa.admin1 != inner_admin1 and pa.population < 100_000 \
                and pb.feature in ("admin1", "admin2", "capital", "city", "town"):
            out[i] = replace(a, place=replace(pa, admin1=inner_admin1))
    return out


def across_border(scan: Scan, pm: PlaceMention) -> bool:
    """A country named only as the other side of a border ("قرب الحدود مع موريتانيا"): a reference point,
    not a place of the story."""
    if pm.place.feature != "country":
        return False
    a = scan.doc.norm.to_norm(pm.start, pm.end)[0]
    before = scan.text[max(0, a - 25):a].rstrip()
    lam, art = scan.cues.lam, " " + scan.cues.article
    for ref in scan.cues.border_before:
        if before.endswith(ref) or before.endswith(ref + lam) or before.endswith(ref + art):
            return True
    return False


def _dedupe(ms: list[PlaceMention]) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
