"""Stage `events`: find reported events and code them in the ACLED taxonomy.

Per sentence (page furniture and embedded posts skipped): find event cues with the clitic-aware lexicon,
drop cues under denial / threat / plan / negation / condition, split the sentence into clauses, let the
decision rules (event_rules) turn each clause's cues into typed events, and fill in date (time stage),
place, actors and casualties. Mentions of the same event across the article (headline, lead, toll update)
are merged into one event with several evidence spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from marsad.model.document import Document
from marsad.model.records import ActorMention, Event, EvidenceSpan, PlaceMention, Sentence
from marsad.model.spans import Spans
from marsad.resources.registry import read_tsv
from marsad.stages.base import stage
from marsad.stages.events import actors as event_actors
from marsad.stages.events import args as event_args
from marsad.stages.events import place as event_place
from marsad.stages.events.args import place_rank
from marsad.stages.events.confidence import ConfidenceModel, Mention, context_words, features
from marsad.stages.events.factuality import Factuality
from marsad.stages.events.grammar import EventGrammar
from marsad.stages.events.merge import merge
from marsad.stages.events.rules import BATTLES, GENERIC, PROTESTS, REMOTE, RIOTS, SD, VAC, Decision, decide
from marsad.stages.events.targets import TargetWords
from marsad.stages.places import country_focus, focus_place
from marsad.stages.resources import Resources
from marsad.stages.time import attach_date
from marsad.stages.tolls import TollGrammar
from marsad.text.match import Lexicon, Match
from marsad.text.numbers import NumberWords

_WORDS = re.compile(r"\S+")
# The clause words (where a sentence splits, the words before a cue that recall an earlier event: "بعد سيطرة
# طالبان عليها", "ردا على قصف إسرائيل"; list items, "الأخير", the clitics of cues and particles) are data:
# event_grammar.json, loaded with the trigger lexicon (TriggerLexicon.grammar, stages/events/grammar.py).


@dataclass(frozen=True)
class TriggerLexicon:
    cues: Lexicon[tuple[str, float]]
    modality: Lexicon[tuple[str, int, str]]
    casualties: TollGrammar
    targets: TargetWords
    factuality: Factuality
    grammar: EventGrammar
    confidence: ConfidenceModel | None = None

    @classmethod
    def load(cls) -> TriggerLexicon:
        cues = Lexicon([(r["form"], (r["cue"], float(r["weight"])), r["match"]) for r in read_tsv("triggers.tsv")],
                       open_ta=True)
        mod = Lexicon([(r["form"], (r["scope"], int(r["window"]), r["kind"]), r["match"])
                       for r in read_tsv("events_modality.tsv")])
        return cls(cues, mod, TollGrammar.load(NumberWords.load()), TargetWords.load(), Factuality.load(),
                   EventGrammar.load(), ConfidenceModel.load())


@dataclass
class _Cue:
    match: Match
    cue: str
    weight: float


def _attach_date(doc: Document, start: int, end: int) -> tuple[date | None, date | None, int, str | None]:
    """(start, end, ACLED precision, where the date was read: "own" sentence, "before" it, "after" it
    (a headline taking the dateline below it) or None for the publication date) from the time stage."""
    ds, de, prec, used = attach_date(doc, start, end)
    if used is None:
        return ds, de, prec, None
    sent = doc.sentences[max(0, doc.sentence_index(start))]
    where = "own" if used.end > sent.start and used.start < sent.end else "before" if used.end <= sent.start else "after"
    return ds, de, prec, where


def _cancelled(cue: _Cue, mods: list[Match], norm: str, future: str) -> bool:
    for m in mods:
        scope, window, _kind = m.values[0]
        if scope != "before" or m.end > cue.match.start:
            continue
        gap = len(_WORDS.findall(norm[m.end:cue.match.word_start]))
        if gap <= window:
            return True
    return future in cue.match.prefix  # future tense: "سيشن", "ستستهدف"


def _denied_cues(doc: Document, cues: list[Match], mods: list[Match]) -> set[str]:
    """Cue words of the sentences that deny something: the same words in the headline or elsewhere
    ("عملية إرهابية واستشهاد أمنيين" ... "نفت الوزارة ... استشهاد عدد من الأمنيين") report nothing."""
    out: set[str] = set()
    denials = [m for m in mods if m.values[0][0] == "sentence" and m.values[0][2] == "denial"]
    if not denials:
        return out
    denial_spans, cue_spans = Spans(denials), Spans(cues)
    for sent in doc.sentences:
        na, nb = doc.norm.to_norm(sent.start, sent.end)
        if any(na <= m.start for m in denial_spans.overlapping(na, nb)):
            out.update(c.key for c in cue_spans.overlapping(na, nb) if na <= c.start)
    return out


# cue kinds read in their ordinary sense inside a sports / economy / health / culture sentence
_DOMAIN_WEAK = GENERIC | {"clash", "takeover", "takeover_weak", "abduct"}


def _factual(doc: Document, fact: Factuality, cue: _Cue, sent: tuple[int, int]) -> bool:
    """Word-sense tests of one cue mention (stages/events/factuality.py)."""
    m = cue.match
    if cue.cue == "takeover" and fact.stative_takeover(doc.norm.text, m.start, m.end, m.key):
        return False  # "المناطق التي يسيطر عليها"
    if cue.cue == "base":
        return fact.establishes_base(doc.norm.text, sent, m.word_start)
    return True


def _clauses(norm: str, a: int, b: int, split: re.Pattern[str]) -> list[tuple[int, int]]:
    cuts = [a] + [m.start() + 1 for m in split.finditer(norm, a, b)] + [b]
    return [(x, y) for x, y in zip(cuts, cuts[1:], strict=False) if y > x]


def _civilian_target(targets: TargetWords, norm: str, clause: tuple[int, int], sent: tuple[int, int],
                     a1: ActorMention | None, a2: ActorMention | None) -> bool:
    """Whether the clause's violence falls on civilians: civilian people in the clause; else armed-forces
    words in the clause say no ("قتل 15 جنديا في هجوم على قافلة عسكرية في بلدة"), whatever the sides
    resolved to; else a civilian place in the clause ("هجوم على قرية"), civilian people or places elsewhere
    in the sentence, or a civilian side."""
    if targets.civilian(norm, *clause):
        return True
    if targets.military(norm, *clause):
        return False
    return (targets.civilian_place(norm, *clause) or targets.civilian(norm, *sent)
            or targets.civilian_place(norm, *sent) or any(m and m.actor.kind == "civilians" for m in (a1, a2)))


@stage("events", needs=("sentences", "times", "places", "actors", "quotes", "furniture"), adds=("events",),
       resources=("triggers", "gazetteer", "event_actors", "actors"))
def find_events(doc: Document, res: Resources) -> None:
    doc.events = [ev for ev, _ in extract_events(doc, res)]


def _lead_sentences(doc: Document) -> frozenset[int]:
    """The headline: a first paragraph of one sentence, followed by the body."""
    sents = doc.sentences
    if len(sents) < 2 or sents[0].paragraph == sents[1].paragraph:
        return frozenset()
    return frozenset({0})


def extract_events(doc: Document, res: Resources) -> list[tuple[Event, dict[str, float]]]:
    """The events of `doc`, each with the confidence features it was scored on."""
    return _Reader(doc, res).read()


@dataclass
class _Mentions:
    """Per-mention facts keyed by id(event); `held` keeps every event that got an entry alive until the end, so
    that no later event can take the id of one dropped on the way (_tidy_sentence) and inherit its entry."""

    info: dict[int, Mention] = field(default_factory=dict)
    background: set[int] = field(default_factory=set)
    held: list[Event] = field(default_factory=list)

    def add(self, ev: Event, m: Mention, background: bool = False) -> None:
        self.info[id(ev)] = m
        self.held.append(ev)
        if background:
            self.background.add(id(ev))


@dataclass
class _Sentence:
    """A sentence being read: its index, its norm offsets, its live cues and the events found in it so far."""

    si: int
    sent: Sentence
    na: int
    nb: int
    cues: list[_Cue]
    events: list[Event] = field(default_factory=list)
    kill_only: list[Event] = field(default_factory=list)


@dataclass
class _Clause:
    """A clause with cues, in norm (na, nb) and original (oa, ob) offsets, with the kinds of its cues."""

    na: int
    nb: int
    oa: int
    ob: int
    cues: list[_Cue]
    kinds: set[str]


class _Reader:
    """One article read sentence by sentence and clause by clause, then merged and scored."""

    def __init__(self, doc: Document, res: Resources) -> None:
        lex = res.triggers
        self.doc, self.res, self.lex, self.g, self.table = doc, res, lex, lex.grammar, res.actors
        self.norm = doc.norm.text
        all_cues = lex.cues.find(self.norm)
        all_mods = lex.modality.find(self.norm)
        self.posts = [(p.start, p.end) for p in doc.posts]
        self.quotes = [(q.start, q.end) for q in doc.quotes]
        self.country = country_focus(doc)
        self.denied = _denied_cues(doc, all_cues, all_mods)
        self.domain = lex.factuality.domain(doc)
        self.lead = _lead_sentences(doc)
        self.n_sents = max(1, len(doc.sentences))
        self.last_para = -1
        self.last_clause: list[Event] = []
        self.events: list[Event] = []
        self.mentions = _Mentions()
        self.para_start: dict[int, int] = {}
        self.mod_spans, self.cue_spans = Spans(all_mods), Spans(all_cues)

    def read(self) -> list[tuple[Event, dict[str, float]]]:
        for si, sent in enumerate(self.doc.sentences):
            self.para_start.setdefault(sent.paragraph, sent.start)
            s = self._open(si, sent)
            if s is None:
                continue
            if sent.paragraph != self.last_para:
                self.last_para, self.last_clause = sent.paragraph, []
            if not s.cues and not self.last_clause:
                continue
            self._sentence(s)
        return self._finish()

    def _open(self, si: int, sent: Sentence) -> _Sentence | None:
        """The sentence with its live cues, or None when it reports nothing: page furniture, an embedded post,
        a question, a denial."""
        doc = self.doc
        if doc.in_furniture(sent.start, sent.end) or any(a <= sent.start and sent.end <= b for a, b in self.posts):
            return None
        na, nb = doc.norm.to_norm(sent.start, sent.end)
        if self.norm[na:nb].rstrip().endswith("?"):
            return None  # a question reports nothing
        # particles and modal verbs take only a conjunction ("ولم", "فلن"): "سلم" is not س + لم
        mods = [m for m in self.mod_spans.within(na, nb) if m.prefix in self.g.particle_prefixes]
        if any(m.values[0][0] == "sentence" for m in mods):
            return None  # denial: "نفت الوزارة وقوع هجوم"
        return _Sentence(si, sent, na, nb, self._live_cues(na, nb, mods))

    def _live_cues(self, na: int, nb: int, mods: list[Match]) -> list[_Cue]:
        """The sentence's cues less those a modal word or the future tense cancels, those denied elsewhere in
        the article and those read in another sense."""
        norm = self.norm
        cues = [_Cue(m, m.values[0][0], m.values[0][1]) for m in self.cue_spans.within(na, nb)]
        cues = [c for c in cues if not _cancelled(c, mods, norm, self.g.future) and c.match.key not in self.denied
                and _factual(self.doc, self.lex.factuality, c, (na, nb))]
        if self.domain is not None and self.domain.search(norm, na, nb):
            # a sports, economy, health or culture article: "خطف الزوراء فوزا", "لمواجهة التضخم"
            cues = [c for c in cues if c.cue not in _DOMAIN_WEAK]
        if any(m.values[0][0] == "generic" for m in mods):
            # sports, economy, idioms: "هجوم مكثف في الشوط الثاني", "معركة ضد التضخم"
            cues = [c for c in cues if c.cue not in GENERIC and c.cue not in ("clash", "ied")]
        return cues

    def _sentence(self, s: _Sentence) -> None:
        for ca, cb in _clauses(self.norm, s.na, s.nb, self.g.clause_split):
            self._clause(s, ca, cb)
        evs = _tidy_sentence(s.events, s.kill_only)
        self._tolls(s, evs)
        self.events.extend(evs)

    def _clause(self, s: _Sentence, ca: int, cb: int) -> None:
        ccues = [c for c in s.cues if ca <= c.match.start < cb]
        if not ccues:
            s.events.extend(self._list_item(s, ca, cb))
            return
        kinds = {c.cue for c in ccues}
        if "protest_weak" in kinds and any(c.cue == "protest_purpose" for c in s.cues):
            kinds.add("protest_purpose")  # "نظموا مسيرة حاشدة ...، واحتجاجا على ...": one sentence, one march
        if kinds <= {"kill"} and s.events:
            return  # "ما أسفر عن مقتل 4": casualties of the event already found in this sentence
        oa, ob = self.doc.norm.to_original(ca, cb)
        made = self._code(s, _Clause(ca, cb, oa, ob, ccues, kinds))
        s.events.extend(made)
        self.last_clause = made or self.last_clause

    def _list_item(self, s: _Sentence, ca: int, cb: int) -> list[Event]:
        """"اعتقال مواطن في طولكرم، و3 في كفر قدوم، ومواطن في عبوين": one event per place in a list."""
        out = _continuations(self.doc, self.g, self.last_clause, ca, cb, s.si)
        for ev in out:
            src = self.mentions.info.get(id(self.last_clause[0]))
            if src is not None:
                self.mentions.add(ev, replace(src, count=1))
        return out

    def _code(self, s: _Sentence, c: _Clause) -> list[Event]:
        """The clause's events, as the decision rules code its cues, and their copies at the other places of a list."""
        a1, a2, crowd = self._sides(s, c)
        civ = _civilian_target(self.lex.targets, self.norm, (c.na, c.nb), (s.na, s.nb), a1, a2)
        state1 = a1 is not None and (a1.actor.inter == 1 or a1.actor.kind == "state")
        if self._enters_town(c, a1):
            c.kinds.add("takeover")  # "متمردو الطوارق دخلوا بلدة كيدال": an armed group entering a town
        made = []
        for dec in decide(c.kinds, civ, state1, crowd):
            ev, m = self._event(s, c, dec, a1, a2, civ)
            made.append(ev)
            if c.kinds <= {"kill"}:
                s.kill_only.append(ev)
            made.extend(self._copies(s, c, ev, m))
        return made

    def _sides(self, s: _Sentence, c: _Clause) -> tuple[ActorMention | None, ActorMention | None, bool]:
        """The clause's two sides, and whether a crowd stands against the state (a riot)."""
        a1, a2 = self._named_sides(s, c)
        prev = s.events[-1] if s.events else self.events[-1] if self.events else None
        if a1 is None and prev is not None and s.si - prev.sentence <= 2 and prev.actor1 and prev.actor1.text:
            a1 = prev.actor1  # "كما اعتقلت مواطنا": the subject carries over from the last event
        targets = self.lex.targets
        if a1 is not None and targets.not_side(a1.actor):
            a1 = None  # "أعلنت يونامي مقتل ...", "وزارة الصحة": a source, not the one who acted
        # sides as the text names them, before any fallback: a crowd against the state is a riot
        crowd = bool(c.kinds & {"clash", "clash_weak"}) and _crowd_sides(targets, a1, a2, self.norm, (c.na, c.nb)) \
            and not targets.armed(self.norm, s.na, s.nb)
        if a1 is None:  # a claim in the article, the sentence's broken-off start, an unidentified group
            a1 = event_args.fallback_actor1(self.doc, s.sent.start, c.kinds, self.country, self.res.event_actors)
        return a1, a2, crowd

    def _named_sides(self, s: _Sentence, c: _Clause) -> tuple[ActorMention | None, ActorMention | None]:
        """The sides the clause names, else those the sentence names; "بسيطرة الأخير" reorders them."""
        doc, grammar = self.doc, self.res.event_actors
        first = min(cue.match.start for cue in c.cues)
        trig0 = doc.norm.to_original(first, first + 1)[0]
        a1, a2 = event_args.pick_actors(doc, c.oa, c.ob, trig0, grammar)
        if a1 is None and a2 is None:
            a1, a2 = event_args.pick_actors(doc, s.sent.start, s.sent.end, trig0, grammar)
        latter = _latter(doc, self.g, c.cues, s.sent.start, grammar)
        if latter is not None:
            a1, a2 = latter  # "اشتباكات بين قوات الحماية وقوات المجلس، انتهت بسيطرة الأخير"
        return a1, a2

    def _enters_town(self, c: _Clause, a1: ActorMention | None) -> bool:
        """An armed group's "entered" cue with a town after it."""
        return "takeover_weak" in c.kinds and a1 is not None and a1.actor.kind in _NON_STATE_ARMED and any(
            cue.cue == "takeover_weak" and cue.match.key.startswith(self.g.entered) for cue in c.cues) \
            and _town_after(self.doc, c.cues, c.oa, c.ob)

    def _event(self, s: _Sentence, c: _Clause, dec: Decision, a1: ActorMention | None, a2: ActorMention | None,
               civ: bool) -> tuple[Event, Mention]:
        ev, m = _make_event(self.doc, self.lex, dec, c.cues, (c.oa, c.ob), s.sent, s.si,
                            self.para_start[s.sent.paragraph], a1, a2, self.country, civ)
        self._recast_sides(dec, ev)
        si = s.si
        m.headline, m.lead, m.position = si in self.lead, si == int(bool(self.lead)), si / self.n_sents
        m.in_quote = any(a <= ev.trigger.start < b for a, b in self.quotes)
        self.mentions.add(ev, m, m.background)
        if m.background:
            ev.generic = True
        return ev, m

    def _recast_sides(self, dec: Decision, ev: Event) -> None:
        """A government fights through its army; a state force alone beside a planted bomb is what it hit."""
        if dec.event_type in (BATTLES, REMOTE):
            ev.actor1, ev.actor2 = _armed_side(self.doc, ev.actor1, self.table), _armed_side(self.doc, ev.actor2,
                                                                                              self.table)
        if dec.sub_event_type in _PLANTED and ev.actor1 is not None and ev.actor1.actor.kind == "state" \
                and ev.actor2 is None:
            # "انفجر لغم تحت آلية عسكرية للجيش": a state force is what a bomb hits, not who planted it
            ev.actor1, ev.actor2 = ActorMention(0, 0, "", event_args.generic_actor(
                "unidentified", ev.place.place.country if ev.place else self.country)), ev.actor1

    def _copies(self, s: _Sentence, c: _Clause, ev: Event, m: Mention) -> list[Event]:
        """`ev` at the other places of the list its place heads (_per_location), each with a copy of its facts."""
        span = (c.oa, c.ob) if ev.place is None or c.oa <= ev.place.start < c.ob else (s.sent.start, s.sent.end)
        others = _per_location(self.doc, ev, span, self.res.gazetteer.contains)
        for other in others:
            self.mentions.add(other, replace(m), m.background)
        return others

    def _tolls(self, s: _Sentence, evs: list[Event]) -> None:
        """A single event takes the casualties stated anywhere in its sentence; toll updates; crowded sentences."""
        text, cas = self.norm[s.na:s.nb], self.lex.casualties
        if len(evs) == 1:
            ev = evs[0]
            ev.fatalities = ev.fatalities if ev.fatalities is not None else cas.killed(text)
            ev.injuries = ev.injuries if ev.injuries is not None else cas.injured(text)
        for ev in evs:
            ev.toll_update = ev.fatalities is not None and cas.is_update(text)
            if id(ev) in self.mentions.info:
                self.mentions.info[id(ev)].crowded = len(evs) >= 3

    def _finish(self) -> list[tuple[Event, dict[str, float]]]:
        """Mentions of one event merged, then history and what the factuality model drops left out."""
        info = self.mentions.info
        gaz = self.res.gazetteer

        def absorbed(target: Event, ev: Event) -> None:
            if id(target) in info and id(ev) in info:
                info[id(target)].join(info[id(ev)])

        undated = frozenset(k for k, m in info.items() if not m.dated)
        merged = merge(self.events, gaz.contains, self.g.night, self.lead, frozenset(self.mentions.background),
                       undated, absorbed)
        out = []
        for ev in merged:
            feats = self._score(ev)
            if feats is not None:
                out.append((ev, feats))
        return out

    def _score(self, ev: Event) -> dict[str, float] | None:
        """The event's confidence features, or None for history and for an event the model drops."""
        if _historical(self.doc, ev):
            return None
        if ev.event_type == SD or ev.sub_event_type == "Peaceful protest":
            # deaths in a sentence about arrests or a truce belong to the fighting it mentions
            ev.fatalities = None
        m = self.mentions.info.get(id(ev)) or Mention(0.5, 0.5, ev.generic, False, False, False, 1.0, False, False,
                                                      False)
        feats = features(ev, m, self.doc.published, context_words(self.doc, ev))
        model = self.lex.confidence
        if model is not None:
            ev.confidence = round(model(feats), 4)
            if ev.confidence < model.drop_below:
                return None  # the factuality model: most likely no new, specific event (see event_confidence)
        return feats


