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

The walk over the hits and the mentions that refer back are in walk.py, titles in titles.py, actors and
names in read.py, the country focus in focus.py; scan.py holds what every step reads.
"""

from __future__ import annotations

from dataclasses import replace

from marsad.model.document import Document
from marsad.model.records import ActorMention
from marsad.resources.actors import ActorTable
from marsad.stages.actors.scan import Scan
from marsad.stages.actors.walk import walk
from marsad.stages.base import stage
from marsad.stages.resources import Resources
from marsad.text.normalize import has_arabic

__all__ = ["find_actors", "resolve"]


def resolve(doc: Document, table: ActorTable, country: str | None = None) -> list[ActorMention]:
    """Actor mentions of a document (original offsets, start-sorted); `country` overrides the focus."""
    out = []
    for h in walk(Scan(doc, table, country)):
        s, e = doc.norm.to_original(h.start, h.end)
        out.append(ActorMention(s, e, doc.text[s:e], h.actor, h.role, h.org))
    return out


@stage("actors", needs=("sentences", "places"), adds=("actors",), resources=("actors", "names"))
def find_actors(doc: Document, res: Resources) -> None:
    """Pipeline stage: fill `doc.actors`; a person no table holds gets a Latin name (stages/names.py)."""
    names = res.names
    out = []
    for m in resolve(doc, res.actors):
        if m.actor.kind == "person" and has_arabic(m.actor.name):
            latin = names.person(m.actor.name)
            if latin:
                m = replace(m, actor=replace(m.actor, name=latin))
        out.append(m)
    doc.actors = out
