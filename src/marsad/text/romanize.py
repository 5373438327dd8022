"""Arabic-script person names -> their common Latin spelling ("يحيى سريع" -> "Yahya Saree").

Two steps, in this order:

1. A reviewable table, resources/data/names_latin.tsv: frequent names, name parts, compounds written as one
   Latin word ("عبد الله" -> "Abdullah", "نصر الله" -> "Nasrallah") and foreign names as Arabic news spells
   them ("غوتيريش" -> "Guterres"). The longest run of words with a row wins. Keys and input are both folded
   with `marsad.text.normalize.fold`, so hamza seats, ة/ه, ى/ي and diacritics do not matter for the lookup.
2. One rule scheme for every word no row covers, close to ALA-LC without its diacritics:

   - consonants: ب b, ت t, ث th, ج j, ح h, خ kh, د d, ذ dh, ر r, ز z, س s, ش sh, ص s, ض d, ط t, ظ z,
     ع ' (dropped word-initially), غ gh, ف f, ق q, ك k, ل l, م m, ن n, ه h; Persian پ p, چ ch, گ g, ژ zh, ڤ v;
   - long vowels: ا a; و u after a consonant, w at the start, after a vowel or before ا/ى/ة, "aw" in a final
     -وي (الرهوي al-Rahawi); ي i after a consonant, y at the start, after a vowel or before و/ى, "iy" before
     ا/ة (عطية Atiya), and "ay" as the second letter between two consonants (حيدر Haydar, فيصل Faysal); ى a;
     final ة a;
     initial أو before a consonant is the O of foreign names (أولمرت Olmart), initial إي is one long i;
   - hamza: initial أ/ا a, initial إ i, initial آ a; elsewhere ' (ئ before a consonant 'i, ؤ after a consonant
     u'); final اء aa (علاء Alaa);
   - short vowels are not written, so the only one guessed is "a": after a word-initial consonant that is
     followed by another consonant, to break three consonants in a row, and between two consonants after
     a long vowel (سريع Sari', محمد Mahmad, حيدر Haydar); "i" instead in the فاعل pattern (غالب Ghalib);
   - the article: ال at the start of a word of three letters or more gives "al-" (sun letters are not
     assimilated: الشامي al-Shami, as the press writes it); آل (family) gives "Al"; after عبد the article
     goes (عبد الكريم Abdul Karim); "X الله" is one word (Xallah) when the table has no row for it;
   - tatweel, diacritics and bidi marks are ignored (the charmap's delete set).

Each part is capitalised; "al-", "bin", "ibn", "bint" stay lower case inside a name. The input is a name only:
strip titles and clitics before calling.

    >>> r = Romanizer.load()
    >>> r.romanize("عبد الكريم الجبوري")
    'Abdul Karim al-Jubouri'
    >>> r.romanize("محمد بن سلمان")
    'Mohammed bin Salman'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from marsad.text.normalize import CharMap, script

# names_latin.tsv rows that are the rule scheme's, not names: a consonant letter, a word the rules name
_LETTER, _RULE = "letter", "rule"
RULE_WORDS = ("abd", "allah")  # the `latin` of the rule rows
# the letters of charmap.json's script.letters that the rules read
LETTER_NAMES = ("alef", "alef_wasla", "alef_hamza_above", "alef_hamza_below", "alef_madda", "alef_maqsura",
                "ta_marbuta", "hamza", "hamza_on_ya", "hamza_on_waw", "waw", "ya", "farsi_ya")
_ASCII_PUNCT = "\"'«»()[]{},.;:!?“”‘’"


@dataclass(frozen=True, slots=True)
class _Scheme:
    """The letters of the rule scheme: consonants with their Latin (names_latin.tsv, kind letter), the vowel
    letters and hamza seats by name (charmap.json, script.letters), the words the rules name (kind rule)."""

    consonants: dict[str, str]  # letter -> Latin, for the letters that are always consonants
    alef: str
    alef_wasla: str
    hamza_above: str  # أ
    hamza_below: str  # إ
    madda: str  # آ
    maqsura: str  # ى
    ta_marbuta: str  # ة
    hamza: str  # ء
    hamza_on_ya: str  # ئ
    hamza_on_waw: str  # ؤ
    waw: str
    ya: str
    ya_forms: tuple[str, ...]  # ي and the Persian ی
    initial_a: tuple[str, ...]  # ا ٱ أ: a short a at the start of a word
    long_a: tuple[str, ...]  # ا ٱ ى: a long a
    vowel_letters: frozenset[str]  # after which و / ي are consonants, and which make a preceding ي / و one
    w_before: tuple[str, ...]  # ا ى ة: و before one is w
    y_before: tuple[str, ...]  # و ى: ي before one is y
    iy_before: tuple[str, ...]  # ا ة: ي before one is -iya
    arabic_letters: frozenset[str]
    punct: str  # stripped from the ends of a name's words
    article: str  # folded "ال"
    abd: str  # folded "عبد"
    allah: str  # folded "الله"

    @classmethod
    def load(cls) -> _Scheme:
        from marsad.resources.registry import read_tsv

        sc = script()
        rows = read_tsv("names_latin.tsv")
        consonants = {r["ar"]: r["latin"] for r in rows if r["kind"] == _LETTER}
        fold = CharMap.default().fold
        rules = {r["latin"].lower(): fold(r["ar"]) for r in rows if r["kind"] == _RULE}
        if sorted(rules) != sorted(RULE_WORDS):
            raise ValueError(f"names_latin.tsv: the rule rows must be {RULE_WORDS}, not {sorted(rules)}")
        L = sc.letters
        if sorted(L) != sorted(LETTER_NAMES):
            raise ValueError(f"charmap.json script.letters must name {sorted(LETTER_NAMES)}, not {sorted(L)}")
        vowels = frozenset(L[k] for k in ("alef", "alef_hamza_above", "alef_hamza_below", "alef_madda",
                                          "alef_maqsura", "ta_marbuta", "waw", "ya", "farsi_ya", "alef_wasla"))
        seats = frozenset(L[k] for k in ("hamza", "hamza_on_ya", "hamza_on_waw"))
        both = set(consonants) & set(L.values())
        if both:
            raise ValueError(f"names_latin.tsv: letter rows for letters the rules handle by name: {sorted(both)}")
        return cls(
            consonants=consonants, alef=L["alef"], alef_wasla=L["alef_wasla"], hamza_above=L["alef_hamza_above"],
            hamza_below=L["alef_hamza_below"], madda=L["alef_madda"], maqsura=L["alef_maqsura"],
            ta_marbuta=L["ta_marbuta"], hamza=L["hamza"], hamza_on_ya=L["hamza_on_ya"],
            hamza_on_waw=L["hamza_on_waw"], waw=L["waw"], ya=L["ya"], ya_forms=(L["ya"], L["farsi_ya"]),
            initial_a=(L["alef"], L["alef_wasla"], L["alef_hamza_above"]),
            long_a=(L["alef"], L["alef_wasla"], L["alef_maqsura"]), vowel_letters=vowels,
            w_before=(L["alef"], L["alef_maqsura"], L["ta_marbuta"]), y_before=(L["waw"], L["alef_maqsura"]),
            iy_before=(L["alef"], L["ta_marbuta"]), arabic_letters=frozenset(consonants) | vowels | seats,
            punct=_ASCII_PUNCT + sc.punctuation, article=sc.article, abd=rules["abd"], allah=rules["allah"])


@cache
def _scheme() -> _Scheme:
    """The rule scheme's letters, read at first use (never at import)."""
    return _Scheme.load()