_VIOLENT = frozenset({BATTLES, REMOTE, VAC})


def _tidy_sentence(evs: list[Event], kill_only: list[Event]) -> list[Event]:
    """Within one sentence: a death count ("مقتل 8 ... في غارة") belongs to the specific violent event the
    sentence names; looting or a seizure in a riot or protest sentence is part of the riot, and burning or
    looting during an attack or a battle ("هاجموا القرية وأحرقوا المنازل وقتلوا شخصين") is part of the attack;
    a bare "Other" development (a surrender, a sweep) beside a specific event is a detail of that event."""
    specific = [e for e in evs if e.event_type in _VIOLENT and e not in kill_only and not e.generic]
    if specific:
        for e in kill_only:
            if specific[0].fatalities is None:
                specific[0].fatalities = e.fatalities
        evs = [e for e in evs if e not in kill_only]
    if any(e.event_type in (RIOTS, PROTESTS) for e in evs):
        evs = [e for e in evs if e.sub_event_type not in ("Looting/property destruction",
                                                          "Non-state actor overtakes territory",
                                                          "Government regains territory")]
    if any(e.event_type in (VAC, BATTLES) and e.sub_event_type != "Abduction/forced disappearance" for e in evs):
        evs = [e for e in evs if e.sub_event_type != "Looting/property destruction"]
    if any(e.sub_event_type != "Other" for e in evs):
        evs = [e for e in evs if e.sub_event_type != "Other"]
    return evs


