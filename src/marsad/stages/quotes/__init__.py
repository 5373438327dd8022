"""Stage `quotes`: attributed statements, direct and reported, with their speakers.

    وقال المتحدث باسم التحالف، اللواء جون برينان، إن التحالف "يقف إلى جانب شركائنا"
    -> Quote(speaker "جون برينان", cue "قال", direct=True, text 'التحالف "يقف إلى جانب شركائنا"')
    وأضاف برينان أن ...        -> the same person (a bare surname resolves to the earlier full name)
    وتابع: "..." / مضيفا أن ... -> the previous speaker
    وبحسب المرصد، فإن ...       -> speaker "المرصد"; "... بحسب ما أعلنت الحركة" attributes what precedes

Work happens on the normalised view (`doc.norm.text`) and spans map back to the original text. Cues and
the word classes that delimit speaker phrases are data (resources/data/cues.tsv, quotes_words.tsv).
A statement repeated later (e.g. in an embedded post) is one quote with `repeats` counted
(near-duplicate text via rapidfuzz).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from marsad.model.document import Document
from marsad.stages.base import stage
from marsad.stages.quotes.build import Draft, Namer, build_quotes
from marsad.stages.quotes.lexicon import Cue, CueLexicon, QTok, tokenize
from marsad.stages.quotes.speaker import parse_np, pick_head, preceding_np, quoted_name_end
from marsad.stages.resources import Resources
from marsad.text.normalize import fold

__all__ = ["CueLexicon", "find_quotes"]

SCAN = 30  # tokens searched after the speaker for the content marker
THAT_CUE = Cue("", "", "verb", "that")  # parse a source phrase as the subject of a that-verb
ATTR_CUE = Cue("", "", "attr", "that")  # parse the source of بحسب / وفقا لـ


def _skip_sentence(doc: Document, s_start: int, s_end: int, title_f: str) -> bool:
    if doc.in_furniture(s_start, s_end):
        return True
    if title_f:
        sf = fold(doc.text[s_start:s_end]).strip()
        if sf and (sf == title_f or (len(sf) >= 20 and sf in title_f)):
            return True
    return False


def _skip_mod(toks: list[QTok], k: int, hi: int, lex: CueLexicon) -> int:
    """Index after a "في بيان له / عبر حسابه الرسمي" modifier starting at k, else k."""
    if k + 1 >= hi or lex.strip_clitic(toks[k].text) not in lex.via or not lex.has(toks[k + 1].text, "mod"):
        return k
    m = k + 2
    while m < hi and m < k + 5 and toks[m].is_word and (
            toks[m].text in lex.mod_tail or toks[m].text.startswith(lex.article)
            and not lex.is_content_start(toks[m].text)):
        m += 1
    return m


def _that_start(toks: list[QTok], k: int, hi: int, lex: CueLexicon) -> tuple[int, bool]:
    ci = k if toks[k].text in lex.that_pron else k + 1
    while ci < hi and toks[ci].text == ":":
        ci += 1
    direct = ci < hi and toks[ci].text in ('"', "'")
    return (ci + 1 if direct else ci), direct


_Start = tuple[int, bool, int]  # (token index where the content starts, direct, index of a masdar cue met or -1)
_GO, _END, _NO_CONTENT = "go", "end", "none"  # a _Marker step: go on, the sentence ends, no content follows


def _content_marker(toks: list[QTok], j: int, hi: int, cue: Cue, lex: CueLexicon, reason: str) -> _Start | None:
    """Where the content starts after the speaker: (token index, direct, index of a masdar cue met or -1)."""
    if cue.comp == "obj" and reason == "obj":
        return (j + 1 if toks[j].text == cue.prep and cue.prep != lex.bi else j), False, -1
    if cue.comp == "obj" and reason == "quote":
        return j, False, -1
    comp = cue.comp
    if j < hi and lex.has(toks[j].text, "relative"):
        # "وتحدث الرجل الذي رفض كشف هويته عن ...": a relative clause after the speaker holds no object content
        comp = "that"
    found = _Marker(toks, hi, lex, cue, j, comp, cue.prep).scan(min(hi, j + SCAN))
    if not isinstance(found, str):
        return found
    if found == _END and cue.kind == "cont" and reason == "comma" and j + 1 < hi and toks[j + 1].is_word:
        return j + 1, False, -1
    return None


@dataclass
class _Marker:
    """The search for the content marker from token k: the complement the cue (or a masdar met) takes, its
    preposition, and whether k is still the first word that counts."""

    toks: list[QTok]
    hi: int
    lex: CueLexicon
    cue: Cue
    k: int
    comp: str
    prep: str
    masdar: int = -1
    first: bool = True

    def scan(self, stop: int) -> _Start | str:
        while self.k < stop:
            step = self._step()
            if step != _GO:
                return step
        return _END

    def _step(self) -> _Start | str:
        toks, k, lex = self.toks, self.k, self.lex
        t = toks[k].text
        if lex.is_that(t) and not (k > 0 and toks[k - 1].text in lex.not_that_before):
            ci, direct = _that_start(toks, k, self.hi, lex)
            return ci, direct, self.masdar
        if t == ":":
            ci = k + 1
            direct = ci < self.hi and toks[ci].text in ('"', "'")
            return (ci + 1 if direct else ci), True, self.masdar
        if t in ('"', "'"):
            return self._quote()
        if t in (".", "!", "?"):
            return _END
        word = toks[k].is_word
        c = lex.cue(t) if word else None
        if c is not None:
            step = self._cue(c, t)
            if step is not None:
                return step
        if self.comp == "obj" and word:
            found = self._object(t)
            if found is not None:
                return found
        if word and not (lex.has(t, "time") or lex.has(t, "mod")) and t not in lex.via and t != lex.ala:
            self.first = False
        self.k += 1
        return _GO

    def _quote(self) -> _Start | str:
        """A short quoted name is passed over; any other quote mark opens direct content."""
        qe = quoted_name_end(self.toks, self.k, self.hi, max_words=2)
        if qe < 0 and not self.first:
            qe = quoted_name_end(self.toks, self.k, self.hi)
        if qe > 0:
            self.k = qe
            return _GO
        return self.k + 1, True, self.masdar

    def _cue(self, c: Cue, t: str) -> _Start | str | None:
        """A masdar takes over the complement; another verb after the speaker means no content."""
        k, lex = self.k, self.lex
        if c.kind == "masdar":
            self.masdar, self.comp, self.prep = k, c.comp, c.prep
            if c.comp == "obj":
                return k + 1, False, self.masdar
            self.k += 1
            return _GO
        if c.kind in ("verb", "cont") and (t[0] in lex.conj and lex.cues.get(t) is None
                                           or self.toks[k - 1].text in (",", lex.thumma)):
            return _NO_CONTENT
        return None

    def _object(self, t: str) -> _Start | str | None:
        """Object content: after a "في بيان" modifier, a word that opens it, or the cue's preposition."""
        toks, k, lex, prep = self.toks, self.k, self.lex, self.prep
        m = _skip_mod(toks, k, self.hi, lex)
        if m > k:
            if m < self.hi and toks[m].is_word and not lex.is_that(toks[m].text):
                return m, False, self.masdar
            self.k = m
            return _GO
        if lex.is_content_start(t) or lex.opens_object(self.cue, t):
            return k, False, self.masdar
        if self.first and prep and (t == prep or prep == lex.bi and len(t) > 3 and t[0] == lex.bi):
            return (k if prep == lex.bi else k + 1), False, self.masdar
        return None


