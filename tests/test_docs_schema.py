"""docs/schema.md cannot drift from the code: every key a real run produces is named on it.

One article of our own (a shelling with a toll, an identified speaker, an unnamed source, an embedded post)
goes through the whole pipeline; its result, the merged event the store builds from two reports, and the
flat export row must each have every key mentioned in docs/schema.md as `key`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "schema.md"

TEXT = ("قصفت قوات النظام بالمدفعية قرية كفرنبل في ريف إدلب الجنوبي أمس الأربعاء، "
        "ما أدى إلى مقتل ثلاثة مدنيين وإصابة خمسة آخرين.\n"
        "وقال وزير الصحة السوري إن المستشفيات استقبلت الجرحى.\n"
        "وقالت مصادر محلية إن القصف استمر حتى المساء.\n"
        "فرق الإنقاذ تعمل في كفرنبل منذ الصباح pic.twitter.com/abc123\n"
        "— الدفاع المدني السوري (@SyriaCivilDef) March 13, 2024\n")
OTHER = ("قتل أربعة مدنيين بينهم طفلان في قصف مدفعي لقوات النظام السوري على بلدة كفرنبل جنوب إدلب "
         "يوم الأربعاء، بحسب ما أفاد الدفاع المدني.")


@pytest.fixture(scope="module")
def result(pipeline):
    from marsad.ingest import document_from_record
    from marsad.output import result_json

    rec = {"id": "a-kafranbel", "text": TEXT, "published": "2024-03-14", "url": "https://example.org/a",
           "outlet": "example-a", "title": "قصف على كفرنبل", "crawled": "2024-03-14T08:00:00Z"}
    res = result_json(pipeline.run(document_from_record(rec)))
    # the test is only as good as its article: every list must be filled, or its keys go unchecked
    for key in ("events", "quotes", "unnamed_quotes", "posts"):
        assert res[key], f"the test article gave no {key}: write one that does"
    assert any(e["actor1"] for e in res["events"]) and res["quotes"][0]["speaker"]
    return res


def documented() -> str:
    return DOC.read_text("utf-8")


def missing(keys) -> list[str]:
    doc = documented()
    return sorted(k for k in set(keys) if f"`{k}`" not in doc)


def test_result_keys_are_documented(result):
    assert not missing(result), "top-level keys"
    assert "crawled" in result["doc"], "the test article's record gives `crawled`: the result must keep it"
    assert not missing(result["doc"]), "DOC keys"


def test_event_fields_are_documented(result):
    events = result["events"]
    assert not missing(k for e in events for k in e), "EVENT fields"
    spans = [s for e in events for s in (e["trigger"], *e["evidence"])]
    assert not missing(k for s in spans for k in s), "SPAN fields"
    assert not missing(k for e in events for s in e["sources"] for k in s), "SOURCE fields"


def test_actor_fields_and_kinds_are_documented(result):
    actors = [a for e in result["events"] for a in (e["actor1"], e["actor2"], *e["assoc_actor_1"],
                                                     *e["assoc_actor_2"]) if a]
    actors += [q["speaker"] for q in result["quotes"] + result["unnamed_quotes"]]
    assert not missing(k for a in actors for k in a), "ACTOR fields"
    assert not missing(a["kind"] for a in actors), "actor kinds"


def test_quote_and_post_fields_are_documented(result):
    assert not missing(k for q in result["quotes"] + result["unnamed_quotes"] for k in q), "QUOTE fields"
    assert not missing(k for p in result["posts"] for k in p), "POST fields"


def test_every_actor_kind_of_the_code_is_documented():
    from marsad.model import records

    src = Path(records.__file__).read_text("utf-8")
    kinds = re.search(r"kind: str  # ((?:\w+\|)+\w+)\n", src)
    assert kinds, "model/records.py no longer lists Actor kinds in its comment"
    assert not missing(kinds.group(1).split("|")), "Actor kinds of model/records.py"


def test_merged_event_fields_are_documented(pipeline, result):
    from marsad.dedup import merge_mentions
    from marsad.ingest import document_from_record
    from marsad.model.results import EventRecord
    from marsad.output import result_json

    second = result_json(pipeline.run(document_from_record(
        {"id": "b-kafranbel", "text": OTHER, "outlet": "example-b", "published": "2024-03-14"})))
    merged = merge_mentions("cluster-1", [EventRecord.from_json(result["events"][0]),
                                          EventRecord.from_json(second["events"][0])], ["same place"]).to_json()
    assert merged["fatalities_reports"] and len(merged["sources"]) == 2
    assert not missing(merged), "merged EVENT fields"
    assert not missing(k for r in merged["fatalities_reports"] for k in r), "fatalities_reports fields"


def test_export_columns_are_documented():
    from marsad.export import COLUMN_NAMES
    from marsad.export.parquet import arrow_schema

    assert not missing(COLUMN_NAMES), "flat export columns"
    assert not missing(arrow_schema().names), "Parquet columns"