def _historical(doc: Document, ev: Event) -> bool:
    """Events dated years before the article ("خلال حرب عام 1948") are history, not event data."""
    return bool(doc.published and ev.date_start and (doc.published - ev.date_start).days > 5 * 366)


def _continuations(doc: Document, g: EventGrammar, last: list[Event], ca: int, cb: int, si: int) -> list[Event]:
    """Events for a cue-less list item that continues the previous clause's events at a new place."""
    if not last or not g.list_item.match(doc.norm.text, ca):
        return []
    oa, ob = doc.norm.to_original(ca, cb)
    places = [p for p in doc.spans("places").within(oa, ob) if place_rank(p.place) < 2]
    if not places:
        return []
    place = min(places, key=lambda p: (place_rank(p.place), p.start))
    a, b = oa, ob
    while a < b and doc.text[a] in g.item_trim:
        a += 1
    out = []
    for ev in last:
        if ev.place is not None and ev.place.place.id == place.place.id:
            continue
        span = EvidenceSpan(a, b, doc.text[a:b])
        out.append(replace(ev, trigger=span, evidence=[span], place=place, fatalities=None, injuries=None,
                           sentence=si, confidence=ev.confidence * 0.9, generic=False, toll_update=False))
    return out


_ANAPHORIC_CUES = frozenset({"clash", "protest", "agreement", "arrest", "attack", "ied", "air", "riot"})