def _np_after(toks, i, hi, lex, cue) -> tuple[tuple[int, int] | None, int, str]:
    """The speaker phrase after the cue (handles 'عن' sources and an apposed name after a comma)."""
    j0 = i + 1
    j, reason = parse_np(toks, j0, hi, lex, cue)
    if j == j0:
        return None, j, reason
    return _source_or_apposition(toks, (j0, j), j, reason, hi, lex, cue)


def _source_or_apposition(toks, sp, j, reason, hi, lex, cue) -> tuple[tuple[int, int] | None, int, str]:
    j0 = sp[0]
    # "نقلت وكالة X، أمس، عن مصدر ..." / "نقلا عن": the source is the speaker
    k = j
    while k < hi and k < j + 6 and (toks[k].text in (",", lex.naqlan) or lex.has(toks[k].text, "time")):
        k += 1
    if k < hi and toks[k].text == lex.an and (cue.key in lex.relay_lemmas or toks[k - 1].text == lex.naqlan):
        j2, r2 = parse_np(toks, k + 1, hi, lex, THAT_CUE)
        if j2 > k + 1 and not _generic(toks, (k + 1, j2), lex):
            return (k + 1, j2), j2, r2
    # "أحد سكان القرية -يدعى حذيفة عيسى-"
    if reason == "dash" and j + 1 < hi and toks[j + 1].text == lex.yudaa:
        j2, r2 = parse_np(toks, j + 2, hi, lex, cue)
        if j2 > j + 2:
            k = j2 + 1 if j2 < hi and toks[j2].text == "-" else j2
            return (j + 2, j2), k, r2 if k == j2 else "stop"
    # "المتحدث باسم التحالف، اللواء جون برينان، إن": an office, then the name after the comma
    if reason == "comma" and j + 1 < hi and (lex.has(toks[j0].text, "role") or toks[j0].text.startswith(lex.article)):
        j2, r2 = parse_np(toks, j + 1, hi, lex, cue)
        n2 = sum(1 for t in toks[j + 1:j2] if t.is_word)
        if 2 <= n2 <= 5 and r2 in ("that", "comma", "colon", "quote", "mod") and not lex.has(toks[j + 1].text, "role"):
            return (j + 1, j2), j2, r2
    return sp, j, reason


