"""Place stage and gazetteer: hand-written Arabic cases (tests/data/place_cases.tsv) plus behaviour checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.cli.layers import parse_places, place_to_json
from marsad.model.document import DocMeta, Document
from marsad.pipeline import Pipeline
from marsad.stages.places import country_focus, focus_place
from marsad.stages.resources import Resources

DATA = Path(__file__).parent / "data" / "place_cases.tsv"
DEV = Path("/work/shared/corpus/dev")


def _cases() -> list[tuple[str, str, str, str]]:
    lines = [ln for ln in DATA.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    out = []
    for ln in lines[1:]:
        cells = (ln.split("\t") + ["", "", "", ""])[:4]
        out.append(tuple(c.strip() for c in cells))
    return out


CASES = _cases()


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.build(["gazetteer"])


def test_case_table_is_large_enough():
    assert len(CASES) >= 150


@pytest.mark.parametrize(("text", "expect", "country", "admin1"), CASES, ids=[c[0][:30] for c in CASES])
def test_place_case(res, text, expect, country, admin1):
    found = parse_places(text, res)
    for m in found:
        assert text[m.start:m.end] == m.text
    if expect == "NONE":
        assert found == [], [m.text for m in found]
        return
    hits = [m for m in found if m.text == expect or expect in m.text or m.text in expect]
    assert hits, f"{expect!r} not found in {[m.text for m in found]}"
    m = hits[0]
    assert m.place.country == country
    assert m.place.admin1 == (None if admin1 == "-" else admin1)


def test_json_shape(res):
    ms = parse_places("قتل ثلاثة في قصف على مدينة الحسكة", res)
    js = place_to_json(ms[0])
    assert set(js) == {"span", "text", "location", "location_ar", "admin1", "admin2", "country", "latitude",
                       "longitude", "geo_precision"}
    assert js["span"] == [27, 33] and js["text"] == "الحسكة" and js["geo_precision"] == 1
    json.dumps(js, ensure_ascii=False)


@pytest.mark.parametrize(("text", "expect", "precision"), [
    ("سقطت قذائف على مدينة الحسكة", "الحسكة", 1),
    ("سقطت قذائف على أطراف مدينة الحسكة", "الحسكة", 2),
    ("وقع الانفجار على بعد 30 كم من العريش", "العريش", 2),
    ("قصفت الطائرات ريف حلب الجنوبي", "ريف حلب الجنوبي", 2),
    ("اعتقلت الشرطة شابين في محافظة ديالى", "ديالى", 3),
    ("قصف في قرية بارة التابعة لقضاء سنجار", "بارة", 2),
])
def test_geo_precision(res, text, expect, precision):
    m = next(m for m in parse_places(text, res) if m.text == expect)
    assert m.geo_precision == precision


def test_unknown_village_takes_parent(res):
    ms = parse_places("قصفت المدفعية قرية الزعيلية في ريف إدلب الجنوبي", res)
    v = next(m for m in ms if m.text == "الزعيلية")
    assert (v.place.country, v.place.admin1, v.geo_precision) == ("Syria", "Idlib", 2)


def test_focus_disambiguates_tripoli(res):
    lebanon = parse_places("اشتباكات في جبل محسن بطرابلس شمال لبنان، وتوتر في عكار وطرابلس", res)
    libya = parse_places("قصف على مطار معيتيقة ومصراتة وسرت، واشتباكات في طرابلس", res)
    assert {m.place.country for m in lebanon if m.text == "طرابلس"} == {"Lebanon"}
    assert [m.place.country for m in libya if m.text == "طرابلس"] == ["Libya"]


def test_country_focus_and_focus_place(res):
    doc = Document("هاجم التنظيم سجن الصناعة في الحسكة. وقالت تركيا إنها تراقب. وفي القامشلي حظر تجول.",
                   DocMeta(id="t"))
    Pipeline.build(until="places", resources=res)(doc)
    assert country_focus(doc) == "Syria"
    fp = focus_place(doc)
    assert fp is not None and fp.place.admin1 == "Al-Hasakah"


def test_furniture_is_skipped(res):
    text = "اشتباكات في الحسكة\nاقرأ أيضا: انفجار في بغداد"
    doc = Document(text, DocMeta(id="f"))
    pipe = Pipeline.build(until="furniture", resources=res)
    pipe(doc)
    doc.furniture = [(text.index("اقرأ"), len(text))]
    from marsad.stages.places import find_places

    find_places(doc, res)
    assert [m.text for m in doc.places] == ["الحسكة"]


def test_gazetteer_lookups(res):
    gz = res["gazetteer"]
    hasakah = gz.lookup("الحسكة")
    assert hasakah and hasakah[0].country == "Syria"
    prison = gz.lookup("سجن الصناعة")[0]
    chain = [p.name for p in gz.parents(prison.id)]
    assert "Al-Hasakah" in chain and chain[-1] == "Syria"
    assert gz.country("PS").name == "Palestine"
    assert gz.get("no-such-id") is None


@pytest.mark.skipif(not (DEV / "gold").is_dir(), reason="shared dev corpus not available")
def test_dev_gold_places(res):
    """Gold events: a place in/near the evidence (else the document focus) gives the gold country/admin1."""
    pipe = Pipeline.build(until="places", resources=res)
    n = c_ok = a_n = a_ok = 0
    for gf in sorted((DEV / "gold").glob("*.json")):
        gold = json.loads(gf.read_text("utf-8"))
        raw = json.loads((DEV / "raw" / gf.name).read_text("utf-8"))
        doc = pipe(Document(raw["text"], DocMeta(id=raw["id"])))
        for ev in gold["events"]:
            s = raw["text"].find(ev.get("evidence") or "\0")
            if not ev.get("country") or s < 0:
                continue
            m = _nearest(doc, s, s + len(ev["evidence"]))
            if m is None or not m.place.admin1:
                m = focus_place(doc, m.place.country if m else None) or m
            country = m.place.country if m else country_focus(doc)
            n += 1
            c_ok += country == ev["country"]
            if ev.get("admin1"):
                a_n += 1
                a_ok += bool(m) and m.place.admin1 == ev["admin1"]
    assert n > 150
    assert c_ok / n >= 0.9 and a_ok / a_n >= 0.8, (c_ok / n, a_ok / a_n)


def _nearest(doc: Document, s: int, e: int):
    inside = [m for m in doc.places if s <= m.start < e]
    if inside:
        return next((m for m in inside if m.place.feature != "country"), inside[0])
    si = doc.sentence_index(s)
    if si < 0:
        return None
    para = doc.sentences[si].paragraph
    near = [m for m in doc.places if doc.sentence_index(m.start) >= 0
            and doc.sentences[doc.sentence_index(m.start)].paragraph == para]
    return min(near, key=lambda m: abs(m.start - s)) if near else None


@pytest.mark.parametrize(("text", "names"), [
    # a list after a plural type word, closed by a known place: every name is a place
    ("قصفت الطائرات بلدات أورم الكبرى و كفرناها و خان العسل بريف حلب الغربي",
     ["Urum al-Kubra", "Kafr Naha", "Khan al-Asal"]),
    ("شملت الغارات قرى: تل شعير، ودير سنبل بريف إدلب الجنوبي", ["Tl Sh'yr", "Dyr Snbl"]),
])
def test_coordinated_list_after_a_plural_type_word(text: str, names: list[str]) -> None:
    from marsad.cli.layers import parse_places

    got = [p.place.name.split(",")[0] for p in parse_places(text) if p.place.feature not in ("area", "country",
                                                                                               "admin1")]
    for n in names:
        assert any(g.lower().replace("'", "") == n.lower().replace("'", "") for g in got), (n, got)


@pytest.mark.parametrize(("text", "countries"), [
    ("أعلنت وزارة المالية عن تراجع العجز المالي هذا العام", []),  # finance, not Mali
    ("هاجم مسلحون دورية للجيش المالي قرب الحدود", ["Mali"]),
    ("وصلت القوات إلى الضفة اليمنى للنهر", []),  # the right bank, not Yemen
    ("قصفت مدفعية الجيش اليمني مواقع المسلحين", ["Yemen"]),
])
def test_nationality_adjective_homographs(text: str, countries: list[str]) -> None:
    from marsad.cli.layers import parse_places

    assert [p.place.country for p in parse_places(text) if p.place.feature == "country"] == countries


@pytest.mark.parametrize(("text", "countries"), [
    ("قتل خمسة جنود في هجوم على ثكنة للجيش المالي قرب الحدود مع موريتانيا", ["Mali"]),
    ("تسلل مسلحون عبر الحدود المشتركة مع العراق إلى بلدة في شرق سوريا", ["Syria"]),
    ("قصفت الطائرات مواقع في موريتانيا", ["Mauritania"]),
])
def test_a_country_across_a_border_is_a_reference_point(text: str, countries: list[str]) -> None:
    from marsad.cli.layers import parse_places
    from marsad.stages.places import REFERENCE

    # a country across a border stays only as a reference point (too weak to place anything)
    assert sorted({p.place.country for p in parse_places(text) if p.confidence > REFERENCE}) == countries


# --- the letters and short lists the place code tests (places_cues.json, entries with their own "about") --

PLACE_CODE_LISTS = ("clitics", "article", "conjunction", "not_conjunction", "locative_clitics", "rare_clitics", "lam",
                    "lil", "distance_units", "nationality_clitics", "feminine_ending", "capital_word",
                    "capital_clitics", "countryside_word", "unknown_name_cues", "nest_gaps", "translit")
SINGLE_WORD = ("article", "conjunction", "lam", "lil", "feminine_ending", "capital_word", "countryside_word")


@pytest.mark.parametrize("key", PLACE_CODE_LISTS)
def test_place_code_list_is_documented_used_and_unique(key: str) -> None:
    from marsad.resources.registry import read_json
    from marsad.text.normalize import fold

    spec = read_json("places_cues.json")[key]
    assert spec["about"].strip()
    entries = list(spec["letters"] if key == "translit" else spec["words"])
    # nest_gaps is compared with the original text (kept as written); the rest with the normalised text
    words = entries if key == "nest_gaps" else [fold(w) for w in entries]
    assert words and sorted({w for w in words if words.count(w) > 1}) == [], f"{key} repeats words"
    if key == "translit":  # letters of the normalised text, each one character
        assert all(len(w) == 1 and fold(w) == w for w in entries)
    if key in SINGLE_WORD:
        assert len(words) == 1
    package = Path(__file__).resolve().parents[1] / "src" / "marsad" / "stages" / "places"
    code = "".join(f.read_text("utf-8") for f in sorted(package.glob("*.py")))
    assert f'"{key}"' in code, f"{key} is never read"


def test_place_code_lists_load_as_the_code_expects(res) -> None:
    from marsad.stages.places.cues import cues_of

    c = cues_of(res["gazetteer"])
    assert c.clitics == ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")  # the order they are tried in
    assert (c.article, c.conjunction, c.lam, c.lil, c.capital_word) == ("ال", "و", "ل", "لل", "عاصمه")
    assert c.unknown_name_cues["قريه"] == "village" and c.unknown_name_cues["قري"] == "village"
    assert "بمدينة" in c.nest_gaps and "التابعة ل" in c.nest_gaps  # as written: the original text is compared
    assert c.adjective_blockers.keys() >= {"المالي", "الماليه"}  # the folded feminine ending
    assert c.strip("وبمدينه", c.types) == "مدينه" and c.latin("الفطيره") == "Al-Ftyrh"


EVENT_PLACE_LISTS = ("event_locative", "event_locative_clitics", "event_country_clitic_end", "event_country_clitics",
                     "event_dispersed", "event_list_conjunctions", "event_list_words", "event_list_preps",
                     "event_list_clitics", "event_list_types", "event_distance_units", "event_directions")


def test_event_place_lists_are_all_listed() -> None:
    from marsad.resources.registry import read_json

    assert {k for k in read_json("places_cues.json") if k.startswith("event_")} == set(EVENT_PLACE_LISTS)


@pytest.mark.parametrize("key", EVENT_PLACE_LISTS)
def test_event_place_list_is_documented_used_folded_and_unique(key: str) -> None:
    from marsad.resources.registry import read_json
    from marsad.text.normalize import fold

    spec = read_json("places_cues.json")[key]
    assert spec["about"].strip()
    words = [fold(w) for w in spec["words"]]
    assert words and sorted({w for w in words if words.count(w) > 1}) == [], f"{key} repeats words after folding"
    code = (Path(__file__).resolve().parents[1] / "src" / "marsad" / "stages" / "events" / "place.py").read_text("utf-8")
    assert f'"{key}"' in code or f"'{key}'" in code, f"{key} is never read"


def test_event_place_patterns_are_built_from_the_folded_lists() -> None:
    from marsad.stages.events.place import place_words

    w = place_words()
    assert w.locative.search(" وعلي ") and w.locative.search("شمال ") and not w.locative.search(" قالت ")
    assert w.dispersed.search("في عده محافظات") and not w.dispersed.search("في عدهم")
    assert w.list_gap.match(", وفي ") and w.list_gap.match(" او ") and not w.list_gap.match(" قرب ")
    assert w.list_types.sub(" ", "بولايه") == " " and w.list_conjunction.search(" ثم ")
    assert w.country_clitic_end == ("ب",) and w.country_clitics == {"ل", "ول", "فل"}


@pytest.mark.parametrize(("text", "place"), [
    # a place a distance is measured from is a reference point, not the site
    ("قتل خمسة من عناصر الشرطة في تفجير سيارة مفخخة في مدينة الموصل (400 كلم شمال بغداد) صباح اليوم.", "Mosul"),
    ("قتل ثلاثة مدنيين في قصف على مدينة تكريت على بعد 170 كيلومترا شمال غرب بغداد.", "Tikrit"),
])
def test_a_distance_measured_from_a_place_does_not_make_it_the_site(pipeline, text: str, place: str) -> None:
    from datetime import date

    from marsad.model.document import DocMeta, Document

    doc = pipeline(Document(text, DocMeta(id="t", published=date(2019, 6, 14))))
    assert [e.place.place.name for e in doc.events if e.place] == [place]
