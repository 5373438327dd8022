"""From cue drafts to `Quote` records: content ends, overlapping cues, speakers, repeated statements.

A draft is one reporting cue with its speaker phrase (token range) and where its content starts. Here the
content end is fixed (the closing quote mark of a direct quote, else the sentence end, cut where a later
cue opens a new clause: "... ، مضيفا أن"), speakers are resolved (continuations take the previous
speaker; "وأضاف برينان" takes the full "جون برينان" seen earlier; actor mentions from the actor stage
are used when they overlap the phrase), and near-duplicate statements are merged into `repeats`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from marsad.model.document import Document
from marsad.model.records import Actor, ActorMention, Quote
from marsad.stages.names import Names, english_mention
from marsad.stages.quotes.lexicon import Cue, CueLexicon, QTok
from marsad.text.normalize import fold

REPEAT_RATIO = 85.0
INHERIT_WINDOW = 4  # sentences a continuation may reach back for its speaker
TRIM = " \t\n,.;:-"  # and the `trim` class of quotes_words.tsv (the Arabic comma)


@dataclass(slots=True)
class Draft:
    cue_i: int
    cue: Cue
    sp: tuple[int, int] | None  # speaker token range (None: inherit or unresolved)
    inherit: bool
    content_i: int
    direct: bool
    sent_no: int
    end_i: int  # token bound of the content (exclusive)
    trailing: bool = False  # "... بحسب X": the content precedes the cue
    masdar: int = -1  # token index of a masdar cue ("نقلت ... عن X قوله إن"), reported as the cue
    generic: bool = False  # an unnamed source ("مصدر أمني", "شهود عيان"): not reported as a quote
    start: int = 0  # content span, normalised offsets
    end: int = 0
    quoted_end: int = -1  # end of the quote marks' region for direct quotes
    speaker: ActorMention | None = field(default=None)
    speaker_text: str = ""


def _content_span(norm: str, toks: list[QTok], d: Draft) -> tuple[int, int, int]:
    """Normalised [start, end) of the content and, for a quote opened just before it, the closing mark."""
    start = toks[d.content_i].start if d.content_i < len(toks) else len(norm)
    end = toks[d.end_i - 1].end if d.end_i > d.content_i else start
    opener = d.content_i - 1
    if d.direct and opener >= 0 and toks[opener].text in ('"', "'"):
        para_end = norm.find("\n", start)
        para_end = len(norm) if para_end < 0 else para_end
        close = norm.find(toks[opener].text, start, para_end)
        close = para_end if close < 0 else close
        return start, close, close
    return start, end, -1


def _clause_boundary(toks: list[QTok], d: Draft, lex: CueLexicon) -> int | None:
    """Token index where a cue inside earlier content opens a new clause, else None."""
    k = d.cue_i
    w = toks[k].text
    if d.cue.kind in ("part", "prep", "prepverb"):
        return k - 1 if k > 0 and toks[k - 1].text == "," else k
    if k > 0 and toks[k - 1].text in (",", ".", '"'):
        return k - 1
    if k > 0 and toks[k - 1].text in lex.new_clause:
        return k - 1 if toks[k - 1].text != lex.hin else k - 2
    if w[0] in lex.conj and w not in lex.wafq:
        return k
    return None


def _mention(doc: Document, s: int, e: int, text: str) -> ActorMention:
    best = None
    for m in doc.actors:
        if m.start < e and s < m.end:
            key = (m.actor.kind == "person", m.end - m.start)
            if best is None or key > best[0]:
                best = (key, m)
    if best is not None:
        # the actor stage's actor, role and org, over the speaker phrase as the quote writes it
        m = best[1]
        return ActorMention(s, e, text, m.actor, m.role, m.org)
    return ActorMention(s, e, text, Actor(id="ar:" + fold(text), name=text, kind="other"))


@dataclass(frozen=True)
class Namer:
    """What names a speaker no table holds: the `names` resource, the gazetteer, the article's country."""

    names: Names | None
    gazetteer: object | None = None
    country: str | None = None

    def __call__(self, doc: Document, m: ActorMention) -> ActorMention:
        if self.names is None:
            return m
        return english_mention(self.names, doc, m, self.gazetteer, self.country)


