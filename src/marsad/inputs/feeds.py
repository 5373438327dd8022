"""RSS and Atom feeds (feedparser): one document per item.

An item's text is its full content (`content:encoded`, Atom `content`) when that holds an article; when it
holds only a teaser, the text comes from the page the item links to, saved beside the feed file (the last
part of the link's path, with or without `.html`, or the link's host and path as folders under the feed's
folder), or fetched with the polite client (`marsad watch`, or `ingest` given `fetch`); failing both, the
teaser. Title, link, date and outlet come from the item and the feed.

feedparser is always handed bytes: given a string it would open it as a URL or a file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from marsad.ingest import (
    DEFAULT_LIMITS,
    IngestError,
    InputProblem,
    Limits,
    clean_text,
    decode,
    document_from_record,
)
from marsad.inputs.pages import hostname, page_record, url_id

FULL_TEXT_MIN = 400     # characters: an item's content shorter than this is a teaser, not the article
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")
_SPACES = re.compile(r"[ \t\u00a0]+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")     # XML cannot hold these
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class Item:
    key: str                 # what identifies the item across polls: its id, else its link, else a hash
    link: str | None
    title: str | None
    published: date | None
    content: str             # the item's HTML or text: full content if any, else its summary


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    link: str | None
    items: list[Item]


def fragment_text(html: str) -> str:
    """The text of an HTML fragment, a line per block; plain text is returned as it is."""
    html = _CONTROL.sub("", html)
    if "<" not in html:
        return html.strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        for el in root.iter(*_BLOCKS):
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
        text = root.text_content()
    except (etree.LxmlError, ValueError):       # markup lxml cannot take: its text without the tags
        text = _TAG.sub("\n", html)
    lines = (_SPACES.sub(" ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _day(parsed) -> date | None:
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
    except (AttributeError, ValueError):
        return None


def parse_feed(data: bytes) -> Feed:
    """The feed's items, in the feed's order. Raises InputProblem when the bytes are no feed at all."""
    import feedparser

    try:
        got = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 (a third-party parser on untrusted bytes: any failure is "no feed")
        raise InputProblem(f"not a readable RSS or Atom feed: {type(exc).__name__}: {str(exc)[:160]}") from None
    if not got.entries and (got.bozo or not got.get("version")):
        why = str(got.get("bozo_exception") or "no <rss> or <feed> element")[:200]
        raise InputProblem(f"not a readable RSS or Atom feed: {why}")
    items = []
    for e in got.entries:
        content = ""
        for c in e.get("content") or []:
            if len(c.get("value") or "") > len(content):
                content = c["value"]
        if not content:
            content = e.get("summary") or e.get("description") or ""
        link = e.get("link") or None
        title = (e.get("title") or "").strip() or None
        key = e.get("id") or link or "sha1:" + hashlib.sha1(f"{title}\x1f{content}".encode()).hexdigest()
        items.append(Item(key=str(key)[:1000], link=link, title=title, content=content,
                          published=_day(e.get("published_parsed") or e.get("updated_parsed"))))
    feed = got.get("feed") or {}
    return Feed(title=(feed.get("title") or "").strip() or None, link=feed.get("link") or None, items=items)


def saved_page(folder: Path, link: str) -> Path | None:
    """The file beside a feed that holds the page `link` points to, if one was saved; never a path outside
    `folder`."""
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    path = unquote(parts.path).strip("/")
    last = path.rsplit("/", 1)[-1]
    names = [last, last + ".html", last + ".htm"] if last else []
    if parts.hostname:
        mirror = f"{parts.hostname}/{path}" if path else parts.hostname
        names += [mirror, mirror + ".html", mirror + "/index.html"]
    root = folder.resolve()
    for name in names:
        p = (folder / name).resolve()
        if p.is_file() and p.is_relative_to(root):
            return p
    return None


Fetch = Callable[[str], str]    # a page's URL -> its HTML (raises on failure)


def item_record(item: Item, feed: Feed, pages: Path | None = None, fetch: Fetch | None = None) -> dict:
    """The input record of one item (see the module's doc for where its text comes from)."""
    text = fragment_text(item.content)
    rec = {"title": item.title, "url": item.link, "outlet": feed.title or hostname(item.link or feed.link),
           "published": item.published.isoformat() if item.published else None}
    if len(text) < FULL_TEXT_MIN and item.link:
        html: str | bytes | None = None
        if pages is not None and (p := saved_page(pages, item.link)):
            html = p.read_bytes()
        elif fetch is not None:
            html = fetch(item.link)
        if html is not None:
            page = page_record(clean_text(decode(html) if isinstance(html, bytes) else html), item.link)
            if len(page["text"].strip()) > len(text):
                text = page["text"]
                rec["html"] = page["html"]
    rec["text"] = text
    return rec


def read_feed(data: bytes, path: str, published: date | None = None, limits: Limits = DEFAULT_LIMITS,
              fetch: Fetch | None = None) -> Iterator:
    """Documents (and errors naming the item) from one feed file; pages saved beside it are read."""
    try:
        feed = parse_feed(data)
    except InputProblem as exc:
        yield IngestError(path, str(exc))
        return
    if not feed.items:
        yield IngestError(path, "a feed with no items")
        return
    pages = Path(path).parent if path != "-" else None
    for n, item in enumerate(feed.items, 1):
        try:
            rec = item_record(item, feed, pages, fetch)
            default = url_id(item.link) if item.link else f"{Path(path).stem}-{n}"
            yield document_from_record(rec, default_id=default, source=path, published=published, limits=limits)
        except InputProblem as exc:
            yield IngestError(path, f"item {n} ({(item.link or item.title or '')[:200]}): {exc}")
        except OSError as exc:
            yield IngestError(path, f"item {n} ({(item.link or '')[:200]}): {exc}")
