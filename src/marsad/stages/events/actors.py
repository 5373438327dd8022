"""Event actors: which side mention of an event clause acts (actor1) and which is acted on (actor2).

Clause grammar over the normalised view, one role per side mention:

- agent: the mention holds the trigger ("غارة أمريكية"), follows an agent marker ("على يد", "من قبل",
  "برصاص", "شنته", "في أيدي"), is the genitive of an attack noun ("قصف قوات النظام", "بقصف لقوات النظام"),
  the subject right after an active event verb (Arabic is VSO: "اعتقلت قوات الاحتلال ...") or the subject
  right before one ("متمردي الطوارق دخلوا");
- target: after a victim word ("مقتل 21 عسكريا", "استسلام عناصر داعش", "بينهم جنود"), after "استهدف"
  or "ضد/بحق/مع" past the trigger, civilians;
- "بين X و Y" right after the trigger is a pair of sides in the order written;
- sources ("بحسب", "نقلا عن") are no side.

Ministries are sides through their forces (وزارة الداخلية -> Police Forces of X), authorities that arrest
are police. When a clause names no actor, `fallback_actor1` reads the previous sentence's subject, a claim
of responsibility in the article ("تبنى تنظيم داعش الهجوم") or, for bombs and attacks on people, the
unidentified armed group of the country.

The word lists are data (resources/data/event_actors.json); `ActorGrammar` (stages/events/actors_lex.py,
the `event_actors` resource) builds them into the patterns used here and is passed to `pick`,
`fallback_actor1` and `side_mentions`.
"""

from __future__ import annotations

import re

from marsad.model.document import Document
from marsad.model.records import Actor, ActorMention
from marsad.stages.events.actors_lex import ActorGrammar
from marsad.text.normalize import fold

SIDE_KINDS = frozenset({"rebel", "state", "political", "identity", "civilians", "protesters", "rioters",
                        "external", "militia", "other"})
GENERIC_INTER = {"protesters": 6, "rioters": 5, "civilians": 7, "unidentified": 3}

# event cue kinds (triggers.tsv) for which an unnamed perpetrator is an armed group
_VIOLENT = frozenset({"ied", "suicide", "shell", "shell_generic", "grenade", "attack", "kill", "abduct"})


def generic_actor(kind: str, country: str | None) -> Actor:
    """The generic side of a country: Protesters (Egypt), Civilians (Syria), Unidentified Armed Group (Libya)."""
    label = {"protesters": "Protesters", "rioters": "Rioters", "civilians": "Civilians",
             "unidentified": "Unidentified Armed Group"}[kind]
    name = f"{label} ({country})" if country else label
    return Actor(id=f"generic:{kind}:{country or 'unknown'}", name=name, kind=kind if kind != "unidentified"
                 else "rebel", inter=GENERIC_INTER[kind], country=country)


def side_mentions(doc: Document, start: int, end: int, grammar: ActorGrammar) -> list[ActorMention]:
    """Mentions that can be a side of an event: actors with an ACLED inter code (sources such as
    ministries' media cells and monitors have none) and the generic civilians/protesters/rioters.
    Not a side: "بيان صحفي", "رجل الدين", a capital that names its government used as a place
    ("وسط طهران")."""
    out = []
    norm = doc.norm.text
    for m in doc.spans("actors").within(start, end):
        if not (m.actor.kind in SIDE_KINDS
                and (m.actor.inter is not None or m.actor.kind in ("civilians", "protesters", "rioters"))):
            continue
        a, b = doc.norm.to_norm(m.start, m.end)
        prv = re.search(r"([^\s,.:]+)\s*$", norm[max(0, a - 20):a])
        nxt = re.match(r"\s*([^\s,.:]+)", norm[b:b + 20])
        pw, nw = (prv.group(1) if prv else ""), (nxt.group(1) if nxt else "")
        if m.actor.kind == "civilians" and (pw in grammar.not_civilian_before or nw in grammar.not_civilian_after):
            continue
        if m.actor.kind == "state" and (pw in grammar.locative or norm[a:a + 1] == grammar.bi) and \
                doc.spans("places").covering(m.start, m.end):
            continue
        out.append(m)
    return out


