"""Hardening (issue 17): every kind of bad input is one clear error naming the file, never a crash that
costs the other documents; no input hangs; outputs never destroy inputs; spreadsheets and SQL patterns are
safe. The example sentences are written for these tests."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from marsad.ingest import DEFAULT_LIMITS, IngestError, Limits, decode, read_bytes, read_file, read_paths
from marsad.output import result_json

ARTICLE = "قتل ثلاثة مدنيين في قصف على مدينة حمص أمس الأحد."
GOOD = {"id": "good", "text": ARTICLE, "published": "2023-05-08"}


def _cli(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli.main", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def _one(data: bytes, name: str = "x.json", **kw):
    return list(read_bytes(data, name, **kw))


def _error(items) -> str:
    (err,) = items
    assert isinstance(err, IngestError), err
    return err.problem


# -- records: types, sizes, encodings ------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "problem"), [
    ('{"id": "a", "text": "x", "n": ' + "9" * 5000 + "}", "invalid JSON"),         # > 4,300 digits
    ("[" * 100_000 + "]" * 100_000, "invalid JSON"),                               # nested 100,000 deep
    ('{"id": true, "text": "نص"}', "id must be a string or an integer, got bool"),
    ('{"id": "a", "text": "نص", "url": ["u"]}', "url must be a string, got list"),
    ('{"id": "a", "text": "نص", "outlet": {"o": 1}}', "outlet must be a string, got dict"),
    ('{"id": "a", "text": "نص", "title": 5}', "title must be a string, got int"),
    ('{"id": "a", "text": ["نص"]}', "text must be a string"),
    ('{"id": "' + "i" * 201 + '", "text": "نص"}', "id has 201 characters"),
    ('{"id": "a", "text": "نص", "lang": "' + "x" * 17 + '"}', "lang has 17 characters"),
    ('{"id": "a", "text": "نص", "published": "0001-01-02"}', "outside the years 1900-2100"),
    ('{"id": "a", "text": "نص", "published": "9999-12-30"}', "outside the years 1900-2100"),
    ("[]", "empty JSON list"),
])
def test_bad_records_are_one_error_each(raw: str, problem: str) -> None:
    assert problem in _error(_one(raw.encode()))


def test_an_integer_id_is_kept_as_text() -> None:
    (doc,) = _one(b'{"id": 12, "text": "\xd9\x86\xd8\xb5"}')
    assert doc.id == "12"


def test_lone_surrogates_and_nul_are_cleaned_and_the_result_is_utf8() -> None:
    raw = json.dumps({"id": "s", "text": "\ud800" + ARTICLE + "\x00", "title": "\udfff"}).encode()
    (doc,) = _one(raw)
    assert doc.text == "\ufffd" + ARTICLE and doc.meta.title == "\ufffd"
    from marsad.pipeline import Pipeline

    res = result_json(Pipeline.build().run(doc))
    json.dumps(res, ensure_ascii=False).encode("utf-8")  # raises if anything unencodable is left
    assert all(doc.text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"] for e in res["events"])


def test_stores_see_the_same_records_nul_id_and_lang_are_checked_before_them() -> None:
    assert "\x00" not in _one(json.dumps({"id": "n", "text": "نص\x00نص"}).encode())[0].text


def test_text_over_the_character_limit_is_refused() -> None:
    problem = _error(_one(json.dumps(GOOD).encode(), limits=Limits(max_chars=10)))
    assert "the limit is 10" in problem and "--max-chars" in problem


# -- files: kinds, encodings, special files -----------------------------------------------------------------
def test_binary_data_is_refused_not_read_as_text() -> None:
    assert "binary" in _error(_one(bytes(range(256)) * 4, "a.txt"))


def test_a_file_of_unknown_kind_is_refused() -> None:
    assert "unknown kind of file" in _error(_one(ARTICLE.encode(), "article"))


def test_a_suffixless_json_file_is_still_read() -> None:
    (doc,) = _one(json.dumps(GOOD).encode(), "record")
    assert doc.id == "good"


def test_utf8_with_a_few_bad_bytes_stays_utf8() -> None:
    data = ARTICLE.encode() + b"\xff\xfe\xfd" + "وأصيب آخرون.".encode()
    text = decode(data)
    assert text.startswith(ARTICLE) and text.count("\ufffd") == 3 and text.endswith("وأصيب آخرون.")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding: str) -> None:
    assert decode(ARTICLE.encode(encoding)) == ARTICLE


def test_windows_1256_is_still_read() -> None:
    assert decode(ARTICLE.encode("cp1256")) == ARTICLE


def test_special_files_and_empty_folders_are_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert "not a regular file" in _error(list(read_file(str(fifo))))
    assert "not a regular file" in _error(list(read_file("/dev/zero")))
    folder = tmp_path / "x.json"
    folder.mkdir()
    (err,) = list(read_paths([str(folder)]))
    assert isinstance(err, IngestError) and "folder with no" in err.problem and err.path == str(folder)


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text(ARTICLE * 10, encoding="utf-8")
    assert "the limit is 100" in _error(list(read_file(str(p), limits=Limits(max_file_bytes=100))))


def test_json_lines_are_streamed_and_an_overlong_line_costs_only_itself(tmp_path: Path) -> None:
    p = tmp_path / "s.jsonl"
    lines = [json.dumps({"id": "1", "text": ARTICLE}, ensure_ascii=False),
             json.dumps({"id": "2", "text": ARTICLE * 50}, ensure_ascii=False),
             json.dumps({"id": "3", "text": ARTICLE}, ensure_ascii=False)]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = list(read_file(str(p), limits=Limits(max_line_bytes=500)))
    assert [g.id for g in got if not isinstance(g, IngestError)] == ["1", "3"]
    (err,) = [g for g in got if isinstance(g, IngestError)]
    assert err.line == 2 and "longer than 500 bytes" in err.problem


def test_ingest_of_a_missing_or_looping_jsonl_path_reports_it_and_stores_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    loop = tmp_path / "loop.jsonl"
    os.symlink(loop, loop)
    db = tmp_path / "m.db"
    r = _cli("ingest", str(tmp_path / "missing.jsonl"), str(loop), str(good), "--db", str(db), "--quiet")
    assert r.returncode == 1, r.stderr
    assert "missing.jsonl: cannot read" in r.stderr and "loop.jsonl: cannot read" in r.stderr
    assert "1 added" in r.stderr and "Traceback" not in r.stderr


# -- dates at the edges ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("blank", ["\n", "\r\n", "\u2028", "\u00a0"])
def test_a_two_word_month_broken_across_lines_is_read(blank: str) -> None:
    from marsad.cli.layers import parse_times

    (t,) = parse_times(f"وقع الانفجار يوم 5 كانون{blank}الثاني 2020 قرب الجسر", date(2020, 1, 10))
    assert t.date_start == date(2020, 1, 5)
    (h,) = parse_times(f"في 3 ربيع{blank}الأول 1441 هـ", date(2020, 1, 10))
    assert h.date_start == date(2019, 10, 31)


@pytest.mark.parametrize(("published", "text"), [
    (date(1900, 1, 2), "قتل ثلاثة أمس، وقبل مئتي عام وقعت معركة، وقبل 999999 يوما"),
    (date(2100, 12, 30), "قتل ثلاثة غدا، وبعد عامين، وبعد 999999 يوم"),
])
def test_dates_past_the_calendar_never_crash_and_stay_in_range(published: date, text: str) -> None:
    from marsad.cli.layers import parse_times

    for t in parse_times(text, published):
        assert date(1900, 1, 1) <= t.date_start <= t.date_end <= date(2100, 12, 31)


# -- cost: long documents, the time budget ---------------------------------------------------------------------
def test_a_200k_character_document_without_spaces_finishes_within_the_default_budget(pipeline) -> None:
    from marsad.model.document import DocMeta, Document

    text = ("قتلثلاثةفيحمص" * 20000)[:200_000]
    doc = pipeline.run(Document(text, DocMeta(id="long", published=date(2023, 5, 8))))  # 60 s budget
    assert doc.events == []


def test_a_document_over_its_time_budget_is_reported_and_the_others_go_on(tmp_path: Path, pipeline) -> None:
    from marsad.model.document import DocMeta, Document
    from marsad.pipeline import DocumentTimeout

    with pytest.raises(DocumentTimeout, match="longer than"):
        pipeline.run(Document(ARTICLE * 200, DocMeta(id="slow")), budget=1e-6)
    assert pipeline.run(Document(ARTICLE, DocMeta(id="ok", published=date(2023, 5, 8)))).events  # no timer left
    p = tmp_path / "a.json"
    p.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    r = _cli("extract", str(p), "--time-limit", "0.000001")
    assert r.returncode == 1 and f"{p}: skipped: extraction took longer than" in r.stderr
    assert "Traceback" not in r.stderr


# -- the command line: numbers, outputs, stores -------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ("query", "--min-sources", "99999999999999999999"),
    ("query", "--limit", "-1"),
    ("ingest", "x.json", "--workers", "0"),
    ("extract", "x.json", "--max-chars", "0"),
    ("extract", "x.json", "--time-limit", "nan"),
])
def test_numeric_options_out_of_range_are_usage_errors(args, tmp_path: Path) -> None:
    r = _cli(*args, cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "error: argument" in r.stderr


def test_extract_never_writes_over_its_input(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    for out in (p, tmp_path / "inside.jsonl"):
        r = _cli("extract", str(tmp_path if out != p else p), "--out", str(out))
        assert r.returncode != 0 and "would overwrite an input" in r.stderr
    assert json.loads(p.read_text(encoding="utf-8")) == GOOD


def test_export_never_writes_over_the_store_and_read_commands_need_a_store(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "m.db"
    assert _cli("ingest", str(p), "--db", str(db), "--quiet").returncode == 0
    size = db.stat().st_size
    r = _cli("export", "--db", str(db), "--format", "csv", "--out", str(db))
    assert r.returncode != 0 and "would overwrite the store" in r.stderr and db.stat().st_size == size
    missing = tmp_path / "none.db"
    for cmd in ("query", "export"):
        r = _cli(cmd, "--db", str(missing))
        assert r.returncode != 0 and "no store at" in r.stderr and not missing.exists()


def test_a_store_that_cannot_be_reached_is_one_error_line() -> None:
    r = _cli("query", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1 and "the store cannot be used" in r.stderr


def test_csv_cells_that_look_like_formulas_are_escaped(tmp_path: Path, pipeline) -> None:
    from marsad.export.base import export
    from marsad.export.text_formats import spreadsheet_safe
    from marsad.model.document import DocMeta, Document

    assert [spreadsheet_safe(v) for v in ("=1+2", "+9", "-x", "@SUM(A1)", "\tx", "حمص", -3.5, 7)] == \
        ["'=1+2", "'+9", "'-x", "'@SUM(A1)", "'\tx", "حمص", -3.5, 7]
    ev = result_json(pipeline.run(Document(ARTICLE, DocMeta(id="f", published=date(2023, 5, 8)))))["events"][0]
    ev = {**ev, "location": '=HYPERLINK("http://x","y")', "latitude": -12.5}
    buf = io.StringIO()
    export([ev], "csv", buf)
    (row,) = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["location"] == "'" + '=HYPERLINK("http://x","y")' and row["latitude"] == "-12.5"


def test_actor_filter_wildcards_are_literal(tmp_path: Path) -> None:
    from marsad.store import EventFilter, Store

    p = tmp_path / "a.json"
    p.write_text(json.dumps({**GOOD, "text": "قصفت قوات النظام السوري مدينة حمص أمس الأحد وقتل ثلاثة مدنيين."},
                            ensure_ascii=False), encoding="utf-8")
    db = str(tmp_path / "m.db")
    assert _cli("ingest", str(p), "--db", db, "--quiet").returncode == 0
    with Store(db) as st:
        assert list(st.events(EventFilter(actor="Syria")))
        assert not list(st.events(EventFilter(actor="%"))) and not list(st.events(EventFilter(actor="_")))


def test_default_limits_are_generous() -> None:
    assert DEFAULT_LIMITS.max_chars >= 1_000_000 and DEFAULT_LIMITS.max_file_bytes >= 100 << 20


def test_json_lines_found_by_content_are_read_like_a_jsonl_file() -> None:
    """A suffix-less JSON Lines file goes through the .jsonl reader: records end at \\n only (a U+2028 inside a
    text does not cut its record), and a bad line costs only itself."""
    lines = [json.dumps({"id": "a", "text": "قتل ثلاثة\u2028في حمص"}, ensure_ascii=False),
             json.dumps({"id": "b", "text": ARTICLE}, ensure_ascii=False), "{bad"]
    got = _one("\n".join(lines).encode(), "records")
    assert [g.id for g in got if not isinstance(g, IngestError)] == ["a", "b"]
    (err,) = [g for g in got if isinstance(g, IngestError)]
    assert err.line == 3 and "invalid JSON" in err.problem
