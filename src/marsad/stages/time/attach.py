"""Which date an event gets: the nearest expression in its own sentence, else the nearest governing one
earlier in the paragraph (or at the head of a sentence a few sentences back), else the article's lead
date, else the publication date with ACLED time_precision 2 ("reported on").

    "والخميس 20 كانون الثاني، بدأ هجوم خلايا داعش بتفجير سيارة مفخخة"  -> 2022-01-20, precision 1
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from marsad.model.document import Document
from marsad.model.records import TimeExpr
from marsad.model.spans import Spans

# another paragraph's date governs only from the head of its sentence ("وأمس الأربعاء 26 كانون الثاني،
# أعلنت ..." yes, "... يوم الثلاثاء الماضي" no); at most _BACK_SENTENCES back
# a long range ("منذ 22 فيفري 2019") is background, not the event's own day: prefer any closer point
_LONG_RANGE_PENALTY = 400
_LONG = timedelta(days=14)
_BACK_SENTENCES = 4
_HEAD_CHARS = 25
_LEAD_WINDOW = timedelta(days=14)


def _long(t: TimeExpr) -> bool:
    return t.kind == "range" and t.date_end - t.date_start > _LONG


def _governs(t: TimeExpr) -> bool:
    """Can this expression date the sentences after it? Points and months yes; durations, ranges and
    vague spans ("منذ سنوات") no."""
    return t.kind in ("absolute", "relative", "weekday") and t.precision != "year" and t.confidence >= 0.6


def _lead(doc: Document, times: Sequence[TimeExpr]) -> TimeExpr | None:
    """The article's own date: its first day-level point within two weeks before publication
    ("مساء أمس الثلاثاء" in the lead paragraph), which dates undated sentences after it."""
    pub = doc.published
    for t in times:
        if _governs(t) and t.precision == "day" and t.confidence >= 0.85 and (pub is None or pub - _LEAD_WINDOW <= t.date_start <= pub):
            return t
    return None


def _usable(doc: Document) -> Spans[TimeExpr]:
    """The expressions that can date an event (not page furniture, not after the publication day), indexed
    once per document."""

    def build(d: Document) -> Spans[TimeExpr]:
        limit = d.published + timedelta(days=1) if d.published else None
        return Spans([t for t in d.times if not t.furniture and (limit is None or t.date_start <= limit)])

    return doc.derived(f"attach.usable:{doc.published}", "times", build)


def attach_date(doc: Document, start: int, end: int) -> tuple[date | None, date | None, int, TimeExpr | None]:
    """(date_start, date_end, time_precision 1/2/3, the TimeExpr used or None) for an event at [start, end)."""
    usable = _usable(doc)
    times = usable.items
    si = doc.sentence_index(start)
    if si < 0:
        si = doc.sentence_index(max(0, end - 1))
    if times and si >= 0:
        sent = doc.sentences[si]
        best, best_score = None, None
        for t in usable.overlapping(sent.start, sent.end):
            dist = t.start - end if t.start >= end else start - t.end if t.end <= start else 0
            score = max(dist, 0) + (_LONG_RANGE_PENALTY if _long(t) else 0)
            if t.start >= end:
                score += 1  # equal distance: the expression before the trigger governs
            if best_score is None or score < best_score:
                best, best_score = t, score
        if best is not None:
            return best.date_start, best.date_end, best.time_precision, best
        for t in reversed(usable.starting_before(sent.start)):
            if t.end > sent.start:
                continue
            ti = doc.sentence_index(t.start)
            if ti < 0 or si - ti > _BACK_SENTENCES:
                break
            if not _governs(t):
                continue
            ts = doc.sentences[ti]
            if ts.paragraph != sent.paragraph and (t.start - ts.start > _HEAD_CHARS or t.confidence < 0.85):
                break
            return t.date_start, t.date_end, t.time_precision, t
        lead = _lead(doc, times)
        if lead is not None:
            return lead.date_start, lead.date_end, lead.time_precision, lead
    pub = doc.published
    return pub, pub, 2, None
