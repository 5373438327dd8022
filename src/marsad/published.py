"""The article's publication date when the input does not give one: from the page's metadata, from the URL.

The text itself (datelines, date stamps, "اليوم الخميس 5 تشرين الأول 2016") is read by the `published`
stage (stages/published.py), which needs the time lexicon. Where a date came from is recorded in
`DocMeta.published_source`: "input" (the record's field or `--published`), "html", "url", "text", or
"crawl" (when an archive or feed client fetched the page, for an article that states no date at all).

    >>> date_from_url("https://example.org/news/2021/05/03/some-title/")
    datetime.date(2021, 5, 3)
    >>> date_from_url("https://example.org/alhayat/20351673") is None   # an id: there is no month 16
    True
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl, unquote, urlsplit

SOURCES = ("input", "html", "url", "text", "crawl")

# URL dates are trusted only in this range: an id that happens to read as a date is rarely this recent
# and this old at once (see `_ymd`)
MIN_YEAR, MAX_YEAR = 1990, 2035

_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTH_OR_DAY = re.compile(r"\d{1,2}")
# one path segment or query value that is a date by itself, or starts or ends with one:
# "2021-05-03", "2013-03-04-18-43-43", "2021-03-26-1.1470822", "2021_05_03_title"
_SEP_DATE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<s>[-_.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)")
# "20210503", "20161115", "202105031230" (with a clock time): a run of digits of exactly that shape
_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:(?P<h>[0-2]\d)(?P<mi>[0-5]\d)(?:[0-5]\d)?)?(?!\d)")
_DATE_PARAMS = frozenset({"date", "d", "day", "published", "pubdate", "publish_date", "publishdate", "dt"})
# a segment of letters only ("sport", "news") may sit between the year and the month: /2012/sport/11/17/
_WORDY = re.compile(r"[A-Za-z_-]{2,20}")


def _ymd(y: str | int, m: str | int, d: str | int) -> date | None:
    y, m, d = int(y), int(m), int(d)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _in_token(token: str) -> date | None:
    """A date written inside one path segment or query value ("2021-05-03", "20210503")."""
    for m in _SEP_DATE.finditer(token):
        x = _ymd(m["y"], m["m"], m["d"])
        if x is not None:
            return x
    for m in _COMPACT.finditer(token):
        if m["h"] is not None and int(m["h"]) > 23:
            continue
        x = _ymd(m["y"], m["m"], m["d"])
        if x is not None:
            return x
    return None


def _in_path(segments: list[str]) -> date | None:
    """/2021/05/03/, /2021/5/3/, /2012/sport/11/17/, /2018/0531/: a year segment and the month and day after it."""
    for i, seg in enumerate(segments):
        if not _YEAR.fullmatch(seg):
            continue
        rest = segments[i + 1:i + 4]
        if rest and _WORDY.fullmatch(rest[0]) and not rest[0].isdigit():
            rest = rest[1:]
        if len(rest) >= 2 and _MONTH_OR_DAY.fullmatch(rest[0]) and _MONTH_OR_DAY.fullmatch(rest[1]):
            x = _ymd(seg, rest[0], rest[1])
            if x is not None:
                return x
        if rest and re.fullmatch(r"[01]\d[0-3]\d", rest[0]):  # /2018/0531/
            x = _ymd(seg, rest[0][:2], rest[0][2:])
            if x is not None:
                return x
    return None


def _split(url: str) -> tuple[list[str], list[tuple[str, str]]]:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return [], []
    segments = [unquote(s) for s in parts.path.split("/") if s]
    return segments, parse_qsl(parts.query, keep_blank_values=False)


def date_from_url(url: str | None) -> date | None:
    """The date a URL states: /2021/05/03/, /2021-05-03/, /20210503/ in a path segment, ?date=2021-05-03.

    Strict: a year 1990..2035 and a real month and day; a date glued to other digits ("120210503") is not
    one; the host name is never read."""
    if not url or not isinstance(url, str):
        return None
    segments, query = _split(url)
    x = _in_path(segments)
    if x is not None:
        return x
    for seg in segments:
        x = _in_token(seg)
        if x is not None:
            return x
    for key, value in query:
        if key.lower() in _DATE_PARAMS:
            x = _in_token(value)
            if x is not None:
                return x
    return None


def month_from_url(url: str | None) -> tuple[int, int] | None:
    """(year, month) of a URL that names only those: /2015/09/title, /2012/2/715804.html. A date read from
    the text must fall in that month (or the first days of the next, for a late-night story)."""
    if not url or not isinstance(url, str):
        return None
    segments, _ = _split(url)
    for i, seg in enumerate(segments[:-1]):
        if _YEAR.fullmatch(seg) and _MONTH_OR_DAY.fullmatch(segments[i + 1]):
            y, m = int(seg), int(segments[i + 1])
            if MIN_YEAR <= y <= MAX_YEAR and 1 <= m <= 12:
                return y, m
    return None


def date_from_html(html: str, extensive: bool = False) -> date | None:
    """The publication date in a page's markup (htmldate): meta tags (article:published_time, og, Dublin
    Core, schema.org JSON-LD), <time> elements, the canonical URL. `extensive` also searches the page's
    visible text, which may find a render or crawl date, so the caller tries it last."""
    if not html or not isinstance(html, str):
        return None
    try:
        from htmldate import find_date
    except ImportError:  # htmldate comes with trafilatura; without it the other sources still work
        return None
    try:
        found = find_date(html, extensive_search=extensive, original_date=True,
                          min_date=f"{MIN_YEAR}-01-01", max_date=f"{MAX_YEAR}-12-31")
    except Exception:  # a malformed page must not cost the document
        return None
    if not found:
        return None
    try:
        return date.fromisoformat(found[:10])
    except ValueError:
        return None
