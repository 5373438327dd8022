"""The time stage's date grammar (issue 14, part 2): a table of hand-written Arabic cases
(tests/data/time_cases_grammar.tsv), one test per row (the rows that fail today are listed in
tests/data/known_failures.tsv as strict expected failures, tests/known_failures.py), and the anchored scan held
to a scan of the whole text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.cli.layers import parse_times
from marsad.stages.resources import Resources
from marsad.text.normalize import CharMap, fold
from tests import known_failures

DATA = Path(__file__).parent / "data"
CASES = DATA / "time_cases_grammar.tsv"
TABLE_NAME = "time_cases_grammar"
CATEGORIES = {"nthweekday", "monthpart", "weekdaydate", "spelledyear", "bareyear", "decade", "quarter", "weekend",
              "restperiod", "numericpartial", "synonym", "range", "offset", "holiday", "hijrinumeric", "baremonth",
              "nondate"}


def _rows(path: Path) -> list[dict]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    out = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t") + [""] * len(header)
        row = dict(zip(header, cells, strict=False))
        row["line"] = n
        row["text"] = row["text"].replace("\\n", "\n")
        out.append(row)
    return out


ROWS = _rows(CASES)


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.build(["time"])


def _pub(s: str) -> date | None:
    return None if s in ("", "-") else date.fromisoformat(s)


def _check(row: dict, res: Resources) -> str | None:
    """None when the row passes, else what went wrong."""
    text = row["text"]
    got = parse_times(text, _pub(row["published"]), res)
    for e in got:
        if text[e.start:e.end] != e.text or e.date_start > e.date_end:
            return f"bad expression {e}"
    shown = [(e.text, str(e.date_start), str(e.date_end), e.precision, e.kind) for e in got]
    if row["expect"] == "NONE":
        narrative = [e.text for e in got if not e.furniture]
        return f"expected no date, got {narrative}" if narrative else None
    hits = [e for e in got if e.text == row["expect"]]
    if not hits:
        return f"no expression {row['expect']!r}; got {shown}"
    e = hits[0]
    want = (row["date_start"], row["date_end"], row["precision"], row["kind"])
    have = (e.date_start.isoformat(), e.date_end.isoformat(), e.precision, e.kind)
    return None if have == want else f"{row['expect']!r}: want {want}, got {have}"


def test_table_is_large_new_and_covers_every_category():
    assert len(ROWS) >= 400
    assert {r["category"] for r in ROWS} == CATEGORIES
    keys = [(r["published"], r["text"]) for r in ROWS]
    assert len(keys) == len(set(keys)), "a case is written twice"
    old = {r["text"] for r in _rows(DATA / "time_cases.tsv")}
    assert not old & {r["text"] for r in ROWS}, "cases must be new, not those of time_cases.tsv"
    for r in ROWS:
        assert r["expect"] == "NONE" or r["expect"] in r["text"], r


def _key(row: dict) -> str:
    return f"{row['published']} {row['text']}".replace("\n", "\\n")


def failures() -> dict[tuple[str, str], str]:
    """(check, row id) -> why, for every failing row (tests/known_failures.py writes them down)."""
    res = Resources.build(["time"])
    return {("date", _key(r)): f"[{r['category']}] {why}" for r in ROWS if (why := _check(r, res)) is not None}


@pytest.mark.parametrize("row", known_failures.rows(TABLE_NAME, "date", ROWS, _key))
def test_grammar_case(res: Resources, row: dict) -> None:
    why = _check(row, res)
    assert why is None, why


def test_known_failures_name_rows_of_the_table() -> None:
    assert known_failures.listed(TABLE_NAME, "date") <= {_key(r) for r in ROWS}


def test_anchored_scan_finds_what_a_whole_scan_finds(res: Resources):
    """The scanner runs each pattern only around its anchors (stages/time/scan.py); on every case of both tables
    it must find exactly the matches a scan of the whole text finds."""
    lx = res["time"]
    cm = CharMap.default()
    texts = [r["text"] for r in ROWS] + [r["text"] for r in _rows(DATA / "time_cases.tsv")]
    for t in texts:
        norm = cm.normalize(t).text
        anchored = sorted((i, m.span()) for i, m in lx.scanner.matches(norm))
        whole = sorted((i, m.span()) for i, m in lx.scanner.matches(norm, whole=True))
        assert anchored == whole, t


def test_grammar_words_are_data(res: Resources):
    """The grammar's word lists come from resources/data/time_grammar.json, each with an 'about' line."""
    import json

    from marsad.resources.registry import data_path

    g = json.loads(data_path("time_grammar.json").read_text("utf-8"))
    assert "about" in g
    undocumented = [k for k in g if not k.startswith("about") and f"about_{k}" not in g]
    assert not undocumented, undocumented


