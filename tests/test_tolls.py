"""The toll grammar (stages/tolls.py) on sentences written for this test."""

from __future__ import annotations

import copy

import pytest

from marsad.resources.registry import read_json
from marsad.stages.tolls import TollGrammar
from marsad.text.normalize import fold

T = TollGrammar.load()


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("قتل خمسة أشخاص وأصيب 12 آخرون في انفجار عبوة ناسفة", 5, 12),
    ("مقتل جنديين وإصابة أربعة آخرين في كمين", 2, 4),
    ("استشهد المواطن سامي عياد برصاص قوات الاحتلال", 1, None),
    ("وقتل أمس الطالب عمر خلال التظاهرات", 1, None),
    ("لقيا حتفهما في القصف", 2, None),
    ("مسلحون قتلوا ما لا يقل عن شخصين واختطفوا عشرة", 2, None),
    ("قتل عشرون شخصا بينهم طفلان في قصف جوي", 20, None),  # a sub-count never replaces the total
    ("قتل ثلاثة أطفال ووالدتهم في غارة على منزلهم", 4, None),  # an enumeration
    ("العثور على جثث 5 أشخاص مقتولين بالرصاص", 5, None),  # bodies
    ("قضى 7 جنود في الهجوم", 7, None),  # verb-first count
    ("ارتفعت حصيلة القتلى إلى 40 شخصا بعد وفاة جرحى", 40, None),  # an update wins
    ("سقط 20 بين قتيل وجريح في التفجير", None, None),  # killed and wounded together: no death toll
    ("قتل وجرح 15 شخصا في الانفجار", None, None),
    ("سقطت قذيفة على الحي دون وقوع إصابات", 0, 0),  # explicit zero
    ("اعترضت الدفاعات الجوية صاروخا ولم يسفر عن إصابات", 0, 0),
    ("أسفرت الهجمات منذ عام 2015 عن مقتل أكثر من 900 شخص", None, None),  # a toll over a period
    ("قتل 5 أشخاص في غارة، ليرتفع عدد القتلى منذ بداية الحرب إلى 900", 5, None),
    ("استمرت الاشتباكات 5 ساعات", None, None),  # hours are no people
    ("لقي شرطي مصرعه وأصيب آخر في انفجار عبوة", 1, 1),  # one more hurt
    ("قتل عسكريان وأصيب آخران في الكمين", 2, 2),
    ("أسفر القصف عن إصابة جنديين بجروح", None, 2),
    ("قتل مدني وأصيب آخرون في القصف", 1, None),  # 'others' is no count
    # the explicit-zero grammar: negation, up to three verbs, an optional determiner, a casualty noun
    ("انفجرت سيارة مفخخة قرب السوق دون حدوث إصابات", 0, 0),
    ("سقط صاروخ في أرض زراعية ولم تقع خسائر مادية أو بشرية", 0, 0),
    ("استهدفت مسيرة مخزنا للسلاح دون أن يتم الإبلاغ عن وقوع إصابات", 0, 0),
    ("أطلق مجهولون النار على مقر الحزب من دون التسبب بوقوع إصابات", 0, 0),
    ("هجوم على دورية للجيش ولا إصابات", 0, 0),
    ("قصفت المدفعية أطراف القرية، ولم ترد أنباء عن وقوع ضحايا", 0, 0),
    ("أحرق محتجون إطارات في الشارع بدون أي إصابات", 0, 0),
    ("انفجر لغم بعربة عسكرية مع عدم تسجيل خسائر في الأرواح", 0, 0),
    ("سقطت قذيفة قرب المدرسة ولم يصب أحد", 0, 0),
    ("أسقطت الدفاعات طائرة مسيرة بدون أي أضرار", None, None),  # material damage only: no toll stated
    ("لم تعلن أي جهة مسؤوليتها عن الهجوم", None, None),  # a negation with no casualty noun
])
def test_tolls(text: str, killed: int | None, injured: int | None) -> None:
    f = fold(text)
    assert (T.killed(f), T.injured(f)) == (killed, injured)


# --- the data file ------------------------------------------------------------------------------------------

DATA = read_json("tolls.json")
# the lists that hold the grammar's letters and small words (the conjunctions and prepositions glued to a
# death word, the article, the endings), moved out of the code (issue 18)
GRAMMAR_LISTS = ("conjunctions", "prepositions", "article", "dual_endings", "accusative_ending", "gap_stops",
                 "not_numbers")


@pytest.mark.parametrize("name", sorted(DATA["lists"]))
def test_every_list_is_documented_and_read(name: str) -> None:
    assert DATA["lists"][name]["about"].strip()
    data = copy.deepcopy(DATA)
    del data["lists"][name]
    with pytest.raises(KeyError, match=name):
        TollGrammar.from_data(data, T.words)


@pytest.mark.parametrize("name", GRAMMAR_LISTS)
def test_grammar_list_is_folded_and_unique(name: str) -> None:
    words = DATA["lists"][name]["words"]
    folded = [fold(w) for w in words]
    assert folded and all(w and " " not in w and w == w.strip() for w in folded)
    assert len(set(folded)) == len(folded), f"{name} repeats a word once folded"


def test_grammar_lists_reach_the_patterns() -> None:
    """The letters and words come folded from the data into the patterns and sets built from them."""
    lists = {k: [fold(w) for w in DATA["lists"][k]["words"]] for k in GRAMMAR_LISTS}
    assert "(?:" + "|".join(lists["conjunctions"]) + ")?" in T.zero.pattern
    assert "(?:" + "|".join(lists["prepositions"]) + ")?" in T.counts[0].pattern
    assert "(?!" + "|".join(lists["gap_stops"]) + ")" in T.counts[0].pattern
    assert "(?:" + "|".join(lists["dual_endings"]) + ")" in T.dual.pattern
    assert "(?:" + lists["article"][0] + ")?" in T.one.pattern
    assert T.not_numbers == frozenset(lists["not_numbers"])
    assert T.killed(fold("مقتل الاثنين")) is None  # Monday
