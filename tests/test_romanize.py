"""Romanisation of Arabic-script person names: a hand-checked table (one test per name; the names that fail
today are listed in tests/data/known_failures.tsv as strict expected failures, tests/known_failures.py), and
the rule scheme."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from marsad.eval.names import same_entity
from marsad.resources.registry import read_tsv
from marsad.text.normalize import fold, script
from marsad.text.romanize import LETTER_NAMES, RULE_WORDS, Romanizer, rule_romanize
from tests import known_failures

CASES_TSV = Path(__file__).parent / "data" / "romanize_cases.tsv"
TABLE_NAME = "romanize_cases"


def _cases() -> list[dict[str, str]]:
    lines = [ln for ln in CASES_TSV.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:]]


CASES = _cases()


@pytest.fixture(scope="module")
def romanizer() -> Romanizer:
    return Romanizer.load()


def test_case_table_is_large_and_clean() -> None:
    assert len(CASES) >= 200
    assert {c["kind"] for c in CASES} == {"arab", "persian-turkish", "foreign"}
    assert {c["set"] for c in CASES} == {"dev", "heldout"}
    names = [c["name_ar"] for c in CASES]
    assert len(names) == len(set(names)), "a name is listed twice"


def _why(romanizer: Romanizer, case: dict[str, str]) -> str | None:
    got = romanizer.romanize(case["name_ar"])
    return None if same_entity(got, case["latin"]) else f"got {got!r}, expected {case['latin']!r} ({case['set']})"


def failures() -> dict[tuple[str, str], str]:
    """(check, row id) -> why, for every failing row (tests/known_failures.py writes them down)."""
    r = Romanizer.load()
    return {("latin", c["name_ar"]): why for c in CASES if (why := _why(r, c)) is not None}


@pytest.mark.parametrize("case", known_failures.rows(TABLE_NAME, "latin", CASES, lambda c: c["name_ar"]))
def test_case(romanizer: Romanizer, case: dict[str, str]) -> None:
    """The name as the English press spells it (compared as the strict scorer compares names)."""
    why = _why(romanizer, case)
    assert why is None, why


def test_known_failures_name_rows_of_the_table() -> None:
    assert known_failures.listed(TABLE_NAME, "latin") <= {c["name_ar"] for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["latin"] for c in CASES])
def test_output_shape(romanizer: Romanizer, case: dict[str, str]) -> None:
    """Every output is ASCII Latin, each part capitalised except the particles inside a name."""
    out = romanizer.romanize(case["name_ar"])
    assert out and out.isascii() and out == out.strip(), out
    assert out[0].isupper(), out
    for part in out.split()[1:]:
        head = part.split("-", 1)[0]
        assert part[0].isupper() or head in {"al", "bin", "ibn", "bint", "von", "der"}, out


# The rule scheme alone, word by word (no table).
RULES = [
    ("سريع", "Sari'"),  # short vowel guessed as a; ي medial i; ع final '
    ("مظلوم", "Mazlum"),  # و after a consonant: u
    ("مروان", "Marwan"),  # و before ا: w
    ("حيدر", "Haydar"),  # ي as the second letter between consonants: ay
    ("سياف", "Sayaf"),  # ي before ا: y
    ("يحيى", "Yahya"),  # initial ي: y; ى: a
    ("عمر", "Amr"),  # initial ع dropped
    ("سعاد", "Sa'ad"),  # medial ع: '
    ("خالد", "Khalid"),  # the فاعل pattern: i
    ("فاطمة", "Fatima"),  # ة final: a
    ("علاء", "Alaa"),  # final اء: aa
    ("إسماعيل", "Isma'il"),  # initial إ: i
    ("أنس", "Anas"),  # initial أ: a
    ("رئيسي", "Ra'isi"),  # ئ: '
    ("فؤاد", "Fu'ad"),  # ؤ after a consonant: u'
    ("قاآني", "Qa'ani"),  # medial آ: 'a
    ("رهوي", "Rahawi"),  # nisba -awi
    ("أولمرت", "Olmart"),  # initial أو before a consonant: O
    ("إيهود", "Ihud"),  # initial إي: one long i
    ("ظريف", "Zarif"),
    ("ذبيح", "Dhabih"),
    ("غالب", "Ghalib"),
    ("شمخاني", "Shamkhani"),
    ("پژمان", "Pazhman"),  # Persian letters
]


@pytest.mark.parametrize(("word", "expected"), RULES)
def test_rule_scheme(word: str, expected: str) -> None:
    assert rule_romanize(word) == expected


EXACT = [
    ("عبد الكريم الجبوري", "Abdul Karim al-Jubouri"),  # عبد + article: Abdul, the article goes
    ("يحيى سريع", "Yahya Saree"),
    ("أنطونيو غوتيريش", "Antonio Guterres"),
    ("محمد بن سلمان", "Mohammed bin Salman"),
    ("رهام بخش حبيبي", "Reham Bakhsh Habibi"),
    ("مُحَمَّد", "Mohammed"),  # diacritics ignored
    ("محمــــد", "Mohammed"),  # tatweel ignored
    ("إسماعيل هنيه", "Ismail Haniyeh"),  # ه for ة: the lookup folds both
    ("عبدالرحمن الراشد", "Abdulrahman al-Rashid"),  # عبد written solid
    ("تميم بن حمد آل ثاني", "Tamim bin Hamad Al Thani"),  # آل: the family, "Al"
    ("هبة الله", "Hibatullah"),
    ("عطية الله", "Atiyatallah"),  # X الله with no row: one word, ة -> t
    ("سيف الدين", "Saif al-Din"),
    ("بن لادن", "Bin Ladin"),  # a particle that starts the name is capitalised
    ("الجبوري", "Al-Jubouri"),  # the table row for the name without its article
    ("فون دير لاين", "Von der Leyen"),
    ("Joe بايدن", "Joe Biden"),  # Latin passes through
    ("«حسن»", "Hassan"),  # quotes stripped
    ("", ""),
]


@pytest.mark.parametrize(("name", "expected"), EXACT)
def test_exact_output(romanizer: Romanizer, name: str, expected: str) -> None:
    assert romanizer.romanize(name) == expected


def test_table_is_clean(romanizer: Romanizer) -> None:
    assert len(romanizer) > 300
    assert all(v.isascii() for v in romanizer._table.values())


def test_speed(romanizer: Romanizer) -> None:
    """The budget is 0.1 ms a name; the assertion leaves room for a slow CI machine."""
    names = [c["name_ar"] for c in CASES]
    start = time.perf_counter()
    for _ in range(5):
        for n in names:
            romanizer.romanize(n)
    per_name = (time.perf_counter() - start) / (5 * len(names))
    assert per_name < 0.0005, f"{per_name * 1000:.3f} ms per name"


# The rule scheme's data: consonant rows (kind letter) and named words (kind rule) of names_latin.tsv, and the
# vowel letters and hamza seats of charmap.json's script.letters.
SCHEME_ROWS = [r for r in read_tsv("names_latin.tsv") if r["kind"] in ("letter", "rule")]
LETTER_ROWS = [r for r in SCHEME_ROWS if r["kind"] == "letter"]


def test_letter_rows_are_single_distinct_consonants() -> None:
    letters = [r["ar"] for r in LETTER_ROWS]
    assert len(letters) >= 28 and all(len(a) == 1 for a in letters)
    assert sorted({a for a in letters if letters.count(a) > 1}) == [], "a letter has two rows"
    assert all(r["latin"].isascii() and r["latin"] == r["latin"].lower() for r in LETTER_ROWS)
    named = set(script().letters.values())
    assert named.isdisjoint(letters), "a vowel letter or hamza seat is handled by name, not as a consonant"
    assert sorted(script().letters) == sorted(LETTER_NAMES)


@pytest.mark.parametrize("row", LETTER_ROWS, ids=[r["latin"] for r in LETTER_ROWS])
def test_every_letter_row_is_used(row: dict[str, str]) -> None:
    """Each consonant row spells its letter between two consonants (ع's ' is dropped word-initially)."""
    assert rule_romanize("ب" + row["ar"] + "ت") == "Ba" + row["latin"] + "t"


def test_rule_rows_are_the_named_words_folded_and_not_in_the_table(romanizer: Romanizer) -> None:
    rules = {r["latin"].lower(): r["ar"] for r in SCHEME_ROWS if r["kind"] == "rule"}
    assert sorted(rules) == sorted(RULE_WORDS)
    assert all(fold(a) == a for a in rules.values()), "the rules compare folded words: write them folded"
    assert romanizer.romanize("عطية الله") == "Atiyatallah" and romanizer.romanize("عبد الكريم") == "Abdul Karim"
    assert "ب" not in romanizer._table, "letter rows are not name rows"


def test_the_scheme_is_read_at_first_use_not_at_import() -> None:
    import subprocess
    import sys

    code = ("import marsad.text.romanize as r, marsad.text.normalize as n; "
            "assert n.CharMap._default is None and r._scheme.cache_info().currsize == 0")
    subprocess.run([sys.executable, "-c", code], check=True)
