"""The toll grammar (stages/tolls.py) on sentences written for this test."""

from __future__ import annotations

import pytest

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
])
def test_tolls(text: str, killed: int | None, injured: int | None) -> None:
    f = fold(text)
    assert (T.killed(f), T.injured(f)) == (killed, injured)
