"""Ingest: every input format and encoding, and bad files reported without losing the others."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from marsad.ingest import IngestError, decode, read_file, read_paths

ARTICLE = "قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل أمس الأحد."


def _docs(path: Path, **kw):
    return list(read_file(str(path), **kw))


def test_json_with_schema_fields(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"id": "x1", "text": ARTICLE, "published": "2023-05-08T10:00:00Z", "url": "u",
                             "outlet": "o", "title": "t"}, ensure_ascii=False), encoding="utf-8")
    (doc,) = _docs(p)
    assert doc.id == "x1" and doc.published == date(2023, 5, 8) and doc.meta.outlet == "o"
    assert doc.text == ARTICLE


def test_news_please_aliases(tmp_path: Path) -> None:
    p = tmp_path / "np.json"
    p.write_text(json.dumps({"maintext": ARTICLE, "date_publish": "2023-05-08 09:12:00",
                             "source_domain": "example.org"}), encoding="utf-8")
    (doc,) = _docs(p)
    assert doc.text == ARTICLE and doc.published == date(2023, 5, 8) and doc.meta.outlet == "example.org"
    assert doc.id == "np"


def test_jsonl_bad_line_is_reported_and_others_kept(tmp_path: Path) -> None:
    p = tmp_path / "b.jsonl"
    p.write_text("\n".join([json.dumps({"id": "1", "text": ARTICLE}), "{not json", json.dumps({"id": "3"}),
                            json.dumps({"id": "4", "text": ARTICLE})]), encoding="utf-8")
    got = _docs(p)
    assert [g.id for g in got if not isinstance(g, IngestError)] == ["1", "4"]
    errs = [g for g in got if isinstance(g, IngestError)]
    assert [e.line for e in errs] == [2, 3]
    assert "invalid JSON" in errs[0].problem and "no text" in errs[1].problem
    assert str(errs[0]).startswith(f"{p}:2:")


def test_txt_with_published_override(tmp_path: Path) -> None:
    p = tmp_path / "c.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    (doc,) = _docs(p, published=date(2022, 1, 27))
    assert doc.published == date(2022, 1, 27) and doc.id == "c"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / f"e-{encoding}.txt"
    p.write_bytes(ARTICLE.encode(encoding))
    (doc,) = _docs(p)
    assert doc.text == ARTICLE


def test_cp1256_longer_text_detected() -> None:
    text = "أعلنت وزارة الداخلية اعتقال خمسة أشخاص يشتبه في انتمائهم إلى خلية مسلحة في العاصمة." * 3
    assert decode(text.encode("cp1256")) == text


def test_html_body_extraction(tmp_path: Path) -> None:
    body = "<p>" + ARTICLE + "</p><p>وقال مصدر أمني إن التحقيقات جارية لمعرفة الجهة المسؤولة عن التفجير.</p>"
    html = (f"<html><head><meta charset='utf-8'><title>انفجار في الموصل</title></head><body><nav>الرئيسية</nav>"
            f"<article><h1>انفجار في الموصل</h1>{body}</article><footer>جميع الحقوق محفوظة</footer></body></html>")
    p = tmp_path / "d.html"
    p.write_text(html, encoding="utf-8")
    (doc,) = _docs(p)
    assert ARTICLE in doc.text and "الرئيسية" not in doc.text


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("empty.txt", b"", "empty file"),
    ("broken.json", b"{\"text\": ", "invalid JSON"),
    ("notext.json", b"{\"id\": \"q\"}", "no text"),
    ("baddate.json", json.dumps({"text": ARTICLE, "published": "yesterday"}).encode(), "not a YYYY-MM-DD"),
    ("list.json", b"[1, 2]", "expected a JSON object"),
])
def test_bad_inputs_name_the_problem(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    errs = [g for g in _docs(p) if isinstance(g, IngestError)]
    assert errs and all(problem in e.problem for e in errs) and all(e.path == str(p) for e in errs)


def test_missing_file(tmp_path: Path) -> None:
    (err,) = _docs(tmp_path / "nope.json")
    assert isinstance(err, IngestError) and "cannot read" in err.problem


def test_folder_expansion(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"text": ARTICLE}), encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    assert sorted(d.id for d in read_paths([str(tmp_path)])) == ["a", "b"]


def test_cli_extract_keeps_good_documents(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"id": "g", "text": ARTICLE, "published": "2023-05-08"}, ensure_ascii=False),
                    encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "marsad.cli.main", "extract", str(bad), str(good)],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert f"{bad}: invalid JSON" in r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["doc"]["id"] for x in lines] == ["g"]


def test_cli_stdin(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "marsad.cli.main", "extract", "-", "--published", "2023-05-08"],
                       input=ARTICLE, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res["doc"]["published"] == "2023-05-08"