def _state_forces(doc: Document, country: str, key: str) -> Actor:
    """Military or Police Forces of a country, named as in the article when it mentions them."""
    known = first_actor(doc, f"{key}:{country}")
    if known is None:
        of = f"the {country}" if country.startswith("United ") else country
        label = "Military Forces of" if key == "military" else "Police Forces of"
        known = Actor(f"{key}:{country}", f"{label} {of}", "state", 1, country)
    return known


def _forces(doc: Document, m: ActorMention, key: str) -> ActorMention:
    """The forces a ministry or an authority acts through."""
    if not m.actor.country:
        return m
    return ActorMention(m.start, m.end, m.text, _state_forces(doc, m.actor.country, key), m.role, m.org)


def _country_subject(doc: Document, cl: _Clause, start: int, end: int) -> ActorMention | None:
    """"إن تركيا تقيم قاعدة عسكرية": a country named as the subject of an event verb acts through its army."""
    for p in doc.spans("places").within(start, end):
        if p.place.feature != "country" or not p.place.country:
            continue
        a, b = doc.norm.to_norm(p.start, p.end)
        nxt = re.match(r"\s*([^\s,.:]+)", cl.norm[b:b + 20])
        prv = re.search(r"([^\s,.:]+)\s*$", cl.norm[max(cl.cs, a - 20):a])
        words = {w.group(1) for w in (nxt, prv) if w}
        words |= {w[1:] for w in words if w[:1] in cl.g.conj}
        if words & cl.g.verbs:
            return ActorMention(p.start, p.end, p.text, _state_forces(doc, p.place.country, "military"))
    return None


def as_side(doc: Document, m: ActorMention, grammar: ActorGrammar, arrest: bool = False) -> ActorMention:
    """A ministry is a side through its forces; authorities that arrest are the police; "المتمردون" after
    a named rebel group ("متمردي الطوارق") is that group."""
    name = m.actor.name
    if m.actor.id.startswith("opposition:"):
        named = [x for x in doc.actors if x.end <= m.start and x.actor.kind == "rebel" and x.actor.inter == 2
                 and not is_generic(x) and not x.actor.id.startswith("opposition:")]
        stem = fold_stem(m.text, grammar)
        same = [x for x in named if stem and stem in doc.norm.text[slice(*doc.norm.to_norm(x.start, x.end))]]
        if same or named:
            return ActorMention(m.start, m.end, m.text, (same or named)[-1].actor, m.role, m.org)
        return m
    if m.actor.kind != "state" or name.startswith(("Military Forces", "Police Forces")):
        return m
    if name.startswith(("Ministry of Defence", "Ministry of National Defence", "US Department of Defense")):
        return _forces(doc, m, "military")
    if name.startswith("Ministry of Interior") or (arrest and name.startswith(("Government of", "Ministry of Justice"))):
        return _forces(doc, m, "police")
    return m