def _resolve_speaker(doc: Document, toks: list[QTok], d: Draft, done: list[Draft], lex: CueLexicon,
                     namer: Namer | None = None) -> bool:
    norm = doc.norm
    if d.sp is None:
        prev = next((p for p in reversed(done) if p.speaker is not None), None)
        if prev is None or d.sent_no - prev.sent_no > INHERIT_WINDOW:
            return False
        d.speaker, d.speaker_text = prev.speaker, prev.speaker_text
        return True
    a, b = d.sp
    ns, ne = toks[a].start, toks[b - 1].end
    first = toks[a].text
    if d.cue.kind in ("prep", "prepverb", "came") and first.startswith(lex.li) and not first.startswith(lex.lil) \
            and len(first) > 3:
        ns += 1
    words = [t for t in toks[a:b] if t.is_word]
    if len(words) > 1 and lex.has(lex.strip_clitic(words[0].text), "dropnoun") and not words[1].text.startswith(lex.lil):
        # "بيان لجيش الاحتلال" -> "جيش الاحتلال", "بيان الخلية" -> "الخلية"
        ns = words[1].start + (1 if words[1].text.startswith(lex.li) else 0)
    s, e = norm.to_original(ns, ne)
    text = doc.text[s:e]
    d.speaker_text = text
    mention = _mention(doc, s, e, text)
    if len(words) == 1 and mention.actor.kind != "person":
        # a bare surname ("وأضاف برينان") is the person named in full earlier
        key = fold(text)
        for p in reversed(done):
            sp = p.speaker
            if sp is not None and len(fold(sp.text).split()) > 1 and fold(sp.text).split()[-1] == key:
                mention = ActorMention(s, e, text, sp.actor, sp.role, sp.org)
                break
        else:
            for m in doc.actors:
                if m.end <= s and m.actor.kind == "person" and fold(m.text).split()[-1:] == [key]:
                    mention = ActorMention(s, e, text, m.actor, m.role, m.org)
    if namer is not None and namer.names is not None:
        back = _refers_back(doc, namer.names, mention, done, lex)
        if back is not None:
            d.speaker = ActorMention(s, e, text, back.actor, back.role, back.org)
            return True
    d.speaker = namer(doc, mention) if namer is not None else mention
    return True


def _refers_back(doc: Document, names: Names, m: ActorMention, done: list[Draft], lex: CueLexicon
                 ) -> ActorMention | None:
    """The speaker a statement noun, a bare title or a lone class noun refers back to: "وأضاف البيان" -> the
    body whose statement it is (the last speaker); "وقال المتحدث" -> the last person named with that title;
    "وقالت الهيئة" -> the last speaker named with that head ("هيئة الأركان ..."), even when the lone noun is
    also some body's alias."""
    head = names.anaphor_head(m.text)
    if head is not None:
        for p in reversed(done):
            if p.speaker is not None and names.opens_with(p.speaker.text, head):
                return p.speaker
    titled = _titled_before(doc, m, done)
    if titled is not None:
        return titled
    if m.actor.kind not in ("other",) and not m.actor.id.startswith("ar:"):
        return None
    if names.is_statement(m.text):
        prev = next((p.speaker for p in reversed(done) if p.speaker is not None), None)
        return prev
    title = names.title_anaphor(m.text)
    if title is not None:
        bare = title[len(lex.article):] if title.startswith(lex.article) else title
        for p in reversed(done):
            # the title may stand right before the name the speaker was reduced to ("الناطقة باسم الشرطة
            # سميرة يوسف" -> her name): the words before it in its sentence count too
            if p.speaker is not None and p.speaker.actor.kind == "person" and bare in fold(
                    _lead_in(doc, p.speaker.start) + p.speaker.text):
                return p.speaker
        for a in reversed([a for a in doc.actors if a.end <= m.start and a.actor.kind == "person"]):
            if bare in fold(a.text):
                return a
    return None