def _anaphoric(cue: _Cue, article: str) -> bool:
    """A definite event noun ("الاشتباكات", "الهدنة", "الاعتقالات الأخيرة") mostly refers back to an event
    the article has already reported; it is merged like a generic mention when one is compatible."""
    return cue.cue in _ANAPHORIC_CUES and cue.match.prefix.endswith(article)


def _make_event(doc: Document, lex: TriggerLexicon, dec: Decision, cues: list[_Cue], clause: tuple[int, int],
                sent, si: int, para_start: int, a1: ActorMention | None, a2: ActorMention | None,
                country: str | None, civ: bool) -> tuple[Event, Mention]:
    heads = [c for c in cues if c.cue in dec.heads] or cues
    head = max(heads, key=lambda c: (c.weight, -c.match.start))
    ts, te = doc.norm.to_original(head.match.start, head.match.end)
    ds, de, prec, where = _attach_date(doc, ts, te)
    dated = where in ("own", "before")
    place = event_args.pick_place(doc, clause, (sent.start, sent.end), para_start, ts)
    if place is None and event_place.dispersed(doc, (sent.start, sent.end)):
        pass  # "خلال عمليات أمنية متفرقة": many unnamed places, so the country and no province
    elif place is None or place_rank(place.place) == 3:
        # no place, or only a country: the article's focus place in that country, if it has one
        focus = focus_place(doc, place.place.country if place else None)
        if focus is not None:
            place = replace(focus, geo_precision=max(focus.geo_precision, 2))
    if place is None and country:
        place = PlaceMention(ts, ts, "", event_args.country_place(country), geo_precision=3, confidence=0.3)
    ctry = place.place.country if place else country
    a1, a2 = _default_actors(dec, a1, a2, ctry, civ)
    if a1 is not None and a2 is not None and a1.actor.id == a2.actor.id:
        a2 = None  # one actor cannot be both sides
    na, nb = doc.norm.to_norm(*clause)
    ctext = doc.norm.text[na:nb]
    conf = dec.weight * head.weight
    conf = 0.35 + 0.4 * conf + 0.08 * (a1 is not None) + 0.07 * (place is not None and place.geo_precision < 3) \
        + 0.06 * dated
    generic = {c.cue for c in heads} <= GENERIC or _anaphoric(head, lex.grammar.article)
    # "وفي هجوم آخر": a generic mention of another event, which must not join the one already reported
    distinct = generic and lex.grammar.another.match(doc.norm.text, head.match.end) is not None
    elsewhere = distinct and lex.grammar.elsewhere.match(doc.norm.text, head.match.end) is not None
    ws = head.match.word_start
    recalled = where != "own" and bool(lex.grammar.background.search(doc.norm.text, max(0, ws - 14), ws))
    mention = Mention(head.weight, dec.weight, generic, recalled, False, False, 0.0, dated, False, False)
    return Event(
        event_type=dec.event_type,
        sub_event_type=dec.sub_event_type,
        trigger=EvidenceSpan(ts, te, doc.text[ts:te]),
        evidence=[EvidenceSpan(sent.start, sent.end, doc.text[sent.start:sent.end])],
        date_start=ds,
        date_end=de,
        time_precision=prec,
        actor1=a1,
        actor2=a2,
        place=place,
        fatalities=lex.casualties.killed(ctext),
        injuries=lex.casualties.injured(ctext),
        civilian_targeting=dec.event_type == VAC or (civ and dec.event_type != PROTESTS),
        confidence=min(conf, 0.97),
        sentence=si,
        generic=generic,
        anaphoric=_anaphoric(head, lex.grammar.article) and not {c.cue for c in heads} <= GENERIC,
        distinct=distinct,
        elsewhere=elsewhere,
    ), mention