class _Clause:
    """Role of each side mention of one clause."""

    def __init__(self, doc: Document, start: int, end: int, trigger: int, grammar: ActorGrammar):
        self.doc, self.norm, self.g = doc, doc.norm.text, grammar
        self.trig = doc.norm.to_norm(trigger, trigger + 1)[0]
        self.cs = doc.norm.to_norm(start, start + 1)[0] if start < len(doc.text) else len(self.norm)
        self.ms = side_mentions(doc, start, end, grammar)

    def span(self, m: ActorMention) -> tuple[int, int]:
        return self.doc.norm.to_norm(m.start, m.end)

    def before(self, m: ActorMention, width: int = 30) -> str:
        a, _ = self.span(m)
        s = self.norm[max(self.cs, a - width):a]
        # a clitic glued to the mention ("بالجنود", "لقوات") is not a word of the phrase before it
        return " " + (s if not s or s[-1].isspace() else s[:len(s.rstrip(self.g.glued))])

    def next_word(self, m: ActorMention) -> str:
        _, b = self.span(m)
        w = re.match(r"\s*([^\s,.:]+)", self.norm[b:b + 20])
        return w.group(1) if w else ""

    def prev_word(self, m: ActorMention) -> str:
        a, _ = self.span(m)
        w = re.search(r"([^\s,.:]+)\s*$", self.norm[max(self.cs, a - 20):a])
        return w.group(1) if w else ""

    def is_source(self, m: ActorMention) -> bool:
        """A source ("بحسب", "نقلا عن"), a supporter ("بإسناد من"), or the subject of a report about what
        others did ("ذكرت ميليشيا الحشد أن ثلاثة صواريخ سقطت"; but "قالت قسد إنها تعلن السيطرة"): no side."""
        bf = self.before(m, 30)
        if self.g.source.search(bf) or self.g.support.search(bf):
            return True
        a, b = self.span(m)
        report = self.g.report
        conj = self.g.conj
        if (self.prev_word(m).lstrip(conj) in report or self.next_word(m).lstrip(conj) in report) \
                and self.trig > b:
            that = self.g.that.match(self.norm, b)
            return bool(that and that.group(1).lstrip(self.g.bi) not in self.g.that_self and that.end() <= self.trig + 1)
        return False

    def agent_level(self, m: ActorMention) -> int:
        """2: the mention is an attack ("غارة أمريكية") or follows an agent marker or attack noun ("على يد",
        "قصف قوات النظام"); 1: the subject of an event verb ("اعتقلت قوات الاحتلال", "المستوطنين وصلوا"); 0."""
        a, b = self.span(m)
        if m.actor.kind == "civilians":
            return 0
        if a <= self.trig < b or self.g.head_attack.match(self.norm, a):
            return 2  # "غارة أمريكية", "الطيران المروحي التابع للتحالف"
        bf = self.before(m)
        if self.g.agent.search(bf) or self.g.attack_noun.search(bf):
            return 2
        if self.g.agent_suffix.search(bf) and self.trig < a and len(self.norm[self.trig:a].split()) <= 5:
            return 2
        if self.g.verbal_noun.search(bf) and self.g.lam_after.match(self.norm[b:b + 4]):
            return 2  # "توقيف عناصر الأمن لعدد من المحتجين", "استهداف قوات النظام لمواقع"
        verbs, conj = self.g.verbs, self.g.conj
        pw = self.prev_word(m)
        pw = pw[1:] if pw[:1] in conj and pw[1:] in verbs else pw
        if pw in verbs and not self.g.victim_num.search(bf):
            return 1  # "اعتقلت قوات الاحتلال", "واختطف مسلحون"
        nw = self.next_word(m)
        nw = nw[1:] if nw[:1] in conj and nw[1:] in verbs else nw
        if nw in verbs and nw not in self.g.passive_after_subject:
            return 1  # "المستوطنين وصلوا"
        return 0

    def verb_subject(self, m: ActorMention) -> bool:
        """Right after an active event verb: "واختطف مسلحون ملثمون صحفيا" (but "قتل جنود" reads passive)."""
        verbs = self.g.verbs
        pw = self.prev_word(m)
        pw = pw[1:] if pw[:1] in self.g.conj and pw[1:] in verbs else pw
        return pw in verbs and pw not in self.g.passive_read and not self.g.victim_num.search(self.before(m))

    def is_agent(self, m: ActorMention) -> bool:
        return self.agent_level(m) > 0

    def is_target(self, m: ActorMention) -> bool:
        if m.actor.kind == "civilians":
            return True
        bf = self.before(m, 50)
        if self.g.victim.search(bf) or self.g.victim_num.search(bf) or self.g.premises.search(bf):
            return True
        a, b = self.span(m)
        if self.g.victim_after.match(self.norm, b):
            return True
        return a > self.trig and bool(self.g.target_after.search(self.before(m, 30)))

    def between(self) -> tuple[ActorMention, ActorMention] | None:
        """"اشتباكات عنيفة بين الجيش والدعم السريع": a pair named right after the trigger (or before it).
        A pair far from the trigger ("في الحرب التي ... بين الجيش والدعم") is background: `self.background`."""
        self.background: set[int] = set()
        for i, m in enumerate(self.ms[:-1]):
            a, _ = self.span(m)
            if not self.g.between.search(self.norm[max(self.cs, a - 8):a]):
                continue
            other = next((x for x in self.ms[i + 1:] if x.actor.id != m.actor.id), None)
            gap = self.norm[min(self.trig, a):max(self.trig, a)]
            clash = self.g.clash_before.search(self.norm[max(self.cs, a - 40):a])
            if len(gap.split()) > 7 and not clash:
                self.background |= {id(m)} | ({id(other)} if other is not None else set())
                continue
            if other is not None:
                return m, other
        return None


