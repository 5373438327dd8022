"""Reading an organisation or actor ("الجيش الإسرائيلي", "قسد") and a person's name from the text."""

from __future__ import annotations

import re

from marsad.resources.actors import GenericHit
from marsad.stages.actors.scan import Hit, Scan

WORD = re.compile(r"[^\W\d_]+")


def read_actor(scan: Scan, i: int) -> tuple[Hit, int] | None:
    """The organisation/actor starting at match i (named, or generic with its country)."""
    m = scan.ms[i]
    gen = next((v for v in m.values if isinstance(v, GenericHit)), None)
    actor = scan.named(m, strict=gen is not None)
    end, nxt = m.end, i + 1
    nat = scan.nat_after(nxt, end)
    if actor is not None:
        row = scan.t.rows.get(actor.id)
        if nat and row and nat[0].country in row.countries:
            end, nxt = nat[1], nat[2]
        return Hit(m.start, end, actor), nxt
    if gen is None:
        return None
    if not nat and (b := scan.w.belongs.match(scan.norm, end)) and nxt < len(scan.ms) \
            and scan.ms[nxt].word_start == b.end() and scan.ms[nxt].prefix.endswith(scan.w.lam):
        owner = scan.named(scan.ms[nxt], strict=False)
        if owner is not None:
            return Hit(m.start, scan.ms[nxt].end, owner), nxt + 1
    country: str | None
    if nat:
        country, end, nxt = nat[0].country, nat[1], nat[2]
        if gen.key == "state_tv" and (tail := scan.w.state_tv_tail.match(scan.norm, end)):
            end = tail.end()
    elif gen.needs_adj:
        return None
    else:
        country = gen.default_country or scan.focus
    actor = scan.t.generic(gen.key, country, scan.day, scan.focus)
    return (Hit(m.start, end, actor), nxt) if actor else None


def read_name(scan: Scan, pos: int, after_title: bool = False) -> tuple[int, int] | None:
    """A person's name (1-4 words) starting at normalised offset `pos`, stopping at punctuation, known
    words and other lexicon hits; `after_title`, its first word may be a given name that folds like a
    function word ("علي") when the word after it has no article."""
    starts = scan.name_stops()
    stop, links, conj = scan.w.name_stop, scan.w.name_links, scan.w.conj
    words: list[tuple[int, int]] = []
    p = pos
    while len(words) < 4:
        w = WORD.match(scan.norm, p)
        if not w or w.start() in starts and words:
            break
        tok = w.group()
        bare = tok[1:] if tok[:1] in conj and len(tok) > 3 else tok
        if (tok in stop or bare in stop or len(tok) < 2 and tok not in links) and not (
                after_title and not words and tok in scan.w.given_stops
                and not scan.norm.startswith(scan.w.article, w.end() + 1)):
            break
        if w.start() in starts:
            break
        words.append((w.start(), w.end()))
        if len(words) >= 3 and tok not in links:
            break
        nxt = scan.norm[w.end():w.end() + 1]
        if nxt != " ":
            break
        p = w.end() + 1
    while words and scan.norm[words[-1][0]:words[-1][1]] in links:
        words.pop()
    return (words[0][0], words[-1][1]) if words else None
