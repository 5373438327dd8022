"""What every step of the actor stage reads: one document, the actor table's hits in it and its country
focus; the hits an actor mention is made of."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from marsad.model.document import Document
from marsad.model.records import Actor
from marsad.resources.actors import ActorTable, NamedHit, NatHit, PersonHit
from marsad.stages.actors.focus import document_focus
from marsad.text.match import Match

SEP = re.compile(r"[\s,:\-–—]*")


@dataclass(slots=True)
class Hit:
    """An actor mention in the making."""

    start: int  # normalised offsets
    end: int
    actor: Actor
    role: str | None = None
    org: Actor | None = None


class Scan:
    """One document under the actor stage: its normalised text, the table's lexicon hits in it (`ms`) and
    its country focus (`country`, else read from its places and nationality words)."""

    def __init__(self, doc: Document, table: ActorTable, country: str | None):
        self.doc, self.t, self.w = doc, table, table.words
        self.norm = doc.norm.text
        self.day: date | None = doc.published
        self.ms: list[Match] = table.lexicon.find(self.norm)
        self._stops: set[int] | None = None
        self.focus = country or document_focus(self)

    def name_stops(self) -> set[int]:
        """Word starts of the lexicon hits that are not persons: a name read from the text stops there
        (computed once per document, not once per name)."""
        if self._stops is None:
            self._stops = {m.word_start for m in self.ms if not any(isinstance(v, PersonHit) for v in m.values)}
        return self._stops

    def nat_after(self, j: int, end: int) -> tuple[NatHit, int, int] | None:
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

    def adjacent(self, j: int, end: int, sep: re.Pattern = SEP) -> Match | None:
        """Match j when only `sep` (by default spaces and punctuation) lies between `end` and it."""
        if j < len(self.ms) and sep.fullmatch(self.norm[end:self.ms[j].word_start]):
            return self.ms[j]
        return None

    def named(self, m: Match, strict: bool) -> Actor | None:
        """The named actor of match m on the story date in the focus country, if any."""
        for v in m.values:
            if isinstance(v, NamedHit):
                a = self.t.resolve_named(v.key, self.day, self.focus, strict=strict)
                if a is not None:
                    return a
        return None

    def in_place(self, start: int, end: int) -> bool:
        """Whether normalised [start, end) lies inside a place mention of the document (places stage)."""
        return bool(self.doc.spans("places").covering(*self.doc.norm.to_original(start, end)))

    def original(self, start: int, end: int) -> str:
        """The original text of normalised [start, end)."""
        return self.doc.text[slice(*self.doc.norm.to_original(start, end))]
