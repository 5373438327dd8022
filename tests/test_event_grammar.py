"""The clause words of the events stage and its merge (stages/events/grammar.py, resources/data/
event_grammar.json): every list documented, folded where the code reads folded text, unique and used, and
the patterns built from them."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from marsad.resources.registry import read_json
from marsad.stages.events.grammar import EventGrammar
from marsad.text.normalize import fold

DATA = read_json("event_grammar.json")
_SLOT = re.compile(r"<([a-z_]+)>")


@pytest.fixture(scope="module")
def grammar() -> EventGrammar:
    return EventGrammar.load()


@pytest.mark.parametrize("name", sorted(DATA["lists"]))
def test_word_list_is_documented_folded_and_unique(name: str) -> None:
    spec = DATA["lists"][name]
    assert spec["about"].strip()
    words = [fold(w) for w in spec["words"]] if spec.get("fold", True) else spec["words"]
    assert words and len(set(words)) == len(words), f"{name} repeats a word once folded"


@pytest.mark.parametrize("name", sorted(DATA["lists"]))
def test_every_list_is_used(name: str) -> None:
    data = copy.deepcopy(DATA)
    del data["lists"][name]
    with pytest.raises((ValueError, KeyError), match=name):
        EventGrammar.from_data(data)


@pytest.mark.parametrize("name", sorted(DATA["shapes"]))
def test_shape_is_documented_and_its_arabic_folded(grammar: EventGrammar, name: str) -> None:
    """Shapes are not folded when loaded (fold would lower \\S to \\s): their Arabic is written folded."""
    spec = DATA["shapes"][name]
    assert spec["about"].strip()
    assert [w for w in re.findall(r"[\u0621-\u064a]+", spec["pattern"]) if fold(w) != w] == []
    assert set(_SLOT.findall(spec["pattern"])) <= set(DATA["lists"])
    assert isinstance(getattr(grammar, name), re.Pattern)


def test_letters_and_words_are_folded_at_load(grammar: EventGrammar) -> None:
    lists = {k: [fold(w) for w in v["words"]] for k, v in DATA["lists"].items()}
    assert grammar.future == lists["future"][0]
    assert grammar.particle_prefixes == ("", *lists["particle_clitics"])
    assert grammar.article == lists["article"][0]
    assert grammar.entered == tuple(lists["entered"])
    # read in the original text: not folded, so the Arabic comma stays
    assert grammar.item_trim == "".join(DATA["lists"]["item_trim"]["words"]) and "\u060c" in grammar.item_trim


def test_words_are_folded_into_the_shapes(grammar: EventGrammar) -> None:
    """"ردا على" in the file is "ردا علي" in the pattern, as in folded text."""
    assert grammar.background.search(fold(" ردا على "))
    assert grammar.latter.match(fold(" الأخيرة،"))


@pytest.mark.parametrize(("field", "text", "hit"), [
    ("clause_split", " فيما أصيب ", True),
    ("clause_split", ", وأصيب", True),
    ("clause_split", " قتل ", False),
    ("background", " بعد ", True),
    ("background", " على خلفية ", True),
    ("background", " هجوم ", False),
    ("list_item", " و3 في كفر قدوم", True),
    ("list_item", " ومواطن من عبوين", True),
    ("list_item", " كما ثلاثة آخرون في", True),
    ("list_item", " وقال إن", False),
    ("latter", " الأخير ", True),
    ("latter", " الأخيرتين.", True),
    ("latter", " الأخيرة جدا", True),
    ("latter", " الأخيرون", False),
    ("night", "في وقت متأخر من ليل الخميس", True),
    ("night", "فجر الجمعة", True),
    ("night", "وبالفجر", False),
    ("night", "ليلا", True),
    ("night", "ليلى", False),
])
def test_shapes(grammar: EventGrammar, field: str, text: str, hit: bool) -> None:
    rx = getattr(grammar, field)
    norm = fold(text)
    got = rx.match(norm) if field in ("list_item", "latter") else rx.search(norm)
    assert bool(got) is hit


def test_grammar_loads_with_the_triggers_and_pickles(grammar: EventGrammar) -> None:
    from marsad.stages.resources import Resources

    assert Resources.build(["triggers"])["triggers"].grammar == grammar
    assert pickle.loads(pickle.dumps(grammar)) == grammar


@pytest.mark.parametrize(("data", "message"), [
    ({**DATA, "lists": {**DATA["lists"], "future": {"about": "x", "words": ["س", "ل"]}}}, "one word"),
    ({**DATA, "lists": {**DATA["lists"], "latter": {"about": "x", "words": ["الأخير", "الاخير"]}}}, "repeats"),
    ({**DATA, "lists": {**DATA["lists"], "spare": {"about": "x", "words": ["كلمة"]}}}, "unused"),
    ({**DATA, "lists": {**DATA["lists"], "item_trim": {"about": "x", "fold": False, "words": ["، "]}}}, "malformed"),
])
def test_malformed_data_is_rejected(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        EventGrammar.from_data(data)
