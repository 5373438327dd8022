"""Actor stage: hand-written Arabic cases (tests/data/actor_cases.tsv) and behaviour of the actor table."""

from __future__ import annotations

import copy
import pickle
import re
from datetime import date
from pathlib import Path

import pytest

from marsad.cli.layers import actor_to_json, parse_actors
from marsad.resources.actors import ActorTable, ActorWords
from marsad.resources.registry import read_json
from marsad.stages.resources import Resources
from marsad.text.normalize import fold

CASES = Path(__file__).parent / "data" / "actor_cases.tsv"


def _cases() -> list[tuple[str, str, str, str, str]]:
    lines = [ln for ln in CASES.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    out = []
    for ln in lines[1:]:
        cells = ln.split("\t") + [""] * 5
        out.append(tuple(c.strip() for c in cells[:5]))
    return out


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.build(["actors"])


@pytest.fixture(scope="module")
def table(res) -> ActorTable:
    return res["actors"]


def _check(item: str, mentions) -> bool:
    parts = [p.strip() for p in item.split("|")]
    name = parts[0]
    role = parts[1] if len(parts) > 1 and parts[1] != "-" else None
    org = parts[2] if len(parts) > 2 and parts[2] != "-" else None
    for m in mentions:
        names = {m.actor.name} if len(parts) > 1 else {m.actor.name, m.org.name if m.org else None}
        if name not in names:
            continue
        if role is not None and m.role != role:
            continue
        if org is not None and (m.org is None or m.org.name != org):
            continue
        return True
    return False


@pytest.mark.parametrize(("text", "published", "country", "expect", "absent"), _cases(),
                         ids=[f"case{i:03d}" for i in range(len(_cases()))])
def test_actor_case(text, published, country, expect, absent, res):
    ms = parse_actors(text, published=published or None, country=country or None, res=res)
    for m in ms:
        assert text[m.start:m.end] == m.text
    got = [(m.actor.name, m.role, m.org.name if m.org else None) for m in ms]
    for item in filter(None, (x.strip() for x in expect.split(" ; "))):
        assert _check(item, ms), f"missing {item!r}; got {got}"
    for name in filter(None, (x.strip() for x in absent.split(" ; "))):
        assert all(m.actor.name != name for m in ms), f"unexpected {name!r}; got {got}"


def test_enough_cases():
    assert len(_cases()) >= 150


@pytest.mark.parametrize(("alias", "day", "country", "name", "inter"), [
    ("قوات الدعم السريع", date(2019, 6, 3), "Sudan", "Rapid Support Forces (RSF)", 1),
    ("قوات الدعم السريع", date(2023, 6, 25), "Sudan", "Rapid Support Forces (RSF)", 2),
    ("الجنجويد", date(2004, 5, 1), "Sudan", "Janjaweed", 4),
    ("النصرة", date(2014, 1, 1), "Syria", "Jabhat al-Nusra", 2),
    ("النصرة", date(2019, 1, 1), "Syria", "Hayat Tahrir al-Sham (HTS)", 2),
    ("التحالف", date(2019, 1, 1), "Yemen", "Saudi-led Coalition", 8),
    ("التحالف", date(2019, 1, 1), "Iraq", "Global Coalition against Daesh / CJTF-OIR", 8),
    ("تنظيم القاعدة", date(2018, 1, 1), "Yemen", "Al Qaeda in the Arabian Peninsula (AQAP)", 2),
    ("تنظيم القاعدة", date(2018, 1, 1), "Mali", "Al Qaeda in the Islamic Maghreb (AQIM)", 2),
    ("تنظيم القاعدة", date(2018, 1, 1), "Egypt", "Al Qaeda", 2),
    ("قوى الأمن الداخلي", date(2020, 1, 1), "Lebanon", "Police Forces of Lebanon", 1),
    ("قوى الأمن الداخلي", date(2020, 1, 1), "Syria", "Internal Security Forces (Asayish)", 1),
])
def test_resolve_named_by_date_and_country(table, alias, day, country, name, inter):
    a = table.resolve_named(alias, day, country)
    assert a is not None and (a.name, a.inter) == (name, inter)


@pytest.mark.parametrize(("key", "country", "day", "focus", "name", "kind"), [
    ("military", "Syria", date(2021, 1, 1), "Syria", "Military Forces of Syria", "state"),
    ("military", "Syria", date(2025, 2, 1), "Syria", "Military Forces of Syria (2024-)", "state"),
    ("military", "Yemen", date(2019, 1, 1), "Yemen", "Military Forces of Yemen (Hadi government)", "state"),
    ("military", "Yemen", date(2023, 1, 1), "Yemen",
     "Military Forces of Yemen (Presidential Leadership Council)", "state"),
    ("military", "United States", None, "Iraq", "Military Forces of the United States", "external"),
    ("military", "Palestine", None, "Palestine", "Military Forces of Israel", "state"),
    ("police", "Tunisia", None, None, "Police Forces of Tunisia", "state"),
    ("unidentified", None, None, None, "Unidentified Armed Group", "political"),
    ("protesters", "Algeria", None, None, "Protesters (Algeria)", "protesters"),
    ("state_tv", "Iraq", None, None, "Iraqi state television", "media"),
    ("ministry_defence", "Algeria", None, None, "Ministry of National Defence (Algeria)", "state"),
])
def test_generic(table, key, country, day, focus, name, kind):
    a = table.generic(key, country, day, focus)
    assert a is not None and (a.name, a.kind) == (name, kind)


def test_people_by_date(table):
    assert table.person("trump", date(2020, 1, 3)).role == "president"
    assert table.person("trump", date(2022, 1, 3)).role == "former president"
    assert table.person("sharaa", date(2025, 3, 1)).org == "SYGOV2"


def test_country_from_document_focus(res):
    text = "شهدت تونس احتجاجات واسعة. وقالت مصادر إن الشرطة اعتقلت عشرات المحتجين في سوسة"
    names = {m.actor.name for m in parse_actors(text, res=res)}
    assert {"Police Forces of Tunisia", "Protesters (Tunisia)"} <= names


def test_bare_surname_of_unknown_person(res):
    text = "وقال المتحدث باسم الشرطة، العقيد سامي الورفلي، إن التحقيق مستمر. وأضاف الورفلي أن المتهمين فروا"
    ms = [m for m in parse_actors(text, country="Libya", res=res) if m.actor.kind == "person"]
    assert len(ms) == 2 and ms[0].actor.id == ms[1].actor.id
    assert ms[0].actor.name == "سامي الورفلي" and ms[1].text == "الورفلي"
    assert ms[0].org is not None and ms[0].org.name == "Police Forces of Libya"


def test_clitics_and_offsets(res):
    text = "واشتبكت قسد مع داعش، ولقسد نقاط قرب الحسكة وبالحشد الشعبي"
    ms = parse_actors(text, res=res)
    assert [m.actor.name for m in ms] == ["Syrian Democratic Forces (SDF)", "Islamic State (ISIS)",
                                        "Syrian Democratic Forces (SDF)", "Popular Mobilization Forces (PMF)"]
    assert all(text[m.start:m.end] == m.text for m in ms)
    assert ms == sorted(ms, key=lambda m: m.start)


def test_json_shape(res):
    m = parse_actors("قال الجيش الإسرائيلي", res=res)[0]
    j = actor_to_json(m)
    assert set(j) == {"span", "text", "name", "id", "kind", "inter", "role", "org"}
    assert j["name"] == "Military Forces of Israel" and j["span"] == [m.start, m.end]


def test_table_pickles_and_counts(table):
    t2 = pickle.loads(pickle.dumps(table))
    assert t2.resolve_named("قسد", None, None).name == "Syrian Democratic Forces (SDF)"
    c = table.counts()
    assert c["actors"] >= 200 and c["aliases"] >= 800 and c["people"] >= 80


def test_parent(table):
    a = table.resolve_named("سرايا القدس", None, None)
    assert table.parent(a).name == "Palestinian Islamic Jihad (PIJ)"


def test_a_country_across_a_border_does_not_set_the_generic_actors_country(pipeline) -> None:
    from datetime import date

    from marsad.model.document import DocMeta, Document

    text = ("قتل خمسة أشخاص في هجوم على ثكنة للجيش المالي شنته مجموعة مسلحة فجر الإثنين في شمال البلاد، "
            "قرب الحدود مع موريتانيا. وقال مسؤول إن المهاجمين انسحبوا نحو الحدود مع موريتانيا.")
    doc = pipeline(Document(text, DocMeta(id="t", published=date(2019, 1, 28))))
    names = {e.actor1.actor.name for e in doc.events if e.actor1}
    assert "Unidentified Armed Group (Mali)" in names and not any("Mauritania" in n for n in names)


# --- the words and patterns of the stage (resources/data/actors_words.json) ---------------------------------

WORDS = read_json("actors_words.json")


@pytest.mark.parametrize("name", sorted(WORDS["lists"]))
def test_word_list_is_documented_folded_unique_and_read(name):
    spec = WORDS["lists"][name]
    assert spec["about"].strip()
    folded = [fold(w) for w in spec["words"]]
    assert folded and all(w and " " not in w and fold(w) == w for w in folded)
    assert len(set(folded)) == len(folded), f"{name} repeats a word once folded"
    data = copy.deepcopy(WORDS)
    del data["lists"][name]
    with pytest.raises(KeyError, match=name):
        ActorWords.from_data(data)


@pytest.mark.parametrize("name", sorted(WORDS["shapes"]))
def test_shape_is_documented_folded_and_read(table, name):
    """Shapes are regular expressions over folded text, not folded at load: their Arabic is written folded."""
    spec = WORDS["shapes"][name]
    assert spec["about"].strip()
    assert [w for w in re.findall(r"[\u0621-\u064a]+", spec["pattern"]) if fold(w) != w] == []
    assert isinstance(getattr(table.words, name), re.Pattern)
    data = copy.deepcopy(WORDS)
    del data["shapes"][name]
    with pytest.raises(KeyError, match=name):
        ActorWords.from_data(data)


def test_words_reach_the_table_folded(table):
    lists = {k: [fold(w) for w in v["words"]] for k, v in WORDS["lists"].items()}
    w = table.words
    assert [e for e, _ in w.adj_endings] == ["", *lists["adj_endings"]]
    assert {e for e, form in w.adj_endings if form == "plural"} == set(lists["plural_endings"])
    assert set(lists["plural_endings"]) <= set(lists["adj_endings"])
    for name, got in (("members", w.members), ("name_stop", w.name_stop), ("name_links", w.name_links)):
        assert got == frozenset(lists[name])
    for name, got in (("member_clitics", w.member_clitics), ("conjunctions", w.conj),
                      ("surname_clitics", w.surname_clitics), ("lam", w.lam)):
        assert got == "".join(lists[name]) and all(len(x) == 1 for x in lists[name])
    assert w.article == lists["article"][0] and len(lists["article"]) == 1
    assert w.belongs.pattern == r"\s+(?:" + "|".join(lists["belongs"]) + r")\s+"
    assert w.state_tv_tail.match(" " + fold("الرسمية"))