def _latter(doc: Document, g: EventGrammar, cues: list[_Cue], sent_start: int,
            grammar) -> tuple[ActorMention, ActorMention | None] | None:
    """"بسيطرة الأخير" (the latter's takeover): the side named last before the cue acts on the one before it."""
    cue = next((c for c in cues if g.latter.match(doc.norm.text, c.match.end)), None)
    if cue is None:
        return None
    at = doc.norm.to_original(cue.match.start, cue.match.start + 1)[0]
    sides = event_args.side_mentions(doc, sent_start, at, grammar)
    named = [m for m in sides if not event_args.is_generic(m)]
    if not named:
        return None
    last = named[-1]
    other = next((m for m in reversed(named[:-1]) if m.actor.id != last.actor.id), None)
    return last, other


def _per_location(doc: Document, ev: Event, clause: tuple[int, int], contains) -> list[Event]:
    """Copies of `ev` at the other places of the list its place heads ("خرج شبان إلى الشوارع في عرفات
    والميناء والسبخة": three riots). A toll stated once is not split, so it stays with the first."""
    if ev.place is None or place_rank(ev.place.place) == 3:
        return []
    return [replace(ev, place=p, fatalities=None, injuries=None, evidence=list(ev.evidence))
            for p in event_place.coordinated(doc, clause, ev.place, contains)]


