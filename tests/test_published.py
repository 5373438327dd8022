"""The article's date when the input has none: URL, page metadata, the text (datelines, stamps, "اليوم الخميس
..."), the last resort, where it came from (output and store), and undated events staying undated.

Every text and page here is written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from marsad.ingest import document_from_record, read_file
from marsad.output import result_json
from marsad.pipeline import Pipeline
from marsad.published import date_from_html, date_from_url, month_from_url
from marsad.stages.published import tweet_dates
from marsad.store import Store
from tests.store_fixtures import BACKENDS, new_database


@pytest.fixture(scope="module")
def upto():
    return Pipeline.build(until="published")


def _meta(pipe, rec: dict):
    doc = document_from_record(rec)
    pipe(doc)
    return doc.meta


# -- the URL ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "want"), [
    ("https://news.example.org/2021/05/03/title-words/", date(2021, 5, 3)),
    ("https://news.example.org/world/2021/5/3/%D8%B9%D9%86%D9%88%D8%A7%D9%86", date(2021, 5, 3)),
    ("https://news.example.org/story/2012/7/18/عنوان-عربي/735205", date(2012, 7, 18)),
    ("https://example.com/2012/sport/11/17/final/index.html", date(2012, 11, 17)),
    ("http://example.cn/n3/2018/0531/c31662-9466085.html", date(2018, 5, 31)),
    ("https://example.net/politics/2021-03-26-1.1470822", date(2021, 3, 26)),
    ("https://example.net/amp/39/2013-03-04-18-43-43", date(2013, 3, 4)),
    ("https://example.ae/20161115/some-title-1021544/", date(2016, 11, 15)),
    ("https://example.org/item/202105031230", date(2021, 5, 3)),       # a clock time after the day
    ("https://example.org/news.php?date=2019-10-25&id=4", date(2019, 10, 25)),
    ("https://example.org/news?id=5&d=20191025", date(2019, 10, 25)),
    # not dates
    ("https://example.org/article/1005748", None),
    ("https://example.org/alhayat/20351673", None),                    # 2035-16-73
    ("https://example.org/news/2012/2/715804.html", None),              # a year and a month only
    ("https://example.org/2015/09/title/", None),
    ("https://example.org/p/120210503", None),                          # glued to another digit
    ("https://example.org/1989/05/03/old", None),                       # before 1990
    ("https://example.org/2021/02/30/no-such-day", None),
    ("https://example.org/news?id=20210503", None),                     # an id parameter, not a date
    ("https://example.org/ar/2025/7006", None),
    ("https://20210503.example.org/news/1", None),                      # the host is never read
    ("", None),
    (None, None),
])
def test_date_from_url(url, want) -> None:
    assert date_from_url(url) == want


@pytest.mark.parametrize(("url", "want"), [
    ("https://example.org/news/2012/2/715804.html", (2012, 2)),
    ("https://example.org/2015/09/title/", (2015, 9)),
    ("https://example.org/article/1005748", None),
    ("https://example.org/2015/13/title/", None),
])
def test_month_from_url(url, want) -> None:
    assert month_from_url(url) == want


# -- the page's metadata --------------------------------------------------------------------------------
BODY = ("<p>قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل أمس الأحد، بحسب ما أفاد مصدر أمني.</p>"
        "<p>وقال المصدر إن التحقيقات جارية لمعرفة الجهة التي تقف وراء التفجير الذي استهدف سوقا شعبية.</p>")


def _page(head: str) -> str:
    return (f"<html><head><meta charset='utf-8'><title>انفجار في الموصل</title>{head}</head><body>"
            f"<article><h1>انفجار في الموصل</h1>{BODY}</article></body></html>")


@pytest.mark.parametrize(("head", "want"), [
    ('<meta property="article:published_time" content="2023-05-08T09:30:00+03:00">', date(2023, 5, 8)),
    ('<meta name="date" content="2023-05-08">', date(2023, 5, 8)),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
     '"datePublished": "2023-05-08T06:00:00Z", "headline": "x"}</script>', date(2023, 5, 8)),
    ("", None),
])
def test_date_from_html_metadata(head, want) -> None:
    assert date_from_html(_page(head)) == want


def test_html_file_takes_the_page_date(tmp_path: Path, upto) -> None:
    p = tmp_path / "page.html"
    p.write_text(_page('<meta property="article:published_time" content="2023-05-08T09:30:00Z">'), "utf-8")
    (doc,) = list(read_file(str(p)))
    assert doc.published == date(2023, 5, 8) and doc.meta.published_source == "html"
    times = {t.text: t.date_start for t in upto(doc).times}
    assert times["أمس الأحد"] == date(2023, 5, 7)  # the anchor for relative dates


def test_html_record_metadata_before_url(upto) -> None:
    rec = {"html": _page('<meta name="date" content="2023-05-08">'), "url": "https://example.org/2023/05/09/x"}
    m = _meta(upto, rec)
    assert (m.published, m.published_source) == (date(2023, 5, 8), "html")
    m = _meta(upto, {**rec, "html": _page("")})
    assert (m.published, m.published_source) == (date(2023, 5, 9), "url")


# -- which date wins ------------------------------------------------------------------------------------
ARTICLE = "قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل أمس الأحد."


def test_priority_input_then_caller_then_url() -> None:
    url = "https://example.org/2023/05/09/x"
    own = document_from_record({"text": ARTICLE, "published": "2023-05-08", "url": url}, published=date(2022, 1, 1))
    assert (own.published, own.meta.published_source) == (date(2023, 5, 8), "input")
    given = document_from_record({"text": ARTICLE, "url": url}, published=date(2022, 1, 1))
    assert (given.published, given.meta.published_source) == (date(2022, 1, 1), "input")
    from_url = document_from_record({"text": ARTICLE, "url": url})
    assert (from_url.published, from_url.meta.published_source) == (date(2023, 5, 9), "url")
    none = document_from_record({"text": ARTICLE})
    assert none.published is None and none.meta.published_source is None


# -- the text ---------------------------------------------------------------------------------------------
# a lead long enough that a date after it is no longer "near the top"
LEAD = "وقالت مصادر محلية إن الوضع الأمني في المنطقة ما زال متوترا، وإن السكان يخشون تجدد المواجهات. " * 5
@pytest.mark.parametrize(("text", "want", "precision"), [
    # said to be today, or yesterday (the weekday must be the date's)
    ("اندلعت مواجهات عنيفة اليوم الخميس 14 كانون الثاني 2021 في حي التضامن بين الشبان وقوات الأمن.",
     date(2021, 1, 14), 1),
    ("قال رئيس الحكومة صباح أمس الأحد (13 آذار/مارس 2016) إن قوات الأمن أحبطت هجوما على ثكنة.",
     date(2016, 3, 14), 1),
    ("أفاد مراسلنا أن الغارات استؤنفت فجر اليوم الجمعة، 9 أيار 2025، على أطراف المدينة.", date(2025, 5, 9), 1),
    # a publication cue, even at the end
    ("قتل جنديان في هجوم على حاجز عسكري شمال البلاد.\nوأصيب ثلاثة آخرون بجروح.\nنشر في : 13/07/2015",
     date(2015, 7, 13), 1),
    # a stamp line near the top; with a header's render date above it, the earlier one
    ("مسيرة حاشدة في وسط العاصمة\nالأربعاء 5 أيار 2021\nخرج المئات في مسيرة للمطالبة بالإفراج عن المعتقلين.",
     date(2021, 5, 5), 1),
    ("الإثنين 18 آذار 2019\nعاجل | الأخبار\nالخميس، 01 شباط 2018\nقتل خمسة أشخاص في قصف على بلدة حدودية.",
     date(2018, 2, 1), 1),
    # the lead's dateline
    ("بيروت 30 أيار 2018 - قتل ثلاثة أشخاص في اشتباكات بين مسلحين في مدينة طرابلس شمال لبنان.",
     date(2018, 5, 30), 1),
    # the lead's date, moved forward to the weekday the text gives for today ("أمس الأحد": a Monday)
    ("هاجم مسلحون نقطة عسكرية يوم السبت 16 كانون الأول 2023 في ريف المدينة.\nوتجددت الاشتباكات أمس الأحد "
     "في القرى المجاورة.", date(2023, 12, 18), 1),
    # a stamp on the last line
    ("اعتقلت الشرطة عشرة أشخاص بعد مواجهات في ساحة البلدة.\nوقال شهود إن قوات الأمن أطلقت الغاز المسيل للدموع."
     "\n2015-08-15", date(2015, 8, 15), 1),
    # last resort: the latest full date stated, a lower bound only
    (LEAD + "\nوأعلنت الوزارة أن الاتفاق الموقع في 3 حزيران 2019 دخل حيز التنفيذ، وأن الاشتباكات توقفت.",
     date(2019, 6, 3), 2),
    (LEAD + "\nواندلعت الاشتباكات يوم الأربعاء الماضي 21 أيار 2014 في حي الوعر.", date(2014, 5, 21), 2),
    ("قال الجيش إنه أسقط طائرة مسيرة.\nhttps://twitter.com/someaccount/status/1718657030687179050\nوأضاف "
     "أن الطائرة انطلقت من الجنوب.", date(2023, 10, 29), 2),
])
def test_date_from_text(upto, text, want, precision) -> None:
    m = _meta(upto, {"text": text})
    assert (m.published, m.published_source, m.published_precision) == (want, "text", precision)


@pytest.mark.parametrize("text", [
    "قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل أمس الأحد.",          # no full date at all
    # a recalled event's date says nothing about the article's
    "حررت القوات قرى جديدة اليوم.\nيذكر أن العمليات العسكرية انطلقت في 17 تشرين الأول/أكتوبر 2016.",
    "قتل ثلاثة متظاهرين منذ 22 شباط 2019 في مواجهات متفرقة.",
    # a date ahead ("ستجرى ... في"), and a weekday that is not the date's
    "أعلنت اللجنة أن الانتخابات ستجرى في 5 أيار 2030 في جميع المحافظات.",
    "اندلعت مواجهات عنيفة اليوم الخميس 15 كانون الثاني 2021 في حي التضامن.",
    # "بتاريخ" inside a sentence dates a ruling, not the article (and "وكانت" makes it a recalled event)
    LEAD + "\nوكانت المحكمة قد أصدرت حكمها بتاريخ 5 أيار 2020 بسجن المتهمين.",
])
def test_no_date_from_text(upto, text) -> None:
    m = _meta(upto, {"text": text})
    assert m.published is None and m.published_source is None


def test_url_month_must_agree_with_the_text(upto) -> None:
    text = "وخرج المحتجون في مسيرات سلمية في 14 شباط 2011 من دون حوادث تذكر."
    assert _meta(upto, {"text": text}).published == date(2011, 2, 14)
    assert _meta(upto, {"text": text, "url": "https://example.org/news/2012/2/715804.html"}).published is None


def test_tweet_dates() -> None:
    text = ("https://x.com/a/status/1600000000000000000 و https://www.twitter.com/b/status/1718657030687179050 "
            "و https://fox.com/a/status/1718547466432262412")
    assert tweet_dates(text) == [date(2022, 12, 6), date(2023, 10, 29)]


# -- the recovered date is the anchor, and where it came from is said -------------------------------------
def test_recovered_date_anchors_relative_dates(pipeline) -> None:
    text = ("اندلعت اشتباكات عنيفة اليوم الخميس 14 كانون الثاني 2021 في مدينة الموصل، وقتل ثلاثة جنود في انفجار "
            "عبوة ناسفة استهدفت دوريتهم أمس.")
    res = result_json(pipeline(document_from_record({"id": "t1", "text": text})))
    assert res["doc"]["published"] == "2021-01-14"
    assert res["doc"]["published_source"] == "text" and res["doc"]["published_precision"] == 1
    assert {e["event_date"] for e in res["events"]} >= {"2021-01-13"}
    assert all(e["time_precision"] == 1 for e in res["events"])


def test_last_resort_anchor_lowers_the_precision_of_relative_dates(pipeline) -> None:
    text = (LEAD + "\nوأعلن الجيش أن الاتفاق الموقع في 3 حزيران 2019 انهار.\nوقتل ثلاثة جنود في انفجار عبوة "
            "ناسفة استهدفت دوريتهم أمس في مدينة الموصل.")
    res = result_json(pipeline(document_from_record({"id": "t2", "text": text})))
    assert res["doc"]["published"] == "2019-06-03" and res["doc"]["published_precision"] == 2
    dated = [e for e in res["events"] if e["event_date"] == "2019-06-02"]
    assert dated and all(e["time_precision"] == 2 for e in dated)


def test_undated_event_has_no_precision(pipeline) -> None:
    res = result_json(pipeline(document_from_record({"id": "t3", "text": ARTICLE})))
    assert res["doc"]["published"] is None and res["doc"]["published_source"] is None
    assert res["events"], "the sentence reports an explosion"
    assert all(e["event_date"] is None and e["time_precision"] is None for e in res["events"])


def test_input_date_is_said_to_be_input(pipeline) -> None:
    res = result_json(pipeline(document_from_record({"id": "t4", "text": ARTICLE, "published": "2023-05-08"})))
    assert (res["doc"]["published"], res["doc"]["published_source"], res["doc"]["published_precision"]) == \
        ("2023-05-08", "input", 1)


# -- the command line -------------------------------------------------------------------------------------
def _run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli.main", *args], capture_output=True, text=True, **kw)


def test_cli_published_dates_json_without_a_date_only(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False), "utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"id": "b", "text": ARTICLE, "published": "2023-05-08"},
                                                ensure_ascii=False), "utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c", "text": ARTICLE}, ensure_ascii=False) + "\n", "utf-8")
    r = _run("extract", str(tmp_path), "--published", "2022-01-27")
    assert r.returncode == 0, r.stderr
    docs = {d["doc"]["id"]: d["doc"] for d in map(json.loads, r.stdout.splitlines())}
    assert docs["a"]["published"] == "2022-01-27" and docs["a"]["published_source"] == "input"
    assert docs["b"]["published"] == "2023-05-08"            # the record's own date wins
    assert docs["c"]["published"] == "2022-01-27"


def test_cli_ingest_counts_undated_documents(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.json").write_text(json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False), "utf-8")
    (inp / "b.json").write_text(json.dumps({"id": "b", "text": ARTICLE + " ", "url": "https://example.org/2023/05/08/x"},
                                           ensure_ascii=False), "utf-8")
    db = str(tmp_path / "m.db")
    r = _run("ingest", str(inp), "--db", db, "--quiet")
    assert r.returncode == 0, r.stderr
    assert "1 of 2 extracted without any date" in r.stderr
    with Store(db) as st:
        assert {d["id"]: d["published_source"] for d in st.dump()["documents"]} == {"a": None, "b": "url"}
    r = _run("ingest", str(inp / "a.json"), "--db", str(tmp_path / "n.db"), "--quiet", "--published", "2023-05-08")
    assert r.returncode == 0 and "0 of 1 extracted without any date" in r.stderr


# -- the store ---------------------------------------------------------------------------------------------
@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    url, drop = new_database(request.param, tmp_path)
    yield url
    drop()


def test_store_keeps_the_source_and_reprocessing_reads_url_and_text_again(db_url, pipeline) -> None:
    from marsad.store.run import reprocess

    recs = [{"id": "i", "text": ARTICLE, "published": "2023-05-08"},
            {"id": "u", "text": ARTICLE + " ", "url": "https://example.org/2023/05/09/x"},
            {"id": "t", "text": "اندلعت مواجهات عنيفة اليوم الخميس 14 كانون الثاني 2021 في حي التضامن."},
            {"id": "n", "text": ARTICLE + "  "}]
    with Store(db_url) as st:
        for rec in recs:
            doc = document_from_record(rec)
            st.put(result_json(pipeline(doc)), doc.text)
        rows = {d["id"]: (d["published"], d["published_source"]) for d in st.dump()["documents"]}
        assert rows == {"i": ("2023-05-08", "input"), "u": ("2023-05-09", "url"), "t": ("2021-01-14", "text"),
                        "n": (None, None)}
        assert st.document("u")["published"] is None and st.document("i")["published_source"] == "input"
        reprocess(st, everything=True, progress=False)
        again = {d["id"]: (d["published"], d["published_source"]) for d in st.dump()["documents"]}
        assert again == rows


def test_migration_adds_the_column_to_an_old_store(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from marsad.store.store import MIGRATIONS

    url = str(tmp_path / "old.db")
    old = Store(url, migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(sa.text("INSERT INTO documents (id, content_hash, published, text, version, n_events, "
                             "n_quotes, n_posts) VALUES ('x', 'h', '2020-01-02', 'نص', 'v', 0, 0, 0)"))
    assert old.revision() == "0001"
    old.close()
    with Store(url) as st:                                     # opening migrates
        assert st.revision() == "0012"
        (row,) = st.dump()["documents"]
        assert row["published"] == "2020-01-02" and row["published_source"] is None and row["meta_hash"] is None
        assert st.document("x")["published"] == "2020-01-02"    # an old date counts as the input's
