"""Stage `furniture`: mark page furniture (related-headline lists, teasers, share bars, stamp lines).

Later stages skip marked ranges: a headline in a "latest news" list is not an event of this article.
Rules are data (resources/data/furniture.json):
- a line that is a section heading ("أحدث الأخبار", "اقرأ أيضا") starts furniture to the end of the text;
- a teaser line ending in an ellipsis ("…") is furniture;
- a short line with a furniture phrase ("إضغط هنا", "بتوقيت") is furniture;
- a short line of digits and a few words (a time stamp, a view counter, "04/12/2025") is furniture;
- a run of two or more short unpunctuated lines at the very end, after the body ended with a full stop, is a
  related-headlines list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.model.document import Document
from marsad.resources.registry import read_json
from marsad.stages.base import stage
from marsad.stages.resources import Resources
from marsad.text.normalize import fold

_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class FurnitureRules:
    headings: frozenset[str]
    phrases: tuple[str, ...]
    max_phrase_words: int
    max_dateline_words: int

    @classmethod
    def load(cls) -> FurnitureRules:
        d = read_json("furniture.json")
        return cls(frozenset(fold(h) for h in d["section_headings"]), tuple(fold(p) for p in d["line_phrases"]),
                   d["max_phrase_line_words"], d["max_dateline_words"])


def _lines(norm: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in norm.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@stage("furniture", needs=("sentences",), adds=("furniture",), resources=("furniture",))
def mark_furniture(doc: Document, res: Resources) -> None:
    rules = res.furniture
    norm = doc.norm.text
    lines = [(a, b) for a, b in _lines(norm) if norm[a:b].strip()]
    marked: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(lines):
        line = norm[a:b].strip()
        words = len(_WORD.findall(line))
        if line.rstrip(":").strip() in rules.headings and i > 0:
            marked.append((a, len(norm)))
            break
        if line.endswith("…") and i > 0:
            marked.append((a, b))
        elif words <= rules.max_phrase_words and any(p in line for p in rules.phrases):
            marked.append((a, b))
        elif words <= rules.max_dateline_words and _DIGIT.search(line) and not line.endswith(".") \
                and len(lines) > 1:  # a one-line document is the text itself, not a stamp line
            marked.append((a, b))
    # trailing headline list: >= 2 short lines without final punctuation after a punctuated body line
    tail = 0
    for a, b in reversed(lines):
        line = norm[a:b].strip()
        if line[-1:] in ".!?\"':" or len(_WORD.findall(line)) > 16:
            break
        tail += 1
    if 2 <= tail < len(lines):
        body_end = lines[-tail - 1]
        if norm[body_end[0]:body_end[1]].strip()[-1:] in ".!?\"":
            marked.append((lines[-tail][0], lines[-1][1]))
    doc.furniture = sorted(doc.norm.to_original(a, b) for a, b in marked)