def _prep_np(toks, i, hi, lex, cue) -> tuple[tuple[int, int] | None, int, str, int]:
    """Speaker after بحسب / وفقا لـ / نقلا عن / حسبما صرح; returns (span, end, reason, verb index)."""
    j = i + 1
    verb_i = -1
    if cue.key in lex.relay_prep_lemmas:
        if j >= hi or toks[j].text != lex.an:
            return None, j, "stop", -1
        j += 1
    if j < hi and toks[j].text == lex.li:
        j += 1
    if cue.kind == "prepverb" or (j < hi and toks[j].text == lex.ma):
        if j < hi and toks[j].text == lex.ma:
            j += 1
        if j < hi and toks[j].is_word:
            verb_i = j
            j += 1
    jn, reason = parse_np(toks, j, hi, lex, ATTR_CUE)
    if jn == j:
        return None, jn, reason, verb_i
    if jn + 1 < hi and toks[jn - 1].text in lex.issued and toks[jn].text == lex.an:
        jn2, reason = parse_np(toks, jn + 1, hi, lex, ATTR_CUE)
        return ((jn + 1, jn2) if jn2 > jn + 1 else (j, jn)), max(jn, jn2), reason, verb_i
        return ((jn + 2, jn2) if jn2 > jn + 2 else (j, jn)), max(jn, jn2), reason, verb_i
    return (j, jn), jn, reason, verb_i


def _generic(toks: list[QTok], sp: tuple[int, int], lex: CueLexicon) -> bool:
    """An unnamed source ("مصدر أمني", "شهود عيان", "وسائل إعلام محلية"), unless tied to a body ("مصدر في الحشد")."""
    words = [t.text for t in toks[sp[0]:sp[1]] if t.is_word]
    if not words:
        return False
    first = lex.unprefix_l(words[0])
    if first in lex.anaphoric:
        return False  # anaphoric: decided by the previous speaker (quotes_build)
    if not any(lex.has(w, "generic") for w in words[:4]):
        return False
    if lex.has(first, "source"):
        return not _tied_to_body(toks, sp, lex)
    return True


def _body_word(w: str, lex: CueLexicon) -> bool:
    """A word that names a body: definite ("الشرطة") or an organisation head ("قيادة", "مجلس")."""
    return lex.is_def(w) or lex.has(w, "orghead")


