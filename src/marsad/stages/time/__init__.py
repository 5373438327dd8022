"""Stage `time`: date expressions in Arabic news, resolved against the publication date.

Patterns (patterns.py, built from the word tables of lexicon.py) run over the normalised view around
their anchors (scan.py); matches are resolved (resolve.py; the date grammar in grammar.py, holidays in
holidays.py), then overlaps, furniture, ranges and anchored durations are settled (combine.py). Offsets
in the resulting `TimeExpr`s are original-text offsets. `attach_date` (attach.py) picks an event's date.
"""

from __future__ import annotations

import unicodedata

from marsad.model.document import Document
from marsad.model.records import DATE_MAX, DATE_MIN, TimeExpr
from marsad.stages.base import stage
from marsad.stages.resources import Resources
from marsad.stages.time.attach import attach_date
from marsad.stages.time.combine import (
    anchor_durations,
    drop_overlaps,
    link_points,
    mark_furniture,
    since_ranges,
)
from marsad.stages.time.lexicon import TimeLexicon
from marsad.stages.time.resolve import resolve

__all__ = ["TimeLexicon", "attach_date", "find_times"]


@stage("time", needs=("sentences", "furniture", "posts"), adds=("times",), resources=("time",))
def find_times(doc: Document, res: Resources) -> None:
    """Fill `doc.times` (start-sorted TimeExpr, original offsets)."""
    lx = res.time
    text = doc.norm.text
    pub = doc.published
    cands = []
    for i, m in lx.scanner.matches(text):
        s, e = m.span("x")
        future_ok = lx.future_cue.search(text, max(0, s - 40), e) is not None
        try:
            c = resolve(lx.patterns[i].name, m, lx, pub, future_ok)
        except (ValueError, OverflowError):  # arithmetic past the calendar's ends ("قبل 9999 عام" in 1905)
            c = None
        if c is not None:
            cands.append(c)
    cands = drop_overlaps(cands, lx.order)
    mark_furniture(cands, doc, lx, pub)
    cands = link_points(cands, lx, text)
    since_ranges(cands, lx, text, pub)
    cands = anchor_durations(cands, doc, pub)
    out = []
    n = len(doc.text)
    tatweel = lx.script.tatweel
    for c in cands:
        if c.ds is None or c.de is None or not (DATE_MIN <= c.ds and c.de <= DATE_MAX):
            continue
        os_, oe = doc.norm.to_original(c.start, c.end)
        while oe < n and _is_mark(doc.text[oe], tatweel):
            oe += 1  # keep a trailing tatweel or diacritic: "هـ", "غداً"
        out.append(TimeExpr(os_, oe, doc.text[os_:oe], c.ds, c.de, c.precision, round(c.confidence, 2),
                            c.kind, c.furniture))
    out.sort(key=lambda t: t.start)
    doc.times = out


def _is_mark(ch: str, tatweel: str) -> bool:
    return ch == tatweel or unicodedata.category(ch) == "Mn"
