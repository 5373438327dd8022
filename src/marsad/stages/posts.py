"""Stage `posts`: embedded social-media posts, found by their signature line.

    — Operation Inherent Resolve (@CJTFOIR) January 26, 2022

The post covers its body (the line or paragraph before the signature, usually ending in a pic.twitter.com
link) and the signature; later stages treat the signature's date as the post's, not the article's.
"""

from __future__ import annotations

import re
from datetime import date

from marsad.model.document import Document
from marsad.model.records import Post
from marsad.stages.base import stage
from marsad.stages.resources import Resources

_EN_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
_SIGNATURE = re.compile(
    r"[—–―-]\s*(?P<author>[^\n()—]{1,80}?)\s*\((?P<handle>@\w{1,30})\)\s*"
    r"(?:(?P<month>[A-Za-z]+)\s+(?P<day>\d{1,2}),\s*(?P<year>\d{4})"
    r"|(?P<d2>\d{1,2})[/.](?P<m2>\d{1,2})[/.](?P<y2>\d{4}))?"
)
_LINK = re.compile(r"(?:pic\.twitter\.com|t\.co|https?://(?:www\.)?(?:twitter|x)\.com)/\S+")


def _date(m: re.Match) -> date | None:
    try:
        if m.group("month"):
            mon = _EN_MONTHS.get(m.group("month").lower())
            return date(int(m.group("year")), mon, int(m.group("day"))) if mon else None
        if m.group("d2"):
            return date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
    except ValueError:
        return None
    return None


def _body_start(text: str, sig_start: int) -> int:
    """Start of the post body: this line if the signature is inline, else the previous paragraph."""
    line_start = text.rfind("\n", 0, sig_start) + 1
    if text[line_start:sig_start].strip():
        return line_start
    prev_end = line_start - 1
    while prev_end > 0 and text[prev_end - 1] in "\n \t":
        prev_end -= 1
    return text.rfind("\n", 0, prev_end) + 1 if prev_end > 0 else line_start


@stage("posts", needs=("sentences",), adds=("posts",))
def find_posts(doc: Document, res: Resources) -> None:
    text = doc.text
    posts = []
    for m in _SIGNATURE.finditer(text):
        # a signature needs a date or a link nearby, so "- X (@y)" inside prose is not taken for a post
        start = _body_start(text, m.start())
        link = _LINK.search(text, start, m.end())
        when = _date(m)
        if when is None and link is None:
            continue
        posts.append(Post(start, m.end(), "twitter", m.group("author").strip(), m.group("handle"), when,
                          link.group() if link else None))
    doc.posts = posts
