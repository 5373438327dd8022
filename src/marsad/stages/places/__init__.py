"""Stage `places`: toponym recognition and resolution against the gazetteer.

One Aho-Corasick pass finds every known Arabic name; context then decides what is a place and which one:

- a type cue before the name ("مدينة", "بلدة", "قرية", "حي", "مخيم", "محافظة", "ولاية", "ريف X الشرقي")
  confirms it and says what kind of place it is;
- weak names (small villages, names that are ordinary words: "صور", "حماة", "الباب") need a cue or a
  locative word ("في", "قرب", "شمال" ...), stop-listed ones are dropped or need a type cue;
- among same-named places the document's country focus, nesting ("حي غويران في مدينة الحسكة") and
  population decide;
- "30 كم من بئر العبد", "على أطراف مدينة الحسكة", "ريف حلب الشمالي" give geo_precision 2.

    >>> [m.place.admin1 for m in parse_places("اشتباكات في حي غويران بمدينة الحسكة")]
    ['Al-Hasakah', 'Al-Hasakah']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from marsad.model.document import Document
from marsad.model.records import Place, PlaceMention
from marsad.resources.gazetteer import POINT_FEATURES, Entry, Gazetteer
from marsad.stages.base import stage
from marsad.text.match import is_word_char
from marsad.text.normalize import fold

_WORD = re.compile(r"[^\W\d_]+")
REFERENCE = 0.1  # the confidence of a place named only as a reference point (a country across a border)
BIG = frozenset({"country", "admin1", "capital", "city", "region"})


class _Cues:
    """Folded cue tables, built once per Gazetteer and cached on it. Besides the cue words, the letters and
    short lists the code tests (clitics, the article, و, ...) come from places_cues.json too."""

    def __init__(self, raw: dict):
        def words(key: str) -> list[str]:
            return [fold(w) for w in raw[key]["words"]]

        def one(key: str) -> str:
            (w,) = words(key)
            return w

        self.clitics = tuple(words("clitics"))  # in the order they are tried
        self.article, self.conjunction, self.lam, self.lil = one("article"), one("conjunction"), one("lam"), one("lil")
        self.not_conjunction = tuple(words("not_conjunction"))
        self.locative_clitics = tuple(words("locative_clitics"))
        self.rare_clitics = frozenset(words("rare_clitics"))
        self.distance_units = frozenset(words("distance_units"))
        self.nationality_clitics = frozenset(words("nationality_clitics"))
        self.capital_word = one("capital_word")
        self.capital_clitics = frozenset(words("capital_clitics"))
        self.countryside_word = one("countryside_word")
        self.unknown_name_cues = {fold(k): v for k, v in raw["unknown_name_cues"]["words"].items()}
        self.nest_gaps = frozenset(raw["nest_gaps"]["words"])  # compared with the original text: as written
        self.translit = dict(raw["translit"]["letters"])
        feminine = one("feminine_ending")
        self.types = {fold(k): tuple(v) for k, v in raw["types"].items()}
        self.preps = frozenset(fold(w) for w in raw["preps"])
        self.relative = frozenset(fold(w) for w in raw["relative"])
        self.directions = {fold(k): v for k, v in raw["directions"].items()}
        self.nationality = {fold(k): v for k, v in raw["nationality"].items()}
        self.not_names = frozenset(fold(w) for w in raw["not_names"])
        self.generic = frozenset(fold(w) for w in raw.get("generic", ()))
        self.land_nouns = frozenset(fold(w) for w in raw.get("land_nouns", ()))
        self.noun_followers = frozenset(fold(w) for w in raw.get("noun_followers", ()))
        self.compound_heads = frozenset(fold(w) for w in raw.get("compound_heads", ()))
        self.adjective_blockers: dict[str, frozenset[str]] = {}
        for adj, heads in raw.get("adjective_blockers", {}).items():
            block = frozenset(fold(h) for h in heads)
            for form in (fold(adj), fold(adj) + feminine):
                self.adjective_blockers[form] = block
        self.border_before = tuple(sorted({fold(w) for w in raw.get("border_before", ())}, key=len, reverse=True))
        self.list_openers = frozenset(fold(w) for w in raw.get("list_openers", ()))
        # a list opener with an optional clitic, followed by a space or a colon
        self.list_opener_re = re.compile(r"(?<!\w)(?:" + "|".join(sorted(self.clitics, key=len, reverse=True)) + r")?(?:"
                                         + "|".join(re.escape(w) for w in sorted(self.list_openers, key=len,
                                                                                 reverse=True)) + r")(?=[ :])")
        self.list_adjectives = frozenset(fold(w) for w in raw.get("list_adjectives", ()))
        self.nationwide = tuple(sorted({fold(w) for w in raw.get("nationwide", ())}, key=len, reverse=True))
        self.by_iso: dict[str, set[str]] = {}
        for k, v in self.nationality.items():
            self.by_iso.setdefault(v, set()).add(k)

    def strip(self, word: str, table) -> str | None:
        """The word itself or without a proclitic, if that form is in `table`."""
        if word in table:
            return word
        for c in self.clitics:
            if word.startswith(c) and word[len(c):] in table:
                return word[len(c):]
        return None

    def latin(self, ar: str) -> str:
        """A rough Latin spelling for a name the gazetteer lacks: "كفر نوران" -> "Kfr Nwran", "الفطيره" -> "Al-Ftyrh"."""
        words = []
        art, table = self.article, self.translit
        for w in ar.split():
            has_art = w.startswith(art) and len(w) > 3
            s = "".join(table.get(c, c) for c in (w[len(art):] if has_art else w))
            words.append(("Al-" if has_art else "") + s[:1].upper() + s[1:])
        return " ".join(words)


def _cues(gaz: Gazetteer) -> _Cues:
    c = getattr(gaz, "_cue_cache", None)
    if c is None:
        c = _Cues(gaz.cues)
        gaz._cue_cache = c  # immutable derived view of gaz.cues; safe to share
    return c


def _prev_words(text: str, pos: int, n: int = 2) -> list[tuple[int, str]]:
    """Up to n words before normalised offset `pos`, nearest first, as (start, word)."""
    out: list[tuple[int, str]] = []
    i = pos
    while len(out) < n:
        while i > 0 and not is_word_char(text[i - 1]):
            if text[i - 1] in ".!?\n":  # the normalised text: an Arabic question mark is "?" there
                return out
            i -= 1
        j = i
        while j > 0 and is_word_char(text[j - 1]):
            j -= 1
        if j == i:
            break
        out.append((j, text[j:i]))
        i = j
    return out


def _next_word(text: str, pos: int) -> tuple[int, int, str]:
    i = pos
    while i < len(text) and text[i] == " ":
        i += 1
    j = i
    while j < len(text) and is_word_char(text[j]):
        j += 1
    return i, j, text[i:j]


def _precision(p: Place, relative: bool) -> int:
    base = 1 if p.feature in POINT_FEATURES else (3 if p.feature in ("admin1", "country") else 2)
    return max(base, 2) if relative else base


class _Finder:
    """Recognition and resolution for one document."""

    def __init__(self, doc: Document, gaz: Gazetteer):
        self.doc, self.gaz, self.cues = doc, gaz, _cues(gaz)
        self.text = doc.norm.text

    def context(self, start: int, prefix: str) -> tuple[tuple[str, ...], bool, bool, int]:
        """(type classes, locative, relative, start of the cue) for a name at normalised `start`."""
        cues = self.cues
        types: tuple[str, ...] = ()
        locative = prefix.endswith(cues.locative_clitics)
        relative = False
        cue_start = start - len(prefix)
        words = _prev_words(self.text, cue_start, 3)
        for k, (ws, w) in enumerate(words):
            t = cues.strip(w, cues.types)
            if t and k == 0:
                types = cues.types[t]
                cue_start = ws
                locative = True
            if cues.strip(w, cues.preps):
                locative = True
            if cues.strip(w, cues.relative) or w in cues.distance_units:
                relative = True if k <= 1 or w in cues.distance_units else relative
            if k == 0 and not t and not cues.strip(w, cues.preps):
                break
            if k >= 1 and not t:
                break
        return types, locative, relative, cue_start

    def policy(self, key: str) -> str:
        return self.gaz.stop.get(key, "")

    def candidates(self) -> list[dict]:
        out = []
        prev: dict | None = None
        for m in self.gaz.lexicon.find(self.text):
            ids = self.gaz.ids(m.key)
            if not ids:
                continue
            types, locative, relative, cue_start = self.context(m.start, m.prefix)
            if not types and m.prefix.startswith(self.cues.conjunction) and prev is not None and prev["types"] \
                    and 0 <= m.start - len(m.prefix) - prev["m"].end <= 2 and "countryside" not in prev["types"]:
                types, locative = prev["types"], True  # "بمحليتي أم القرى وشرق الجزيرة", "عرفات والميناء"
            _, _, nxt = _next_word(self.text, m.end)
            if not types and nxt in self.cues.noun_followers:
                continue  # "الباب الرئيسي للسجن" is a door, not Al-Bab
            first = m.key.split(" ", 1)[0]
            self_cued = not types and " " in m.key and first in self.cues.types
            if self_cued:
                types, locative = self.cues.types[first], True  # "سجن الصناعة", "مطار أربيل الدولي"
                if "countryside" in types:
                    types = ("area", "region")  # a curated "ريف حلب الشمالي" is the area itself
            pol = self.policy(m.key)
            places = [self.gaz.entry(i) for i in ids]
            big = any(e.place.feature in BIG or e.place.population >= 50_000 for e in places)
            short = len(m.key.replace(" ", "")) <= 3
            if pol == "cue" and not types:
                continue
            if pol == "weak" and not (types or locative):
                continue
            if short and (m.prefix or not (types or big)):
                continue  # "باب" is not ب + "اب" (Ibb)
            # "فرقة" is not ف+"رقة", "كمينا" not ك+"مينا": rare clitics on a place name need a type cue
            if not types and (set(m.prefix) & self.cues.rare_clitics or (m.prefix.startswith(self.cues.lam) and not big)):
                continue
            # "الحديثة" is the adjective "modern", not ال + "حديثة" (Haditha): names never take an article
            if m.prefix.endswith(self.cues.article) and not m.key.startswith(self.cues.article) and not types and not (
                    big and not any(e.place.feature in ("capital", "country") for e in places)):
                continue  # ("القامشلي" is fine: a city the gazetteer spells without the article)
            out.append(dict(m=m, entries=places, types=types, locative=locative, relative=relative,
                            big=big and not pol, cue_start=cue_start))
            prev = out[-1]
        return out

    def focus_counts(self, cands: list[dict]) -> Counter:
        """Country votes from unambiguous strong names and nationality adjectives."""
        votes: Counter = Counter()
        for c in cands:
            isos = {e.iso for e in c["entries"]}
            c["vote"] = 0.0
            if len(isos) == 1 and (c["big"] or c["types"]):
                weight = 1.0 if c["entries"][0].place.feature == "country" else 2.0
                c["vote"] = weight * (2 if c["m"].start < 250 else 1)
                votes[next(iter(isos))] += c["vote"]
        for w in self.text.split():
            iso = self.cues.nationality.get(w) or self.cues.nationality.get(w[1:] if w[:1] in self.cues.nationality_clitics
                                                                            else "")
            if iso:
                votes[iso] += 0.5  # type: ignore[assignment]  # float votes: typeshed types Counter counts as int
        return votes

    def choose(self, c: dict, votes: Counter, neighbours: list[dict]) -> tuple[Entry | None, float]:
        total = sum(votes.values()) or 1.0
        best, best_s = None, -1e9
        for e in c["entries"]:
            p = e.place
            s = self.gaz.rank(p)[0] * 3 + math.log10(p.population + 10)
            if c["types"]:
                if p.feature in c["types"]:
                    s += 30 - 3 * c["types"].index(p.feature)
                elif "countryside" in c["types"] and p.feature in ("city", "capital", "town", "admin1", "admin2"):
                    s += 28 if p.feature == "admin1" else 20  # "ريف القنيطرة": the governorate's countryside
            s += 40 * votes.get(e.iso, 0) / total
            for n in neighbours:
                if any(self.gaz.contains(ne.place.id, p.id) or self.gaz.contains(p.id, ne.place.id)
                       or (ne.admin1_id and ne.admin1_id == e.admin1_id) for ne in n["entries"]):
                    s += 25
                    break
            if s > best_s:
                best, best_s = e, s
        return best, best_s

    def run(self) -> list[PlaceMention]:
        cands = self.candidates()
        votes = self.focus_counts(cands)
        top = votes.most_common(1)[0][0] if votes else None
        out: list[PlaceMention] = []
        for i, c in enumerate(cands):
            entries = c["entries"]
            isos = {e.iso for e in entries}
            if self.foreign(c, isos, votes):
                continue
            if not (c["big"] or c["types"]):
                # weak names (villages, small towns): need a locative word and a country the text is about,
                # or a multi-word name
                if not c["locative"]:
                    continue
                sizable = len(isos) == 1 and any(e.place.population >= 10_000 or e.place.feature == "admin2"
                                                 for e in entries)
                if " " not in c["m"].key and not sizable and not (isos & {iso for iso, _ in votes.most_common(3)}):
                    continue
            near = [n for n in cands[max(0, i - 3): i + 4] if n is not c
                    and abs(n["m"].start - c["m"].start) < 120]
            e, _ = self.choose(c, votes, near)
            if e is None:
                continue
            m = c["m"]
            place = e.place
            start, end = m.start, m.end
            head, _, rest = m.key.partition(" ")
            if rest and head in self.cues.generic and "countryside" not in c["types"]:
                start = m.start + len(head) + 1  # "محافظة الحسكة": the name is "الحسكة"
            prec_rel = c["relative"]
            if "countryside" in c["types"]:
                place, end = self.countryside(place, e, m.end)
                start, prec_rel = c["cue_start"], True
            s, t = self.doc.norm.to_original(start, end)
            if self.doc.furniture and self.doc.in_furniture(s, t):
                continue
            out.append(PlaceMention(s, t, self.doc.text[s:t], place, _precision(place, prec_rel),
                                    0.9 if c["big"] or c["types"] else 0.6))
        out = self.capitals(self.nested(out))
        out.extend(self.unknown_named(cands, out, top))
        out = sorted(out, key=lambda pm: (pm.start, -pm.end))
        out.extend(self.list_items(out))
        out.extend(self.adjectives(out))
        if top:
            out.extend(self.nationwide(out, top))
        # a country across a border stays as a reference point, too weak to place anything (usable >= 0.4)
        out = [replace(pm, confidence=REFERENCE) if self.across_border(pm) else pm for pm in out]
        out.sort(key=lambda pm: (pm.start, -pm.end))
        return _dedupe(out)

    def nested(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """'عبوين برام الله', 'قرية X في محافظة Y': a small place written inside a bigger one takes that
        one's admin1 when the gazetteer (or a guess such as the Palestinian nearest-seat rule) says otherwise."""
        out = list(found)
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            gap = self.doc.text[a.end:b.start].strip()
            pa, pb = a.place, b.place
            if gap not in self.cues.nest_gaps or pa.country != pb.country or pa.feature not in POINT_FEATURES:
                continue
            inner_admin1 = pb.admin1 or (pb.name if pb.feature == "admin1" else None)
            if inner_admin1 and pa.admin1 != inner_admin1 and pa.population < 100_000 \
                    and pb.feature in ("admin1", "admin2", "capital", "city", "town"):
                out[i] = replace(a, place=replace(pa, admin1=inner_admin1))
        return out

    def foreign(self, c: dict, isos: set[str], votes: Counter) -> bool:
        """A minor name found only in a country the text is not about, when it clearly is about another
        one: 'مقاطعة البحيرة' in a story on Lake Chad is not Egypt's Beheira. Kept when the text ties it
        to its country ('مدينة غازي عنتاب التركية', '... جنوب تركيا')."""
        if not votes or any(e.place.feature in ("country", "capital") or e.place.population >= 1_000_000
                            for e in c["entries"]):
            return False
        top_v = max((v for iso, v in votes.items() if iso not in isos), default=0.0)
        if top_v < 4 or any(votes.get(iso, 0) * 3 > top_v for iso in isos):
            return False
        after = self.text[c["m"].end: c["m"].end + 60]
        for iso in isos:
            ce = self.gaz.by_iso.get(iso)
            names = set(ce.names) if ce else set()
            if any(n in after for n in names | self.cues.by_iso.get(iso, set())):
                return False
        return True

    def adjectives(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """Nationality adjectives as country mentions: 'تجاه المدن الإسرائيلية' (land noun + adjective) is a
        place (confidence 0.8); a bare 'الجيش المالي' only says which country the text is about (0.3)."""
        out: list[PlaceMention] = []
        taken = [(pm.start, pm.end) for pm in found]
        for mt in _WORD.finditer(self.text):
            w = mt.group()
            key = self.cues.strip(w, self.cues.nationality)
            if key is None:
                continue
            place = self.gaz.country(self.cues.nationality[key])
            if place is None:
                continue
            ns, conf = mt.start(), 0.3
            prev = _prev_words(self.text, mt.start(), 1)
            block = self.cues.adjective_blockers.get(key)
            if block and prev and (prev[0][1] in block or self.cues.strip(prev[0][1], block)):
                continue  # "وزارة المالية" is the finance ministry, "الضفة اليمنى" the right bank
            if prev and self.cues.strip(prev[0][1], self.cues.land_nouns):
                ns, conf = prev[0][0], 0.8
            s, t = self.doc.norm.to_original(ns, mt.end())
            if any(a < t and s < b for a, b in taken) or (self.doc.furniture and self.doc.in_furniture(s, t)):
                continue
            out.append(PlaceMention(s, t, self.doc.text[s:t], place, 3, conf))
        return out

    def nationwide(self, found: list[PlaceMention], iso: str) -> list[PlaceMention]:
        """'عبر التراب الوطني', 'في مختلف أنحاء البلاد': the focus country as a whole."""
        out: list[PlaceMention] = []
        place = self.gaz.country(iso)
        if place is None:
            return out
        taken = [(pm.start, pm.end) for pm in found]
        for phrase in self.cues.nationwide:
            k = self.text.find(phrase)
            while k >= 0:
                e = k + len(phrase)
                ws = k
                while ws > 0 and is_word_char(self.text[ws - 1]):
                    ws -= 1
                if (self.text[ws:k] in self.cues.clitics or ws == k) and (e >= len(self.text) or not is_word_char(self.text[e])):
                    s, t = self.doc.norm.to_original(k, e)
                    if not any(a < t and s < b for a, b in taken):
                        out.append(PlaceMention(s, t, self.doc.text[s:t], place, 3, 0.7))
                        taken.append((s, t))
                k = self.text.find(phrase, e)
        return out

    def capitals(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """'العاصمة الجزائرية' / 'عاصمة النيجر' (no name given) -> that country's capital."""
        out = list(found)
        text = self.text
        word, art, clitics = self.cues.capital_word, self.cues.article, self.cues.capital_clitics
        for k in range(len(text)):
            if not text.startswith(word, k) or (k and is_word_char(text[k - 1]) and text[k - 2:k] != art
                                                and text[k - 1] not in clitics):
                continue
            end = k + len(word)
            ns, ne, w = _next_word(text, end)
            iso = self.cues.nationality.get(w)
            span_end = ne
            if iso is None:
                s0, _ = self.doc.norm.to_original(ns, ne)
                nxt = next((pm for pm in found if pm.start == s0 and pm.place.feature == "country"), None)
                if nxt is None:
                    continue
                iso = next((e.iso for e in [self.gaz.entry(nxt.place.id)]), None)
                out.remove(nxt)
            cap = next((e.place for e in self.gaz.entries.values() if e.iso == iso and e.place.feature == "capital"),
                       None) if iso else None
            if cap is None:
                continue
            ws = k - 2 if text[k - 2:k] == art else k
            s0, t0 = self.doc.norm.to_original(ws, span_end)
            if any(pm.place.id == cap.id and 0 <= pm.start - t0 <= 2 for pm in out):
                continue  # "العاصمة الأردنية عمان": the name itself is the mention
            relative = self.context(ws, "")[2]
            if any(pm.start < t0 and s0 < pm.end for pm in out) or (self.doc.furniture and
                                                                   self.doc.in_furniture(s0, t0)):
                continue
            out.append(PlaceMention(s0, t0, self.doc.text[s0:t0], cap, 2 if relative else 1, 0.8))
        return out

    def countryside(self, place: Place, e, end: int) -> tuple[Place, int]:
        """'ريف حلب الشمالي' -> an area under Aleppo with its direction."""
        direction = ""
        i, j, w = _next_word(self.text, end)
        if w in self.cues.directions:
            direction, end = self.cues.directions[w], j
            i2, j2, w2 = _next_word(self.text, j)
            if f"{w} {w2}" in self.cues.directions:
                direction, end = self.cues.directions[f"{w} {w2}"], j2
        admin1 = place.admin1 or (place.name if place.feature == "admin1" else None)
        base = place.name
        name = f"{direction} countryside of {base}".strip() if direction else f"{base} countryside"
        area = replace(place, id=f"R:{place.id}:{direction}", name=name[:1].upper() + name[1:],
                       name_ar=f"{self.cues.countryside_word} {place.name_ar}", feature="area", admin1=admin1,
                       parent=place.id)
        return area, end

    def across_border(self, pm: PlaceMention) -> bool:
        """A country named only as the other side of a border ("قرب الحدود مع موريتانيا"): a reference point,
        not a place of the story."""
        if pm.place.feature != "country":
            return False
        a = self.doc.norm.to_norm(pm.start, pm.end)[0]
        before = self.text[max(0, a - 25):a].rstrip()
        lam, art = self.cues.lam, " " + self.cues.article
        for ref in self.cues.border_before:
            if before.endswith(ref) or before.endswith(ref + lam) or before.endswith(ref + art):
                return True
        return False

    def list_items(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """The names of a coordinated list after a plural type word ("بلدات أورم الكبرى و كفرناها و خان العسل
        بريف حلب الغربي"): a name the gazetteer knows but the finder left alone (no cue before it) is taken
        from the gazetteer, an unknown one becomes a place inside the known place that closes the list, so
        that an event told of the whole list can be coded once per location (ACLED's unit). (Lists opened by
        a known place alone, "في الدراز والسهلة وسترة", were tried and left out: worse on blind.)"""
        text, cues = self.text, self.cues
        taken = [self.doc.norm.to_norm(pm.start, pm.end) for pm in found]
        known = {a: pm for (a, _), pm in zip(taken, found, strict=True)}
        out: list[PlaceMention] = []
        # list openers: a plural type word followed by a space or a colon
        starts = [m.end() + (1 if text[m.end()] == ":" else 0) for m in cues.list_opener_re.finditer(text)]
        seen_items: set[int] = set()
        for start in starts:
            items: list[tuple[int, int, str]] = []
            pos = start
            for _ in range(_MAX_ITEMS):
                got = _list_item(text, pos, cues)
                if got is None:
                    break
                ns, ne, name, nxt = got
                if cues.strip(name.split()[0], cues.preps) or cues.strip(name.split()[0], cues.types) or len(name) < 3 \
                        or name.split()[0] in cues.not_names:
                    break
                items.append((ns, ne, name))
                sep = _separator(text, nxt, cues)
                if sep is None:
                    break
                pos = sep[0]
            if len(items) < 2:
                continue
            parent = next((pm for (a, _), pm in zip(taken, found, strict=True)
                           if items[-1][1] <= a <= items[-1][1] + 40 and pm.place.feature != "country"), None)
            if parent is None:
                continue  # a list is read as places only when a known place closes it
            pp = parent.place
            for ns, ne, name in items:
                if ns in known or ns in seen_items or any(x < ne and ns < y for x, y in taken) \
                        or name in self.gaz.stop:
                    continue
                seen_items.add(ns)
                s, t = self.doc.norm.to_original(ns, ne)
                if self.doc.furniture and self.doc.in_furniture(s, t):
                    continue
                # a gazetteer name the finder left alone (no cue before it): the entry of the list's country
                entry = next((e for e in (self.gaz.get(i) for i in self.gaz.ids(name))
                              if e is not None and e.country == pp.country), None)
                if entry is not None:
                    out.append(PlaceMention(s, t, self.doc.text[s:t], entry, _precision(entry, False), 0.6))
                    continue
                place = Place(id=f"U:{name}", name=f"{cues.latin(name)}, {pp.name}", name_ar=name,
                              country=pp.country, admin1=pp.admin1 or (pp.name if pp.feature == "admin1" else None),
                              admin2=pp.admin2 or (pp.name if pp.feature == "admin2" else None),
                              latitude=pp.latitude, longitude=pp.longitude, feature="village", population=0,
                              parent=pp.id if pp.feature != "city" else pp.parent)
                out.append(PlaceMention(s, t, self.doc.text[s:t], place, 2, 0.4))
        return out

    def unknown_named(self, cands: list[dict], found: list[PlaceMention], top: str | None) -> list[PlaceMention]:
        """'قرية بهرافا في ناحية ...': a cue word + unknown name placed inside the next known place."""
        out: list[PlaceMention] = []
        taken = [(pm.start, pm.end) for pm in found]
        cues = self.cues
        strong, conj = cues.unknown_name_cues, cues.conjunction
        for k, ch in enumerate(self.text):
            if ch != " ":
                continue
            ws = k
            while ws > 0 and is_word_char(self.text[ws - 1]):
                ws -= 1
            cue = cues.strip(self.text[ws:k], strong)
            if not cue:
                continue
            ns, ne, name = _next_word(self.text, k)
            if name in cues.compound_heads:
                # "بلدة كفر نوران": a name head that never stands alone takes the next word too
                _, ne2, second = _next_word(self.text, ne)
                if second and not cues.strip(second, cues.preps):
                    ne, name = ne2, f"{name} {second}"
            if name.startswith(cues.lil) or (name[:1] == conj and not name.startswith(cues.not_conjunction)):
                continue  # "قرى وحواجز": a conjunction, not a name
            if cues.strip(name, cues.types) or cues.strip(name, cues.preps):
                continue
            if len(name) < 3 or name in cues.not_names or name in self.gaz.stop or self.gaz.ids(name):
                continue
            s, t = self.doc.norm.to_original(ns, ne)
            if any(a < t and s < b for a, b in taken):
                continue
            parent = next((pm for pm in found if s < pm.start <= s + 60 + len(name)
                           and pm.place.feature != "country"), None)
            if parent is None:
                continue
            between = self.text[ne: self.doc.norm.to_norm(parent.start, parent.start)[0]]
            # (the normalised text: an Arabic comma is "," there)
            if any(p in between for p in (".", ",", " " + conj, "\n")) and len(between) > 25:
                continue
            pp = parent.place
            feature = strong[cue]
            place = Place(id=f"U:{name}", name=f"{cues.latin(name)}, {pp.name}", name_ar=name, country=pp.country,
                          admin1=pp.admin1 or (pp.name if pp.feature == "admin1" else None),
                          admin2=pp.admin2 or (pp.name if pp.feature == "admin2" else None),
                          latitude=pp.latitude, longitude=pp.longitude, feature=feature, population=0,
                          parent=pp.id)
            if self.doc.furniture and self.doc.in_furniture(s, t):
                continue
            out.append(PlaceMention(s, t, self.doc.text[s:t], place, 2, 0.5))
        return out


_MAX_ITEMS = 15


def _list_item(text: str, pos: int, cues: _Cues) -> tuple[int, int, str, int] | None:
    """One item of a coordinated list of names at normalised `pos`: (start, end, folded name, next pos), the
    separator before it (comma, colon, spaced or glued و) already skipped by the caller. A name head that
    never stands alone takes the next word ("كفر حمرة"), an adjective stays with its name ("أورم الكبرى")."""
    ns, ne, name = _next_word(text, pos)
    if not name:
        return None
    if name in cues.compound_heads:
        _, ne2, second = _next_word(text, ne)
        if second and not cues.strip(second, cues.preps):
            ne, name = ne2, f"{name} {second}"
    _, ne3, adj = _next_word(text, ne)
    if adj in cues.list_adjectives:
        ne, name = ne3, f"{name} {adj}"
    return ns, ne, name, ne


def _separator(text: str, pos: int, cues: _Cues) -> tuple[int, bool] | None:
    """Skip a list separator at `pos` (", " "، " " و " ": " or a glued و): (position after it, whether the و
    is glued to the next word); None when no separator follows."""
    conj, not_conj = cues.conjunction, cues.not_conjunction
    spaced = conj + " "
    i = pos
    while i < len(text) and text[i] == " ":
        i += 1
    if i < len(text) and text[i] in ",:":  # the normalised text: an Arabic comma is "," there
        i += 1
        while i < len(text) and text[i] == " ":
            i += 1
        if text.startswith(spaced, i):
            i += 2
        elif i < len(text) and text[i] == conj and not text.startswith(not_conj, i) \
                and is_word_char(text[i + 1:i + 2] or " "):
            i += 1  # "، ودير سنبل"
        return i, False
    if text.startswith(spaced, i):
        return i + 2, False
    if i < len(text) and text[i] == conj and i > pos and not text.startswith(not_conj, i):
        return i + 1, True
    return None


def _dedupe(ms: list[PlaceMention]) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


@stage("places", needs=("sentences", "furniture"), adds=("places",), resources=("gazetteer",))
def find_places(doc: Document, res) -> None:
    """Fill doc.places (start-sorted PlaceMentions, original offsets)."""
    doc.places = _Finder(doc, res["gazetteer"]).run()


def country_focus(doc: Document) -> str | None:
    """The document's main country (English name) from its place mentions: sub-national places weigh
    double, the lead counts double. 'الحسكة ... القامشلي ... تركيا' -> 'Syria'."""
    votes: Counter = Counter()
    for m in doc.places:
        if m.confidence <= REFERENCE:
            continue  # "قرب الحدود مع موريتانيا"
        w = 1.0 if m.place.feature == "country" else 2.0
        if m.start < 300:
            w *= 1.5
        votes[m.place.country] += w  # type: ignore[assignment]  # float votes: typeshed types Counter counts as int
    return votes.most_common(1)[0][0] if votes else None


def focus_place(doc: Document, country: str | None = None) -> PlaceMention | None:
    """The most mentioned sub-national place of the focus country (or of `country`): the fallback
    location for an event whose sentence names no place. Ties go to the earliest mention."""
    if country is not None:
        return None
    country = country_focus(doc)
    if country is None:
        return None
    counts: Counter = Counter()
    first: dict[str, PlaceMention] = {}
    from marsad.stages.event_place import is_dateline

    for m in doc.places:
        if m.confidence > REFERENCE and m.place.country == country and m.place.admin1 and not is_dateline(doc, m):
            counts[m.place.admin1] += 1
            first.setdefault(m.place.admin1, m)
    if not counts:
        return None
    best = max(counts, key=lambda a: (counts[a], -first[a].start))
    return first[best]


def parse_places(text: str, res=None) -> list[PlaceMention]:
    """Run the pipeline up to `places` on a bare text."""
    from marsad.model.document import DocMeta, content_id
    from marsad.pipeline import Pipeline

    doc = Document(text, DocMeta(id=content_id(text)))
    Pipeline.build(until="places", resources=res)(doc)
    return doc.places


def place_to_json(m: PlaceMention) -> dict:
    p = m.place
    return {"span": [m.start, m.end], "text": m.text, "location": p.name, "location_ar": m.text,
            "admin1": p.admin1, "admin2": p.admin2, "country": p.country, "latitude": p.latitude,
            "longitude": p.longitude, "geo_precision": m.geo_precision}