def _titled_before(doc: Document, m: ActorMention, done: list[Draft]) -> ActorMention | None:
    """A title phrase without a name ("وقال المتحدث باسم الحكومة العراقية") that an earlier speaker carried
    right before their name ("قال المتحدث باسم الحكومة العراقية باسم العوادي"): that person."""
    if m.actor.kind not in ("person", "other") or m.role is None or len(m.text.split()) < 2:
        return None  # a name of its own ("مدرس خياباني") is no title phrase
    key = fold(m.text)
    for p in reversed(done):
        sp = p.speaker
        if sp is None or sp.actor.kind != "person" or sp.actor.id == m.actor.id:
            continue
        if key in fold(_lead_in(doc, sp.start, width=len(m.text) + 20) + " " + sp.text):
            return sp
    return None


def _lead_in(doc: Document, start: int, width: int = 60) -> str:
    """The words before original offset `start` in its sentence, at most `width` characters."""
    i = doc.sentence_index(start)
    return doc.text[max(start - width, doc.sentences[i].start if i >= 0 else 0):start]


def _unnamed_speaker(doc: Document, toks: list[QTok], d: Draft, done: list[Draft], lex: CueLexicon) -> bool:
    """Resolve a generic draft to an unnamed source described in English; False when it has no such head
    (a continuation of an unnamed source keeps its speaker)."""
    if d.sp is None:
        prev = done[-1] if done else None
        if prev is None or prev.speaker is None or prev.speaker.actor.kind != "source" \
                or d.sent_no - prev.sent_no > INHERIT_WINDOW:
            return False
        d.speaker, d.speaker_text = prev.speaker, prev.speaker_text
        return True
    a, b = d.sp
    s, e = doc.norm.to_original(toks[a].start, toks[b - 1].end)
    text = doc.text[s:e]
    prev = next((p for p in reversed(done) if p.speaker is not None and p.speaker.actor.kind == "source"), None)
    same = b - a == 2 and lex.has(lex.strip_clitic(toks[a + 1].text), "same")  # "المصادر ذاتها"
    if lex.unprefix_l(lex.strip_clitic(toks[a].text)) in lex.anaphoric and (b - a == 1 or same) \
            and prev is not None and prev.speaker is not None and d.sent_no - prev.sent_no <= INHERIT_WINDOW:
        # "وأضافت المصادر": the unnamed source named just before
        d.speaker_text = text
        d.speaker = ActorMention(s, e, text, prev.speaker.actor)
        return True
    name = lex.sources.describe(text)
    if name is None:
        return False
    d.speaker_text = text
    d.speaker = ActorMention(s, e, text, Actor(id="source:" + fold(name), name=name, kind="source"))
    return True


def build_quotes(doc: Document, toks: list[QTok], drafts: list[Draft], lex: CueLexicon,
                 namer: Namer | None = None) -> list[Quote]:
    norm = doc.norm.text
    for d in drafts:
        d.start, d.end, d.quoted_end = _content_span(norm, toks, d)
    done = _with_speakers(doc, toks, _kept(toks, drafts, lex), lex, namer)
    trim = TRIM + "".join(sorted(lex.trim))
    quotes = [q for q in (_quote(doc, toks, d, lex, trim) for d in done) if q is not None]
    return merge_repeats(quotes)


def _kept(toks: list[QTok], drafts: list[Draft], lex: CueLexicon) -> list[Draft]:
    """The drafts less those whose cue falls inside the content of an earlier one (_within)."""
    kept: list[Draft] = []
    for d in drafts:
        pos = toks[d.cue_i].start
        host = next((p for p in reversed(kept) if p.start <= pos < p.end), None)
        if host is None or _within(toks, d, host, lex):
            kept.append(d)
    return kept


