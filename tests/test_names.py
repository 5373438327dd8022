"""English names for speakers no table holds (stages/names.py), on sentences written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.eval.names import same_entity
from marsad.model.document import DocMeta, Document


def _speakers(pipeline, text: str) -> list[str]:
    doc = pipeline(Document(text, DocMeta(id="t", published=date(2023, 4, 2))))
    return [q.speaker.actor.name if q.speaker else None for q in doc.quotes]


@pytest.mark.parametrize(("text", "want"), [
    # a body named in full, then by its head noun alone
    ("قالت وزارة الصحة اللبنانية إن ثلاثة أشخاص أصيبوا في الغارة. وأضافت الوزارة أن الجرحى نقلوا إلى المستشفى.",
     ["Ministry of Health (Lebanon)", "Ministry of Health (Lebanon)"]),
    # a statement speaks for the body that issued it
    ("قالت هيئة الانتخابات العراقية إن الاقتراع تأجل أسبوعا. وأضاف البيان أن الموعد الجديد سيعلن لاحقا.",
     ["Elections Authority (Iraq)", "Elections Authority (Iraq)"]),
    # a person no table holds, after a title: a Latin name
    ("وقال العقيد عبد الكريم الجبوري إن القوات طوقت المنطقة.", ["Abdul Karim al-Jubouri"]),
    # an unnamed official is described in English
    ("وقال مسؤول عسكري إن الهجوم صد بعد ساعتين.", ["Military official"]),
    # plural adjectives describe officials; they are no one's name
    ("وقال مسؤولون أمنيون كينيون إن الطريق أغلق أمام الشاحنات.", ["Security officials (Kenya)"]),
    ("وقال مسؤولون صحيون إن المستشفى استقبل عشرين جريحا.", ["Health officials"]),
    # a source inside a body named in the phrase
    ("وقال مصدر في قيادة شرطة المدينة إن الانفجار وقع صباحا.", ["Police source"]),
    ("وقال مصدر عسكري في الأمم المتحدة إن الدورية تعرضت لإطلاق نار.", ["UN military source"]),
    # a foreign first name that looks like a plural adjective is still a name
    ("وقال جيديون جبرين إن القرية هوجمت ليلا.", ["Jaydayun Jabrin"]),
    # an office that names no person speaks for its body, named in English
    ("وقالت متحدثة باسم اللجنة الدولية للصليب الأحمر إن الفرق وصلت إلى المدينة.",
     ["International Committee of the Red Cross (ICRC) spokeswoman"]),
    ("وقال رئيس هيئة الإسعاف المصرية إن عدد المصابين ارتفع.", ["Ambulance Authority (Egypt) head"]),
    # علي before a comma ends the name (the preposition على never meets a comma)
    ("وأفاد سامر علي، مراسل الموقع في المدينة، بأن القصف توقف.", ["Samer Ali"]),
])
def test_speaker_names(pipeline, text: str, want: list[str]) -> None:
    got = _speakers(pipeline, text)
    assert len(got) == len(want), got
    for g, w in zip(got, want, strict=True):
        assert same_entity(g, w), (g, w)


@pytest.mark.parametrize(("phrase", "latin"), [
    ("محمد الحلبوسي", "Mohammed al-Halbousi"), ("عبد الله حمدوك", "Abdullah Hamdok"),
    # folded, the name علي and the preposition على are one word: after a name word it is the name
    ("حسن علي", "Hassan Ali")])
def test_person_names(phrase: str, latin: str) -> None:
    from marsad.stages.names import Names

    assert same_entity(Names.load().person(phrase), latin)


@pytest.mark.parametrize("phrase", ["أنهم يخشون سقوط", "البيان", "مراسل قناة بلقيس", "الحكومة",
                                    "أمنيون صوماليون", "المواقع المحلية", "مراسلين محليين"])
def test_not_person_names(phrase: str) -> None:
    from marsad.stages.names import Names

    assert Names.load().person(phrase) is None


@pytest.mark.parametrize(("phrase", "inner"), [
    ("رئيس وزراء النيجر بريغي رافيني", "بريغي رافيني"),
    ("عمر زواق المتحدث باسم حاكم إقليم هلمند", "عمر زواق"),
    ("رئيس القرية محمد ماي أنجوا", "محمد ماي أنجوا"),
    ("المتحدث باسم شرطة كابل", None),  # an office alone names nobody
    ("رئيس هيئة الإسعاف المصرية", None),
])
def test_name_inside_a_titled_phrase(phrase: str, inner: str | None) -> None:
    from marsad.stages.names import Names

    assert Names.load().name_in_phrase(phrase) == inner


@pytest.mark.parametrize(("text", "org"), [
    # a name in apposition to a title phrase before it takes the title's body
    ("وقال قائد شرطة محافظة شيراز جنوب إيران، رهام بخش حبيبي: إن قوات الأمن اعتقلت 15 متظاهرا.",
     "Police Forces of Iran"),
    # an office after the name that names a body
    ("وقال العميد اسماعيل كوثري نائب قائد القاعدة في الحرس الثوري إن الوضع هادئ.",
     "Islamic Revolutionary Guard Corps (IRGC)"),
])
def test_person_takes_the_body_of_its_apposition(pipeline, text: str, org: str) -> None:
    doc = pipeline(Document(text, DocMeta(id="t", published=date(2018, 1, 2))))
    sp = doc.quotes[0].speaker
    assert sp.actor.kind == "person" and sp.org is not None and sp.org.name == org


def test_a_correspondent_speaks_for_the_medium(pipeline) -> None:
    doc = pipeline(Document("وقال مراسل قناة بلقيس إن الاشتباكات استمرت حتى الفجر.",
                            DocMeta(id="t", published=date(2018, 1, 2))))
    sp = doc.quotes[0].speaker
    assert sp.actor.name == "Balqis TV correspondent" and sp.org is not None and sp.org.name == "Balqis TV"


# --- the letters and marks of stages/names.py (resources/data/speaker_names.json) -------------------------

NAMES_CODE_LISTS = ("article", "article_clitics", "lil", "conjunctions", "antecedent_clitics", "clause_marks",
                    "apposition_commas")
AS_WRITTEN = ("clause_marks", "apposition_commas")  # compared with the original text


@pytest.mark.parametrize("key", NAMES_CODE_LISTS)
def test_names_code_list_is_documented_used_and_unique(key: str) -> None:
    from pathlib import Path

    from marsad.resources.registry import read_json
    from marsad.text.normalize import fold

    spec = read_json("speaker_names.json")["lists"][key]
    assert spec["about"].strip()
    words = spec["words"] if key in AS_WRITTEN else [fold(w) for w in spec["words"]]
    assert words and sorted({w for w in words if words.count(w) > 1}) == [], f"{key} repeats words"
    if key in AS_WRITTEN:  # folding would change them (، -> ,), and the original text holds them as written
        assert all(fold(w) != w for w in words)
    code = (Path(__file__).resolve().parents[1] / "src" / "marsad" / "stages" / "names.py").read_text("utf-8")
    assert f'"{key}"' in code, f"{key} is never read"


def test_names_code_lists_load_as_the_code_expects() -> None:
    from marsad.stages.names import Names

    n = Names.load()
    assert (n.article, n.lil, n.conjunctions, n.article_clitics) == ("ال", "لل", ("و", "ف"), ("وال", "فال", "بال"))
    assert n.antecedent_prefix == r"(?<!\w)(?:و|ف|ب|ل)?(?:ال)?"
    assert set(n.stop_marks) == set(".؟?!:") and set(n.commas) == {"،", ","}
    assert (n._bare("والوزاره"), n._bare("للوزاره"), n.anaphor_head("والوزارة")) == ("الوزاره", "الوزاره", "وزاره")
