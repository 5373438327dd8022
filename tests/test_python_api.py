"""`marsad.extract`: the one-call API of docs/python.md. Importing marsad stays cheap; the pipeline is built
once, on the first call, and gives what the command line gives."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest

import marsad

TEXT = "قصفت قوات النظام بالمدفعية قرية كفرنبل في ريف إدلب الجنوبي أمس الأربعاء، ما أدى إلى مقتل ثلاثة مدنيين."


def test_import_loads_nothing():
    code = ("import sys, marsad; print(sorted(m for m in sys.modules if m.startswith(('marsad', 'sqlalchemy', "
            "'ahocorasick', 'trafilatura'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['marsad']"


def test_extract_is_the_pipelines_result(pipeline):
    from marsad.ingest import document_from_record
    from marsad.output import result_json

    got = marsad.extract(TEXT, published="2024-03-14", doc_id="k1")
    want = result_json(pipeline.run(document_from_record({"id": "k1", "text": TEXT, "published": "2024-03-14"})))
    assert got == want
    assert [(e["event_type"], e["event_date"], e["fatalities"]) for e in got["events"]] == [
        ("Explosions/Remote violence", "2024-03-13", 3)]


@pytest.mark.parametrize("published", [date(2024, 3, 14), datetime(2024, 3, 14, 9, 30), "2024-03-14",
                                       "2024-03-14T09:30:00Z"])
def test_published_as_date_or_iso_string(published):
    doc = marsad.extract(TEXT, published)["doc"]
    assert (doc["published"], doc["published_source"]) == ("2024-03-14", "input")


def test_provenance_and_id():
    doc = marsad.extract(TEXT, url="https://example.org/2024/03/14/x", outlet="example", title="قصف",
                         doc_id="k2")["doc"]
    assert (doc["id"], doc["url"], doc["outlet"], doc["title"]) == ("k2", "https://example.org/2024/03/14/x",
                                                                    "example", "قصف")
    assert (doc["published"], doc["published_source"]) == ("2024-03-14", "url")  # no date given: the URL's
    assert marsad.extract(TEXT)["doc"]["id"] == marsad.extract(TEXT)["doc"]["id"]  # a hash of the text


def test_pipeline_is_built_once():
    marsad.extract(TEXT)
    first = marsad._PIPELINE
    marsad.extract(TEXT)
    assert first is not None and marsad._PIPELINE is first


@pytest.mark.parametrize(("text", "published", "problem"), [
    ("", None, "no text"),
    ("   ", None, "no text"),
    ("Shelling hit the village of Kafranbel yesterday, killing three civilians and wounding five.", None,
     "not Arabic"),
    (TEXT, "2024-13-01", "not a YYYY-MM-DD date"),
    (TEXT, "1850-01-01", "outside the years"),
])
def test_bad_input_is_a_value_error(text, published, problem):
    with pytest.raises(ValueError, match=problem):
        marsad.extract(text, published)
