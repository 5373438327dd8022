"""ACLED-style `notes`: one short factual English summary built only from an event's fields.

Template (docs/export.md):
    "{When}, {clause} in {place}. {n} reported fatalities[, {m} injured]. [{sub_event_type}] Sources: {k}."
- When: "On 2022-01-20" (time_precision 1), "Around 2022-01-20" (2), "In January 2022" (3),
  "Between 2022-01-20 and 2022-01-22" (a range); left out when the date is unknown.
- clause: the sub-event's sentence from acled_subevents.tsv with the actor names ("Islamic State (ISIS)
  attacked Civilians (Syria)"); with no actor1, "an event of type {sub_event_type} was
  reported[ involving {actor2}]".
- place: "Ghwayran (Al-Hasakah, Syria)" — location, then admin1 and country where they add something.
- fatalities: "3 reported fatalities" or, when sources disagree, "3 reported fatalities (up to 5 in some
  sources)"; left out when not reported.
Nothing is invented: a field that is missing leaves its part out.
"""

from __future__ import annotations

from marsad.export.tables import ExportTables
from marsad.model.results import ActorRef, AnyEvent

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _when(ev: AnyEvent) -> str:
    d1, d2 = ev.event_date, ev.event_date_end
    if not d1:
        return ""
    if d2 and d2 != d1:
        return f"Between {d1.isoformat()} and {d2.isoformat()}"
    prec = ev.time_precision or 1
    if prec >= 3:
        return f"In {_MONTHS[d1.month - 1]} {d1.year}"
    return f"{'On' if prec == 1 else 'Around'} {d1.isoformat()}"


def _place(ev: AnyEvent) -> str:
    parts = [p for p in (ev.location, ev.admin1, ev.country) if p]
    uniq: list[str] = []
    for p in parts:  # "Al-Anbar (Al-Anbar, Iraq)" -> "Al-Anbar (Iraq)"
        if not any(p == u or p in u.split(", ") for u in uniq):
            uniq.append(p)
    if not uniq:
        return ""
    head, rest = uniq[0], uniq[1:]
    return f"{head} ({', '.join(rest)})" if rest else head


def _name(actor: ActorRef | None) -> str | None:
    if actor is None:
        return None
    return actor.name or actor.mention or None


def build_notes(ev: AnyEvent, tables: ExportTables, fatalities: int | None, fatalities_max: int | None,
                n_sources: int) -> str:
    """The `notes` text of one event (an EventRecord or a MergedEvent)."""
    a1, a2 = _name(ev.actor1), _name(ev.actor2)
    sub = ev.sub_event_type or ev.event_type or "unclassified"
    info = tables.subevent(ev.sub_event_type)
    if a1 and info:
        clause = info.note.format(a1=a1, a2=a2) if a2 else info.note_one.format(a1=a1)
    elif a1:
        clause = f"{a1} was involved in a {sub} event" + (f" with {a2}" if a2 else "")
    else:
        clause = f"an event of type {sub} was reported" + (f" involving {a2}" if a2 else "")
    when = _when(ev)
    place = _place(ev)
    head = f"{when}, {clause}" if when else clause[:1].upper() + clause[1:]
    out = [head + (f" in {place}." if place else ".")]
    counts = []
    if fatalities is not None:
        f = f"{fatalities} reported fatalit{'y' if fatalities == 1 else 'ies'}"
        if fatalities_max is not None and fatalities_max > fatalities:
            f += f" (up to {fatalities_max} in some sources)"
        counts.append(f)
    inj = ev.injuries
    if isinstance(inj, int):
        counts.append(f"{inj} injured")
    if counts:
        out.append(", ".join(counts) + ".")
    out.append(f"[{sub}]")
    out.append(f"Sources: {n_sources}.")
    return " ".join(out)
