"""The word lists of the event-actor clause grammar, built into its patterns once at load time.

The WORDS are data (resources/data/event_actors.json, folded with text.normalize.fold when loaded); the
SHAPES around them stay here: which clitics may precede a list word (و ف ب ل, ال), how many words may stand
between it and the side mention, whether it must end the text before the mention. `<name>` in a shape is
the alternation of list `name` in the order of the file ("على يد" -> "علي يد"; a trailing "*" stands
for any ending: "استهدف*" matches "استهدفت").

`ActorGrammar.load()` is the `event_actors` resource: loaded once into `Resources`, picklable (compiled
patterns pickle by their source), no module state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from marsad.resources.registry import read_json
from marsad.text.normalize import fold

DATA = "event_actors.json"

# A folded entry: Arabic words separated by single spaces, each optionally ending in "*" (any ending).
_ENTRY = re.compile(r"[\u0621-\u064a]+\*?(?: [\u0621-\u064a]+\*?)*")
_SLOT = re.compile(r"<([a-z_]+)>")

# pattern field -> shape. Read with the list's "about" in the data file.
SHAPES: dict[str, str] = {
    # "على يد قوات الأمن", "انتحاريان من تنظيم داعش": the text before the mention ends with a marker
    "agent": r"(?:<agent_markers>)\s+(?:من\s+)?$",
    # "الهجوم الذي تبناه داعش": a verb with the event as its object pronoun, right after the trigger
    "agent_suffix": r"(?:<agent_suffix_verbs>)\s+$",
    # the genitive (or ل / من phrase) of an attack noun is its agent: "قصف قوات النظام", "غارات للتحالف"
    "attack_noun": r"(?:^|\s)[وفبل]?(?:ال)?(?:<attack_nouns>)(?:(?:\s+(?!من\b|علي\b|في\b|ضد\b)[^\s]+?(?:ي|يه|ا))?"
                   r"\s+|(?:\s+(?!من\b)\S+){0,2}\s+من\s+)$",
    "victim": r"(?:^|\s)[وفب]?(?:<victim_words>)\s+(?:[^\s.:]+\s+){0,6}$",
    # a mention that is itself an attack: "غارة أمريكية", "هجوم أمريكي", "مروحيات أمريكية"
    "head_attack": r"[وفبل]?(?:ال)?(?:<attack_heads>)\b",
    "verbal_noun": r"(?:^|\s)[وفب]?(?:ال)?(?:<verbal_nouns>)\s+$",
    "victim_num": r"(?:^|\s)[وف]?(?:<victim_count_verbs>)\s+(?:\S+\s+)?\d+\s+$",
    # "4 مجندين أصيبوا", "جنود قتلوا": the mention before a passive casualty verb is the victim
    "victim_after": r"\s*(?:[^\s,.:]+\s+){0,1}?[وف]?(?:<victim_after>)(?:\s|$|,|\.)",
    # "بإسناد من مروحيات التحالف", "بالتنسيق مع": a supporting actor is not a side
    "support": r"(?:(?:<support>)\s+(?:\S+\s+)?(?:من\s+)?|(?:<cooperation>)\s+(?:\S+\s+)?مع\s+(?:\S+\s+){0,4})$",
    "target_after": r"(?:<target_after>)\s+(?:\S+\s+){0,3}$",
    # "السيطرة على مقر الشرطة ومركز المخابرات": a force named by its premises is the one attacked
    "premises": r"(?:^|\s)[وفبل]?(?:ال)?(?:<premises>)\s+(?:ال\S+\s+)?$",
    "source": r"(?:<source_markers>)\s+(?:ما\s+)?(?:\S+\s+)?$",
    # "مواجهات بين الشرطة والمتظاهرين": a pair after a clash noun is the event's two sides wherever the trigger is
    "clash_before": r"(?:^|\s)[وفب]?(?:ال)?(?:<clash_nouns>)(?:\s+\S+){0,3}\s+بين\s*$",
    # the complementizer after a reporting verb's subject, a few words on: "ذكرت X في وقت سابق، أن ..."
    "that": r"(?:[^\s]*\s+){0,6}?(<that>)(?:\s|$)",
    "arrest": r"(?:^|\s)[وفب]?(?:ال)?(?:<arrest_words>)",
    # SD events done by the state to armed groups: the group named is the one acted on
    "state_action": r"(?:^|\s)[وفب]?(?:ال)?(?:<state_action_words>)",
    "claim": r"(?:<claim_phrases>)",
    "linked": r"(?:<linked_words>)\s+(?:\S+\s+)?$",
}
# set field -> list: whole words compared with a word of the text
SETS: dict[str, str] = {
    "verbs": "event_verbs",
    "passive_read": "passive_read",
    "passive_after_subject": "passive_after_subject",
    "report": "report_verbs",
    "that_self": "that_self",
    "not_civilian_before": "not_civilian_before",
    "not_civilian_after": "not_civilian_after",
    "locative": "locative",
}


def folded_lists(data: dict) -> dict[str, list[str]]:
    """Each list of the data file, folded, in file order; a malformed or repeated entry is an error."""
    out: dict[str, list[str]] = {}
    for name, spec in data["lists"].items():
        words = [fold(w).strip() for w in spec["words"]]
        if not words:
            raise ValueError(f"{DATA}: list {name!r} is empty")
        bad = [w for w in words if not _ENTRY.fullmatch(w)]
        if bad:
            raise ValueError(f"{DATA}: list {name!r} has malformed entries {bad}")
        dup = sorted({w for w in words if words.count(w) > 1})
        if dup:
            raise ValueError(f"{DATA}: list {name!r} repeats {dup} after folding")
        out[name] = words
    return out


def _alternation(words: list[str]) -> str:
    return "|".join(w.replace("*", r"\S*") for w in words)


def build_pattern(shape: str, lists: dict[str, list[str]]) -> str:
    """The regular expression of a shape with its list slots filled in."""
    return _SLOT.sub(lambda m: _alternation(lists[m.group(1)]), shape)


@dataclass(frozen=True)
class ActorGrammar:
    """The compiled word lists of the event-actor grammar (see stages/event_actors.py)."""

    agent: re.Pattern[str]
    agent_suffix: re.Pattern[str]
    attack_noun: re.Pattern[str]
    victim: re.Pattern[str]
    head_attack: re.Pattern[str]
    verbal_noun: re.Pattern[str]
    victim_num: re.Pattern[str]
    victim_after: re.Pattern[str]
    support: re.Pattern[str]
    target_after: re.Pattern[str]
    premises: re.Pattern[str]
    source: re.Pattern[str]
    clash_before: re.Pattern[str]
    that: re.Pattern[str]
    arrest: re.Pattern[str]
    state_action: re.Pattern[str]
    claim: re.Pattern[str]
    linked: re.Pattern[str]
    verbs: frozenset[str]
    passive_read: frozenset[str]
    passive_after_subject: frozenset[str]
    report: frozenset[str]
    that_self: frozenset[str]
    not_civilian_before: frozenset[str]
    not_civilian_after: frozenset[str]
    locative: frozenset[str]

    @classmethod
    def load(cls) -> ActorGrammar:
        return cls.from_data(read_json(DATA))

    @classmethod
    def from_data(cls, data: dict) -> ActorGrammar:
        lists = folded_lists(data)
        used = {m for shape in SHAPES.values() for m in _SLOT.findall(shape)} | set(SETS.values())
        if used != set(lists):
            raise ValueError(f"{DATA}: lists missing {sorted(used - set(lists))}, unused {sorted(set(lists) - used)}")
        # keyword arguments by field name (Any: the dataclass takes patterns and word sets alike)
        pats: dict[str, Any] = {f: re.compile(build_pattern(shape, lists)) for f, shape in SHAPES.items()}
        sets: dict[str, Any] = {f: frozenset(lists[name]) for f, name in SETS.items()}
        return cls(**pats, **sets)