# A unit is (kind, latin): kind "c" a consonant, "v" a long vowel (a letter), "s" a short vowel (the vowel
# of a word-initial hamza seat, which Arabic does not write as a letter).
Unit = tuple[str, str]
_C, _V, _S = "c", "v", "s"


def _units(word: str) -> list[Unit]:
    """One Arabic word (no article, no diacritics) -> consonant and vowel units, before any 'a' is guessed."""
    sc = _scheme()
    consonants = sc.consonants
    out: list[Unit] = []
    for k, c in enumerate(word):
        if c in consonants:  # most letters: no vowel letter or hamza seat to weigh
            out.append((_C, consonants[c]))
            continue
        if not (_alef(sc, word, k, out) or _hamza_seat(sc, word, k, out) or _foreign_vowel(sc, word, k, out)
                or _weak(sc, word, k, out)):
            out.append((_C, c))  # a letter the scheme does not know stands as it is
    return out


def _next(word: str, k: int) -> str | None:
    return word[k + 1] if k + 1 < len(word) else None


def _alef(sc: _Scheme, word: str, k: int, out: list[Unit]) -> bool:
    """The alef, its hamza and madda forms and the ta marbuta at word[k] (appended to `out`), if it is one."""
    c = word[k]
    if c in sc.initial_a and k == 0:
        out.append((_S, "a"))
    elif c in sc.long_a:
        out.append((_V, "a"))
    elif c == sc.hamza_above:
        out.append((_C, "'"))
    elif c == sc.hamza_below:
        out.append((_S, "i") if k == 0 else (_C, "'"))
    elif c == sc.madda:
        if k:
            out.append((_C, "'"))
        out.append((_V, "a"))
    elif c == sc.ta_marbuta:
        out.append((_V, "a") if _next(word, k) is None else (_C, "t"))
    else:
        return False
    return True