def _tied_to_body(toks: list[QTok], sp: tuple[int, int], lex: CueLexicon) -> bool:
    """Whether a source phrase names the body it speaks for: "مصدر في قيادة شرطة نينوى", "مصادر طبية بمركز
    بنغازي الطبي", "مصادر من المقاومة الشعبية", "مصادر الشرطة العراقية" (construct), but not "مصادر أمنية"."""
    idx = [k for k in range(sp[0], sp[1]) if toks[k].is_word or toks[k].text in ('"', "'")]
    if len(idx) < 2:
        return False
    if lex.has(toks[idx[1]].text, "orghead"):
        return True  # construct: "مصادر الشرطة العراقية", "مصادر مجلس شورى ثوار بنغازي"
    for n, k in enumerate(idx[1:5], start=1):
        w = toks[k].text
        if w in lex.body_preps:
            nxt = toks[idx[n + 1]] if n + 1 < len(idx) else None
            return nxt is not None and (not nxt.is_word or _body_word(nxt.text, lex))
        if len(w) > 4 and w[0] == lex.bi and _body_word(w[1:], lex):
            return True  # "بمركز", "بالقوات", "بوزارة"
        if not toks[k].is_word:
            return False
    return False


ADVERBIAL_MAX = 4  # words of a sentence-opening adverbial phrase before a verb-first reporting clause


def _adverbial_opening(toks: list[QTok], lo: int, i: int, lex: CueLexicon) -> bool:
    """toks[lo:i] is a short prepositional phrase opening the sentence, so the verb at i still opens the
    reporting clause: "وفي الوقت نفسه قال", "من جهة أخرى أعلن", "وفي سياق متصل ذكرت"."""
    words = [t.text for t in toks[lo:i] if t.is_word]
    if not 2 <= len(words) <= ADVERBIAL_MAX or any(not t.is_word and t.text != "," for t in toks[lo:i]):
        return False
    return lex.strip_clitic(words[0]) in lex.adverbial_preps and not any(lex.cue(w) for w in words)


def _speakerish(toks: list[QTok], sp: tuple[int, int], lex: CueLexicon) -> bool:
    words = [t.text for t in toks[sp[0]:sp[1]] if t.is_word]
    if not words:
        return True  # a quoted name
    w = lex.unprefix_l(words[0])
    if w.startswith(lex.bi + lex.article) or w == lex.bi or w == lex.li:
        return False
    return not (lex.has(w, "nonspeaker") or lex.has(w, "stop") or lex.is_content_start(w) or lex.has(w, "time"))


@stage("quotes", needs=("sentences", "actors", "times", "posts"), adds=("quotes", "unnamed_quotes"),
       resources=("cues", "names", "gazetteer"))
def find_quotes(doc: Document, res: Resources) -> None:
    lex = res.cues
    norm = doc.norm.text
    toks = tokenize(norm)
    starts = [t.start for t in toks]
    title_f = fold(doc.meta.title or "").strip()
    drafts: list[Draft] = []
    consumed: set[int] = set()
    for sent_no, s in enumerate(doc.sentences):
        if _skip_sentence(doc, s.start, s.end, title_f):
            continue
        ns, ne = doc.norm.to_norm(s.start, s.end)
        lo, hi = bisect_left(starts, ns), bisect_left(starts, ne)
        for i in range(lo, hi):
            if i in consumed or not toks[i].is_word:
                continue
            cue = lex.cue(toks[i].text)
            if cue is None or cue.kind == "masdar":
                continue
            d = _draft(toks, i, lo, hi, cue, lex, sent_no)
            if d is None:
                continue
            consumed.update(range(i, d.sp[1] if d.trailing and d.sp else d.content_i))
            drafts.append(d)
    from marsad.stages.places import country_focus

    namer = Namer(res.names, res.gazetteer, country_focus(doc))
    found = build_quotes(doc, toks, drafts, lex, namer)
    doc.quotes = [q for q in found if q.speaker is None or q.speaker.actor.kind != "source"]
    doc.unnamed_quotes = [q for q in found if q.speaker is not None and q.speaker.actor.kind == "source"]


