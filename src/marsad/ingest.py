"""Read input documents: JSON / JSON Lines (SCHEMA fields and news-please aliases), .txt, .html, stdin.

Every problem becomes an `IngestError` naming the file (and line) instead of an exception, so one bad
file never costs the results of the others.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from marsad.model.document import DocMeta, Document, content_id
from marsad.model.records import DATE_MAX, DATE_MIN
from marsad.text.normalize import is_arabic

SUFFIXES = (".json", ".jsonl", ".ndjson", ".txt", ".html", ".htm", ".jsonl.gz", ".ndjson.gz", ".warc",
            ".warc.gz", ".rss", ".atom", ".xml", ".urls")
_JSONL = (".jsonl", ".ndjson")
_JSONL_GZ = (".jsonl.gz", ".ndjson.gz")
_WARC = (".warc", ".warc.gz")
_FEED = (".rss", ".atom", ".xml")
_ALIASES = {"maintext": "text", "date_publish": "published", "source_domain": "outlet"}
FIRST_YEAR, LAST_YEAR = DATE_MIN.year, DATE_MAX.year     # publication dates outside are refused


@dataclass(frozen=True, slots=True)
class Limits:
    """What one input may be. A file or record over a limit is reported and skipped, never truncated."""

    max_chars: int = 2_000_000          # characters of one document's text (or HTML)
    max_file_bytes: int = 512 << 20     # one .json/.txt/.html file (JSON Lines are read a line at a time)
    max_line_bytes: int = 64 << 20      # one JSON Lines record


DEFAULT_LIMITS = Limits()
# string fields of a record and their longest accepted length (the store's columns hold these)
_FIELDS = {"id": 200, "url": 4096, "outlet": 500, "title": 2000, "lang": 16, "published_source": 16,
           "crawled": 40}


@dataclass(frozen=True, slots=True)
class IngestError:
    path: str
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """Records of an input passed over on purpose (a WARC archive's images and scripts): counted, not errors."""

    path: str
    count: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped {self.count:,} {self.reason}"


class InputProblem(ValueError):
    """A problem with one input record (the caller adds the file and line)."""


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(s: str) -> str:
    """The text as marsad keeps it: a lone surrogate (invalid UTF-16 escaped in JSON) becomes U+FFFD and NUL
    characters are removed, so every store and every output can hold it. Offsets refer to this text."""
    if "\x00" in s:
        s = s.replace("\x00", "")
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def _control_share(s: str) -> float:
    sample = s[:20000]
    bad = sum(1 for c in sample if c < " " and c not in "\t\n\r\f\v")
    return bad / max(1, len(sample))


def _arabic_letters(s: str) -> tuple[float, int]:
    """(share of Arabic among the letters, number of letters) of the first 20,000 characters."""
    letters = [c for c in s[:20000] if c.isalpha()]
    return sum(1 for c in letters if is_arabic(c)) / max(1, len(letters)), len(letters)


MIN_ARABIC = 0.25          # share of a text's letters that must be Arabic
_MIN_LETTERS = 40          # shorter texts are not judged


def _check_language(text: str, lang: str | None) -> None:
    """Refuse a text that is not Arabic: marsad would give it no events, and that must not pass silently."""
    share, letters = _arabic_letters(text)
    if letters >= _MIN_LETTERS and share < MIN_ARABIC:
        said = f"; its lang says {lang!r}" if lang and lang != "ar" else ""
        raise InputProblem(f"not Arabic: {share:.0%} of its letters are Arabic{said} (marsad reads Arabic news)")


def _utf16_order(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for BOM-less UTF-16 text (its high bytes are almost all 0x00 or 0x06:
    Latin and Arabic), else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    for order, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        plain = high.count(0) + high.count(6)
        if plain >= 0.95 * len(high):
            return order
    return None


def decode(data: bytes) -> str:
    """Decode text that is UTF-8 (with or without BOM), UTF-16 (with or without BOM) or windows-1256.

    UTF-8 with a few bad bytes (under a tenth of its non-ASCII bytes) keeps its text, each bad byte read as U+FFFD. Anything else
    (binary data, another encoding) raises InputProblem: it is never read as text by guesswork."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputProblem("not text: a UTF-16 byte-order mark, but invalid UTF-16") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if "\x00" in text and (order := _utf16_order(data)):
            return data.decode(order, errors="replace")
        if _control_share(text) > 0.01:
            raise InputProblem("binary data, not text")
        return text
    if order := _utf16_order(data):
        return data.decode(order, errors="replace")
    lenient = data.decode("utf-8", errors="replace")
    high = len(data.translate(None, bytes(range(128))))  # bytes >= 0x80
    if lenient.count("\ufffd") <= 0.1 * high and _control_share(lenient) <= 0.01:
        return lenient  # UTF-8 with a few damaged bytes: in windows-1256 nearly every high byte is invalid
    if b"\x00" not in data:
        text = data.decode("cp1256", errors="replace")
        if _control_share(text) <= 0.01 and _arabic_letters(text)[0] >= 0.5:
            return text
    raise InputProblem("binary data or an unknown encoding (marsad reads UTF-8, UTF-16 and windows-1256)")


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
        d = date.fromisoformat(s[:10])
    except ValueError:
        raise InputProblem(f"published {value[:40]!r} is not a YYYY-MM-DD date") from None
    if not FIRST_YEAR <= d.year <= LAST_YEAR:
        raise InputProblem(f"published {d.isoformat()} is outside the years {FIRST_YEAR}-{LAST_YEAR}")
    return d


def _string(rec: dict, name: str, limit: int) -> str | None:
    """Field `name` of a record as a clean string (None when absent); other types are refused."""
    v = rec.get(name)
    if v is None:
        return None
    if name == "id" and isinstance(v, int) and not isinstance(v, bool):
        v = str(v)
    if not isinstance(v, str):
        kind = "a string or an integer" if name == "id" else "a string"
        raise InputProblem(f"{name} must be {kind}, got {type(v).__name__}")
    if len(v) > limit:
        raise InputProblem(f"{name} has {len(v)} characters; at most {limit} are accepted")
    return clean_text(v)


def _body(rec: dict, name: str, limits: Limits) -> str | None:
    v = rec.get(name)
    if v is None:
        return None
    if not isinstance(v, str):
        raise InputProblem(f"{name} must be a string, got {type(v).__name__}")
    if len(v) > limits.max_chars:
        raise InputProblem(f"{name} has {len(v):,} characters; the limit is {limits.max_chars:,} (--max-chars)")
    return clean_text(v)


def document_from_record(rec: object, default_id: str | None = None, source: str | None = None,
                         published: date | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Build a Document from one SCHEMA input object (aliases accepted), after checking it: every field has
    its type and a sane size, text is cleaned (`clean_text`), the date lies in 1900-2100.

    The date: the record's own `published` (source "input"), else `published` given by the caller (the
    CLI's --published: "input" too), else the page's metadata ("html"), else the URL ("url"). The text is
    read later, by the `published` stage ("text"). A record may name its `published_source` (a stored
    document being reprocessed keeps the source it had)."""
    if not isinstance(rec, dict):
        raise InputProblem(f"expected a JSON object, got {type(rec).__name__}")
    rec = {_ALIASES.get(k, k): v for k, v in rec.items() if not (k in _ALIASES and _ALIASES[k] in rec)}
    meta = {k: _string(rec, k, n) for k, n in _FIELDS.items()}
    text, html = _body(rec, "text", limits), _body(rec, "html", limits)
    if not (text and text.strip()) and html:
        from marsad.inputs.pages import page_record

        page = page_record(html, meta["url"])
        text = clean_text(page["text"])
        if not text.strip():
            raise InputProblem("no article body found in the HTML")
        for k in ("title", "url", "outlet"):   # the record's own fields win over the page's metadata
            if not meta[k] and page.get(k):
                meta[k] = clean_text(page[k])[:_FIELDS[k]]
    if not text or not text.strip():
        raise InputProblem("no text: the record needs a non-empty 'text' (or 'maintext', or 'html')")
    _check_language(text, meta["lang"])
    rec["published_source"] = meta["published_source"]
    pub, pub_source = _publication_date(rec, html, meta["url"], published)
    doc_meta = DocMeta(
        id=meta["id"] or default_id or content_id(text),
        url=meta["url"],
        outlet=meta["outlet"],
        title=meta["title"],
        published=pub,
        lang=meta["lang"] or "ar",
        source_path=source,
        published_source=pub_source,
        published_precision=1 if pub is not None else None,
        crawled=meta["crawled"],
    )
    return Document(text, doc_meta)


def _plausible(d: date | None) -> bool:
    return d is not None and FIRST_YEAR <= d.year <= LAST_YEAR


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
        if _plausible(x):
            return x, "html"
    x = date_from_url(url) if isinstance(url, str) else None
    if _plausible(x):
        return x, "url"
    if html:
        x = date_from_html(html, extensive=True)  # a date in the page's visible text, outside the body
        if _plausible(x):
            return x, "html"
    return None, None


def _open_regular(path: str, limit: int | None):
    """Open a regular file for reading bytes; special files (FIFOs, devices, sockets) and files over `limit`
    bytes raise InputProblem, so nothing hangs on a pipe or fills memory from /dev/zero."""
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise InputProblem("is a folder with no .json, .jsonl, .txt or .html files in it")
    if not stat.S_ISREG(st.st_mode):
        raise InputProblem("not a regular file (a pipe, device or socket); give a file, a folder or -")
    if limit is not None and st.st_size > limit:
        raise InputProblem(f"file has {st.st_size:,} bytes; the limit is {limit:,}")
    return open(path, "rb")


def _read_all(path: str, limits: Limits) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(limits.max_file_bytes + 1)
    with _open_regular(path, limits.max_file_bytes) as fh:
        return fh.read(limits.max_file_bytes + 1)


def _kind(path: str, head: str) -> str:
    """jsonl | json | html | text | feed for a file, by its suffix, else (no or an unknown suffix) by its
    content."""
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in _JSONL:
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".txt":
        return "text"
    start = head.lstrip()
    if _looks_feed(start):
        return "feed"
    if suffix in _FEED:
        raise InputProblem(f"not an RSS or Atom feed, though its name ends in {suffix}")
    if start.startswith("{") and _looks_jsonl(head):
        return "jsonl"
    if start.startswith(("{", "[")):
        return "json"
    if start[:15].lower().startswith(("<!doctype", "<html")):
        return "html"
    if path == "-":
        return "text"
    raise InputProblem("unknown kind of file: not JSON, HTML, a feed or a WARC archive, and its name does not "
                       "end in .json, .jsonl, .txt or .html (name a plain-text article .txt)")


def _json_loads(raw: str) -> object:
    """json.loads with every way it can fail as InputProblem (huge integers, deep nesting included)."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputProblem(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise InputProblem(f"invalid JSON: {str(exc)[:120]}") from None


def _jsonl_lines(fh, limits: Limits) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of a JSON Lines stream, a line at a time; a line over the limit gives None."""
    n = 0
    while True:
        line = fh.readline(limits.max_line_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > limits.max_line_bytes and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the long line
            yield n, None
            continue
        yield n, line


def _read_jsonl(fh, path: str, published: date | None, limits: Limits) -> Iterator[Document | IngestError]:
    for n, line in _jsonl_lines(fh, limits):
        if line is None:
            yield IngestError(path, f"record longer than {limits.max_line_bytes:,} bytes", n)
            continue
        if n == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[3:]
        if not line.strip():
            continue
        try:
            yield document_from_record(_json_loads(line.decode("utf-8")), source=path, published=published,
                                       limits=limits)
        except UnicodeDecodeError as exc:
            yield IngestError(path, f"not UTF-8 (byte {exc.start}): JSON Lines must be UTF-8", n)
        except InputProblem as exc:
            yield IngestError(path, str(exc), n)


def _name(path: str) -> str:
    return "" if path == "-" else Path(path).name.lower()


def read_file(path: str, published: date | None = None, limits: Limits = DEFAULT_LIMITS,
              fetcher=None) -> Iterator[Document | IngestError | Skipped]:
    """Documents from one file ('-' is stdin). `published` is the date of any document that states none
    itself (.txt, .html, and JSON records without one); a record's own date always wins.

    Every problem is an IngestError naming the file (and the line of a JSON Lines record); JSON Lines
    (plain or gzipped) and WARC archives are streamed a record at a time, other files are read whole (up to
    `limits.max_file_bytes`). A `.urls` file lists pages to fetch with `fetcher` (inputs.http.Fetcher)."""
    name = _name(path)
    try:
        if name.endswith(_JSONL + _JSONL_GZ + _WARC):
            with _open_regular(path, None) as fh:
                yield from _read_stream(fh, path, name, published, limits)
            return
        data = _read_all(path, limits)
    except OSError as exc:
        yield IngestError(path, f"cannot read: {exc.strerror or exc}")
        return
    except InputProblem as exc:
        yield IngestError(path, str(exc))
        return
    if name.endswith(".urls"):
        from marsad.inputs.urls import read_urls

        yield from read_urls(data, path, published, limits, fetcher)
        return
    yield from read_bytes(data, path, published, limits)


def _read_stream(fh, path: str, name: str, published: date | None,
                 limits: Limits) -> Iterator[Document | IngestError | Skipped]:
    """A JSON Lines stream (gzipped or not) or a WARC archive, a record at a time, as `name` ends."""
    if name.endswith(_WARC):
        from marsad.inputs.warc import read_warc

        yield from read_warc(fh, path, published, limits)
        return
    if name.endswith(_JSONL_GZ):
        import gzip
        import zlib

        n = 0
        try:
            with gzip.GzipFile(fileobj=fh) as gz:
                for item in _read_jsonl(gz, path, published, limits):
                    n += 1
                    yield item
        except (OSError, EOFError, zlib.error) as exc:
            yield IngestError(path, f"damaged gzip data after {n:,} records: {str(exc)[:120]}")
        return
    yield from _read_jsonl(fh, path, published, limits)


def read_bytes(data: bytes, path: str, published: date | None = None,
               limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | IngestError | Skipped]:
    """Documents from the bytes of a file named `path` (its suffix, else its content, says how to read
    them, as in `read_file`; nothing is read from disk or the network: a list of URLs is refused)."""
    name = _name(path)
    if data.startswith(b"WARC/") and not name.endswith(_JSONL + _JSONL_GZ):
        name = ".warc"                               # an archive under another name (stdin, say)
    if name.endswith(_JSONL + _JSONL_GZ + _WARC):
        yield from _read_stream(io.BufferedReader(io.BytesIO(data)), path, name, published, limits)
    elif name.endswith(".urls"):
        yield IngestError(path, "a list of URLs is fetched only from a file given to `marsad ingest`")
    elif data.startswith(b"\x1f\x8b"):               # gzip with no telling name (stdin, say): look inside
        yield from _read_gzip(data, path, published, limits)
    else:
        yield from _read_decoded(data, path, published, limits)


def _read_gzip(data: bytes, path: str, published: date | None,
               limits: Limits) -> Iterator[Document | IngestError | Skipped]:
    """Gzip data read as the JSON Lines or the WARC archive inside it."""
    inner = _gunzip_head(data)
    if inner.startswith(b"WARC/"):
        kind_name = ".warc.gz"
    elif _looks_jsonl(inner.decode("utf-8", "replace")):
        kind_name = ".jsonl.gz"
    else:
        yield IngestError(path, "gzip-compressed, but neither JSON Lines nor a WARC archive inside (marsad "
                                "reads .jsonl.gz and .warc.gz)")
        return
    yield from _read_stream(io.BufferedReader(io.BytesIO(data)), path, kind_name, published, limits)


def _read_decoded(data: bytes, path: str, published: date | None,
                  limits: Limits) -> Iterator[Document | IngestError | Skipped]:
    """A file within the size limit, decoded and read as its kind (JSON Lines, a feed, JSON, HTML, text)."""
    try:
        if len(data) > limits.max_file_bytes:
            raise InputProblem(f"input is over the limit of {limits.max_file_bytes:,} bytes")
        raw = decode(data)
        kind = _kind(path, raw[:65536])
    except InputProblem as exc:
        yield IngestError(path, str(exc))
        return
    stem = Path(path).stem if path != "-" else None
    if kind == "jsonl":  # JSON Lines recognised by content: the same reader as a .jsonl file
        yield from _read_jsonl(io.BytesIO(raw.encode("utf-8", "surrogatepass")), path, published, limits)
        return
    if kind == "feed":
        from marsad.inputs.feeds import read_feed

        yield from read_feed(data, path, published, limits)
        return
    try:
        if kind == "json":
            yield from _json_documents(raw, stem, path, published, limits)
        elif kind == "html":
            if len(raw) > limits.max_chars:
                raise InputProblem(f"page has {len(raw):,} characters; the limit is {limits.max_chars:,} "
                                   "(--max-chars)")
            yield document_from_record({"html": clean_text(raw)}, default_id=stem, source=path,
                                       published=published, limits=limits)
        else:
            if not raw.strip():
                raise InputProblem("empty file")
            yield document_from_record({"text": raw}, default_id=stem, source=path, published=published,
                                       limits=limits)
    except InputProblem as exc:
        yield IngestError(path, str(exc))


def _json_documents(raw: str, stem: str | None, path: str, published: date | None,
                    limits: Limits) -> Iterator[Document | IngestError]:
    """The records of a JSON file (one object or a list); a bad record is an error of its own."""
    parsed = _json_loads(raw)
    records = parsed if isinstance(parsed, list) else [parsed]
    if not records:
        raise InputProblem("an empty JSON list: no documents")
    for i, rec in enumerate(records):
        default = stem if len(records) == 1 else f"{stem}-{i}"
        try:
            yield document_from_record(rec, default_id=default, source=path, published=published, limits=limits)
        except InputProblem as exc:
            yield IngestError(path, str(exc) if len(records) == 1 else f"record {i}: {exc}")


def _gunzip_head(data: bytes, n: int = 65536) -> bytes:
    """The first (up to) `n` bytes inside gzip data; b"" when it is damaged."""
    import zlib

    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:n], n)
    except zlib.error:
        return b""


def _looks_feed(start: str) -> bool:
    head = start[:4096].lower()
    if head.startswith("<?xml"):
        return any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))
    return head.startswith(("<rss", "<feed"))


def _looks_jsonl(head: str) -> bool:
    lines = [ln for ln in head.split("\n") if ln.strip()][:3]  # JSON Lines end at \n only
    return len(lines) > 1 and all(ln.lstrip().startswith("{") and ln.rstrip().endswith("}") for ln in lines[:2])


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named directly, and files with a known suffix under named folders (sorted). A folder with no
    such file is passed on as itself, so that the reader reports it."""
    for p in paths:
        if p != "-" and os.path.isdir(p):
            found = False
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    full = os.path.join(root, f)
                    if f.lower().endswith(SUFFIXES) and not os.path.isdir(full):
                        found = True
                        yield full
            if not found:
                yield p
        else:
            yield p


def read_paths(paths: Iterable[str], published: date | None = None, limits: Limits = DEFAULT_LIMITS,
               fetcher=None) -> Iterator[Document | IngestError | Skipped]:
    for p in expand_paths(paths):
        yield from read_file(p, published, limits, fetcher)