_NON_STATE_ARMED = frozenset({"rebel", "militia", "identity", "political"})


def _town_after(doc: Document, cues: list[_Cue], start: int, end: int) -> bool:
    """A town or village named after the clause's "entered" cue."""
    weak = min(c.match.start for c in cues if c.cue == "takeover_weak")
    at = doc.norm.to_original(weak, weak + 1)[0]
    return any(at < p.start and place_rank(p.place) == 0 for p in doc.spans("places").within(at, end))


def _armed_side(doc: Document, m: ActorMention | None, table) -> ActorMention | None:
    """A government fights through its army: "بين الحوثيين والقوات التابعة للحكومة اليمنية" -> the army of
    Yemen in the period of the article (Military Forces of Yemen (Hadi government) in 2019), named as the
    article's own mention of that army when it has one."""
    if m is None or not m.actor.name.startswith("Government of") or m.actor.kind != "state" or not m.actor.country:
        return m
    key = f"military:{m.actor.country}"
    army = event_actors.first_actor(doc, key) \
        or table.generic("military", m.actor.country, doc.published)
    return replace(m, actor=army) if army is not None else m


# explosions that someone plants or carries: a state force alone in their clause is the one hit
_PLANTED = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})


def _crowd_sides(targets: TargetWords, a1: ActorMention | None, a2: ActorMention | None, norm: str,
                 clause: tuple[int, int]) -> bool:
    """A crowd (protesters, youths, residents, a party's supporters) on one side — a resolved side, or a crowd
    word in the clause — and only the state, civilians or nobody on the other: "اشتباكات بين قوات الأمن
    وأنصار الإخوان", "أصيب عشرة شبان في مواجهات مع قوات الاحتلال"."""
    def crowd(m: ActorMention) -> bool:
        return m.actor.kind in ("protesters", "rioters") or (
            m.actor.kind in ("civilians", "political") and targets.crowd(m.text))

    sides = [m for m in (a1, a2) if m is not None]
    named = any(crowd(m) for m in sides) or targets.crowd_re.search(norm, *clause) is not None
    return named and all(crowd(m) or m.actor.kind in ("state", "civilians") for m in sides)