def _draft(toks, i, lo, hi, cue: Cue, lex: CueLexicon, sent_no: int) -> Draft | None:
    w = toks[i].text
    clitic = w[0] in lex.conj and lex.cues.get(w) is None
    if cue.kind in ("prep", "prepverb"):
        return _prep_draft(toks, i, lo, hi, cue, lex, sent_no, clitic)
    if cue.kind == "came":
        return _came_draft(toks, i, hi, cue, lex, sent_no)
    if cue.kind == "part":
        return _part_draft(toks, i, lo, hi, cue, lex, sent_no)
    return _verb_draft(toks, i, lo, hi, cue, lex, sent_no, clitic)


def _prep_draft(toks: list[QTok], i: int, lo: int, hi: int, cue: Cue, lex: CueLexicon, sent_no: int,
                clitic: bool) -> Draft | None:
    """"بحسب المرصد، فإن ...": the source opens the sentence; "... بحسب ما أعلنت الحركة" attributes what precedes."""
    sp, j, reason, verb_i = _prep_np(toks, i, hi, lex, cue)
    if sp is None or not _speakerish(toks, sp, lex):
        return None
    sp = pick_head(toks, sp[0], sp[1], lex)
    prev_words = [t for t in toks[lo:i] if t.is_word]
    initial = not prev_words or (i > lo and toks[i - 1].text == "," and clitic)
    cue_i = verb_i if verb_i >= 0 and lex.cue(toks[verb_i].text) is not None else i
    if not initial:
        return Draft(cue_i, cue, sp, False, lo, False, sent_no, hi, trailing=True, generic=_generic(toks, sp, lex))
    ci = _after_attribution(toks, j, hi, lex)
    if ci is None:
        return None
    direct = ci < hi and toks[ci].text in ('"', "'")
    return Draft(cue_i, cue, sp, False, ci + (1 if direct else 0), direct, sent_no, hi,
                 generic=_generic(toks, sp, lex))


def _after_attribution(toks: list[QTok], j: int, hi: int, lex: CueLexicon) -> int | None:
    """Where the content starts after an opening attribution (past commas, "فإن", time words), or None."""
    k = j
    while k < hi and (toks[k].text == "," or toks[k].text in lex.after_attribution or lex.has(toks[k].text, "time")):
        k += 1
    if k >= hi:
        return None
    if lex.is_that(toks[k].text):
        return k if toks[k].text in lex.that_pron else k + 1
    return k


def _part_draft(toks: list[QTok], i: int, lo: int, hi: int, cue: Cue, lex: CueLexicon, sent_no: int
                ) -> Draft | None:
    """A participle ("، مطالبة ...", "مؤكدا أن"): the previous speaker goes on."""
    if lex.has(toks[i].text, "partcomma") and (i == lo or toks[i - 1].text not in (",", ";")):
        return None  # "مظاهرات مطالبة بإصلاحات": without a comma the participle is an adjective
    m = _content_marker(toks, i + 1, hi, cue, lex, "stop")
    if m is None and cue.comp == "obj" and i + 1 < hi and toks[i + 1].is_word:
        m = (i + 1, False, -1)  # "، مطالبة الأحزاب بقبول النتائج": the object follows the participle
    if m is None:
        return None
    return Draft(i, cue, None, True, m[0], m[1], sent_no, hi)


