"""Names the gazetteer may not know, placed inside a known place nearby: the items of a list after a plural
type word ("بلدات أورم الكبرى و كفرناها و خان العسل بريف حلب الغربي") and a name after a type cue ("قرية
بهرافا في ناحية ...")."""

from __future__ import annotations

from marsad.model.records import Place, PlaceMention
from marsad.stages.places.cues import Cues, next_word
from marsad.stages.places.scan import Scan, precision
from marsad.text.match import is_word_char

_MAX_ITEMS = 15


def list_items(scan: Scan, found: list[PlaceMention]) -> list[PlaceMention]:
    """The names of a coordinated list after a plural type word ("بلدات أورم الكبرى و كفرناها و خان العسل
    بريف حلب الغربي"): a name the gazetteer knows but the finder left alone (no cue before it) is taken
    from the gazetteer, an unknown one becomes a place inside the known place that closes the list, so
    that an event told of the whole list can be coded once per location (ACLED's unit). (Lists opened by
    a known place alone, "في الدراز والسهلة وسترة", were tried and left out: worse on blind.)"""
    text = scan.text
    taken = [scan.doc.norm.to_norm(pm.start, pm.end) for pm in found]
    known = {a for a, _ in taken}
    out: list[PlaceMention] = []
    # list openers: a plural type word followed by a space or a colon
    starts = [m.end() + (1 if text[m.end()] == ":" else 0) for m in scan.cues.list_opener_re.finditer(text)]
    seen_items: set[int] = set()
    for start in starts:
        items = _list(scan, start)
        if len(items) < 2:
            continue
        parent = next((pm for (a, _), pm in zip(taken, found, strict=True)
                       if items[-1][1] <= a <= items[-1][1] + 40 and pm.place.feature != "country"), None)
        if parent is None:
            continue  # a list is read as places only when a known place closes it
        for ns, ne, name in items:
            if ns in known or ns in seen_items or any(x < ne and ns < y for x, y in taken) \
                    or name in scan.gaz.stop:
                continue
            seen_items.add(ns)
            s, t = scan.doc.norm.to_original(ns, ne)
            if not scan.hidden(s, t):
                out.append(_list_mention(scan, s, t, name, parent.place))
    return out


def _list(scan: Scan, pos: int) -> list[tuple[int, int, str]]:
    """The items (normalised start, end, folded name) of the list that starts at `pos`."""
    text, cues = scan.text, scan.cues
    items: list[tuple[int, int, str]] = []
    for _ in range(_MAX_ITEMS):
        got = _list_item(text, pos, cues)
        if got is None:
            break
        ns, ne, name, nxt = got
        if cues.strip(name.split()[0], cues.preps) or cues.strip(name.split()[0], cues.types) or len(name) < 3 \
                or name.split()[0] in cues.not_names:
            break
        items.append((ns, ne, name))
        sep = _separator(text, nxt, cues)
        if sep is None:
            break
        pos = sep[0]
    return items


def _list_mention(scan: Scan, s: int, t: int, name: str, pp: Place) -> PlaceMention:
    """A list item over original [s, t): a gazetteer name the finder left alone (no cue before it) is the
    place of the list's country, an unknown one a village inside `pp`, the place that closes the list."""
    entry = next((e for e in (scan.gaz.get(i) for i in scan.gaz.ids(name))
                  if e is not None and e.country == pp.country), None)
    if entry is not None:
        return scan.mention(s, t, entry, precision(entry, False), 0.6)
    place = _inside(scan.cues, name, pp, "village", pp.id if pp.feature != "city" else pp.parent)
    return scan.mention(s, t, place, 2, 0.4)


def _inside(cues: Cues, name: str, pp: Place, feature: str, parent: str | None) -> Place:
    """A place the gazetteer lacks, named `name` (folded), at the coordinates of `pp`, which holds it."""
    return Place(id=f"U:{name}", name=f"{cues.latin(name)}, {pp.name}", name_ar=name, country=pp.country,
                 admin1=pp.admin1 or (pp.name if pp.feature == "admin1" else None),
                 admin2=pp.admin2 or (pp.name if pp.feature == "admin2" else None),
                 latitude=pp.latitude, longitude=pp.longitude, feature=feature, population=0, parent=parent)