def _hamza_seat(sc: _Scheme, word: str, k: int, out: list[Unit]) -> bool:
    """A hamza, alone or on ya or waw, at word[k] (appended to `out`), if it is one."""
    c, nxt = word[k], _next(word, k)
    if c == sc.hamza:
        out.append((_V, "a") if nxt is None and k and word[k - 1] == sc.alef else (_C, "'"))
    elif c == sc.hamza_on_ya:
        out.append((_C, "'"))
        if nxt is not None and nxt not in sc.vowel_letters:
            out.append((_S, "i"))
    elif c == sc.hamza_on_waw:
        if out and out[-1][0] == _C:
            out.append((_S, "u"))
        out.append((_C, "'"))
    else:
        return False
    return True


def _foreign_vowel(sc: _Scheme, word: str, k: int, out: list[Unit]) -> bool:
    """A waw or ya read as part of a vowel: initial أو = O, initial إي = ī, the nisba -awi."""
    c, nxt = word[k], _next(word, k)
    before_consonant = nxt is not None and nxt not in sc.vowel_letters
    if c == sc.waw and k == 1 and out[0][0] == _S and before_consonant:
        out[-1] = (_S, "o")  # initial أو before a consonant is a foreign O: أولمرت Olmert, أوباما Obama
    elif c in sc.ya_forms and out == [(_S, "i")] and before_consonant:
        out[-1] = (_V, "i")  # initial إي = ī: the ي only lengthens the vowel (إيهود Ihud)
    elif c == sc.waw and k + 2 == len(word) and word[-1] == sc.ya and out and out[-1][0] == _C:
        out += [(_S, "a"), (_C, "w")]  # the nisba -awi: الرهوي al-Rahawi, المحمداوي
    else:
        return False
    return True


def _weak(sc: _Scheme, word: str, k: int, out: list[Unit]) -> bool:
    """A waw or ya at word[k] as a consonant or a long vowel (appended to `out`), if it is one."""
    c, nxt = word[k], _next(word, k)
    prev_vowel = bool(out) and out[-1][0] != _C
    if c == sc.waw:
        if k == 0 or prev_vowel or (nxt is not None and nxt in sc.w_before):
            out.append((_C, "w"))
        else:
            out.append((_V, "u"))
    elif c in sc.ya_forms:
        if k == 0 or prev_vowel or (nxt is not None and nxt in sc.y_before):
            out.append((_C, "y"))
        elif nxt is not None and nxt in sc.iy_before:
            # -iya / -iyya: عطية Atiya, زكريا Zakriya; the second letter of the word stays y (زياد Zayad)
            out += [(_C, "y")] if k == 1 else [(_V, "i"), (_C, "y")]
        elif k == 1 and nxt is not None and nxt not in sc.vowel_letters:
            out.append((_V, "ay"))
        else:
            out.append((_V, "i"))
    else:
        return False
    return True


def rule_romanize(word: str) -> str:
    """The rule scheme for one word without its article: "سريع" -> "Sari'", "مظلوم" -> "Mazlum"."""
    units = _units(word)
    parts: list[str] = []
    last_consonant = False
    for i, (kind, latin) in enumerate(units):
        parts.append(latin)
        if kind != _C:
            last_consonant = False
            continue
        next_consonant = i + 1 < len(units) and units[i + 1][0] == _C
        # Arabic allows no initial cluster and no three consonants in a row: guess the commonest vowel.
        # A word of a hamza seat and two consonants takes one too (أنس Anas, أمل Amal).
        if next_consonant and (i == 0 or last_consonant or (i == 1 and len(units) == 3 and units[0][0] == _S)):
            parts.append("a")
            last_consonant = False
        elif next_consonant and i and units[i - 1][0] == _V:
            # no two consonants after a long vowel either; the فاعل pattern of so many names takes i
            # (خالد Khalid, غالب Ghalib, فاطمة Fatima), anything else a (حيدر Haydar, فيصل Faysal)
            parts.append("i" if i == 2 and units[1] == (_V, "a") else "a")
            last_consonant = False
        else:
            last_consonant = True
    latin = "".join(parts).lstrip("'")
    while "''" in latin:
        latin = latin.replace("''", "'")
    return latin[:1].upper() + latin[1:]


def _is_arabic(token: str, letters: frozenset[str]) -> bool:
    return any(c in letters for c in token)


