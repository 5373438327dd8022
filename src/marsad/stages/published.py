"""Stage `published`: the article's publication date read from its own text, when the input gave none.

It runs after `time`, which resolved every full date without an anchor, and when it finds the date it runs
`time` again, so that "أمس" and "الخميس" resolve against it exactly as against an input date. In order of
trust (`published_precision` 1 unless said):

1. a date after a publication cue, on a stamp line or near the top or the end: "نشرت في : 13/07/2015";
2. a date the text says is today, or yesterday: "اليوم الخميس 14 جانفي 2021" -> 2021-01-14,
   "أمس الأحد (13 مارس 2016)" -> 2016-03-14;
3. (a date stamp near the top on a line of its own: left out, it is as often the page's render date);
4. the lead's full date (a dateline): "الجزائر 30 مايو 2018 (شينخوا) ...";
5. a date stamp on the last lines;
6. last resort: the latest full date the text states that is not a recalled event's ("يذكر أن العمليات
   انطلقت في ..."), or of an embedded post or a linked tweet, with `published_precision` 2.

For 4 and 6, a weekday the text gives for today ("اليوم السبت", "أمس الجمعة") moves the date forward to
it (at most a week); 3 to 5 must not come before a date the body reports; a URL that names only a month
(/2015/09/) must agree with any of them. Words are data: resources/data/published_cues.json, and the time
lexicon's month names, weekdays and relative days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from marsad.model.document import Document
from marsad.model.records import TimeExpr
from marsad.published import MAX_YEAR, MIN_YEAR, month_from_url
from marsad.resources.registry import read_json
from marsad.stages.base import stage
from marsad.stages.resources import Resources
from marsad.stages.time import TimeLexicon, find_times
from marsad.text.match import phrase_alternation
from marsad.text.normalize import fold

DAY = timedelta(days=1)
_DIGIT = re.compile(r"\d")
_TWEET = re.compile(r"(?<![\w.-])(?:(?:www|mobile)\.)?(?:twitter|x)\.com/\w{1,30}/status(?:es)?/(\d{15,20})(?!\d)", re.I)
_SNOWFLAKE_EPOCH_MS = 1288834974657


@dataclass(frozen=True)
class PublishedCues:
    """Compiled cue patterns (from published_cues.json and the time lexicon)."""

    stamp: re.Pattern          # opens a line or sentence, and ends right before a date: "نشر في :"
    background: re.Pattern     # a recalled event's sentence
    anchor: re.Pattern         # ends right before a date's digits: "اليوم الخميس ("
    today: re.Pattern          # "اليوم السبت", "أمس (الجمعة)" anywhere
    past: re.Pattern           # "الماضي" inside a date expression
    since: re.Pattern          # "منذ" right before a date (the start of a period that runs on)
    reldays: dict[str, int]
    weekdays: dict[str, int]
    head_chars: int
    foot_lines: int
    week_days: int

    @classmethod
    def load(cls, lx: TimeLexicon | None = None) -> PublishedCues:
        d = read_json("published_cues.json")
        lx = lx or TimeLexicon.load()
        rel = phrase_alternation(lx.reldays)
        wd = phrase_alternation(lx.weekdays)
        day = phrase_alternation(fold(s) for s in d["day_words"])
        return cls(
            stamp=re.compile(rf"(?:^|[.!?|•\-:])\s*(?:{phrase_alternation(fold(s) for s in d['stamp_cues'])})\s*[:\-]?\s*$", re.M),
            background=re.compile(rf"(?<!\w)(?:{phrase_alternation(fold(s) for s in d['background_cues'])})(?!\w)"),
            anchor=re.compile(rf"(?<!\w)(?:(?:{day})\s+)?(?P<rel>{rel})(?:\s*,?\s*\(?\s*(?:(?:{day})\s+)?(?P<wd>{wd})"
                              rf"\s*\)?)?\s*[,(\-]?\s*$"),
            today=re.compile(rf"(?<!\w)(?:(?:{day})\s+)?(?P<rel>{rel})\s*,?\s*\(?\s*(?:(?:{day})\s+)?(?P<wd>{wd})(?!\w)"),
            past=re.compile(rf"(?<!\w)(?:{phrase_alternation(lx.past)})(?!\w)"),
            since=re.compile(rf"(?<!\w)(?:{phrase_alternation(fold(s) for s in d['since_cues'])})\s*$"),
            reldays={re.sub(r"\s+", " ", k): v for k, v in lx.reldays.items()},
            weekdays=dict(lx.weekdays),
            head_chars=int(d["head_chars"]),
            foot_lines=int(d["foot_lines"]),
            week_days=int(d["week_days"]),
        )


@dataclass(frozen=True, slots=True)
class _Full:
    """A full date (day, month and year) the text states, with where it stands."""

    day: date
    start: int          # original offsets
    end: int
    ns: int             # normalised offsets
    ne: int
    furniture: bool     # a stamp line (or a post signature: see `post`)
    post: bool


@stage("published", needs=("sentences", "furniture", "posts", "times"), adds=("published",),
       resources=("time", "published"))
def recover_published(doc: Document, res: Resources) -> None:
    """Set `doc.meta.published` from the text when the input had no date, and re-run `time` against it."""
    if doc.meta.published is not None:
        return
    cues = res.published
    found = find_published(doc, res.time, cues)
    if found is not None:
        day, precision = found
        doc.meta = replace(doc.meta, published=day, published_source="text", published_precision=precision)
    elif (crawled := _crawl_day(doc.meta.crawled)) is not None:
        # fetched then: published on that day or before it (an archive of news is crawled within days)
        doc.meta = replace(doc.meta, published=crawled, published_source="crawl", published_precision=2)
    else:
        return
    find_times(doc, res)


def _crawl_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def find_published(doc: Document, lx: TimeLexicon, cues: PublishedCues) -> tuple[date, int] | None:
    """(publication date, precision 1|2) read from `doc.times` (resolved without an anchor), or None."""
    d = _Dates.read(doc, lx, cues)
    found = _stamped(d) or _said_today(d)
    if found is not None:
        return found
    # (A date stamp near the top on a line of its own was tried as step 3 and left out: on the annotated
    # articles such a stamp was as often the page's render or crawl date as the article's, and blind date
    # accuracy fell.)
    today = _today_weekday(doc, cues)
    return _lead_date(d, today) or _foot_stamp(d) or _latest(d, today)


@dataclass
class _Dates:
    """An article's full dates, read for its publication date: all of them, those its body reports (no page
    furniture, post or future), the latest reported one not recalled (`bound`), where its last lines begin
    and the month its URL names."""

    doc: Document
    cues: PublishedCues
    norm: str
    fulls: list[_Full]
    body: list[_Full]
    bound: date | None
    foot: int
    month: tuple[int, int] | None

    @classmethod
    def read(cls, doc: Document, lx: TimeLexicon, cues: PublishedCues) -> _Dates:
        norm = doc.norm.text
        fulls = _fulls(doc)
        month = month_from_url(doc.meta.url)
        body = [f for f in fulls if not f.furniture and not f.post and not _future(lx, norm, f)]
        bound = max((f.day for f in body if not _recalled(doc, cues, f)), default=None)
        return cls(doc, cues, norm, fulls, body, bound, _foot_start(norm, cues.foot_lines), month)

    def fits(self, x: date) -> bool:
        """Within the years taken and, when the URL names a month, in it (or the week before it)."""
        if not MIN_YEAR <= x.year <= MAX_YEAR:
            return False
        if self.month is None:
            return True
        first = date(*self.month, 1)
        nxt = date(self.month[0] + self.month[1] // 12, self.month[1] % 12 + 1, 1)
        return first - 7 * DAY <= x < nxt

    def consistent(self, x: date) -> bool:
        """Fits, and not before a date the body reports."""
        return self.fits(x) and (self.bound is None or x >= self.bound)


def _stamped(d: _Dates) -> tuple[date, int] | None:
    """1. "نشر في: 13/07/2015" opening a line or sentence, on a stamp line, near the top or on the last lines
    ("أصدرت المحكمة حكمها بتاريخ ..." in the body is not one)."""
    cues, norm = d.cues, d.norm
    for f in d.fulls:
        where = f.furniture or f.start < cues.head_chars or f.ns >= d.foot
        if where and not f.post and cues.stamp.search(norm, max(0, f.ns - 30), f.ns) and d.fits(f.day):
            return f.day, 1
    return None


def _said_today(d: _Dates) -> tuple[date, int] | None:
    """2. "اليوم الخميس 14 جانفي 2021", "أمس الأحد (13 مارس 2016)"."""
    for f in d.fulls:
        if f.post:
            continue
        x = _anchored(d.doc, d.cues, f)
        if x is not None and d.fits(x):
            return x, 1
    return None


def _lead_date(d: _Dates, today: int | None) -> tuple[date, int] | None:
    """4. The lead's own date, moved forward to the weekday the text gives for today."""
    cues = d.cues
    for f in d.body:
        if f.start >= cues.head_chars:
            break
        if _past(cues, d.norm, f) or _recalled(d.doc, cues, f):
            continue
        x = _forward(f.day, today, cues.week_days)
        if d.consistent(x):
            return x, 1
    return None


