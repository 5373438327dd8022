"""Batch look-ups (`marsad time|places|actors --jsonl`): one answer per case, offsets into the case text,
a malformed line answered with its line number while the others still get answers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from marsad.lookup import lookup_lines

CASES = [
    {"id": "t1", "text": "قتل مسلحون أمس الخميس ثلاثة أشخاص في مدينة الموصل", "published": "2023-03-10"},
    {"id": "t2", "text": "أعلنت قوات سوريا الديمقراطية أنها اعتقلت خمسة عناصر في الحسكة", "published": "2022-01-27"},
    {"id": "t3", "text": "شارك المئات في وقفة أمام مقر الحكومة"},
]


def _lines(extra: list[str] | None = None) -> list[str]:
    return [json.dumps(c, ensure_ascii=False) for c in CASES] + (extra or [])


@pytest.mark.parametrize("kind", ["time", "places", "actors"])
def test_every_result_has_offsets_into_its_case(kind: str) -> None:
    out = list(lookup_lines(kind, _lines()))
    assert [o["id"] for o in out] == ["t1", "t2", "t3"]
    texts = {c["id"]: c["text"] for c in CASES}
    for o in out:
        for r in o["results"]:
            assert texts[o["id"]][r["start"]:r["end"]] == r["text"]


def test_answers_are_the_layers() -> None:
    times, places, actors = (list(lookup_lines(k, _lines())) for k in ("time", "places", "actors"))
    assert times[0]["results"][0]["text"] == "أمس الخميس"
    assert times[0]["results"][0]["date_start"] == "2023-03-09"
    assert [p["location"] for p in places[0]["results"]] == ["Mosul"]
    assert places[1]["results"][0]["country"] == "Syria"
    assert "Syrian Democratic Forces (SDF)" in {a["name"] for a in actors[1]["results"]}


def test_a_malformed_line_gets_its_error_and_the_rest_are_answered() -> None:
    bad = ["{not json", json.dumps({"id": "x"}), json.dumps({"id": "y", "text": "نص", "published": "2023-02-30"}),
           "[1, 2]"]
    lines = _lines()[:1] + bad + _lines()[1:]
    out = list(lookup_lines("places", lines))
    errors = [o for o in out if "error" in o]
    assert [e["line"] for e in errors] == [2, 3, 4, 5]
    assert "not valid JSON" in errors[0]["error"] and "text" in errors[1]["error"]
    assert "2023-02-30" in errors[2]["error"] and "object" in errors[3]["error"]
    assert [o["id"] for o in out if "id" in o] == ["t1", "t2", "t3"]


def test_a_number_past_the_digit_limit_is_a_malformed_line() -> None:
    # json.loads raises a plain ValueError here (no .msg/.colno as JSONDecodeError has)
    out = list(lookup_lines("time", ['{"id": "n", "text": "x", "k": ' + "1" * 5000 + "}"] + _lines()[:1]))
    assert out[0]["line"] == 1 and "not valid JSON" in out[0]["error"] and "digits" in out[0]["error"]
    assert out[1]["id"] == "t1"


def test_cli_jsonl_from_stdin_names_the_bad_line() -> None:
    stdin = "\n".join(_lines(["oops"])) + "\n"
    p = subprocess.run([sys.executable, "-m", "marsad.cli.main", "time", "--jsonl", "-"], input=stdin,
                       capture_output=True, text=True)
    assert p.returncode == 1
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    assert len(rows) == 4 and rows[3] == {"line": 4, "error": rows[3]["error"]}
    assert "<stdin>: line 4" in p.stderr


def test_cli_text_and_jsonl_are_exclusive(tmp_path) -> None:
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(_lines()), encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "marsad.cli.main", "places", "نص", "--jsonl", str(f)],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "not both" in p.stderr


def test_the_layer_helpers_docstring_examples_hold() -> None:
    import doctest

    import marsad.cli.layers

    assert doctest.testmod(marsad.cli.layers).failed == 0