class Romanizer:
    """Table-first romanisation of Arabic-script person names. Build with `Romanizer.load()`."""

    __slots__ = ("_table", "_max_words", "_strip", "_fold", "_scheme")

    def __init__(self, table: Mapping[str, str], charmap: CharMap):
        self._fold = charmap.fold
        self._scheme = _scheme()
        self._table = dict(table)
        self._max_words = max((k.count(" ") + 1 for k in self._table), default=1)
        # the same characters the fold deletes (diacritics, tatweel, bidi marks), but no letter mapping:
        # the rule scheme needs ة, ى and the hamza seats that the fold merges
        self._strip = {ord(c): None for c in charmap.delete}

    @classmethod
    def load(cls, charmap: CharMap | None = None) -> Romanizer:
        """Read resources/data/names_latin.tsv (the name rows; letter and rule rows are the rule scheme's); a
        folded key that appears twice is an error."""
        from marsad.resources.registry import read_tsv

        cm = charmap or CharMap.default()
        table: dict[str, str] = {}
        for row in read_tsv("names_latin.tsv"):
            if row["kind"] in (_LETTER, _RULE):
                continue
            key = cm.fold(row["ar"]).strip()
            if not key or not row["latin"]:
                raise ValueError(f"names_latin.tsv: empty cell in {row}")
            if key in table and table[key] != row["latin"]:
                raise ValueError(f"names_latin.tsv: {row['ar']!r} folds to {key!r}, which is already a row")
            table[key] = row["latin"]
        return cls(table, cm)

    def knows(self, folded_word: str) -> bool:
        """Whether the table holds this folded word (a frequent name or name part)."""
        art = self._scheme.article
        return folded_word in self._table or (folded_word.startswith(art) and folded_word[len(art):] in self._table)

    def __len__(self) -> int:
        return len(self._table)

    def romanize(self, name_ar: str) -> str:
        """"أنطونيو غوتيريش" -> "Antonio Guterres"; "حسن نصر الله" -> "Hassan Nasrallah"."""
        raw = self._tokens(name_ar)
        folded = [self._fold(t) for t in raw]
        table = self._table
        sc = self._scheme
        parts: list[str] = []
        i, n = 0, len(raw)
        while i < n:
            if not _is_arabic(raw[i], sc.arabic_letters):
                parts.append(raw[i])
                i += 1
                continue
            span = self._longest_row(folded, i, least=2)
            if span:
                parts.append(table[" ".join(folded[i:i + span])])
                i += span
                continue
            if folded[i] == sc.abd and i + 1 < n and folded[i + 1].startswith(sc.article) and len(folded[i + 1]) > 3:
                # عبد + the article: the article goes ("عبد الكريم" -> "Abdul Karim")
                parts.append(table.get(sc.abd, "Abd"))
                parts.append(self._word(raw[i + 1], folded[i + 1], article=False))
                i += 2
                continue
            if i + 1 < n and folded[i + 1] == sc.allah:
                # "X الله" with no row: one word, ة read as t in the construct ("عطية الله" -> Atiyatallah)
                stem = rule_romanize(raw[i])
                parts.append(stem + ("tallah" if raw[i].endswith(sc.ta_marbuta) else "allah"))
                i += 2
                continue
            parts.append(self._word(raw[i], folded[i], article=True))
            i += 1
        out = " ".join(p for p in parts if p)
        return out[:1].upper() + out[1:]

    # ------------------------------------------------------------------ helpers

    def _tokens(self, name: str) -> list[str]:
        sc = self._scheme
        words = []
        for w in name.translate(self._strip).split():
            w = w.strip(sc.punct)
            if not w:
                continue
            f = self._fold(w)
            # "عبدالرحمن" written solid: split off عبد so that it takes the same path as "عبد الرحمن"
            if (f.startswith(sc.abd + sc.article) and len(f) > 6 and f not in self._table
                    and not f.startswith(sc.abd + sc.allah)):
                words += [w[:len(sc.abd)], w[len(sc.abd):]]
            else:
                words.append(w)
        return words

    def _longest_row(self, folded: list[str], i: int, least: int) -> int:
        for span in range(min(self._max_words, len(folded) - i), least - 1, -1):
            if " ".join(folded[i:i + span]) in self._table:
                return span
        return 0

    def _word(self, raw: str, folded: str, article: bool) -> str:
        """One word: its row, else its article + the row or rules for the rest."""
        art = self._scheme.article
        if folded in self._table and (article or not folded.startswith(art)):
            return self._table[folded]
        if folded.startswith(art) and len(folded) > 3:
            rest = folded[len(art):]
            base = self._table.get(rest) or rule_romanize(raw[len(art):])
            if folded in self._table:  # a family row, asked for without its article
                base = self._table[folded]
                for prefix in ("al-", "Al-", "el-", "El-"):
                    base = base.removeprefix(prefix)
            return "al-" + base if article else base
        return rule_romanize(raw)

