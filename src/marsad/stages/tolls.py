"""The toll grammar: how many died (and were hurt) in the event a clause reports.

Works on folded text (stages/events passes `doc.norm.text` slices). The word lists are data
(resources/data/tolls.json). Of the statements of a clause, the earliest wins, so a sub-count ("قتل 20 شخصا
بينهم طفلان") never replaces the total; a toll update ("ارتفعت حصيلة القتلى إلى 40") wins over itemised
details; a toll over a period ("منذ بداية الحرب", "خلال العام") belongs to no single event; a count of the
killed and wounded together ("سقوط 20 بين قتيل وجريح") is no death toll; an explicit "nobody was hurt"
("دون وقوع إصابات") is 0.

    >>> t = TollGrammar.load()
    >>> t.killed("مقتل جنديين واصابه اربعه"), t.killed("استشهد المواطن سامي عياد"), t.killed("دون وقوع اصابات")
    (2, 1, 0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.resources.registry import read_json
from marsad.text.match import phrase_alternation
from marsad.text.normalize import fold
from marsad.text.numbers import NumberWords


def _alt(words: list[str]) -> str:
    return "(?:" + phrase_alternation(fold(w) for w in words) + ")"


def _bar(words: list[str]) -> str:
    """The alternation of folded letters or words in the order of the file ("و|ف")."""
    return "|".join(re.escape(fold(w)) for w in words)


@dataclass(frozen=True)
class TollGrammar:
    words: NumberWords
    update: re.Pattern[str]
    cumulative_re: re.Pattern[str]
    zero: re.Pattern[str]
    mixed: re.Pattern[str]
    mixed_guard: re.Pattern[str]
    kill_guard: re.Pattern[str]  # a clause with none of these words states no death toll (cheap test first)
    injure_guard: re.Pattern[str]
    counts: tuple[re.Pattern[str], ...]  # group 1: the number
    inj_counts: tuple[re.Pattern[str], ...]
    dual: re.Pattern[str]
    one: re.Pattern[str]
    kin: re.Pattern[str]
    inj_one: re.Pattern[str]  # "وأصيب آخر", "إصابة شرطي": one hurt
    inj_dual: re.Pattern[str]  # "وأصيب آخران", "إصابة جنديين": two hurt
    not_numbers: frozenset[str]  # "الاثنين": Monday, not "the two"

    @classmethod
    def load(cls, words: NumberWords | None = None) -> TollGrammar:
        return cls.from_data(read_json("tolls.json"), words or NumberWords.load())

    @classmethod
    def from_data(cls, data: dict, words: NumberWords) -> TollGrammar:
        L = {k: v["words"] for k, v in data["lists"].items()}
        n = rf"(?:\d+(?:[.,]\d+)?|{words.pattern})"
        qual = rf"(?:{_alt(L['qualifiers'])}\s+)?"
        not_count = rf"(?!\s*{_alt(L['not_count'])}(?!\w))"
        kb, ka = _alt(L["kill_before"]), _alt(L["kill_after"])
        ib, ia = _alt(L["injure_before"]), _alt(L["injure_after"])
        conj, prep = f"(?:{_bar(L['conjunctions'])})?", f"(?:{_bar(L['prepositions'])})?"  # (?:و|ف)? (?:و|ب|ل)?
        art = _bar(L["article"])
        acc = fold(L["accusative_ending"][0])
        nouns = sorted({fold(w) for w in L["victim_nouns"]}, key=len, reverse=True)
        stems = sorted({w[:-1] if w.endswith(acc) and len(w) > 3 else w for w in nouns}, key=len, reverse=True)
        noun = "(?:" + "|".join(re.escape(w) for w in nouns) + ")"
        dual_noun = f"(?:{art})?(?:" + "|".join(re.escape(w) for w in stems) + f")(?:{_bar(L['dual_endings'])})"
        # up to three words (the killer) between a death verb and its count: "قتلت قوات الدعم السريع 17 مدنيا"
        gap = rf"(?:(?!{_bar(L['gap_stops'])})[^\s\d]+\s+){{0,3}}?"
        return cls(
            words=words,
            update=re.compile(rf"{_alt(L['update'])}\s+(?:\S+\s+){{0,4}}?{_alt(L['update_to'])}\s+(?:{art}\s*)?({n})"),
            cumulative_re=re.compile(rf"(?<!\w)(?:{_alt(L['cumulative'])}|{_alt(L['since'])}\s+(?:\S+\s+)?(?:19|20)\d\d)(?!\w)"),
            zero=re.compile(rf"(?<!\w){conj}(?:{_alt(L['zero'])}|{_alt(L['zero_negations'])}\s+"
                            rf"(?:{_alt(L['zero_verbals'])}\s+){{0,3}}(?:{_alt(L['zero_determiners'])}\s+)?"
                            rf"{_alt(L['zero_nouns'])})(?!\w)"),
            mixed=re.compile(rf"(?:({n})\s+(?:\S+\s+){{0,2}}?{_alt(L['mixed'])}|{_alt(L['mixed_before'])}\s+{qual}({n})"
                             rf"\s+(?:\S+\s+){{0,2}}?{_alt(L['mixed'])}|{_alt(L['mixed_verbs'])}\s+{qual}({n}))"),
            kill_guard=re.compile(_alt(sorted({w.split()[0] for k in ("kill_before", "kill_after",
                                                                          "two_verbs", "zero", "zero_negations",
                                                                          "update", "one_verbs_named")
                                               for w in L[k]} | {fold(w) for w in L["dual_alone"]}))),
            injure_guard=re.compile(_alt(sorted({w.split()[0] for k in ("injure_before", "injure_after", "zero",
                                                                            "zero_negations")
                                                 for w in L[k]}))),
            mixed_guard=re.compile(_alt(sorted({w.split()[-1] for w in L["mixed"] + L["mixed_verbs"]}))),
            counts=(re.compile(rf"(?<!\w){prep}{kb}\s+{gap}{qual}({n}){not_count}"),
                    re.compile(rf"(?<!\w)({n})\s+(?:\S+\s+){{0,4}}?{ka}(?!\w)")),
            inj_counts=(re.compile(rf"(?<!\w){prep}{ib}\s+{qual}({n}){not_count}"),
                        re.compile(rf"(?<!\w)({n})\s+(?:\S+\s+){{0,2}}?{ia}(?!\w)")),
            dual=re.compile(rf"(?<!\w)(?:{prep}{kb}\s+{qual}{dual_noun}(?!\w)|{conj}{_alt(L['two_verbs'])}(?!\w)|"
                            rf"{_alt(L['dual_alone'])}(?!\w))"),
            # (a bare singular death verb with no victim after it, "استشهد", "لقي حتفه", was tried as one death:
            # it put a toll on events the annotators left without one, worse on blind)
            one=re.compile(rf"(?<!\w)(?:{prep}{kb}\s+(?:{art})?{noun}(?!\w)|{conj}{_alt(L['one_verbs_named'])}\s+"
                           rf"(?:\S+\s+)?{_alt(L['one_prefix'])}(?!\w))"),
            inj_one=re.compile(rf"(?<!\w){prep}{ib}\s+(?:(?:{art})?{noun}|{_alt(L['other_one'])})(?!\w)"),
            inj_dual=re.compile(rf"(?<!\w){prep}{ib}\s+(?:{qual}{dual_noun}|{_alt(L['other_two'])})(?!\w)"),
            kin=re.compile(rf"\s*(?:\S+\s+){{0,2}}?{_alt(L['kin'])}(?!\w)"),
            not_numbers=frozenset(fold(w) for w in L["not_numbers"]),
        )

    def _num(self, s: str) -> int | None:
        s = s.strip()
        if s[:1].isdigit():
            try:
                v: int | None = int(s.replace(",", "").split(".")[0])
            except ValueError:
                v = None
        elif s in self.not_numbers:
            v = None  # Monday, not "the two"
        else:
            v = self.words.parse(s)
        # four-digit numbers next to casualty words are years or ids, not tolls
        return v if v is not None and 0 < v < 1900 else None

    def cumulative(self, text: str) -> bool:
        """A toll over a period ("منذ بداية الحرب", "خلال العام الماضي"): no single event's."""
        return self.cumulative_re.search(text) is not None

    def _scope(self, text: str) -> str:
        """The part of a clause before a period phrase: "قتل 5 ... ليرتفع العدد منذ بداية الحرب إلى 900".

        (Blanking every comma-separated piece that holds a period phrase, and counting "خلال عشرة أيام" as
        one, were tried: better on train, worse on blind, so left out.)"""
        m = self.cumulative_re.search(text)
        return text[:m.start()] if m else text

    def is_update(self, text: str) -> bool:
        """A toll update ("ارتفعت حصيلة القتلى إلى 34"): the latest stated total for an event."""
        return self.update.search(self._scope(text)) is not None

    def _mixed_spans(self, text: str) -> list[tuple[int, int]]:
        if not self.mixed_guard.search(text):  # the last word of every killed-and-wounded phrase (cheap)
            return []
        return [(m.start(), m.end()) for m in self.mixed.finditer(text)]

    def killed(self, text: str) -> int | None:
        """Deaths stated in a clause (folded text), or None when it states none."""
        if not self.kill_guard.search(text):
            return None
        text = self._scope(text)
        m = self.update.search(text)
        if m and (v := self._num(m.group(1))) is not None:
            return v
        return self._stated(text, self.counts, self.dual, self.one, kin=True)

    def injured(self, text: str) -> int | None:
        """Injuries stated in a clause, or None."""
        if not self.injure_guard.search(text):
            return None
        return self._stated(self._scope(text), self.inj_counts, self.inj_dual, self.inj_one, kin=False)

    def _stated(self, text: str, counts: tuple[re.Pattern[str], ...], dual: re.Pattern[str], one: re.Pattern[str],
                kin: bool) -> int | None:
        """The earliest count, dual or single victim the clause states (a count inside a killed-and-wounded
        phrase is none; with `kin`, "ثلاثة أطفال ووالدتهم" is 4); else 0 for an explicit zero, else None."""
        mixed = self._mixed_spans(text)
        cands: list[tuple[int, int]] = []
        for rx in counts:
            for m in rx.finditer(text):
                if any(a <= m.start(1) < b for a, b in mixed):
                    continue  # "سقوط 20 بين قتيل وجريح": the killed and wounded together
                v = self._num(m.group(1))
                if v is not None:
                    cands.append((m.start(), v + 1 if kin and self.kin.match(text, m.end(1)) else v))
                    break
        for rx, n in ((dual, 2), (one, 1)):
            if (hit := rx.search(text)) is not None:
                cands.append((hit.start(), n))
        if cands:
            return min(cands)[1]
        return 0 if self.zero.search(text) else None