# ---- the words the patterns spell out (time_grammar.json "pattern_words")

def _grammar() -> dict:
    import json

    from marsad.resources.registry import data_path

    return json.loads(data_path("time_grammar.json").read_text("utf-8"))


PATTERN_WORDS = _grammar()["pattern_words"]


@pytest.mark.parametrize("name", sorted(PATTERN_WORDS))
def test_pattern_word_slot_is_documented_and_unique(name: str) -> None:
    spec = PATTERN_WORDS[name]
    assert spec["about"].strip()
    folded = [fold(w) for w in spec["words"]]
    assert folded and all(folded)
    assert sorted({w for w in folded if folded.count(w) > 1}) == [], f"{name} repeats words after folding"


def _sources(lx) -> str:
    regexes = [p.regex for p in lx.patterns] + [lx.clock_cue, lx.duration_noun, lx.since, lx.since_clause]
    return "\n".join(r.pattern for r in regexes)


@pytest.mark.parametrize("name", sorted(PATTERN_WORDS))
def test_pattern_word_slot_is_used_folded(res: Resources, name: str) -> None:
    """Each word of each slot is in a compiled regex, folded (أ/ة/ى never reach the normalised view)."""
    import re

    src = _sources(res["time"])
    for word in PATTERN_WORDS[name]["words"]:
        form = r"\s+".join(re.escape(p) for p in fold(word).split(" "))
        assert form in src, f"{name}: {word!r} is in no pattern"
        if fold(word) != word:
            assert re.escape(word) not in src, f"{name}: {word!r} is used unfolded"


def test_pattern_word_slots_are_checked_at_load(res: Resources) -> None:
    import copy

    def compile_with(words: dict) -> None:
        lx = copy.deepcopy(res["time"])
        lx.grammar = dict(lx.grammar, pattern_words=words)
        lx._compile()

    compile_with(copy.deepcopy(PATTERN_WORDS))  # the file as it is
    spare = dict(PATTERN_WORDS, spare={"about": "x", "words": ["كلمة"]})
    with pytest.raises(ValueError, match="unused"):
        compile_with(spare)
    with pytest.raises(ValueError, match="missing"):
        compile_with({k: v for k, v in PATTERN_WORDS.items() if k != "since"})
    with pytest.raises(ValueError, match="takes one word"):
        compile_with(dict(PATTERN_WORDS, day={"about": "x", "words": ["يوم", "نهار"]}))
    with pytest.raises(ValueError, match="repeats"):
        compile_with(dict(PATTERN_WORDS, last={"about": "x", "words": ["الأخيرة", "الاخيرة"]}))


def test_period_nouns_and_script(res: Resources) -> None:
    """What the resolvers read from the pattern words and the script table, folded."""
    lx = res["time"]
    assert lx.period_nouns == {"اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year"}
    assert lx.script.article == "ال" and lx.script.tatweel == "\u0640"
    assert set(lx.scanner.clitics) == {"و", "ف", "ب", "ل", "ك"}
    assert lx.since.search("وذلك ابتداء من ") and lx.since_clause.search("منذ ان بدات, ")
