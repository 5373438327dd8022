"""A web page as an input record: its body (trafilatura), and its title, canonical URL and outlet from the
page's own metadata. The publication date is read later, by `ingest._publication_date` (htmldate).

A page's body usually starts with the headline, which is also its title; that line is left out of the text
(the title keeps it), so that the headline is not read as one more report of the events the body gives.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from marsad.text.normalize import fold


def url_id(url: str) -> str:
    """A stable document id for a page known by its URL (a later crawl of the same page replaces it)."""
    return "url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:20]


def hostname(url: str | None) -> str | None:
    """'www.example.com' -> 'example.com'; None for a URL without a host."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def drop_headline(text: str, title: str | None) -> str:
    """`text` without its first line when that line is the title (compared folded)."""
    if not title or not text:
        return text
    first, sep, rest = text.lstrip().partition("\n")
    if sep and rest.strip() and fold(first.strip()) == fold(title.strip()):
        return rest.lstrip("\n")
    return text


def page_record(html: str, url: str | None = None) -> dict:
    """An input record (SCHEMA fields) for one page: text, title, url, outlet and the html itself, which
    `document_from_record` reads the date from. `url` (where the page was fetched from) is used when the page
    names no canonical URL of its own. The text is empty when no article body is found."""
    import trafilatura

    got = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, favor_recall=True,
                                      with_metadata=True, url=url)
    if got is None:
        return {"text": "", "html": html, "url": url, "outlet": hostname(url)}

    def field(name: str) -> str:
        value = got.get(name) if isinstance(got, dict) else getattr(got, name, None)
        return value if isinstance(value, str) else ""

    title = field("title").strip() or None
    page_url = field("url") if field("url").startswith(("http://", "https://")) else url
    outlet = field("sitename").strip() or hostname(page_url)
    return {"text": drop_headline(field("text"), title), "title": title, "url": page_url, "outlet": outlet,
            "html": html}