def _verb_draft(toks: list[QTok], i: int, lo: int, hi: int, cue: Cue, lex: CueLexicon, sent_no: int,
                clitic: bool) -> Draft | None:
    """A verb (or "cont") cue with its speaker after it, before it, or none (the previous speaker)."""
    if not clitic and i > lo and not _opens_clause(toks, i, lo, hi, lex, cue):
        return None
    sp, j, reason = _np_after(toks, i, hi, lex, cue)
    if sp is not None and clitic and _accuses(toks, i, lo, j, sp, lex, cue):
        # "، واتهم الولايات المتحدة بالوقوف وراءها": the same speaker goes on; the phrase is the accused
        return Draft(i, cue, None, True, sp[0], False, sent_no, hi)
    if sp is not None and not _speakerish(toks, sp, lex):
        return None
    inherit = False
    if sp is None:
        pre = None if clitic else preceding_np(toks, lo, i, lex)
        if pre is not None:
            sp, j, reason = _source_or_apposition(toks, pre, j, "pre", hi, lex, cue)
        else:
            inherit = True
    m = _content_marker(toks, j, hi, cue, lex, reason)
    if m is None:
        return None
    ci, direct, masdar = m
    if ci >= hi and not direct:
        return None
    head = pick_head(toks, sp[0], sp[1], lex) if sp is not None else None
    generic = sp is not None and _generic(toks, sp, lex)
    return Draft(i, cue, head, inherit, ci, direct, sent_no, hi, masdar=masdar, generic=generic)


def _opens_clause(toks: list[QTok], i: int, lo: int, hi: int, lex: CueLexicon, cue: Cue) -> bool:
    """A verb-first clause starts the sentence or follows punctuation or an opener; after another word, its
    subject comes before it or it is a relative "say"."""
    prev = toks[i - 1].text
    if not toks[i - 1].is_word or lex.has(prev, "opener") or lex.has(prev, "time") or lex.is_that(prev) \
            or _adverbial_opening(toks, lo, i, lex):
        return True
    return preceding_np(toks, lo, i, lex) is not None or _relative_say(toks, i, hi, lex, cue)


def _accuses(toks: list[QTok], i: int, lo: int, j: int, sp: tuple[int, int], lex: CueLexicon, cue: Cue) -> bool:
    """After a comma, a verb that takes an object with ب: the phrase after it is the object, not a speaker."""
    return i > lo and toks[i - 1].text == "," and lex.has(fold(cue.lemma), "objverb") and any(
        len(t.text) > 3 and t.text[0] == lex.bi and t.text not in lex.np_b_words for t in toks[sp[0] + 1:j + 1])


def _came_draft(toks, i, hi, cue: Cue, lex: CueLexicon, sent_no: int) -> Draft | None:
    """"وجاء في بيان لخلية الإعلام الأمني أن ..." / "جاء في بيان صادر عن مكتب X" / "وجاء في بيان الحكومة أن":
    the body whose statement it is speaks; "وجاء في البيان أن" goes on with the previous speaker."""
    if i + 2 >= hi or toks[i + 1].text != lex.fi or not lex.has(toks[i + 2].text, "mod"):
        return None
    k = i + 3
    while k < hi and toks[k].is_word and toks[k].text in lex.came_adjectives:
        k += 1
    sp = None
    if k < hi and toks[k].text in lex.issued and k + 1 < hi and toks[k + 1].text == lex.an:
        k += 2
    elif k < hi and toks[k].text in lex.came_of:
        k += 1
    elif k < hi and toks[k].text == lex.li:
        k += 1
    start = k
    if k < hi and toks[k].is_word and not lex.is_that(toks[k].text) and not lex.has(toks[k].text, "time") \
            and (k > i + 3 or toks[k].text[0] == lex.li):
        j, reason = parse_np(toks, start, hi, lex, THAT_CUE)
        if j > start:
            sp = pick_head(toks, start, j, lex)
            k = j
    m = _content_marker(toks, k, hi, THAT_CUE, lex, "stop")
    if m is None:
        return None
    ci, direct, _ = m
    if ci >= hi and not direct or sp is None:
        return None
    return Draft(i, cue, sp, sp is None, ci, direct, sent_no, hi, generic=sp is not None and _generic(toks, sp, lex))


def _relative_say(toks, i, hi, lex: CueLexicon, cue: Cue) -> bool:
    """A present-tense saying verb inside a relative clause: "وهو خفض تقول المملكة إنه خطوة استباقية" (the
    speaker follows the verb and a suffixed إنّ refers back to the noun before it)."""
    if cue.key not in lex.say_lemmas or toks[i].text[0] not in lex.present:
        return False
    j, reason = parse_np(toks, i + 1, hi, lex, cue)
    return j > i + 1 and reason == "that" and toks[j].text in lex.that_pron
