"""WARC archives (.warc, .warc.gz; Common Crawl News among them), read a record at a time with warcio.

Every HTML `response` record with HTTP status 200 becomes a document: its body, title, outlet and date from
the page (`pages.page_record`, htmldate), its URL and crawl time from the record (`WARC-Target-URI`,
`WARC-Date`) as provenance. Other responses (images, scripts, redirects, errors) are skipped and counted,
and `request`, `metadata`, `warcinfo` records are passed over. A damaged archive ends with an error naming
the record where it broke; the documents read before it are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from marsad.ingest import (
    DEFAULT_LIMITS,
    IngestError,
    InputProblem,
    Limits,
    Skipped,
    clean_text,
    decode,
    document_from_record,
)
from marsad.inputs.pages import url_id

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'").lower()
    return None


def body_text(body: bytes, content_type: str) -> str:
    """The page's text: in the charset its HTTP header names when that decodes cleanly, else as
    `ingest.decode` reads any input (UTF-8, UTF-16, windows-1256)."""
    cs = _charset(content_type)
    if cs:
        try:
            return body.decode(cs)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(body)


def read_warc(fh: BinaryIO, path: str, published: date | None = None,
              limits: Limits = DEFAULT_LIMITS) -> Iterator:
    """Documents (and errors, and one `Skipped` count at the end) from a WARC stream."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    skipped: Counter[str] = Counter()
    n = 0
    try:
        for rec in ArchiveIterator(fh):
            n += 1
            if rec.rec_type is None or not str(rec.format).startswith("warc"):
                # warcio reads junk as a record with no headers, or as an old ARC record
                if n == 1:
                    yield IngestError(path, "not a WARC archive (no WARC/1.x record at its start)")
                    return
                raise ValueError(f"record {n} has no WARC headers")
            if rec.rec_type != "response":
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI") or ""
            http = rec.http_headers
            if http is None:                       # a response record of another protocol (dns:, ftp:)
                skipped["non-HTTP records"] += 1
                continue
            status = (http.get_statuscode() or "").strip()
            ctype = (http.get_header("Content-Type") or "").strip()
            if status != "200":
                skipped[f"HTTP {status or '?'} responses"] += 1
                continue
            if not ctype.lower().startswith(_HTML_TYPES):
                skipped["non-HTML records"] += 1
                continue
            body = rec.content_stream().read(limits.max_file_bytes + 1)
            where = f"record {n} ({url[:200]})"
            try:
                if len(body) > limits.max_file_bytes:
                    raise InputProblem(f"page of over {limits.max_file_bytes:,} bytes")
                if getattr(rec.raw_stream, "limit", 0) > 0:
                    raise InputProblem("truncated: the archive ends inside this record (damaged WARC archive)")
                html = clean_text(body_text(body, ctype))
                crawled = (rec.rec_headers.get_header("WARC-Date") or "")[:19] or None
                yield document_from_record({"html": html, "url": url or None, "crawled": crawled},
                                           default_id=url_id(url) if url else None, source=path,
                                           published=published, limits=limits)
            except InputProblem as exc:
                yield IngestError(path, f"{where}: {exc}")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, KeyError, IndexError,
            TypeError) as exc:
        # warcio on damaged bytes raises these (a record without a URI gives AttributeError, say)
        yield IngestError(path, f"damaged WARC archive after record {n}: {type(exc).__name__}: {str(exc)[:200]}")
    if n == 0:
        yield IngestError(path, "no WARC records: not a WARC archive")
    for reason, k in sorted(skipped.items()):
        yield Skipped(path, k, reason)