_ARMED = ("rebel", "political", "identity", "militia")


def fold_stem(text: str, grammar: ActorGrammar) -> str:
    """The head of a generic mention without article and plural ending: "المتمردون" -> "متمرد"."""
    w = fold(text).split()[-1] if text.strip() else ""
    art = grammar.article
    w = w[len(art):] if w.startswith(art) else w
    for end in grammar.plural_endings:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[:-len(end)]
    return w


def _place_country(doc: Document, start: int, end: int) -> str | None:
    """The country of the clause's places, else of the article's ("نابلس" -> Palestine)."""
    here = [p.place.country for p in doc.spans("places").within(start, end) if p.place.country
            and p.place.feature != "country"]
    if here:
        return here[0]
    from marsad.stages.places import country_focus

    return country_focus(doc)


def is_generic(m: ActorMention) -> bool:
    """A generic side (civilians, protesters, an unidentified armed group), not a named actor."""
    return m.actor.id.startswith(("unidentified:", "generic:"))


def _named_armed(ms: list[ActorMention]) -> list[ActorMention]:
    return [m for m in ms if m.actor.kind in _ARMED and not is_generic(m)]


def pick(doc: Document, start: int, end: int, trigger: int,
         grammar: ActorGrammar) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 / actor2 for an event whose clause is [start, end) with its trigger at `trigger` (original)."""
    cl = _Clause(doc, start, end, trigger, grammar)
    if not cl.ms:
        got = _country_subject(doc, cl, start, end)
        return got, None
    ce = doc.norm.to_norm(end - 1, end)[1] if end > start else cl.cs
    arrest = bool(grammar.arrest.search(cl.norm, cl.cs, ce))
    state_action = arrest or bool(grammar.state_action.search(cl.norm, cl.cs, ce))
    pair = cl.between()
    ms = [m for m in cl.ms if not cl.is_source(m) and id(m) not in cl.background]
    if pair is not None:
        # "بين قوات الأمن ومسلحين من تنظيم داعش": the named group the gunmen belong to
        one, two = pair
        if is_generic(two):
            after = [m for m in cl.ms if m.start >= two.end and grammar.from_gap.fullmatch(doc.text[two.end:m.start])]
            two = next(iter(_named_armed(after)), two)
        side1, side2 = as_side(doc, one, grammar), as_side(doc, two, grammar)
        return side1, (side2 if side2.actor.id != side1.actor.id else None)
    level = {id(m): cl.agent_level(m) for m in ms}
    strong = [m for m in ms if level[id(m)] == 2]
    weak = [m for m in ms if level[id(m)] == 1 and (not cl.is_target(m) or cl.verb_subject(m))]
    agents = strong + weak
    targets = [m for m in ms if m not in agents and cl.is_target(m)]
    # "قتل قيادي في حركة الشباب": a person killed or arrested stands for the group in the title
    targets += [ActorMention(p.start, p.end, p.text, p.org) for p in doc.spans("actors").within(start, end)
                if p.actor.kind == "person" and p.org is not None
                and p.org.kind in _ARMED and p.org.inter is not None and cl.is_target(p)]
    targets.sort(key=lambda m: m.start)
    hit = {m.actor.id for m in targets}
    # "قتل 21 عسكريا ماليا في الهجوم على ثكنة للجيش المالي": the victim's side named again is no agent
    neutral = [m for m in ms if m not in agents and m not in targets and m.actor.id not in hit]
    a1: ActorMention | None = None
    if agents:
        pool = strong or weak
        a1 = min(pool, key=lambda m: abs(m.start - trigger))
    else:
        a1 = _country_subject(doc, cl, start, end) or (neutral[0] if neutral else None)
    if a1 is not None and is_generic(a1) and a1.actor.kind != "civilians":
        # "انتحاريان من تنظيم داعش", "مجهولون يعتقد أنهم خلايا تابعة لتنظيم الدولة": the named group
        named = _named_armed([m for m in agents + neutral if m.start >= a1.start])
        if named:
            targets = [m for m in targets if m.actor.id != a1.actor.id]
            neutral = [m for m in neutral if m.actor.id != a1.actor.id]
            a1 = named[0]
    if a1 is not None and state_action and is_generic(a1):
        # "تدمير مخابئ كانت تستعملها الجماعات الإرهابية": the state acts on the group (or carries over)
        targets.insert(0, a1)
        state = [m for m in ms if m.actor.kind == "state" or m.actor.inter == 1]
        a1 = state[0] if state else None
    rest = [m for m in targets + neutral + agents if m is not a1 and (a1 is None or m.actor.id != a1.actor.id)]
    a2: ActorMention | None = None
    if arrest:
        # "للاشتباه في صلتهم بفتح الله غولن": the organisation of a person the arrested are tied to
        linked = [ActorMention(p.start, p.end, p.text, p.org) for p in doc.spans("actors").within(start, end)
                  if p.actor.kind == "person" and p.org is not None
                  and p.org.kind in _ARMED and (grammar.linked.search(cl.before(p, 30))
                                                or (p.org.inter is not None and p.start > trigger))]
        named = _named_armed(rest) + linked
        a2 = named[0] if named else next((m for m in rest if m.actor.kind in ("civilians", "protesters")), None)
        if a2 is None and (a1 is None or a1.actor.kind in ("state", "external")):
            country = _place_country(doc, start, end) or (a1.actor.country if a1 is not None else None)
            a2 = ActorMention(cl.ms[0].start, cl.ms[0].start, "", generic_actor("civilians", country)) \
                if country else None
    if a2 is None:
        tgt = [m for m in rest if m in targets]
        a2 = min(tgt, key=lambda m: abs(m.start - trigger)) if tgt else (rest[0] if rest else None)
    a1 = as_side(doc, a1, grammar, arrest) if a1 is not None else None
    a2 = as_side(doc, a2, grammar, arrest) if a2 is not None else None
    if a1 is not None and a2 is not None and a1.actor.id == a2.actor.id:
        a2 = None
    return a1, a2


def first_actor(doc: Document, actor_id: str) -> Actor | None:
    """The actor of the document's first mention of `actor_id` (a table built once per document)."""
    table = doc.derived("event_actors.by_id", "actors", lambda d: {m.actor.id: m.actor for m in reversed(d.actors)})
    return table.get(actor_id)


