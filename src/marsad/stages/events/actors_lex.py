"""The word lists of the event-actor clause grammar, built into its patterns once at load time.

Both are data (resources/data/event_actors.json). The WORDS are folded with text.normalize.fold when loaded;
the SHAPES around them (under "shapes") say which clitics may precede a list word (و ف ب ل, ال), how many
words may stand between it and the side mention, whether it must end the text before the mention. `<name>`
in a shape is the alternation of list `name` in the order of the file ("على يد" -> "علي يد"; a trailing "*"
stands for any ending: "استهدف*" matches "استهدفت"). The letters and words the grammar strips or compares
(the conjunctions و ف, the article) are lists of the same file.

`ActorGrammar.load()` is the `event_actors` resource: loaded once into `Resources`, picklable (compiled
patterns pickle by their source), no module state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from marsad.resources.registry import read_json
from marsad.text.normalize import fold

DATA = "event_actors.json"

# A folded entry: Arabic words separated by single spaces, each optionally ending in "*" (any ending).
_ENTRY = re.compile(r"[\u0621-\u064a]+\*?(?: [\u0621-\u064a]+\*?)*")
_SLOT = re.compile(r"<([a-z_]+)>")

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
# letters field -> list of single letters: a string of them, for `in` and str.strip
LETTERS: dict[str, str] = {
    "conj": "conjunctions",
    "glued": "glued_clitics",
    "bi": "preposition_bi",
}
# word field -> list of exactly one word
WORDS: dict[str, str] = {"article": "article"}
# tuple field -> list, in file order
TUPLES: dict[str, str] = {"plural_endings": "plural_endings"}


def word_lists(data: dict, source: str = DATA, need_about: bool = False) -> dict[str, list[str]]:
    """Each list of a data file (`source`: its name, for errors) in file order, folded unless marked
    "fold": false (then single characters of the original text); an empty, undocumented (`need_about`),
    malformed or repeated entry is an error. Shared by the event grammars (grammar.py)."""
    out: dict[str, list[str]] = {}
    for name, spec in data["lists"].items():
        folded = spec.get("fold", True)
        words = [fold(w).strip() for w in spec["words"]] if folded else list(spec["words"])
        if not words:
            raise ValueError(f"{source}: list {name!r} is empty")
        if need_about and not spec.get("about", "").strip():
            raise ValueError(f"{source}: list {name!r} needs an 'about'")
        bad = [w for w in words if not (_ENTRY.fullmatch(w) if folded else len(w) == 1)]
        if bad:
            raise ValueError(f"{source}: list {name!r} has malformed entries {bad}")
        dup = sorted({w for w in words if words.count(w) > 1})
        if dup:
            raise ValueError(f"{source}: list {name!r} repeats {dup} after folding")
        out[name] = words
    return out


def folded_lists(data: dict) -> dict[str, list[str]]:
    """Each list of event_actors.json, folded, in file order (see word_lists)."""
    return word_lists(data)


def shapes_of(data: dict) -> dict[str, str]:
    """Pattern field -> shape, from the data file's "shapes" (each with its "about")."""
    out: dict[str, str] = {}
    for name, spec in data["shapes"].items():
        if not spec.get("about", "").strip() or not spec.get("pattern"):
            raise ValueError(f"{DATA}: shape {name!r} needs an 'about' and a 'pattern'")
        out[name] = spec["pattern"]
    return out


def _alternation(words: list[str]) -> str:
    return "|".join(w.replace("*", r"\S*") for w in words)


def slots(shape: str) -> list[str]:
    """The list names a shape uses (its `<name>` slots)."""
    return _SLOT.findall(shape)


def build_pattern(shape: str, lists: dict[str, list[str]]) -> str:
    """The regular expression of a shape with its list slots filled in."""
    return _SLOT.sub(lambda m: _alternation(lists[m.group(1)]), shape)


@dataclass(frozen=True)
class ActorGrammar:
    """The compiled word lists of the event-actor grammar (see stages/events/actors.py)."""

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
    lam_after: re.Pattern[str]  # a lam-phrase right after a mention ("لعدد من")
    between: re.Pattern[str]  # "بين" ending the text before a mention
    from_gap: re.Pattern[str]  # "من" alone between two mentions (original text)
    verbs: frozenset[str]
    passive_read: frozenset[str]
    passive_after_subject: frozenset[str]
    report: frozenset[str]
    that_self: frozenset[str]
    not_civilian_before: frozenset[str]
    not_civilian_after: frozenset[str]
    locative: frozenset[str]
    conj: str  # و ف
    glued: str  # و ف ب ل ك
    bi: str  # ب
    article: str  # ال
    plural_endings: tuple[str, ...]

    @classmethod
    def load(cls) -> ActorGrammar:
        return cls.from_data(read_json(DATA))

    @classmethod
    def from_data(cls, data: dict) -> ActorGrammar:
        lists = folded_lists(data)
        shapes = shapes_of(data)
        want = {f.name for f in fields(cls)} - set(SETS) - set(LETTERS) - set(WORDS) - set(TUPLES)
        if set(shapes) != want:
            raise ValueError(f"{DATA}: shapes missing {sorted(want - set(shapes))}, unknown {sorted(set(shapes) - want)}")
        used = {m for shape in shapes.values() for m in _SLOT.findall(shape)}
        used |= set(SETS.values()) | set(LETTERS.values()) | set(WORDS.values()) | set(TUPLES.values())
        if used != set(lists):
            raise ValueError(f"{DATA}: lists missing {sorted(used - set(lists))}, unused {sorted(set(lists) - used)}")
        for name in LETTERS.values():
            if any(len(w) != 1 for w in lists[name]):
                raise ValueError(f"{DATA}: list {name!r} must hold single letters")
        for name in WORDS.values():
            if len(lists[name]) != 1:
                raise ValueError(f"{DATA}: list {name!r} must hold one word")
        # keyword arguments by field name (Any: the dataclass takes patterns, word sets and strings alike)
        values: dict[str, Any] = {f: re.compile(build_pattern(shape, lists)) for f, shape in shapes.items()}
        values |= {f: frozenset(lists[name]) for f, name in SETS.items()}
        values |= {f: "".join(lists[name]) for f, name in LETTERS.items()}
        values |= {f: lists[name][0] for f, name in WORDS.items()}
        values |= {f: tuple(lists[name]) for f, name in TUPLES.items()}
        return cls(**values)
