"""A file of URLs (one per line; blank lines and `#` comments skipped), each page fetched with the polite
client and read as a web page. A URL that fails is an error naming its line; the others go on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from marsad.ingest import (
    DEFAULT_LIMITS,
    IngestError,
    InputProblem,
    Limits,
    clean_text,
    decode,
    document_from_record,
)
from marsad.inputs.http import Fetcher
from marsad.inputs.pages import url_id
from marsad.inputs.warc import body_text


def url_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        url = line.strip()
        if url and not url.startswith("#") and url not in seen:
            seen.add(url)
            yield n, url


def fetch_page(fetcher: Fetcher, url: str) -> tuple[str, str]:
    """(HTML, final URL) of a page; a response that is not HTML raises InputProblem."""
    got = fetcher.get(url)
    ctype = got.content_type.lower()
    if ctype and not ctype.startswith(("text/html", "application/xhtml+xml")):
        raise InputProblem(f"not an HTML page ({got.content_type.split(';')[0]})")
    return clean_text(body_text(got.body, got.content_type) if ctype else decode(got.body)), got.url


def read_urls(data: bytes, path: str, published: date | None = None, limits: Limits = DEFAULT_LIMITS,
              fetcher: Fetcher | None = None) -> Iterator:
    fetcher = fetcher or Fetcher(max_bytes=limits.max_file_bytes)
    try:
        lines = decode(data).splitlines()
    except InputProblem as exc:
        yield IngestError(path, str(exc))
        return
    for n, url in url_lines(lines):
        try:
            html, final = fetch_page(fetcher, url)
            yield document_from_record({"html": html, "url": final}, default_id=url_id(url), source=path,
                                       published=published, limits=limits)
        except InputProblem as exc:
            msg = str(exc)
            yield IngestError(path, msg if msg.startswith(url) else f"{url}: {msg}", n)
