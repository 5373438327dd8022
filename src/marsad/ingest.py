"""Read input documents: JSON / JSON Lines (SCHEMA fields and news-please aliases), .txt, .html, stdin.

Every problem becomes an `IngestError` naming the file (and line) instead of an exception, so one bad
file never costs the results of the others.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from marsad.model.document import DocMeta, Document, content_id

SUFFIXES = (".json", ".jsonl", ".ndjson", ".txt", ".html", ".htm")
_ALIASES = {"maintext": "text", "date_publish": "published", "source_domain": "outlet"}


@dataclass(frozen=True, slots=True)
class IngestError:
    path: str
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"


class InputProblem(ValueError):
    """A problem with one input record (the caller adds the file and line)."""


def decode(data: bytes) -> str:
    """Decode bytes that may be UTF-8 (with or without BOM), UTF-16 with BOM, or windows-1256."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        return data.decode("utf-16-le")  # BOM-less UTF-16 (Arabic text has many 0x06 high bytes, few zeros)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best)
    return data.decode("cp1256", errors="replace")


def parse_published(value: object) -> date | None:
    """'2022-01-27', '2022-01-27T10:00:00Z', '2022-01-27 10:00:00' -> date; None/'' -> None."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value if not isinstance(value, datetime) else value.date()
    if not isinstance(value, str):
        raise InputProblem(f"published must be a YYYY-MM-DD string, got {type(value).__name__}")
    s = value.strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        raise InputProblem(f"published {value!r} is not a YYYY-MM-DD date") from None


def extract_html(html: str) -> tuple[str, str | None]:
    """Body text and title of a web page (trafilatura). Its date is read by `_publication_date`."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    meta = trafilatura.extract_metadata(html, extensive=False)
    return text or "", meta.title if meta else None


def document_from_record(rec: dict, default_id: str | None = None, source: str | None = None,
                         published: date | None = None) -> Document:
    """Build a Document from one SCHEMA input object (aliases accepted).

    The date: the record's own `published` (source "input"), else `published` given by the caller (the
    CLI's --published: "input" too), else the page's metadata ("html"), else the URL ("url"). The text is
    read later, by the `published` stage ("text"). A record may name its `published_source` (a stored
    document being reprocessed keeps the source it had)."""
    if not isinstance(rec, dict):
        raise InputProblem(f"expected a JSON object, got {type(rec).__name__}")
    rec = {_ALIASES.get(k, k): v for k, v in rec.items() if not (k in _ALIASES and _ALIASES[k] in rec)}
    text = rec.get("text")
    title = rec.get("title")
    html = rec.get("html")
    if html is not None and not isinstance(html, str):
        raise InputProblem("html must be a string")
    if not text and html:
        text, html_title = extract_html(html)
        title = title or html_title
    if not isinstance(text, str) or not text.strip():
        raise InputProblem("no text: the record needs a non-empty 'text' (or 'maintext', or 'html')")
    doc_id = rec.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)):
        raise InputProblem("id must be a string")
    url = rec.get("url")
    pub, pub_source = _publication_date(rec, html, url, published)
    meta = DocMeta(
        id=str(doc_id) if doc_id not in (None, "") else (default_id or content_id(text)),
        url=url,
        outlet=rec.get("outlet"),
        title=title,
        published=pub,
        lang=rec.get("lang") or "ar",
        source_path=source,
        published_source=pub_source,
        published_precision=1 if pub is not None else None,
    )
    return Document(text, meta)


def _publication_date(rec: dict, html: str | None, url: object, override: date | None) -> tuple[date | None, str | None]:
    """(date, source) from the record, the caller, the page's metadata or the URL, in that order."""
    from marsad.published import SOURCES, date_from_html, date_from_url

    own = parse_published(rec.get("published"))
    if own is not None:
        src = rec.get("published_source")
        return own, src if src in SOURCES else "input"
    if override is not None:
        return override, "input"
    if html:
        x = date_from_html(html)
        if x is not None:
            return x, "html"
    x = date_from_url(url) if isinstance(url, str) else None
    if x is not None:
        return x, "url"
    if html:
        x = date_from_html(html, extensive=True)  # a date in the page's visible text, outside the body
        if x is not None:
            return x, "html"
    return None, None


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


def read_file(path: str, published: date | None = None) -> Iterator[Document | IngestError]:
    """Documents from one file ('-' is stdin). `published` is the date of any document that states none
    itself (.txt, .html, and JSON records without one); a record's own date always wins."""
    try:
        raw = decode(_read_bytes(path))
    except OSError as exc:
        yield IngestError(path, f"cannot read: {exc.strerror or exc}")
        return
    except UnicodeDecodeError as exc:
        yield IngestError(path, f"cannot decode text: {exc}")
        return
    suffix = Path(path).suffix.lower() if path != "-" else ""
    stem = Path(path).stem if path != "-" else None
    if suffix in (".jsonl", ".ndjson") or (suffix == "" and _looks_jsonl(raw)):
        for n, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield document_from_record(json.loads(line), source=path, published=published)
            except json.JSONDecodeError as exc:
                yield IngestError(path, f"invalid JSON: {exc.msg} (column {exc.colno})", n)
            except InputProblem as exc:
                yield IngestError(path, str(exc), n)
        return
    try:
        if suffix == ".json" or (suffix == "" and raw.lstrip().startswith(("{", "["))):
            data = json.loads(raw)
            records = data if isinstance(data, list) else [data]
            for i, rec in enumerate(records):
                default = stem if len(records) == 1 else f"{stem}-{i}"
                try:
                    yield document_from_record(rec, default_id=default, source=path, published=published)
                except InputProblem as exc:
                    yield IngestError(path, str(exc) if len(records) == 1 else f"record {i}: {exc}")
        elif suffix in (".html", ".htm") or raw.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
            text, title = extract_html(raw)
            if not text.strip():
                yield IngestError(path, "no article body found in the HTML")
                return
            yield document_from_record({"text": text, "title": title, "html": raw}, default_id=stem,
                                       source=path, published=published)
        else:
            if not raw.strip():
                yield IngestError(path, "empty file")
                return
            yield document_from_record({"text": raw}, default_id=stem, source=path, published=published)
    except json.JSONDecodeError as exc:
        yield IngestError(path, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
    except InputProblem as exc:
        yield IngestError(path, str(exc))


def _looks_jsonl(raw: str) -> bool:
    lines = [ln for ln in raw.splitlines() if ln.strip()]
    return len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:3])


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named directly, and files with a known suffix under named folders (sorted)."""
    for p in paths:
        if p != "-" and os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.lower().endswith(SUFFIXES):
                        yield os.path.join(root, f)
        else:
            yield p


def read_paths(paths: Iterable[str], published: date | None = None) -> Iterator[Document | IngestError]:
    for p in expand_paths(paths):
        yield from read_file(p, published)
