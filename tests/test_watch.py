"""`marsad watch`: feeds polled with conditional requests from a loopback server whose feeds change between
polls; only new items are stored; the state survives a restart; failing feeds back off and say why."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest

from marsad.inputs.http import Fetcher
from marsad.store import Store
from marsad.watch import Watcher, parse_every, read_feed_list
from tests.store_fixtures import BACKENDS, new_database
from tests.web_fixtures import REPORTS, conditional, html_answer, page, rss, start_loopback


@pytest.fixture
def web():
    lb, stop = start_loopback()
    lb.routes["/robots.txt"] = (404, {}, b"")          # no robots.txt: everything allowed
    yield lb
    stop()


class Clock:
    def __init__(self) -> None:
        self.t = datetime(2024, 3, 10, 12, 0, 0)

    def __call__(self) -> datetime:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += timedelta(seconds=seconds)


def _watcher(store: Store, clock: Clock, every: float = 300) -> Watcher:
    return Watcher(store, every=every, fetcher=Fetcher(delay=0, backoff=0.01, sleep=lambda s: None, timeout=5),
                   now=clock)


def _item(k: int, base: str, full: bool = True) -> dict:
    title, body = REPORTS[k]
    it = {"title": title, "link": f"{base}/story/{k}", "guid": f"story-{k}",
          "date": f"Sun, 0{k + 3} Mar 2024 10:00:00 +0000"}
    it["content" if full else "description"] = f"<p>{body}</p>" if full else "موجز الخبر…"
    return it


@pytest.mark.parametrize("backend", BACKENDS)
def test_new_items_are_stored_once_across_changing_polls_and_restarts(web, tmp_path, backend):
    url, drop = new_database(backend, tmp_path)
    try:
        feed = web.base + "/feed.xml"
        web.routes["/story/2"] = html_answer(page(*REPORTS[2]))       # item 2 is a teaser: its page is fetched
        web.routes["/feed.xml"] = conditional(rss([_item(0, web.base)]), etag='"a"')
        clock = Clock()
        with Store(url) as st:
            (p,) = _watcher(st, clock).run([feed], once=True)
            assert (p.status, p.new, p.known) == ("new", 1, 0)
            clock.advance(300)
            (p,) = _watcher(st, clock).run([feed], once=True)          # unchanged feed: a 304
            assert p.status == "not-modified" and web.hits("/feed.xml")[-1]["If-None-Match"] == '"a"'
            # the feed changes: one old item, two new ones (one a teaser)
            web.routes["/feed.xml"] = conditional(rss([_item(1, web.base), _item(2, web.base, full=False),
                                                       _item(0, web.base)]), etag='"b"')
            clock.advance(300)
            (p,) = _watcher(st, clock).run([feed], once=True)
            assert (p.status, p.new, p.known, p.errors) == ("new", 2, 1, [])
            assert len(web.hits("/story/2")) == 1 and len(web.hits("/story/0")) == 0
            assert st.counts()["documents"] == 3
            stored = {st.document_view(d)["doc"]["title"] for d in st.document_ids()}
            assert stored == {t for t, _ in REPORTS}
        # a restart (a new store handle, a new watcher) resumes: validators and seen items were kept
        web.routes["/feed.xml"] = conditional(rss([_item(1, web.base), _item(0, web.base)]), etag='"c"')
        clock.advance(300)
        with Store(url) as st:
            (p,) = _watcher(st, clock).run([feed], once=True)
            assert (p.status, p.new, p.known) == ("new", 0, 2) and st.counts()["documents"] == 3
            state = st.feed_state(feed)
            assert state["etag"] == '"c"' and state["failures"] == 0 and state["n_items"] == 3
    finally:
        drop()


def test_an_item_stored_before_a_kill_is_recorded_not_stored_again(web, tmp_path):
    feed = web.base + "/feed.xml"
    web.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss([_item(0, web.base)]))
    clock = Clock()
    with Store(str(tmp_path / "w.db")) as st:
        w = _watcher(st, clock)
        real_mark = st.mark_item
        st.mark_item = lambda *a: (_ for _ in ()).throw(KeyboardInterrupt())   # killed after the put
        with pytest.raises(KeyboardInterrupt):
            w.run([feed], once=True)
        st.mark_item = real_mark
        assert st.counts()["documents"] == 1 and st.seen_items(feed, ["story-0"]) == set()
        (p,) = _watcher(st, clock).run([feed], once=True)
        assert (p.new, p.known) == (0, 1) and st.seen_items(feed, ["story-0"]) == {"story-0"}


def test_a_failing_feed_backs_off_logs_why_and_recovers(web, tmp_path, caplog):
    good, bad = web.base + "/good.xml", web.base + "/bad.xml"
    web.routes["/good.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss([_item(0, web.base)]))
    web.routes["/bad.xml"] = (500, {}, b"")
    clock = Clock()
    caplog.set_level(logging.INFO, logger="marsad.watch")
    with Store(str(tmp_path / "w.db")) as st:
        w = _watcher(st, clock, every=60)
        polls = {p.url: p for p in w.run([bad, good], once=True)}
        assert polls[good].new == 1 and polls[bad].status == "failed"     # one bad feed costs the others nothing
        assert "HTTP 500" in st.feed_state(bad)["last_error"] and st.feed_state(bad)["failures"] == 1
        assert any("bad.xml: failed (1 in a row): " in r.message and "HTTP 500" in r.message for r in caplog.records)
        hits = len(web.hits("/bad.xml"))
        clock.advance(60)                                  # within the backoff (60 x 2): not asked
        assert w.poll(bad).status == "backing-off" and len(web.hits("/bad.xml")) == hits
        clock.advance(61)
        assert w.poll(bad).status == "failed" and st.feed_state(bad)["failures"] == 2
        assert st.feed_state(bad)["next_poll"] == clock.t + timedelta(seconds=240)
        web.routes["/bad.xml"] = "not a feed" and (200, {"Content-Type": "text/html"}, b"<html>oops</html>")
        clock.advance(241)
        assert w.poll(bad).status == "failed" and "not a readable RSS" in st.feed_state(bad)["last_error"]
        web.routes["/bad.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss([_item(1, web.base)]))
        clock.advance(481)
        assert w.poll(bad).new == 1 and st.feed_state(bad)["failures"] == 0
        assert st.feed_state(bad)["last_error"] is None


def test_the_command_line_polls_once_for_cron(web, tmp_path, capsys):
    from marsad.cli.main import main

    web.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss([_item(0, web.base)]))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# our outlets\n{web.base}/feed.xml\n", encoding="utf-8")
    db = str(tmp_path / "cli.db")
    assert main(["watch", str(feeds), "--once", "--db", db, "--fetch-delay", "0"]) == 0
    assert "1 new items stored" in capsys.readouterr().err
    assert main(["watch", str(feeds), "--once", "--db", db, "--fetch-delay", "0"]) == 0
    assert "0 new items stored, 1 seen before" in capsys.readouterr().err
    feeds.write_text(f"{web.base}/feed.xml\n{web.base}/gone.xml\n", encoding="utf-8")
    assert main(["watch", str(feeds), "--once", "--db", db, "--fetch-delay", "0", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "gone.xml: failed (1 in a row)" in err and "HTTP 404" in err and "new items" not in err


def test_durations_and_feed_lists_are_checked(tmp_path):
    assert [parse_every(s) for s in ("90", "30s", "5m", "1.5h", "1d")] == [90, 30, 300, 5400, 86400]
    for bad in ("", "5x", "-1m", "0", "8d"):
        with pytest.raises(ValueError):
            parse_every(bad)
    f = tmp_path / "feeds.txt"
    f.write_text("https://a.example/rss\n\n# x\nfile:///etc/passwd\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"feeds.txt:4: not an http\(s\) URL"):
        read_feed_list(str(f))
