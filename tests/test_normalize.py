"""Normalisation folds what Arabic news spells inconsistently, and offsets always map back exactly."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.resources.registry import data_path
from marsad.text.normalize import CharMap, Script, fold, is_arabic

CASES = [
    ("قُوّاتُ", "قوات"),  # diacritics and shadda
    ("الحسكــــة", "الحسكه"),  # tatweel, ta marbuta
    ("أإآٱا", "ااااا"),  # alef and hamza forms
    ("مستشفى", "مستشفي"),  # alef maqsura
    ("٢٦/١/٢٠٢٢", "26/1/2022"),  # Arabic-Indic digits
    ("۲۶", "26"),  # Persian digits
    ("قال، ثم؛ لماذا؟", "قال, ثم; لماذا?"),  # Arabic punctuation
    ("«قسد» “داعش” „x‟", '"قسد" "داعش" "x"'),  # the quote-mark zoo
    ("‘a’", "'a'"),
    ("a\u00a0b", "a b"),  # NBSP
    ("ab\u200fc\u200e\u202bd\u202c", "abcd"),  # bidi and zero-width controls
    ("x \u200b y", "x y"),  # zero-width space vanishes; the spaces collapse
    ("CJTFOIR", "cjtfoir"),  # Latin is lower-cased
    ("كلمة    كلمة", "كلمه كلمه"),  # runs of spaces collapse
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected
    assert CharMap.default().normalize(raw).text == expected


def test_offsets_point_into_original() -> None:
    nt = CharMap.default().normalize("قالَ المُتحدّث «إنّ»")
    i = nt.text.index("المتحدث")
    s, e = nt.to_original(i, i + len("المتحدث"))
    assert nt.original[s:e] == "المُتحدّث"


ARABICISH = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآىةؤئـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩،؛؟«»“”\"' \n.-abcXYZİ\u200f\u00a0\u200b")),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(ARABICISH, st.data())
def test_offsets_round_trip(text: str, data) -> None:
    nt = CharMap.default().normalize(text)
    n = len(nt.text)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    s, e = nt.to_original(i, j)
    assert 0 <= s <= e <= len(text)
    if i < j:
        # the original span normalises to exactly the normalised span (modulo a leading collapsed blank)
        assert CharMap.default().normalize(text[s:e]).text.lstrip(" ") == nt.text[i:j].lstrip(" ")
        assert nt.to_norm(s, e) == (i, j)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_keeps_a_monotone_map(text: str) -> None:
    nt = CharMap.default().normalize(text)
    assert len(nt.origin) == len(nt.text)
    assert list(nt.origin) == sorted(set(nt.origin))
    assert all(0 <= o < len(text) for o in nt.origin)


_MIXED = st.text(alphabet=st.sampled_from(list("اأإآبتةىيءؤئ ًٌٍَُِّْـ \n\t\u200f\u00a0İIABCabc19٠١،.؟")) | st.characters(),
                 max_size=60)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_the_fast_path_equals_the_character_by_character_one(text: str) -> None:
    """normalize() maps with one str.translate and collapses spaces with a regex; it must give exactly what the
    reference loop gives: the same text and the same offset map (diacritics and tatweel deleted, runs of
    spaces after a space or a newline collapsed, "İ" lowering to two characters)."""
    cm = CharMap.default()
    fast, slow = cm.normalize(text), cm.normalize_slow(text)
    assert (fast.text, fast.origin) == (slow.text, slow.origin)


# ---- the script table (charmap.json, "script"): letters and clitics the code handles one by one

SCRIPT = json.loads(data_path("charmap.json").read_text("utf-8"))["script"]
_AS_WRITTEN = {"letters", "punctuation", "tatweel"}  # compared with the original text, not folded


def _values(entry: dict) -> list[str]:
    if "endings" in entry:  # open_ta: the endings after the ت (its two letters are checked on their own)
        assert len(entry["folded"]) == len(entry["open"]) == 1 and entry["folded"] != entry["open"]
        return list(entry["endings"])
    v = entry.get("value", [entry.get("preposition"), entry.get("written")])
    return [v] if isinstance(v, str) else list(v)


@pytest.mark.parametrize("name", sorted(set(SCRIPT) - {"about", "letters"}))
def test_script_entry_is_documented_folded_and_unique(name: str) -> None:
    entry = SCRIPT[name]
    assert entry["about"].strip()
    values = _values(entry)
    assert values and all(values)
    assert len(set(values)) == len(values), f"{name} repeats a value"
    if name not in _AS_WRITTEN:
        assert [v for v in values if fold(v) != v] == [], f"{name} is compared with folded text: write it folded"


def test_script_letters_are_single_distinct_letters() -> None:
    letters = {k: v for k, v in SCRIPT["letters"].items() if k != "about"}
    assert SCRIPT["letters"]["about"].strip()
    assert all(len(v) == 1 for v in letters.values())
    assert len(set(letters.values())) == len(letters)


def test_every_script_entry_is_read() -> None:
    sc = CharMap.default().script
    assert (sc.article, sc.lam, sc.lam_article, sc.and_) == ("ال", "ل", "لل", "و")
    assert sc.conjunctions == ("و", "ف") and sc.prepositions == ("ب", "ل", "ك") and sc.future_prefix == "س"
    assert sc.tatweel == "\u0640" and set(sc.punctuation) == {"\u060c", "\u061b", "\u061f"}
    assert len(sc.pronoun_suffixes) == 11
    assert (sc.ta_folded, sc.ta_open) == ("ه", "ت") and "ين" in sc.ta_endings and "نا" not in sc.ta_endings
    spare = dict(SCRIPT, spare={"about": "x", "value": "x"})
    with pytest.raises(ValueError, match="unused"):
        Script.from_data(spare, fold)
    with pytest.raises(ValueError, match="missing"):
        Script.from_data({k: v for k, v in SCRIPT.items() if k != "tatweel"}, fold)
    twice = dict(SCRIPT, conjunctions={"about": "x", "value": ["و", "و"]})
    with pytest.raises(ValueError, match="repeats"):
        Script.from_data(twice, fold)


def test_arabic_block() -> None:
    assert is_arabic("\u0600") and is_arabic("\u06ff") and is_arabic("ق") and is_arabic("\u060c")
    assert not is_arabic("\u05ff") and not is_arabic("\u0700") and not is_arabic("a")
