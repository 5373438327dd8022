"""Word-sense and state tests of cue mentions (stages/events/factuality.py), and the crowd-vs-state clash rule."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.model.document import DocMeta, Document


def _events(pipeline, text: str) -> list[tuple[str, str]]:
    doc = pipeline(Document(text, DocMeta(id="t", published=date(2022, 9, 14))))
    return [(e.sub_event_type, e.actor1.actor.name if e.actor1 else None) for e in doc.events]


@pytest.mark.parametrize("text", [
    # stative relative clauses: who holds an area, not a new takeover
    "يعيش في المناطق التي يسيطر عليها المتمردون في شمال البلاد نحو مليون نسمة.",
    "تقع القرية في منطقة تسيطر عليها الفصائل منذ سنوات، ويعيش فيها نحو ألفي نسمة.",
    # a base named as a target or as a standing description establishes nothing
    "وتضم الحكومة التي تتخذ من العاصمة مقرا لها عشرين وزيرا.",
    # a sports article: its weak cue words are in their sporting sense
    "خطف فريق النصر فوزا ثمينا من ضيفه في مباراة الجولة الخامسة من الدوري، وانتزع صدارة البطولة بعد هدف في الشوط الثاني.",
    # an economy article
    "رفع البنك المركزي أسعار الفائدة لمواجهة التضخم، بعد تراجع العملة أمام الدولار وارتفاع عجز الموازنة.",
])
def test_no_event(pipeline, text: str) -> None:
    assert _events(pipeline, text) == []


@pytest.mark.parametrize(("text", "sub"), [
    ("أعلنت الفصائل المسلحة أنها سيطرت على بلدة استراتيجية في ريف المحافظة بعد معارك استمرت يومين.",
     "Non-state actor overtakes territory"),
    ("أنشأت القوات التركية قاعدة عسكرية جديدة قرب الحدود الأسبوع الماضي.", "Headquarters or base established"),
    # a strong cue outside the domain sentences of a sports article is still an event
    ("فاز فريق الوحدة على ضيفه في مباراة الدوري بهدفين وصعد إلى صدارة البطولة. "
     "وفي سياق آخر، قصفت طائرات حربية قرية في ريف المحافظة الشمالي.", "Air/drone strike"),
])
def test_event(pipeline, text: str, sub: str) -> None:
    assert sub in {s for s, _ in _events(pipeline, text)}


@pytest.mark.parametrize(("text", "sub"), [
    # a crowd against the state's forces: a violent demonstration, not a battle
    ("قتل شاب في اشتباكات بين قوات الشرطة وأنصار الحزب المعارض في وسط المدينة أمس.", "Violent demonstration"),
    ("أصيب عشرة شبان بالرصاص المطاطي في مواجهات اندلعت مع قوات الاحتلال عند مدخل البلدة.", "Violent demonstration"),
    # armed men on a side: a battle
    ("اندلعت اشتباكات بين قوات الجيش ومسلحين مجهولين في ريف المحافظة أمس.", "Armed clash"),
])
def test_crowd_or_battle(pipeline, text: str, sub: str) -> None:
    assert sub in {s for s, _ in _events(pipeline, text)}, _events(pipeline, text)


def test_stative_verbs_come_folded_from_the_data() -> None:
    """The imperfect takeover verbs of the stative test (event_factuality.json "stative_verbs"), folded, each
    once, and used: a key starting with one is stative before a resumptive pronoun."""
    from marsad.resources.registry import read_json
    from marsad.stages.events.factuality import Factuality
    from marsad.text.normalize import fold

    spec = read_json("event_factuality.json")["lists"]["stative_verbs"]
    assert spec["about"].strip()
    words = [fold(w) for w in spec["words"]]
    assert words and len(set(words)) == len(words)
    fact = Factuality.load()
    assert fact.stative_verbs == tuple(words)
    for w in words:
        norm = fold(f"المناطق التي {w} عليها، المتمردون")
        at = norm.index(w)
        assert fact.stative_takeover(norm, at, at + len(w), w)
    norm = fold("التي سيطر عليها")
    assert not fact.stative_takeover(norm, 4, 8, fold("سيطر"))