def _default_actors(dec: Decision, a1: ActorMention | None, a2: ActorMention | None, country: str | None,
                    civ: bool) -> tuple[ActorMention | None, ActorMention | None]:
    def generic(kind: str) -> ActorMention:
        actor = event_args.generic_actor(kind, country)
        return ActorMention(0, 0, "", actor)

    if dec.event_type == PROTESTS:
        protesters = next((m for m in (a1, a2) if m and m.actor.kind == "protesters"), None) or generic("protesters")
        other = next((m for m in (a1, a2) if m and m is not protesters and m.actor.kind != "civilians"), None)
        if dec.sub_event_type == "Excessive force against protesters":
            return other, protesters
        return protesters, other if dec.sub_event_type != "Peaceful protest" else None
    if dec.event_type == RIOTS:
        rioters = next((m for m in (a1, a2) if m and m.actor.kind in ("rioters", "protesters")), None)
        rioters = generic("rioters") if rioters is None or rioters.actor.kind == "protesters" else rioters
        # the other side: the state's forces first ("مواجهات بين الشبان وقوات الأمن"), then anyone not a crowd
        other = next((m for m in (a1, a2) if m and m.actor.kind == "state"), None) or next(
            (m for m in (a1, a2) if m and m.actor.kind not in ("rioters", "protesters", "political")
             and not (m.actor.kind == "civilians" and dec.sub_event_type == "Violent demonstration")), None)
        if dec.sub_event_type == "Mob violence" and other is None and civ:
            other = generic("civilians")
        return rioters, other
    if dec.event_type == VAC and a2 is None and civ:
        a2 = generic("civilians")
    return a1, a2
