"""Who an attack falls on: civilian or armed-forces targets named in a clause (resources/data/event_targets.json).

ACLED codes violence against civilians only when civilians are the target; an attack on soldiers, police or
their posts is a battle. The test reads the words of the clause as whole words (with an optional و ف ب ل ك
and article before them), never a substring anywhere in the sentence: "قتل 15 جنديا ... في بلدة" has
armed-forces victims, and "بلدة" is not "a village attacked".

    >>> t = TargetWords.load()
    >>> t.civilian("قتل ثلاثه مدنيين في القصف"), t.military("هجوم علي ثكنه للجيش"), t.civilian_place("علي قريه")
    (True, True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.model.records import Actor
from marsad.resources.registry import read_json
from marsad.text.match import word_pattern
from marsad.text.normalize import fold


@dataclass(frozen=True)
class TargetWords:
    civilian_re: re.Pattern[str]
    military_re: re.Pattern[str]
    place_re: re.Pattern[str]
    crowd_re: re.Pattern[str]
    armed_re: re.Pattern[str]
    not_sides: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> TargetWords:
        data = read_json("event_targets.json")
        lists = data["lists"]
        return cls(word_pattern(lists["civilian"]["words"]), word_pattern(lists["military"]["words"]),
                   word_pattern(lists["civilian_place"]["words"]), word_pattern(lists["crowd"]["words"], endings=True),
                   word_pattern(lists["armed"]["words"]), frozenset(data["not_sides"]["ids"]))

    def not_side(self, actor: Actor) -> bool:
        """Whether this actor only reports, observes, relieves or treats (UN missions, aid agencies, health
        ministries, the media): a source, never the one who acts."""
        return (actor.id in self.not_sides or "key:" + actor.id.split(":")[0] in self.not_sides
                or "kind:" + actor.kind in self.not_sides)

    def crowd(self, mention: str) -> bool:
        """Whether a side's mention (original text) opens with a crowd word ("أنصار الإخوان", "الشبان")."""
        return self.crowd_re.match(fold(mention)) is not None

    def armed(self, norm: str, a: int = 0, b: int | None = None) -> bool:
        return self.armed_re.search(norm, a, len(norm) if b is None else b) is not None

    def civilian(self, norm: str, a: int = 0, b: int | None = None) -> bool:
        return self.civilian_re.search(norm, a, len(norm) if b is None else b) is not None

    def civilian_place(self, norm: str, a: int = 0, b: int | None = None) -> bool:
        return self.place_re.search(norm, a, len(norm) if b is None else b) is not None

    def military(self, norm: str, a: int = 0, b: int | None = None) -> bool:
        return self.military_re.search(norm, a, len(norm) if b is None else b) is not None
