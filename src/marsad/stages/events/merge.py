"""Merging the mentions of one event across an article (headline, lead, body, toll update).

Rules, in order:
- specific mentions of one family (a blast and a suicide bombing, a protest and its dispersal, a takeover
  and a recapture) merge when date and place are compatible; an air strike and a missile strike on the same
  named place and day are one strike told two ways;
- a night-time mention ("في وقت متأخر من ليل الخميس", "فجر الجمعة") may be dated either side of midnight,
  so at one named place it joins a mention one day off;
- generic mentions ("الهجوم", "مقتل 5") and definite event nouns ("الاشتباكات") join the nearest compatible
  event; a background mention ("بعد سيطرة طالبان عليها") that finds none and has no date is dropped;
- a headline that joined nothing summarises the article's main event: it joins the one body mention of its
  family on a compatible day in the same country and province even when the place picked differs (the
  headline often names the wider region); a headline with several such candidates summarises them all
  and stays apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from marsad.model.records import Event, EvidenceSpan
from marsad.stages.events.actors import is_generic
from marsad.stages.events.args import place_rank
from marsad.text.normalize import fold

Contains = Callable[[str, str], bool]  # (outer place id, inner place id) -> inner lies within outer
Absorbed = Callable[[Event, Event], None]  # (target, mention merged into it)

_FAMILY = {"Suicide bomb": "explosive", "Remote explosive/landmine/IED": "explosive",
           "Peaceful protest": "protest", "Protest with intervention": "protest",
           "Excessive force against protesters": "protest",
           "Government regains territory": "takeover", "Non-state actor overtakes territory": "takeover"}
_STRIKES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def family(ev: Event) -> str:
    # a protest of one day and place is one event whatever the reports call it; an explosion reported as
    # a blast in one sentence and a suicide bombing in another is one event
    return _FAMILY.get(ev.sub_event_type, ev.sub_event_type)


_SEVERITY = {"Peaceful protest": 0, "Protest with intervention": 1, "Excessive force against protesters": 2,
             "Remote explosive/landmine/IED": 0, "Suicide bomb": 1,
             "Shelling/artillery/missile attack": 0, "Air/drone strike": 1}


def _same_site(a: Event, b: Event) -> bool:
    return (a.place is not None and b.place is not None and a.place.place.id == b.place.place.id
            and a.place.geo_precision == 1 and b.place.geo_precision == 1)


def _night(ev: Event, night: re.Pattern[str]) -> bool:
    return any(night.search(fold(s.text)) for s in ev.evidence)


def dates_ok(a: Event, b: Event, night: re.Pattern[str]) -> bool:
    """Whether the dates of two mentions allow one event. `night`: a night-time phrase in folded evidence
    (EventGrammar.night, event_grammar.json)."""
    if not a.date_start or not b.date_start or a.time_precision > 1 or b.time_precision > 1:
        return True  # an imprecise (publication-date) mention may join a dated one
    ae, be = a.date_end or a.date_start, b.date_end or b.date_start
    gap = max((b.date_start - ae).days, (a.date_start - be).days)
    # consecutive days of one battle at one place are one event; elsewhere the day must match, except
    # for a night-time mention at the same named place
    same_place = a.place is not None and b.place is not None and a.place.place.id == b.place.place.id
    if gap == 1 and _same_site(a, b) and (_night(a, night) or _night(b, night)):
        return True
    return gap <= (1 if same_place and a.event_type == "Battles" else 0)


def _named_in(ev: Event) -> bool:
    """Whether the event's place is named in its own evidence (not a place taken from the article's focus)."""
    p = ev.place
    return p is not None and bool(p.text) and any(s.start <= p.start and p.end <= s.end for s in ev.evidence)


def places_ok(a: Event, b: Event, contains: Contains) -> bool:
    if a.place is None or b.place is None:
        return True
    pa, pb = a.place.place, b.place.place
    if not (pa and pb):
        return True
    if place_rank(pa) == 3 or place_rank(pb) == 3:
        return True  # a bare country (often a nationality: "الحرس الثوري الإيراني") says little
    if pa.country != pb.country or (pa.admin1 and pb.admin1 and pa.admin1 != pb.admin1):
        return False
    if pa.id == pb.id or contains(pa.id, pb.id) or contains(pb.id, pa.id):
        return True
    if a.event_type == b.event_type == "Battles" and _one_town(pa, pb, contains):
        return True  # fighting in two quarters of one town on one day is one battle (ACLED's town-day unit)
    # two different named towns or sites are two events
    return not (pa.id != pb.id and place_rank(pa) == place_rank(pb) == 0 and a.place.geo_precision == b.place.geo_precision == 1
                and pb.parent != pa.id and pa.parent != pb.id)


def _one_town(pa, pb, contains: Contains) -> bool:
    """Two sites or quarters inside one town ("حي غويران" and "حي الزهور" in al-Hasakah)."""
    def town(p):  # the town a quarter or site belongs to; admin regions ("A:...") are not towns
        return p.parent if p.parent and not p.parent.startswith("A:") else None
    ta, tb = town(pa), town(pb)
    return bool((ta and (ta == tb or contains(ta, pb.id))) or (tb and contains(tb, pa.id)))


def _same_region(a: Event, b: Event) -> bool:
    """Same country, and same first-level region when both name one: a headline about al-Hasakah does
    not summarise a battle in Aleppo."""
    if a.place is None or b.place is None:
        return True
    pa, pb = a.place.place, b.place.place
    return pa.country == pb.country and (not pa.admin1 or not pb.admin1 or pa.admin1 == pb.admin1)


def compatible(a: Event, b: Event, contains: Contains, night: re.Pattern[str]) -> bool:
    # actor picks are noisy across mentions, so they do not separate mentions of one family
    if family(a) != family(b):
        # one strike named two ways ("قصف صاروخي" / "غارة جوية") on one named place and day
        return {a.sub_event_type, b.sub_event_type} <= _STRIKES and _same_site(a, b) and a.date_start == b.date_start
    if a.sentence == b.sentence and _apart(a, b, contains):
        return False  # "في عرفات والميناء": one sentence naming two places names two events
    return dates_ok(a, b, night) and places_ok(a, b, contains)


def _apart(a: Event, b: Event, contains: Contains) -> bool:
    if a.place is None or b.place is None or a.place.start == b.place.start:
        return False
    pa, pb = a.place.place, b.place.place
    return place_rank(pa) < 3 and place_rank(pb) < 3 and not contains(pa.id, pb.id) and not contains(pb.id, pa.id) \
        and pa.parent != pb.id and pb.parent != pa.id


def absorb(target: Event, ev: Event, sides: bool = True, have: set[EvidenceSpan] | None = None) -> None:
    """Fold mention `ev` into `target`; `sides=False` for a recalled mention ("ردا على قصف إسرائيل"), which
    tells of another attack and so lends the event no actor. `have`: the target's evidence as a set, kept
    by the caller across merges (so a long article's hundredth mention costs no more than its first)."""
    have = set(target.evidence) if have is None else have
    for s in ev.evidence:
        if s not in have:
            have.add(s)
            target.evidence.append(s)
    if target.date_start and ev.date_start and target.time_precision == ev.time_precision == 1:
        if target.event_type == "Battles":
            # one battle reported day by day: the range covers every day
            target.date_start = min(target.date_start, ev.date_start)
            target.date_end = max(target.date_end or target.date_start, ev.date_end or ev.date_start)
        elif _span_days(ev) < _span_days(target):
            # a strike or a blast happens on one day; a mention's range ("منذ الثلاثاء") is the story's
            target.date_start, target.date_end = ev.date_start, ev.date_end
    elif ev.time_precision < target.time_precision:
        target.date_start, target.date_end, target.time_precision = ev.date_start, ev.date_end, ev.time_precision
    if ev.place and (target.place is None or ev.place.geo_precision < target.place.geo_precision
                     or place_rank(ev.place.place) < place_rank(target.place.place)):
        target.place = ev.place
    if sides and (target.actor1 is None or not target.actor1.text):
        target.actor1 = ev.actor1 or target.actor1
    if sides and (target.actor2 is None or not target.actor2.text):
        target.actor2 = ev.actor2 or target.actor2
    elif sides and ev.actor2 is not None and ev.actor2.text and target.actor2 is not None \
            and is_generic(target.actor2) and not is_generic(ev.actor2):
        target.actor2 = ev.actor2  # a named side over a generic one ("عناصر الشرطة" over "مدنيين")
    related = family(ev) == family(target) or {ev.sub_event_type, target.sub_event_type} <= _STRIKES
    if _SEVERITY.get(ev.sub_event_type, -1) > _SEVERITY.get(target.sub_event_type, -1) \
            and (related or (target.generic and ev.generic)):
        target.event_type, target.sub_event_type = ev.event_type, ev.sub_event_type
    # the latest stated toll wins ("ارتفع عدد القتلى إلى ..."); a generic mention far from the event
    # (a country-wide count, another incident) only fills a gap
    if ev.fatalities is not None:
        near = abs(ev.sentence - max(target.sentence, 0)) <= 2
        if ev.toll_update or (not target.toll_update and (target.fatalities is None or (near and not ev.generic))):
            target.fatalities = ev.fatalities
            target.toll_update = target.toll_update or ev.toll_update
    if ev.injuries is not None:
        target.injuries = ev.injuries
    target.generic = target.generic and ev.generic
    target.confidence = min(0.99, max(target.confidence, ev.confidence) + 0.05)


def _span_days(ev: Event) -> int:
    return ((ev.date_end or ev.date_start) - ev.date_start).days if ev.date_start else 10**6


def merge(events: list[Event], contains: Contains, night: re.Pattern[str], lead: frozenset[int] = frozenset(),
          background: frozenset[int] = frozenset(), undated: frozenset[int] = frozenset(),
          absorbed: Absorbed | None = None) -> list[Event]:
    """Merge mentions of one event. `night`: a night-time phrase (EventGrammar.night); `lead`: sentence
    indices of the headline; `background`: ids of undated background mentions, dropped when they join
    nothing; `undated`: ids of mentions dated by the publication date only; `absorbed(target, ev)` is told
    of merges."""

    evidence: dict[int, set[EvidenceSpan]] = {}

    def join(target: Event, ev: Event, sides: bool = True) -> None:
        if absorbed is not None:
            absorbed(target, ev)
        have = evidence.get(id(target))
        if have is None:
            have = evidence[id(target)] = set(target.evidence)
        absorb(target, ev, sides=sides and id(ev) not in background, have=have)

    out: list[Event] = []
    for ev in (e for e in events if not e.generic):
        target = next((o for o in out if compatible(o, ev, contains, night)), None)
        if target is None:
            out.append(ev)
        else:
            join(target, ev)
    for ev in (e for e in events if e.generic and not e.distinct):
        # "الهجوم" / "مقتل 5" nearly always refer back to an event the article reports specifically;
        # a date attached to the generic word is often the report's, so only the place must agree
        cands = [o for o in out if places_ok(o, ev, contains)
                 and (not o.generic or dates_ok(o, ev, night))
                 and (not ev.anaphoric or family(o) == family(ev))
                 # "تعرضت البلدة لقصف": shelling is its own event beside a battle or a takeover
                 and (ev.event_type != "Explosions/Remote violence" or o.event_type == ev.event_type)]
        if not cands and ev.anaphoric and not any(
                o is not ev and o.sentence == ev.sentence and family(o) == family(ev) for o in events):
            # "ويأتي التفجير بالتزامن مع قداس في الإسكندرية": a definite event noun refers back to the last
            # event of its family even when its sentence names another place (a reference point) — unless
            # its sentence lists several ("شملت الغارات بلدات أورم وكفرناها": one event per town)
            back = [o for o in out if o.sentence < ev.sentence and family(o) == family(ev) and dates_ok(o, ev, night)
                    and (ev.event_type != "Explosions/Remote violence" or o.event_type == ev.event_type)]
            if back:
                join(back[-1], ev, sides=False)  # its sentence is about something else: its sides too
                continue
        if not cands:
            if id(ev) not in background:
                out.append(ev)
            continue
        before = [o for o in cands if o.sentence <= ev.sentence]
        target = max(before, key=lambda o: o.sentence) if before else min(cands, key=lambda o: o.sentence)
        join(target, ev)
    for ev in (e for e in events if e.generic and e.elsewhere):
        # "كما اندلعت مواجهات مماثلة في بلدة بيت عوا", "وفي هجوم آخر على قرية ...": another event of its own
        # where its sentence names a town or site none of the events kept so far took place in; a similar
        # one takes the sides of the last event of its family when it names none ("هجمات أخرى" with no place
        # of its own is dropped, and "مجزرة جديدة" is new against the past, not another event here)
        if id(ev) in background or ev.place is None or place_rank(ev.place.place) > 1 \
                or not _named_in(ev) or any(
                family(o) == family(ev) and o.place is not None and o.place.place.id == ev.place.place.id
                for o in out):
            continue
        last = [o for o in out if family(o) == family(ev) and o.sentence <= ev.sentence]
        if ev.actor1 is None and last:
            ev.actor1, ev.actor2 = last[-1].actor1, last[-1].actor2
        out.append(ev)
    for ev in [e for e in out if e.sentence in lead and len(e.evidence) == 1]:
        if any(o is not ev and o.sentence == ev.sentence and family(o) == family(ev) for o in out):
            continue  # a list of places ("اعتقال مواطن في طولكرم، و3 في كفر قدوم") names distinct events
        cands = [o for o in out if o.sentence != ev.sentence and family(o) == family(ev)
                 and (id(ev) in undated or dates_ok(o, ev, night)) and _same_region(o, ev)]
        if any(not compatible(a, b, contains, night) for a in cands for b in cands if a is not b):
            continue  # a summary of several events ("اعتقال 15 مواطنا في الضفة") stays apart
        if cands:
            target = min(cands, key=lambda o: (not places_ok(o, ev, contains), o.sentence not in lead, o.sentence))
            join(target, ev)
            out.remove(ev)
    out.sort(key=lambda e: e.trigger.start)
    return out
