"""Sentence and token segmentation on the normalised view, with spans mapped to the original text.

Sentences end at . ! ? (Arabic ؟ folds to ?) followed by space or glued to the next Arabic word, and at
line breaks; a full stop inside a
quotation does not end the sentence, so a quote that spans several sentences stays whole. Numbers (2.5,
26/1/2022), URLs, @handles and #hashtags are single tokens.
"""

from __future__ import annotations

import re

from marsad.model.records import Sentence, Token
from marsad.text.normalize import NormText

_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.|pic\.twitter\.com/)\S+)"
    r"|(?P<handle>@\w+)"
    r"|(?P<hashtag>#\w+)"
    r"|(?P<number>\d+(?:[.,:/\-]\d+)*)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<punct>[^\w\s])",
)
_END = ".!?"
_QUOTE = '"'


def tokenize(nt: NormText) -> list[Token]:
    out = []
    text = nt.text
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        tok = m.group()
        if kind == "word" and tok.isascii():
            kind = "latin"
        s, e = nt.to_original(m.start(), m.end())
        out.append(Token(s, e, tok, kind))
    return out


def _arabic(c: str) -> bool:
    """An Arabic letter, hamza to ya (U+0621-U+064A): Unicode code points, not language data."""
    return 0x0621 <= ord(c) <= 0x064A


def _glued(para: str, i: int) -> bool:
    """A full stop with no space after it between two Arabic words ("بالبلدة.وانتهز"), as scraped pages
    often have. Initials ("د.محمد", "أ.ف.ب") have a word of one or two letters before the stop."""
    if i + 1 >= len(para) or not _arabic(para[i + 1]):
        return False
    k = i
    while k > 0 and _arabic(para[k - 1]):
        k -= 1
    return i - k >= 3


def split_sentences(nt: NormText) -> list[Sentence]:
    """Split into sentences; offsets are original-text offsets with surrounding blanks trimmed."""
    text = nt.text
    spans: list[tuple[int, int, int]] = []
    pos = 0
    for para_no, para in enumerate(text.split("\n")):
        p_start = pos
        pos += len(para) + 1
        balanced = para.count(_QUOTE) % 2 == 0
        in_quote = False
        s = p_start
        for i, c in enumerate(para):
            if c == _QUOTE and balanced:
                in_quote = not in_quote
            elif c in _END and not in_quote:
                nxt = para[i + 1] if i + 1 < len(para) else " "
                prev = para[i - 1] if i > 0 else " "
                if c == "." and (prev.isdigit() and nxt.isdigit()):
                    continue
                if nxt in " \"')" or not nxt.isalnum() or _glued(para, i):
                    j = p_start + i + 1
                    spans.append((s, j, para_no))
                    s = j
        spans.append((s, p_start + len(para), para_no))
    out = []
    for a, b, para_no in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            oa, ob = nt.to_original(a, b)
            out.append(Sentence(oa, ob, para_no))
    return out
