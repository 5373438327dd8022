"""Who an attack falls on (stages/events/targets.py): whole words of the clause, not substrings."""

from __future__ import annotations

import pytest

from marsad.stages.events.targets import TargetWords
from marsad.text.normalize import fold

T = TargetWords.load()


@pytest.mark.parametrize(("text", "civilian", "military"), [
    ("قتل ثلاثة مدنيين في قصف", True, False),
    ("هاجم مسلحون ثكنة للجيش في الشمال", False, True),
    ("قتل 15 جنديا في هجوم على قافلة عسكرية", False, True),
    ("هجوم شنه مسلحو حزب العمال الكردستاني", False, False),  # 'العمال' names a party, not workers
    ("استهدفت الغارة عائلة نازحة", True, False),
    ("انفجرت عبوة بدورية للشرطة", False, True),
    ("قتل شرطيان وطفل في الانفجار", True, True),
    ("اقتحم المسلحون مركزين للشرطة", False, True),
    ("تعاملت القوات مع الموقف", False, False),  # 'تعاملت' is not 'عامل'
    ("قريبا من الحدود", False, False),  # 'قريبا' is not 'قرية'
])
def test_target_words(text: str, civilian: bool, military: bool) -> None:
    norm = fold(text)
    assert T.civilian(norm) is civilian
    assert T.military(norm) is military


@pytest.mark.parametrize(("text", "place"), [
    ("هاجم مسلحون قرية نائية", True), ("سقطت قذيفة على سوق شعبي", True), ("استهدفت الغارة منزلا", True),
    ("في بلدة داغليكا", True), ("قريبا من الحدود", False), ("هاجم مسلحون ثكنة", False)])
def test_civilian_places(text: str, place: bool) -> None:
    assert T.civilian_place(fold(text)) is place


@pytest.mark.parametrize(("text", "sub"), [
    # soldiers named in the clause outrank the town the attack happened in
    ("قتل 15 جنديا، وأصيب آخرون، في هجوم شنه مسلحون على قافلة عسكرية في بلدة قرب الحدود أمس.", "Armed clash"),
    ("قتل خمسة أشخاص في هجوم على ثكنة للجيش شنته مجموعة مسلحة فجر الاثنين.", "Armed clash"),
    ("هاجم مسلحون مجهولون قرية في شمال البلاد وقتلوا عشرة مدنيين.", "Attack"),
    ("هاجم مسلحون قرية نائية فجر اليوم وأحرقوا عددا من المنازل وقتلوا شخصين.", "Attack"),
])
def test_target_decides_battle_or_attack(pipeline, text: str, sub: str) -> None:
    from datetime import date

    from marsad.model.document import DocMeta, Document

    doc = pipeline(Document(text, DocMeta(id="t", published=date(2021, 3, 2))))
    assert sub in {e.sub_event_type for e in doc.events}, [e.sub_event_type for e in doc.events]


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    # a bomb that hits the army: the army is actor2, the bomber unidentified
    ("انفجر لغم مساء أمس تحت آلية عسكرية للجيش التونسي في جبل الشعانبي.", "Unidentified Armed Group (Tunisia)",
     "Military Forces of Tunisia"),
    # a body that reports is a source, never actor1
    ("أعلنت بعثة الأمم المتحدة لمساعدة العراق يونامي مقتل خمسة مدنيين في تفجير سيارة مفخخة ببغداد أمس.",
     "Unidentified Armed Group (Iraq)", None),
])
def test_who_acts(pipeline, text: str, actor1: str, actor2: str | None) -> None:
    from datetime import date

    from marsad.model.document import DocMeta, Document

    doc = pipeline(Document(text, DocMeta(id="t", published=date(2019, 10, 2))))
    ev = doc.events[0]
    assert ev.actor1 is not None and ev.actor1.actor.name == actor1
    if actor2 is not None:
        assert ev.actor2 is not None and ev.actor2.actor.name == actor2