def _within(toks: list[QTok], d: Draft, host: Draft, lex: CueLexicon) -> bool:
    """A cue inside `host`'s content: True when it opens a clause of its own (the host's content then ends
    before it); a trailing attribution in the host's sentence names the speaker of a participle or an
    unnamed source instead."""
    pos = toks[d.cue_i].start
    if d.trailing:
        if (host.cue.kind == "part" or host.generic) and host.sent_no == d.sent_no:
            # "..., مؤكدا إصابة مدني، حسبما صرح المتحدث": the attribution names the speaker
            host.sp, host.inherit, host.generic = d.sp, False, d.generic
            host.cue, host.cue_i = (lex.cue(toks[d.cue_i].text) or host.cue), d.cue_i
        return False
    if host.quoted_end > 0 and pos < host.quoted_end:
        return False
    k = _clause_boundary(toks, d, lex)
    if k is None or toks[k].start <= host.start:
        return False
    host.end = min(host.end, toks[k].start)
    return True


def _with_speakers(doc: Document, toks: list[QTok], kept: list[Draft], lex: CueLexicon,
                   namer: Namer | None) -> list[Draft]:
    """The drafts whose speaker resolves: an unnamed source (described in English) or a named speaker."""
    done: list[Draft] = []
    last_generic = True
    for d in kept:
        last_generic = _settle_generic(toks, d, done, lex, last_generic)
        if d.generic:
            # an unnamed source is still a source: "وقالت مصادر محلية إن" -> speaker "Local sources"
            resolved = _unnamed_speaker(doc, toks, d, done, lex)
        else:
            resolved = _resolve_speaker(doc, toks, d, done, lex, namer)
        if resolved:
            done.append(d)
    return done


def _settle_generic(toks: list[QTok], d: Draft, done: list[Draft], lex: CueLexicon, last_generic: bool) -> bool:
    """Whether `d` is an unnamed source: "المصدر" is as named as the source it refers back to, a continuation
    of an unnamed source is one. Returns what the next anaphoric phrase refers back to."""
    if d.sp is not None and not d.inherit:
        first = lex.unprefix_l(lex.strip_clitic(toks[d.sp[0]].text))
        if first in lex.anaphoric:
            d.generic = last_generic  # "المصدر" is as named as the source it refers back to
        return d.generic
    if d.inherit and done and done[-1].generic:
        d.generic = True
    return last_generic


def _quote(doc: Document, toks: list[QTok], d: Draft, lex: CueLexicon, trim: str) -> Quote | None:
    """The Quote record of a resolved draft: its trimmed content and its cue without و/ف; None when empty."""
    s, e = doc.norm.to_original(d.start, d.end) if d.end > d.start else (0, 0)
    while s < e and doc.text[s] in trim:
        s += 1
    while e > s and doc.text[e - 1] in trim:
        e -= 1
    if e <= s:
        return None
    cue_tok = toks[d.masdar if d.masdar >= 0 else d.cue_i]
    cs, ce = doc.norm.to_original(cue_tok.start, cue_tok.end)
    cue_text = doc.text[cs:ce]
    if cue_text[:1] in lex.conj and lex.cues.get(cue_tok.text) is None:
        cue_text, cs = cue_text[1:], cs + 1
    sp = d.speaker
    return Quote(
        speaker=sp, speaker_text=d.speaker_text, cue=cue_text, cue_start=cs, direct=d.direct,
        start=s, end=e, text=doc.text[s:e], role=sp.role if sp else None, org=sp.org if sp else None,
    )


def merge_repeats(quotes: list[Quote]) -> list[Quote]:
    """Keep the first of near-duplicate statements and count the others in its `repeats`."""
    out: list[Quote] = []
    keys: list[str] = []
    for q in sorted(quotes, key=lambda q: q.start):
        key = fold(q.text)
        dup = None
        if len(key) >= 25:
            for k, prev in zip(keys, out, strict=True):
                if len(k) >= 25 and 0.6 <= len(key) / len(k) <= 1.6 and fuzz.ratio(key, k) >= REPEAT_RATIO:
                    dup = prev
                    break
        if dup is not None:
            dup.repeats += 1
            continue
        out.append(q)
        keys.append(key)
    return out