def _foot_stamp(d: _Dates) -> tuple[date, int] | None:
    """5. A stamp on the last lines."""
    tail = [f.day for f in d.fulls if f.furniture and not f.post and f.ns >= d.foot and d.consistent(f.day)]
    return (min(tail), 1) if tail else None


def _latest(d: _Dates, today: int | None) -> tuple[date, int] | None:
    """6. The latest full date stated (a lower bound of the publication date), of the body, a post or a tweet."""
    pool = [f.day for f in d.body if not _recalled(d.doc, d.cues, f)]
    pool += [p.date for p in d.doc.posts if p.date is not None]
    pool += tweet_dates(d.doc.text)
    pool = [x for x in pool if d.fits(x)]
    if not pool:
        return None
    x = _forward(max(pool), today, d.cues.week_days)
    return (x, 2) if d.fits(x) else (max(pool), 2)


def tweet_dates(text: str) -> list[date]:
    """The days of the tweets a text links to: a status id carries its own time (Twitter's "snowflake"
    ids, since November 2010: milliseconds since 2010-11-04 in the bits above the 22nd)."""
    out = []
    for m in _TWEET.finditer(text):
        ms = (int(m[1]) >> 22) + _SNOWFLAKE_EPOCH_MS
        if ms > _SNOWFLAKE_EPOCH_MS:
            out.append(datetime.fromtimestamp(ms / 1000, tz=UTC).date())
    return out


