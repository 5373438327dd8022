"""Second pass over resolved candidates: overlaps, page furniture, "منذ" ranges, linked points and
anchored durations.

- overlaps: the longest expression wins ("أمس الأربعاء 26 كانون الثاني" over "26 كانون الثاني").
- furniture: dates in embedded-post signatures, render/crawl dates alone on a header or footer line
  ("الإثنين 11 رجب / 18 مارس 2019", "منذ 3 سنوات"), timestamps ("22 يوليو 2019 11:15").
- "منذ الخميس" -> from Thursday to publication; "مساء أمس وصباح اليوم" -> one two-day range.
- "بعد 6 أيام من الاشتباكات" -> the six days before the sentence's own date (else publication).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from marsad.model.document import Document
from marsad.model.spans import Taken
from marsad.stages.time.lexicon import TimeLexicon
from marsad.stages.time.parts import UNIT_DAYS, Cand

DAY = timedelta(days=1)
_SINCE = re.compile(r"(?:منذ|(?:ابتداء|اعتبارا|بدءا)\s+من)\s+$")
_SINCE_CLAUSE = re.compile(r"منذ\s+ان\s+\w+\s*,?\s*$")  # "منذ أن بدأت، أول أمس الثلاثاء"
_LINE_ONLY = frozenset({"date", "numeric", "english", "hijri", "wd", "ago", "year", "month", "range"})
_LINKABLE = frozenset({"rel", "wd", "date"})


def drop_overlaps(cands: list[Cand], order: dict[str, int]) -> list[Cand]:
    cands.sort(key=lambda c: (-(c.end - c.start), order[c.name], c.start))
    kept: list[Cand] = []
    taken = Taken()
    for c in cands:
        if taken.take(c.start, c.end):
            kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def mark_furniture(cands: list[Cand], doc: Document, lx: TimeLexicon, pub: date | None) -> None:
    text = doc.norm.text
    n_lines = text.count("\n") + 1
    for c in cands:
        os_, oe = doc.norm.to_original(c.start, c.end)
        if doc.furniture and doc.in_furniture(os_, oe):
            c.furniture = True
            continue
        if any(p.start <= os_ < p.end for p in doc.posts):
            c.furniture = True
            continue
        ls = text.rfind("\n", 0, c.start) + 1
        le = text.find("\n", c.end)
        le = len(text) if le < 0 else le
        if lx.signature.match(text, ls, le):
            c.furniture = True
            continue
        bar_s = text.rfind("|", ls, c.start)
        bar_e = text.find("|", c.end, le)
        ss, se = (bar_s + 1 if bar_s >= 0 else ls), (bar_e if bar_e >= 0 else le)
        if c.precision == "day" and c.name in _LINE_ONLY and lx.clock.match(text, c.end) \
                and not lx.clock_cue.search(text, max(ls, c.start - 12), c.start):
            c.furniture = True  # a timestamp: "22 يوليو 2019 11:15"
            continue
        if c.name in _LINE_ONLY:
            seg = list(text[ss:se])
            for o in cands:
                for i in range(max(o.start, ss), min(o.end, se)):
                    seg[i - ss] = " "
            rest = lx.furniture_rest.sub(" ", "".join(seg)).split()
            # a header/footer stamp: the date and at most one stray word ("الإثنين 11 رجب / 18 مارس 2019");
            # "منذ 3 سنوات" only when nothing else is on the line
            if len(rest) <= (0 if c.name == "ago" else 1):
                c.furniture = True
                continue
        if pub is not None and c.ds is not None and c.ds > pub + 2 * DAY:
            # a render/crawl date after publication sits in a short header or footer line, not a sentence
            line_no = text.count("\n", 0, c.start)
            line = text[ls:le].rstrip()
            near_edge = (n_lines > 1 and (line_no < 3 or line_no >= n_lines - 3) and len(line) < 80
                         and line[-1:] not in ".!?")
            if near_edge and not lx.future_cue.search(text, max(ls, c.start - 40), c.end):
                c.furniture = True


def link_points(cands: list[Cand], lx: TimeLexicon, text: str) -> list[Cand]:
    """"مساء أمس وصباح اليوم", "مساء الخميس واستمرت حتى فجر الجمعة" -> one range."""
    out: list[Cand] = []
    for c in cands:
        p = out[-1] if out else None
        if (p is not None and not p.furniture and not c.furniture and p.name in _LINKABLE
                and c.name in _LINKABLE and p.precision == c.precision == "day" and p.ds and c.ds and c.de
                and p.ds <= c.ds and (c.de - p.ds).days <= 14 and c.start - p.end <= 40
                and lx.link.match(text, p.end, c.start)):
            out[-1] = Cand(p.start, c.end, "range", p.ds, c.de, "day", min(p.confidence, c.confidence), "link")
            continue
        out.append(c)
    return out


def since_ranges(cands: list[Cand], text: str, pub: date | None) -> None:
    """"منذ الخميس الماضي" -> [Thursday, publication]."""
    for c in cands:
        if c.name == "ago" or c.kind == "duration" or pub is None or c.ds is None or c.ds > pub:
            continue
        m = _SINCE.search(text, max(0, c.start - 14), c.start)
        if m:
            c.start = m.start()
        if m or _SINCE_CLAUSE.search(text, max(0, c.start - 30), c.start):
            if c.kind == "weekday" and c.ds == pub:
                c.ds = pub - 7 * DAY  # "منذ الخميس" written on a Thursday means last Thursday
            c.de = pub
            c.kind = "range"


def anchor_durations(cands: list[Cand], doc: Document, pub: date | None) -> list[Cand]:
    out = []
    for i, c in enumerate(cands):
        if c.kind != "duration":
            out.append(c)
            continue
        os_, _ = doc.norm.to_original(c.start, c.end)
        si = doc.sentence_index(os_)
        anchor = pub
        for p in reversed(cands[:i]):
            po, _ = doc.norm.to_original(p.start, p.end)
            if doc.sentence_index(po) != si:
                break
            if not p.furniture and p.kind != "duration" and p.precision == "day" and p.de is not None:
                anchor = p.de
                c.confidence = min(c.confidence, p.confidence)
                break
        if anchor is None:
            continue
        if c.offset:
            c.ds, c.de, c.kind = anchor, anchor, "relative"
            out.append(c)
            continue
        days = c.count * UNIT_DAYS.get(c.unit, 1)
        span = days if c.name == "after" else max(0, days - UNIT_DAYS.get(c.unit, 1))
        if c.name != "after" and c.unit != "day":
            span = days - 1
        c.ds, c.de = anchor - span * DAY, anchor
        c.precision = "day" if c.unit == "day" else "week"
        c.kind = "range"
        out.append(c)
    return out
