"""Archives, feeds and fetched pages as inputs (issue 16): WARC records, RSS/Atom items, lists of URLs fetched
politely from a loopback server, gzipped JSON Lines, page metadata, and the files that must be refused."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from marsad.ingest import IngestError, Skipped, read_bytes, read_file, read_paths
from marsad.inputs.feeds import fragment_text, parse_feed, saved_page
from marsad.inputs.http import Fetcher, FetchError
from marsad.inputs.pages import drop_headline, page_record, url_id
from tests.web_fixtures import REPORTS, conditional, html_answer, page, rss, start_loopback


@pytest.fixture
def web():
    lb, stop = start_loopback()
    lb.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"},
                                b"User-agent: *\nDisallow: /private/\n")
    yield lb
    stop()


def _fetcher(**kw) -> Fetcher:
    slept: list[float] = []
    f = Fetcher(delay=0.0, backoff=0.01, sleep=slept.append, timeout=5, **kw)
    f.slept = slept  # type: ignore[attr-defined]
    return f


def _docs(items) -> list:
    return [x for x in items if not isinstance(x, IngestError | Skipped)]


# --- web pages -----------------------------------------------------------------------------------------
def test_a_page_gives_its_canonical_url_outlet_title_and_date_and_drops_its_repeated_headline(tmp_path):
    title, body = REPORTS[0]
    p = tmp_path / "story.html"
    p.write_text(page(title, body, url="https://news.example.org/2024/03/10/kafranbel"), encoding="utf-8")
    (doc,) = read_file(str(p))
    assert doc.meta.url == "https://news.example.org/2024/03/10/kafranbel"
    assert doc.meta.outlet == "موقع الاختبار" and doc.meta.title == title
    assert str(doc.meta.published) == "2024-03-10" and doc.meta.published_source == "html"
    assert doc.text.startswith("قتل ثلاثة مدنيين") and title not in doc.text
    assert "الرئيسية" not in doc.text and "جميع الحقوق" not in doc.text


def test_the_headline_is_dropped_only_when_it_repeats_the_title():
    assert drop_headline("عنوان الخبر\nنص الخبر", "عنوان الخبر") == "نص الخبر"
    assert drop_headline("عنوان الخبر\nنص الخبر", "عنوانُ الخبر") == "نص الخبر"     # compared folded
    assert drop_headline("عنوان آخر\nنص الخبر", "عنوان الخبر") == "عنوان آخر\nنص الخبر"
    assert drop_headline("عنوان الخبر", "عنوان الخبر") == "عنوان الخبر"           # nothing else: kept
    assert page_record("<html><body></body></html>", "https://www.x.org/a")["outlet"] == "x.org"


def test_a_headline_repeated_as_the_title_does_not_add_an_event(pipeline, tmp_path):
    from marsad.output import result_json

    title, body = REPORTS[0]
    p = tmp_path / "story.html"
    p.write_text(page(title, body), encoding="utf-8")
    (doc,) = read_file(str(p))
    events = result_json(pipeline(doc))["events"]
    assert [e["sub_event_type"] for e in events] == ["Shelling/artillery/missile attack"]


# --- WARC ----------------------------------------------------------------------------------------------
def _warc(path: Path, gz: bool = True) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(w, url: str, status: str, ctype: str, body: bytes, date: str) -> None:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                            warc_headers_dict={"WARC-Date": date}))

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record("test.warc", {"software": "tests"}))
        for k, (title, body) in enumerate(REPORTS):
            url = f"https://news{k}.example.org/story/{k}"
            w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            html = page(title, body, published="")
            enc = "windows-1256" if k == 1 else "utf-8"            # a page in the legacy Arabic code page
            response(w, url, "200 OK", f"text/html; charset={enc}", html.replace("utf-8", enc).encode(enc),
                     f"2024-03-1{k}T08:00:00Z")
        response(w, "https://news0.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64),
                 "2024-03-10T08:00:01Z")
        response(w, "https://news0.example.org/app.css", "200 OK", "text/css", b"body{}", "2024-03-10T08:00:02Z")
        response(w, "https://news0.example.org/gone", "404 Not Found", "text/html", b"<html>404</html>",
                 "2024-03-10T08:00:03Z")
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_warc_archive_gives_one_document_per_html_response_and_counts_the_rest(tmp_path, name):
    got = list(read_file(str(_warc(tmp_path / name, gz=name.endswith(".gz")))))
    docs = _docs(got)
    assert [d.meta.url for d in docs] == [f"https://news{k}.example.org/story/{k}" for k in range(3)]
    assert [d.id for d in docs] == [url_id(d.meta.url) for d in docs]
    assert [d.meta.crawled for d in docs] == [f"2024-03-1{k}T08:00:00" for k in range(3)]
    assert docs[1].text.startswith("تظاهر مئات المحتجين")               # windows-1256 decoded
    assert all(d.meta.title == REPORTS[k][0] for k, d in enumerate(docs))
    skipped = {s.reason: s.count for s in got if isinstance(s, Skipped)}
    assert skipped == {"non-HTML records": 2, "HTTP 404 responses": 1}
    assert not [x for x in got if isinstance(x, IngestError)]


def test_a_page_that_states_no_date_is_dated_by_its_crawl(pipeline, tmp_path):
    from marsad.output import result_json

    docs = _docs(read_file(str(_warc(tmp_path / "c.warc.gz"))))
    res = result_json(pipeline(docs[2]))       # the text says "Thursday" but no date; crawled 2024-03-12
    assert res["doc"]["published_source"] == "crawl" and res["doc"]["published"] == "2024-03-12"
    assert res["doc"]["published_precision"] == 2 and res["doc"]["crawled"] == "2024-03-12T08:00:00"


def test_a_damaged_warc_keeps_the_records_before_the_damage(tmp_path):
    data = _warc(tmp_path / "a.warc", gz=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: int(len(data) * 0.6)] + b"WARC/1.0\r\nnonsense\r\n\r\n")
    got = list(read_file(str(cut)))
    assert len(_docs(got)) >= 1
    (err,) = [x for x in got if isinstance(x, IngestError)]
    assert err.path == str(cut) and "damaged WARC" in err.problem


# --- feeds ---------------------------------------------------------------------------------------------
def test_an_rss_file_gives_one_document_per_item_with_full_text_or_the_saved_page(tmp_path):
    full_title, full_body = REPORTS[1]
    teaser_title, teaser_body = REPORTS[2]
    (tmp_path / "marib-clashes.html").write_text(page(teaser_title, teaser_body), encoding="utf-8")
    feed = rss([
        {"title": full_title, "link": "https://example.test/news/basra", "guid": "basra-1",
         "date": "Sat, 09 Mar 2024 18:00:00 +0300", "content": f"<p>{full_body}</p>"},
        {"title": teaser_title, "link": "https://example.test/news/marib-clashes", "guid": "marib-1",
         "date": "Thu, 07 Mar 2024 12:00:00 +0300", "description": "اشتباكات عنيفة في مأرب…"},
    ])
    (tmp_path / "feed.rss").write_bytes(feed)
    docs = _docs(read_file(str(tmp_path / "feed.rss")))
    assert [d.meta.title for d in docs] == [full_title, teaser_title]
    assert [str(d.meta.published) for d in docs] == ["2024-03-09", "2024-03-07"]
    assert docs[0].text.startswith("تظاهر مئات") and docs[0].meta.outlet == "أخبار الاختبار"
    assert docs[1].text.startswith("اندلعت اشتباكات عنيفة") and len(docs[1].text) > 300   # from the page
    assert [d.id for d in docs] == [url_id("https://example.test/news/basra"),
                                    url_id("https://example.test/news/marib-clashes")]
    # recognised by content under another name, and under no name (stdin)
    assert [d.id for d in _docs(read_bytes(feed, str(tmp_path / "feed")))] == [d.id for d in docs]


def test_an_atom_feed_and_feed_helpers(tmp_path):
    atom = ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            "<title>وكالة اختبار</title><entry><id>tag:x,2024:1</id><title>خبر</title>"
            "<link href='https://example.test/a/1'/><updated>2024-03-05T10:00:00Z</updated>"
            f"<content type='html'>&lt;p&gt;{REPORTS[0][1]}&lt;/p&gt;</content></entry></feed>").encode()
    f = parse_feed(atom)
    assert f.title == "وكالة اختبار" and [(i.key, i.link, str(i.published)) for i in f.items] == [
        ("tag:x,2024:1", "https://example.test/a/1", "2024-03-05")]
    assert fragment_text("<p>سطر أول</p><p>سطر <b>ثان</b></p><script>x()</script>") == "سطر أول\nسطر ثان"
    (tmp_path / "example.test" / "a").mkdir(parents=True)
    (tmp_path / "example.test" / "a" / "1.html").write_text("<html></html>")
    assert saved_page(tmp_path, "https://example.test/a/1") == (tmp_path / "example.test/a/1.html").resolve()
    assert saved_page(tmp_path, "https://example.test/../../etc/passwd") is None


def test_files_that_are_not_feeds_archives_or_articles_are_refused_by_name(tmp_path):
    cases = {
        "broken.rss": b"<html><body>not a feed</body></html>",
        "empty.xml": b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>",
        "blob.bin": bytes(range(256)) * 8,
        "notes.md": "ملاحظات عن المشروع ليست خبرا".encode(),
        "data.gz": gzip.compress(b"{}"),
        "fake.warc": b"this is not an archive at all",
        "english.txt": b"Three people were killed on Sunday in shelling on a town in the south of the country, "
                       b"a civil defence official said, adding that rescue teams were still searching.",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        got = list(read_file(str(tmp_path / name)))
        assert got and all(isinstance(x, IngestError) and x.path == str(tmp_path / name) for x in got), name
    problems = {n: next(iter(read_file(str(tmp_path / n)))).problem for n in cases}
    assert "not an RSS or Atom feed" in problems["broken.rss"] and "no items" in problems["empty.xml"]
    assert "binary" in problems["blob.bin"] and "unknown kind of file" in problems["notes.md"]
    assert "gzip-compressed, but neither" in problems["data.gz"] and "WARC" in problems["fake.warc"]
    assert problems["english.txt"].startswith("not Arabic: 0% of its letters are Arabic")


def test_gzipped_json_lines_stream_and_a_damaged_tail_keeps_the_records_before_it(tmp_path):
    recs = [{"id": f"g{k}", "text": body, "published": "2024-03-10"} for k, (_, body) in enumerate(REPORTS)]
    data = gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode())
    (tmp_path / "a.jsonl.gz").write_bytes(data)
    assert [d.id for d in read_file(str(tmp_path / "a.jsonl.gz"))] == ["g0", "g1", "g2"]
    # gzip recognised by what it holds when the name does not say (stdin, an upload)
    assert [d.id for d in read_bytes(data, "-")] == ["g0", "g1", "g2"]
    warc = _warc(tmp_path / "w.warc.gz").read_bytes()
    assert len(_docs(read_bytes(warc, "-"))) == 3
    (tmp_path / "b.jsonl.gz").write_bytes(data[:-30])
    got = list(read_paths([str(tmp_path / "b.jsonl.gz")]))
    assert [d.id for d in _docs(got)] == ["g0", "g1"] and "damaged gzip" in got[-1].problem


# --- fetching ------------------------------------------------------------------------------------------
def test_the_fetcher_is_polite_obeys_robots_retries_and_refuses_other_schemes(web):
    web.routes["/ok"] = html_answer(page(*REPORTS[0]))
    web.routes["/flaky"] = [(503, {"Retry-After": "0"}, b""), (503, {}, b""), html_answer(page(*REPORTS[1]))]
    web.routes["/busy"] = (429, {"Retry-After": "3"}, b"")
    web.routes["/private/x"] = html_answer(page(*REPORTS[2]))
    f = _fetcher()
    assert f.get(web.base + "/ok").status == 200
    assert web.hits("/ok")[0]["User-Agent"].startswith("marsad/")
    assert len(web.hits("/robots.txt")) == 1                       # read once per host
    assert f.get(web.base + "/flaky").status == 200 and len(web.hits("/flaky")) == 3
    with pytest.raises(FetchError, match="HTTP 429"):
        f.get(web.base + "/busy")
    assert len(web.hits("/busy")) == 4 and 3.0 in f.slept        # Retry-After honoured, then gave up
    with pytest.raises(FetchError, match="robots.txt"):
        f.get(web.base + "/private/x")
    assert web.hits("/private/x") == []
    for bad in ("file:///etc/passwd", "ftp://example.test/x", "not a url"):
        with pytest.raises(FetchError, match="not an http"):
            f.get(bad)


def test_a_list_of_urls_is_fetched_and_each_failure_names_its_line(web, tmp_path):
    web.routes["/a"] = html_answer(page(*REPORTS[0], url=web.base + "/a"))
    web.routes["/b"] = html_answer(page(*REPORTS[1]))
    web.routes["/pic"] = (200, {"Content-Type": "image/png"}, b"\x89PNG")
    urls = tmp_path / "today.urls"
    urls.write_text(f"# pages to read\n{web.base}/a\n\n{web.base}/missing\n{web.base}/pic\n{web.base}/b\n"
                    f"{web.base}/a\n", encoding="utf-8")
    got = list(read_file(str(urls), fetcher=_fetcher()))
    assert [d.meta.url for d in _docs(got)] == [web.base + "/a", web.base + "/b"]
    errors = {e.line: e.problem for e in got if isinstance(e, IngestError)}
    assert set(errors) == {4, 5} and "HTTP 404" in errors[4] and "not an HTML page (image/png)" in errors[5]
    assert len(web.hits("/a")) == 1                                  # listed twice, fetched once
    # bytes of a URL list (an upload) are never fetched
    (err,) = read_bytes(urls.read_bytes(), "upload.urls")
    assert "fetched only" in err.problem and len(web.hits("/b")) == 1


def test_feed_requests_are_conditional(web):
    web.routes["/feed"] = conditional(rss([{"title": "x", "link": "https://e.test/1", "content": "<p>x</p>"}]),
                                      etag='"v1"')
    f = _fetcher()
    first = f.get(web.base + "/feed")
    again = f.get(web.base + "/feed", etag=first.etag, modified=first.modified)
    assert first.status == 200 and again.not_modified and web.hits("/feed")[1]["If-None-Match"] == '"v1"'


def test_a_warc_cut_inside_a_page_reports_that_record(tmp_path):
    data = _warc(tmp_path / "a.warc", gz=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.index("اندلعت".encode()) + 100])      # inside the third page
    got = list(read_file(str(cut)))
    assert len(_docs(got)) == 2
    (err,) = [x for x in got if isinstance(x, IngestError)]
    assert "record" in err.problem and "truncated" in err.problem and "news2.example.org" in err.problem


def test_damaged_archives_and_feeds_give_errors_never_exceptions(tmp_path, capfd):
    """warcio and feedparser read untrusted bytes: 300 random mutations of an archive and a feed (bytes
    changed, cut out, put in) each give documents or error lines, never an exception."""
    import random

    warc, warcgz = _warc(tmp_path / "a.warc", gz=False).read_bytes(), _warc(tmp_path / "a.warc.gz").read_bytes()
    feed = rss([{"title": t, "link": f"https://e.test/{i}", "content": f"<p>{b}</p>"} for i, (t, b) in
                enumerate(REPORTS)])
    rng = random.Random(16)
    kinds = [(warc, "x.warc"), (warcgz, "x.warc.gz"), (feed, "x.rss"), (warc, "-"), (warcgz, "-"), (feed, "-")]
    errors = 0
    for _ in range(300):
        base, name = rng.choice(kinds)
        b = bytearray(base)
        for _ in range(rng.randint(1, 20)):
            i, op = rng.randrange(len(b)), rng.random()
            if op < 0.4:
                b[i] = rng.randrange(256)
            elif op < 0.7:
                del b[i:i + rng.randint(1, 200)]
            else:
                b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 50)))
        got = list(read_bytes(bytes(b), name))
        assert all(isinstance(x, IngestError | Skipped) or x.text.strip() for x in got)
        errors += any(isinstance(x, IngestError) for x in got)
    assert errors > 50
    capfd.readouterr()                      # warcio prints its own warnings about damaged records