def _fulls(doc: Document) -> list[_Full]:
    out = []
    for t in doc.times:
        if not _is_full(t):
            continue
        ns, ne = doc.norm.to_norm(t.start, t.end)
        post = any(p.start <= t.start < p.end for p in doc.posts)
        out.append(_Full(t.date_start, t.start, t.end, ns, ne, t.furniture, post))
    return out


def _is_full(t: TimeExpr) -> bool:
    """A single day with its year written out (resolved without an anchor, so the year is the text's)."""
    return (t.precision == "day" and t.kind == "absolute" and t.date_start == t.date_end
            and t.confidence >= 0.9)


def _future(lx: TimeLexicon, norm: str, f: _Full) -> bool:
    return lx.future_cue is not None and lx.future_cue.search(norm, max(0, f.ns - 40), f.ne) is not None


def _past(cues: PublishedCues, norm: str, f: _Full) -> bool:
    """"يوم الأربعاء الماضي 21 أيار 2014", "منذ 22 فيفري 2019": an earlier day, not the article's."""
    return cues.past.search(norm, f.ns, f.ne) is not None or cues.since.search(norm, max(0, f.ns - 20), f.ns) is not None


def _recalled(doc: Document, cues: PublishedCues, f: _Full) -> bool:
    """The date of a recalled event: a background cue earlier in its sentence, or "منذ" right before it."""
    si = doc.sentence_index(f.start)
    s0 = doc.norm.to_norm(doc.sentences[si].start, doc.sentences[si].start)[0] if si >= 0 else max(0, f.ns - 80)
    norm = doc.norm.text
    return cues.background.search(norm, s0, f.ns) is not None or cues.since.search(norm, max(0, f.ns - 20), f.ns) is not None


def _anchored(doc: Document, cues: PublishedCues, f: _Full) -> date | None:
    """The publication date when the text says which day this date is: "اليوم الخميس 14 ..." (that day),
    "أمس (الأحد) 13 ..." (the next day). The weekday, when given, must be the date's."""
    norm = doc.norm.text
    m = _DIGIT.search(norm, f.ns, f.ne)
    if m is None:
        return None
    a = cues.anchor.search(norm, max(0, f.ns - 50), m.start())
    if a is None:
        return None
    offset = cues.reldays.get(re.sub(r"\s+", " ", a["rel"]))
    if offset is None:
        return None
    if a["wd"] and cues.weekdays.get(re.sub(r"\s+", " ", a["wd"])) != f.day.weekday():
        return None
    return f.day - offset * DAY


def _today_weekday(doc: Document, cues: PublishedCues) -> int | None:
    """The weekday of publication, when the text names it consistently: "اليوم السبت" (Saturday), "أمس
    الجمعة" (Saturday too). None when it names none, or several."""
    seen = set()
    for m in cues.today.finditer(doc.norm.text):
        start, end = doc.norm.to_original(m.start(), m.end())
        if doc.in_furniture(start, end) or any(p.start <= start < p.end for p in doc.posts):
            continue
        offset = cues.reldays.get(re.sub(r"\s+", " ", m["rel"]))
        wd = cues.weekdays.get(re.sub(r"\s+", " ", m["wd"]))
        if offset is not None and wd is not None:
            seen.add((wd - offset) % 7)
    return seen.pop() if len(seen) == 1 else None


def _forward(x: date, weekday: int | None, days: int) -> date:
    """The first day on or after `x` that falls on `weekday` (within `days`); `x` itself otherwise."""
    if weekday is None:
        return x
    k = (weekday - x.weekday()) % 7
    return x + k * DAY if k <= days else x


def _foot_start(norm: str, n: int) -> int:
    """Normalised offset where the last `n` non-empty lines begin."""
    starts = [m.start() for m in re.finditer(r"^[^\n]*\S", norm, re.M)]
    return starts[-n] if len(starts) >= n else 0