def _list_item(text: str, pos: int, cues: Cues) -> tuple[int, int, str, int] | None:
    """One item of a coordinated list of names at normalised `pos`: (start, end, folded name, next pos), the
    separator before it (comma, colon, spaced or glued و) already skipped by the caller. A name head that
    never stands alone takes the next word ("كفر حمرة"), an adjective stays with its name ("أورم الكبرى")."""
    ns, ne, name = next_word(text, pos)
    if not name:
        return None
    if name in cues.compound_heads:
        _, ne2, second = next_word(text, ne)
        if second and not cues.strip(second, cues.preps):
            ne, name = ne2, f"{name} {second}"
    _, ne3, adj = next_word(text, ne)
    if adj in cues.list_adjectives:
        ne, name = ne3, f"{name} {adj}"
    return ns, ne, name, ne


def _separator(text: str, pos: int, cues: Cues) -> tuple[int, bool] | None:
    """Skip a list separator at `pos` (", " "، " " و " ": " or a glued و): (position after it, whether the و
    is glued to the next word); None when no separator follows."""
    conj, not_conj = cues.conjunction, cues.not_conjunction
    spaced = conj + " "
    i = pos
    while i < len(text) and text[i] == " ":
        i += 1
    if i < len(text) and text[i] in ",:":  # the normalised text: an Arabic comma is "," there
        i += 1
        while i < len(text) and text[i] == " ":
            i += 1
        if text.startswith(spaced, i):
            i += 2
        elif i < len(text) and text[i] == conj and not text.startswith(not_conj, i) \
                and is_word_char(text[i + 1:i + 2] or " "):
            i += 1  # "، ودير سنبل"
        return i, False
    if text.startswith(spaced, i):
        return i + 2, False
    if i < len(text) and text[i] == conj and i > pos and not text.startswith(not_conj, i):
        return i + 1, True
    return None


def unknown_named(scan: Scan, found: list[PlaceMention]) -> list[PlaceMention]:
    """'قرية بهرافا في ناحية ...': a cue word + unknown name placed inside the next known place."""
    out: list[PlaceMention] = []
    taken = [(pm.start, pm.end) for pm in found]
    for m in scan.cues.unknown_cue_re.finditer(scan.text):
        got = _cued_name(scan, m.end())
        if got is None:
            continue
        feature, ns, ne, name = got
        s, t = scan.doc.norm.to_original(ns, ne)
        if any(a < t and s < b for a, b in taken):
            continue
        parent = next((pm for pm in found if s < pm.start <= s + 60 + len(name)
                       and pm.place.feature != "country"), None)
        if parent is None:
            continue
        between = scan.text[ne: scan.doc.norm.to_norm(parent.start, parent.start)[0]]
        # (the normalised text: an Arabic comma is "," there)
        if any(p in between for p in (".", ",", " " + scan.cues.conjunction, "\n")) and len(between) > 25:
            continue
        if scan.hidden(s, t):
            continue
        pp = parent.place
        out.append(scan.mention(s, t, _inside(scan.cues, name, pp, feature, pp.id), 2, 0.5))
    return out


def _cued_name(scan: Scan, k: int) -> tuple[str, int, int, str] | None:
    """(feature, normalised start, end, folded name) of a name the gazetteer lacks after the cue word that
    ends at the space at `k` ("قرية بهرافا"); None when no such cue and name are there."""
    text, cues = scan.text, scan.cues
    ws = k
    while ws > 0 and is_word_char(text[ws - 1]):
        ws -= 1
    cue = cues.strip(text[ws:k], cues.unknown_name_cues)
    if not cue:
        return None
    ns, ne, name = next_word(text, k)
    if name in cues.compound_heads:
        # "بلدة كفر نوران": a name head that never stands alone takes the next word too
        _, ne2, second = next_word(text, ne)
        if second and not cues.strip(second, cues.preps):
            ne, name = ne2, f"{name} {second}"
    if name.startswith(cues.lil) or (name[:1] == cues.conjunction and not name.startswith(cues.not_conjunction)):
        return None  # "قرى وحواجز": a conjunction, not a name
    if cues.strip(name, cues.types) or cues.strip(name, cues.preps):
        return None
    if len(name) < 3 or name in cues.not_names or name in scan.gaz.stop or scan.gaz.ids(name):
        return None
    return cues.unknown_name_cues[cue], ns, ne, name
