"""Speaker phrases around a reporting cue.

Arabic news puts the speaker after the verb ("وقال المتحدث باسم التحالف، اللواء جون برينان، إن ...") or,
in a nominal sentence, before it ("وزارة الداخلية قالت في بيان ..."). A speaker phrase is a run of words
ended by punctuation, a complementizer, a time word, a "في بيان" modifier or a verbal noun that opens the
content ("أكد المرصد مقتل ..."). Inside it, an office ("المتحدث باسم ...") followed by a name is an
apposition: the name is the speaker as written, as the annotation guidelines do.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.stages.quotes.lexicon import Cue, CueLexicon, QTok

MAX_NP = 12
NP_PUNCT_TRANSPARENT = frozenset("{}")


def _closing_quote(toks: list[QTok], i: int, end: int) -> int:
    """Index of the quote mark closing the one at `i` (same character), or -1 before `end`."""
    ch = toks[i].text
    for k in range(i + 1, end):
        if toks[k].text == ch:
            return k
    return -1


def quoted_name_end(toks: list[QTok], i: int, end: int, max_words: int = 4, at_end: bool = False) -> int:
    """If toks[i] opens a short quoted name ('"فوكس نيوز"' followed by more text), the index after its close.

    A short quote closing the sentence is content, not a name, unless `at_end` (a trailing attribution).
    """
    k = _closing_quote(toks, i, end)
    if k < 0 or k - i - 1 > max_words or k - i - 1 == 0:
        return -1
    nxt = toks[k + 1].text if k + 1 < end else ""
    if nxt in ("", ".", "!", "?") and not at_end:
        return -1  # a short quote closing the sentence is content, not a name
    return k + 1


def _next_word(toks: list[QTok], j: int, end: int) -> QTok | None:
    """The next word token after j, skipping braces and quote marks."""
    for k in range(j + 1, min(end, j + 3)):
        if toks[k].is_word:
            return toks[k]
        if toks[k].text not in ("{", "}", '"', "'"):
            return None
    return None


def parse_np(toks: list[QTok], i: int, end: int, lex: CueLexicon, cue: Cue) -> tuple[int, str]:
    """Extend a speaker phrase from toks[i]; returns (index after it, why it stopped).

    Reasons: "that" (أن/إن), "colon", "quote", "comma", "mod" (time word / في بيان / لوكالة),
    "obj" (a verbal noun or the cue's preposition that opens the content), "cue", "stop", "end", "long".
    """
    p = _Phrase(toks, i, end, lex, cue, i)
    while p.j < end:
        why = p.word() if toks[p.j].is_word else p.punct()
        if why is not None:
            return p.j, why
    return p.j, "end"


@dataclass
class _Phrase:
    """A speaker phrase being extended from toks[i]: j is the next token, `words` the words taken so far.
    Each step either takes toks[j] (moving j on) and returns None, or returns why the phrase stops at j."""

    toks: list[QTok]
    i: int
    end: int
    lex: CueLexicon
    cue: Cue
    j: int
    words: int = 0

    def punct(self) -> str | None:
        toks, j, t = self.toks, self.j, self.toks[self.j].text
        if t in NP_PUNCT_TRANSPARENT:
            if t == "{" and self.words >= 2 and self.cue.comp == "obj" and toks[j - 1].text not in self.lex.np_b_words:
                return "quote"
            self.j += 1
            return None
        if t in ("\"", "'"):
            k = quoted_name_end(toks, j, self.end, at_end=self.words > 0 and self.cue.kind == "attr")
            if k <= 0:
                return "quote"
            self.j = k
            self.words += 1
            return None
        if t == "(" and self.words:
            k = next((m for m in range(j + 1, min(self.end, j + 6)) if toks[m].text == ")"), -1)
            if k > 0:
                self.j = k + 1
                return None
        return _punct_stop(t, self.words)

    def word(self) -> str | None:
        lex, w = self.lex, self.toks[self.j].text
        if lex.is_that(w):
            return "that"
        c = lex.cue(w)
        if c is not None and c.kind in ("part", "masdar", "prep", "prepverb"):
            return "cue"
        if lex.strip_clitic(w) in lex.mod_preps:
            return self._mod_prep()
        why = self._modifier(w)
        if why is not None:
            return why
        if self._name_ali(w) or self._source_body(w):
            self.words += 1
            self.j += 1
            return None
        if w in lex.np_preps or lex.has(w, "stop"):
            return self._prep(w)
        if self._opens_content(w):
            return "obj"
        self.words += 1
        self.j += 1
        return "long" if self.words > MAX_NP else None

    def _mod_prep(self) -> str | None:
        """"في بيان", "لوكالة": a modifier ends the phrase; before a word that is none, it is passed over."""
        nxt = _next_word(self.toks, self.j, self.end)
        if nxt is None or self.lex.has(nxt.text, "mod") or self.lex.has(nxt.text, "time"):
            return "mod"
        if self.words == 0:
            return "stop"
        self.j += 1
        return None

    def _modifier(self, w: str) -> str | None:
        """A medium after "ل", a time word or a determiner ends the phrase."""
        lex = self.lex
        if self.words and (w == lex.li or (w.startswith(lex.li) and lex.has(lex.unprefix_l(w), "media"))):
            return "mod"
        if lex.has(w, "time"):
            return "mod"
        if self.words and lex.has(w, "det"):
            return "obj"
        return None

    def _name_ali(self, w: str) -> bool:
        """The name علي ("محمد علي جعفري", "جمعة علي، مراسل ..."), not the preposition على, which a comma
        never follows."""
        toks, j, lex = self.toks, self.j, self.lex
        if w != lex.ala or not self.words or lex.is_def(toks[j - 1].text):
            return False
        nxt = _next_word(toks, j, self.end)
        return (nxt is not None and not lex.is_def(nxt.text)) or (j + 1 < self.end and toks[j + 1].text in (",", ";", ":"))

    def _source_body(self, w: str) -> bool:
        """"مصادر من المقاومة الشعبية": the source and its body."""
        lex = self.lex
        if w != lex.min or self.words != 1 or not lex.has(self.toks[self.i].text, "source"):
            return False
        nxt = _next_word(self.toks, self.j, self.end)
        return nxt is not None and (lex.is_def(nxt.text) or lex.has(nxt.text, "orghead"))

    def _prep(self, w: str) -> str:
        """A preposition or stop word ends the phrase, unless an office goes on through it to a name."""
        toks, i, j, lex, cue = self.toks, self.i, self.j, self.lex, self.cue
        if self.words and w in lex.office_preps and lex.has(toks[i].text, "role") and j + 1 < self.end:
            # "النائبة السابقة عن التحالف المدني شروق العبايجي في ...": the office goes on to a name
            j2, r2 = parse_np(toks, j + 1, self.end, lex, cue)
            if r2 in ("mod", "that", "comma", "colon", "quote") and pick_head(toks, i, j2, lex) != (i, j2):
                self.j = j2
                return r2
        if self.words and cue.comp == "obj" and w == cue.prep:
            return "obj"
        return "stop"

    def _opens_content(self, w: str) -> bool:
        """A verbal noun or the cue's object word opens the content."""
        lex = self.lex
        if self.words:
            return lex.is_content_start(w) or lex.opens_object(self.cue, w)
        return lex.is_content_start(w) and not lex.has(w, "source")


def _punct_stop(t: str, words: int) -> str:
    """Why a punctuation mark ends the phrase."""
    if t == ":":
        return "colon"
    if t in (",", ";"):
        return "comma"
    if t == "-" and words:
        return "dash"
    if t[0].isdigit() and words:
        return "mod"
    return "stop"


def np_words(toks: list[QTok], a: int, b: int) -> list[int]:
    return [k for k in range(a, b) if toks[k].is_word]


def pick_head(toks: list[QTok], a: int, b: int, lex: CueLexicon) -> tuple[int, int]:
    """Within a speaker phrase, the part that names the speaker (an apposed name after an office)."""
    if b - a >= 3 and toks[b - 1].text in ('"', "'"):
        o = next((k for k in range(b - 2, a, -1) if toks[k].text == toks[b - 1].text), -1)
        if o > a and (lex.has(toks[a].text, "role") or lex.is_def(toks[a].text)) and o + 1 < b - 1 \
                and not lex.has(toks[o - 1].text, "namequote"):
            return o + 1, b - 1
    idx = np_words(toks, a, b)
    if len(idx) < 3:
        return a, b
    chunks: list[list[int]] = [[idx[0]]]
    for k in idx[1:]:
        w, prev = toks[k].text, toks[chunks[-1][-1]].text
        cur_first = toks[chunks[-1][0]].text
        cur_is_office = lex.is_def(cur_first) or lex.has(cur_first, "role") or lex.has(cur_first, "title")
        prev_closed = lex.is_def(prev) or toks[k - 1].text in ('"', "'")
        starts_name = (
            not lex.is_def(w) and prev_closed and cur_is_office and w[0] not in lex.np_clitics
            and w not in lex.preps and lex.strip_clitic(prev) not in lex.name_particles
            and not lex.is_content_start(w)
        )
        starts_office = lex.has(w, "role") and lex.is_def(prev) and len(chunks[-1]) >= 2 and not cur_is_office
        if starts_name or starts_office:
            chunks.append([k])
        else:
            chunks[-1].append(k)
    # a single trailing word is a modifier of the phrase ("مراسل الجزيرة مباشر"), not a new name
    if len(chunks) > 1 and len(chunks[-1]) == 1:
        last = chunks.pop()
        chunks[-1].extend(last)
    if len(chunks) == 1:
        return a, b
    for ch in chunks:
        first = toks[ch[0]].text
        if not (lex.has(first, "role") or lex.has(first, "title") or lex.is_def(first)):
            # a name ends before a preposition: "محمد الفاضل من مشفى المدينة" -> "محمد الفاضل"
            cut = next((n for n, k in enumerate(ch) if n and toks[k].text in lex.preps), len(ch))
            return ch[0], ch[cut - 1] + 1
    return a, b


def preceding_np(toks: list[QTok], lo: int, cue_i: int, lex: CueLexicon) -> tuple[int, int] | None:
    """A nominal-sentence subject before the cue: "وكانت وزارة الدفاع قد أعلنت" -> "وزارة الدفاع"."""
    j = cue_i
    while j > lo and (toks[j - 1].text == "," or toks[j - 1].text in lex.before_cue or not toks[j - 1].is_word
                      and toks[j - 1].text not in ("\"", "'", ")")):
        j -= 1
    b = j
    a = b
    while a > lo and toks[a - 1].text not in (",", ";", ".", ":", "!", "?"):
        a -= 1
    while a < b and (lex.strip_clitic(toks[a].text) in lex.lead
                     or toks[a].text in lex.conj or not toks[a].is_word and toks[a].text not in ("\"", "'")):
        a += 1
    words = np_words(toks, a, b)
    if not words or len(words) > 9:
        return None
    for k in words:
        w = toks[k].text
        if lex.is_that(w) or lex.cue(w) is not None or lex.has(w, "time") or w in lex.subject_breaks:
            if w == lex.fi and k != words[0]:
                continue
            return None
    first = toks[words[0]].text
    if lex.is_content_start(first) or lex.has(first, "nonspeaker") or lex.has(first, "stop") \
            or lex.strip_clitic(first) in lex.preps or lex.strip_clitic(first) in lex.mod_preps \
            or lex.has(first, "time"):
        return None
    return a, b