def _claimed(doc: Document, grammar: ActorGrammar) -> ActorMention | None:
    """The group that claims responsibility in the article ("تبنى تنظيم داعش الهجوم"), if any."""
    norm = doc.norm.text
    for c in grammar.claim.finditer(norm):
        lo, hi = doc.norm.to_original(max(0, c.start() - 40), min(len(norm), c.end() + 40))
        claimed = [m for m in doc.spans("actors").within(lo, hi) if m.actor.kind in ("rebel", "political",
                   "identity") and not is_generic(m)]
        if claimed:
            return min(claimed, key=lambda m: abs(m.start - doc.norm.to_original(c.start(), c.end())[0]))
    return None


def fallback_actor1(doc: Document, sent_start: int, kinds: set[str] | frozenset[str],
                    country: str | None, grammar: ActorGrammar) -> ActorMention | None:
    """actor1 for an event whose clause and sentence name no acting side: the subject of the previous
    sentence when it is a fragment of this one, a claim of responsibility in the article ("تبنى تنظيم
    داعش الهجوم"), else for bombs and attacks the unidentified armed group of the country."""
    si = doc.sentence_index(sent_start)
    if si > 0:
        prev = doc.sentences[si - 1]
        if prev.end - prev.start < 60:
            # "شنت قوات الأمن / المصرية حملة ...": a line break split the sentence
            cl = _Clause(doc, prev.start, min(len(doc.text), prev.end + 40), prev.start, grammar)
            got = next((m for m in cl.ms if m.start < prev.end and cl.is_agent(m) and m.actor.kind != "civilians"),
                       None)
            if got is not None:
                return as_side(doc, got, grammar)
    if not kinds & _VIOLENT:
        return None
    claimed = doc.derived("event_actors.claimed", "actors", lambda d: _claimed(d, grammar))
    if claimed is not None:
        return claimed
    if kinds <= {"kill", "abduct"}:
        return None
    return ActorMention(sent_start, sent_start, "", generic_actor("unidentified", country))
