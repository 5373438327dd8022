"""The clause words of the events stage and its merge, built into patterns once at load time.

The WORDS and SHAPES are data (resources/data/event_grammar.json): where a sentence splits into clauses
("فيما", "بينما"), which words before a cue make it recall an earlier event ("بعد", "ردا على"), list items
that continue an event at a new place ("، و3 في كفر قدوم"), "الأخير" after a cue, night-time mentions ("فجر",
"منتصف الليل"), and the clitics a cue or particle may carry. Words are folded when loaded (but for a list
marked "fold": false, read in the original text); `<name>` in a shape is the alternation of list `name`
in file order, a trailing "*" on a word standing for any ending.

`EventGrammar.load()` is loaded with the trigger lexicon (`TriggerLexicon.grammar`, the `triggers`
resource): picklable, no module state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.resources.registry import read_json
from marsad.stages.events.actors_lex import build_pattern, slots
from marsad.stages.events.actors_lex import word_lists as shared_word_lists

DATA = "event_grammar.json"

def word_lists(data: dict) -> dict[str, list[str]]:
    """Each list of the data file in file order, folded unless marked "fold": false; an undocumented,
    malformed or repeated entry is an error (event_actors_lex.word_lists)."""
    return shared_word_lists(data, DATA, need_about=True)


def _one(lists: dict[str, list[str]], name: str) -> str:
    if len(lists[name]) != 1:
        raise ValueError(f"{DATA}: list {name!r} must hold one word")
    return lists[name][0]


@dataclass(frozen=True)
class EventGrammar:
    """The clause words of stages/events/__init__.py and stages/events/merge.py (see event_grammar.json)."""

    clause_split: re.Pattern[str]
    background: re.Pattern[str]  # a recall word ending the text before a cue
    list_item: re.Pattern[str]
    latter: re.Pattern[str]
    another: re.Pattern[str]  # "هجوم آخر", "هجوم جديد": never merged as a generic mention
    elsewhere: re.Pattern[str]  # "هجوم آخر", "مواجهات مماثلة": another event, its own where it names a place
    night: re.Pattern[str]
    future: str  # "س" in a cue's clitic prefix
    particle_prefixes: tuple[str, ...]  # "", "و", "ف": the prefixes a modality particle may carry
    article: str  # a cue prefix ending in it is a definite event noun
    entered: tuple[str, ...]  # cue keys of "entered" start with one of them
    item_trim: str  # characters skipped at a list item's start (original text)

    @classmethod
    def load(cls) -> EventGrammar:
        return cls.from_data(read_json(DATA))

    @classmethod
    def from_data(cls, data: dict) -> EventGrammar:
        lists = word_lists(data)
        shapes = {name: spec["pattern"] for name, spec in data["shapes"].items()}
        used = {m for shape in shapes.values() for m in slots(shape)}
        used |= {"future", "particle_clitics", "article", "entered", "item_trim"}
        if used != set(lists):
            raise ValueError(f"{DATA}: lists missing {sorted(used - set(lists))}, unused {sorted(set(lists) - used)}")
        pats = {name: re.compile(build_pattern(shape, lists)) for name, shape in shapes.items()}
        return cls(**pats, future=_one(lists, "future"), particle_prefixes=("", *lists["particle_clitics"]),
                   article=_one(lists, "article"), entered=tuple(lists["entered"]),
                   item_trim="".join(lists["item_trim"]))
