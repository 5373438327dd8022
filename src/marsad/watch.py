"""`marsad watch FEEDS_FILE --every 5m`: poll RSS / Atom feeds and ingest the items not seen before.

Each poll sends a conditional request (the ETag and Last-Modified the feed gave last time); a 304 costs
nothing more. New items (by id, else link) become documents (`inputs.feeds.item_record`: full content, else
the linked page fetched politely), are extracted and stored, and only then recorded as seen, so a kill at
any point loses nothing and stores nothing twice: the next poll finds the document already stored and
only records it. What a poll learns is kept in the store (`feeds`, `feed_items`), so a restart resumes.

A feed that fails (network, HTTP error, not a feed) is retried after `every * 2**failures`, at most
`max_backoff`; each failure is logged with its reason, and the feed's row keeps the last error.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from marsad.ingest import DEFAULT_LIMITS, InputProblem, Limits, document_from_record
from marsad.inputs.feeds import Feed, Item, item_record, parse_feed
from marsad.inputs.http import Fetcher, FetchError
from marsad.inputs.pages import url_id
from marsad.inputs.urls import fetch_page, url_lines
from marsad.model.document import meta_hash
from marsad.store.store import Outcome, Store

log = logging.getLogger("marsad.watch")
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(s: str) -> float:
    """'90', '30s', '5m', '1.5h', '1d' -> seconds (at least 1)."""
    m = _EVERY.match(s.lower())
    if not m:
        raise ValueError(f"{s!r} is not a duration such as 30s, 5m, 1h")
    seconds = float(m.group(1)) * _UNIT[m.group(2)]
    if not 1 <= seconds <= 7 * 86400:
        raise ValueError(f"{s!r}: give between 1 second and 7 days")
    return seconds


def read_feed_list(path: str) -> list[str]:
    """The feed URLs of a file: one per line, blank lines and # comments skipped. Raises ValueError naming
    the line of anything that is not an http(s) URL."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    urls = []
    for n, url in url_lines(lines):
        if not url.lower().startswith(("http://", "https://")):
            raise ValueError(f"{path}:{n}: not an http(s) URL: {url[:200]!r}")
        urls.append(url)
    if not urls:
        raise ValueError(f"{path}: no feed URLs in it")
    return urls


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class Poll:
    """What one poll of one feed did."""

    url: str
    status: str                      # new | not-modified | backing-off | failed
    new: int = 0                     # items stored
    known: int = 0                   # items seen before (or already stored)
    errors: list[str] = field(default_factory=list)


@dataclass
class Watcher:
    store: Store
    every: float = 300.0
    fetcher: Fetcher = field(default_factory=Fetcher)
    max_backoff: float = 6 * 3600.0
    budget: float | None = None
    limits: Limits = DEFAULT_LIMITS
    now: Callable[[], datetime] = _now
    _pipe: object = None

    def _pipeline(self):
        if self._pipe is None:
            from marsad.pipeline import Pipeline

            self._pipe = Pipeline.build()
        return self._pipe

    def poll(self, url: str, force: bool = False) -> Poll:
        """Poll one feed now (a feed backing off after failures waits its turn unless `force`)."""
        state = self.store.feed_state(url) or {}
        now = self.now()
        if not force and state.get("next_poll") and state["next_poll"] > now and state.get("failures"):
            log.info("%s: backing off after %d failures until %s", url, state["failures"],
                     state["next_poll"].isoformat(timespec="seconds"))
            return Poll(url, "backing-off")
        try:
            got = self.fetcher.get(url, etag=state.get("etag"), modified=state.get("modified"))
            if got.not_modified:
                self.store.save_feed_state(url, last_polled=now, failures=0, last_error=None,
                                           next_poll=now + timedelta(seconds=self.every))
                log.info("%s: not modified", url)
                return Poll(url, "not-modified")
            feed = parse_feed(got.body)
        except (FetchError, InputProblem) as exc:
            return self._failed(url, state, now, str(exc))
        poll = self._ingest(url, feed)
        self.store.save_feed_state(url, etag=got.etag, modified=got.modified, last_polled=now, last_ok=now,
                                   failures=0, last_error=None, next_poll=now + timedelta(seconds=self.every))
        log.info("%s: %d new items stored, %d seen before, %d failed", url, poll.new, poll.known,
                 len(poll.errors))
        return poll

    def _failed(self, url: str, state: dict, now: datetime, why: str) -> Poll:
        failures = int(state.get("failures") or 0) + 1
        wait = min(self.every * 2 ** failures, self.max_backoff)
        retry = now + timedelta(seconds=wait)
        self.store.save_feed_state(url, last_polled=now, failures=failures, last_error=why[:2000],
                                   next_poll=retry)
        log.warning("%s: failed (%d in a row): %s; next try at %s", url, failures, why,
                    retry.isoformat(timespec="seconds"))
        return Poll(url, "failed", errors=[why])

    def _ingest(self, url: str, feed: Feed) -> Poll:
        from marsad.version import pipeline_version

        poll = Poll(url, "new")
        seen = self.store.seen_items(url, [i.key for i in feed.items])
        poll.known = len(seen)
        for item in feed.items:
            if item.key in seen:
                continue
            seen.add(item.key)
            try:
                doc = self._document(item, feed)
            except InputProblem as exc:       # not recorded as seen: the next poll tries it again
                poll.errors.append(f"{item.link or item.key}: {exc}")
                log.warning("%s: item %s: %s", url, item.link or item.key, exc)
                continue
            if self.store.status(doc.id, doc.text, meta_hash(doc.meta)) in (Outcome.UNCHANGED, Outcome.DUPLICATE):
                poll.known += 1               # stored by a poll that was stopped before recording the item
            else:
                x = self._pipeline().extract(doc, self.budget)
                if x.result is None:
                    poll.errors.append(f"{doc.id}: {x.error}")
                    log.warning("%s: item %s: %s", url, item.link or item.key, x.error)
                    continue
                self.store.put(x.result, x.text, lang=x.lang, version=pipeline_version(), meta=x.meta)
                poll.new += 1
            self.store.mark_item(url, item.key, doc.id)
        return poll

    def _document(self, item: Item, feed: Feed):
        rec = item_record(item, feed, fetch=lambda link: fetch_page(self.fetcher, link)[0])
        rec["crawled"] = self.now().isoformat(timespec="seconds")
        default = url_id(item.link) if item.link else "feed-" + url_id(item.key)[4:]
        return document_from_record(rec, default_id=default, source=item.link or feed.link or "feed",
                                    limits=self.limits)

    def run(self, urls: list[str], once: bool = False, sleep: Callable[[float], None] = time.sleep,
            rounds: int | None = None) -> list[Poll]:
        """Poll every feed; with `once`, one round (for cron), else every `every` seconds until stopped
        (or for `rounds` rounds). Returns the polls of the last round."""
        done = 0
        while True:
            start = time.monotonic()
            polls = [self.poll(u) for u in urls]
            done += 1
            if once or (rounds is not None and done >= rounds):
                return polls
            sleep(max(0.0, self.every - (time.monotonic() - start)))
