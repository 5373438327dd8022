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

from marsad.text.normalize import CharMap

# Arabic letter -> Latin for the letters that are always consonants (vowel letters and hamza seats are
# handled in `_units`).
_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ۀ": "h",
    "پ": "p", "چ": "ch", "گ": "g", "ژ": "zh", "ڤ": "v", "ڨ": "g",
}
# letters after which و / ي are consonants (w / y), and which make a preceding ي / و a consonant
_VOWEL_LETTERS = frozenset("اأإآىةويیٱ")
_ARABIC_LETTER = frozenset(_CONSONANTS) | _VOWEL_LETTERS | frozenset("ءئؤ")
_PUNCT = "\"'«»()[]{}،,.;:؛!?؟“”‘’"

# A unit is (kind, latin): kind "c" a consonant, "v" a long vowel (a letter), "s" a short vowel (the vowel
# of a word-initial hamza seat, which Arabic does not write as a letter).
Unit = tuple[str, str]
_C, _V, _S = "c", "v", "s"


def _units(word: str) -> list[Unit]:
    """One Arabic word (no article, no diacritics) -> consonant and vowel units, before any 'a' is guessed."""
    out: list[Unit] = []
    n = len(word)
    for k, c in enumerate(word):
        nxt = word[k + 1] if k + 1 < n else None
        prev_vowel = bool(out) and out[-1][0] != _C
        if c in ("ا", "ٱ", "أ") and k == 0:
            out.append((_S, "a"))
        elif c in ("ا", "ٱ", "ى"):
            out.append((_V, "a"))
        elif c == "أ":
            out.append((_C, "'"))
        elif c == "إ":
            out.append((_S, "i") if k == 0 else (_C, "'"))
        elif c == "آ":
            if k:
                out.append((_C, "'"))
            out.append((_V, "a"))
        elif c == "ة":
            out.append((_V, "a") if nxt is None else (_C, "t"))
        elif c == "ء":
            out.append((_V, "a") if nxt is None and k and word[k - 1] == "ا" else (_C, "'"))
        elif c == "ئ":
            out.append((_C, "'"))
            if nxt is not None and nxt not in _VOWEL_LETTERS:
                out.append((_S, "i"))
        elif c == "ؤ":
            if out and not prev_vowel:
                out.append((_S, "u"))
            out.append((_C, "'"))
        elif c == "و" and k == 1 and out[0][0] == _S and nxt is not None and nxt not in _VOWEL_LETTERS:
            out[-1] = (_S, "o")  # initial أو before a consonant is a foreign O: أولمرت Olmert, أوباما Obama
        elif c in ("ي", "ی") and out == [(_S, "i")] and nxt is not None and nxt not in _VOWEL_LETTERS:
            out[-1] = (_V, "i")  # initial إي = ī: the ي only lengthens the vowel (إيهود Ihud)
        elif c == "و" and k + 2 == n and word[-1] == "ي" and out and not prev_vowel:
            out += [(_S, "a"), (_C, "w")]  # the nisba -awi: الرهوي al-Rahawi, المحمداوي
        elif c == "و":
            if k == 0 or prev_vowel or (nxt is not None and nxt in "اىة"):
                out.append((_C, "w"))
            else:
                out.append((_V, "u"))
        elif c in ("ي", "ی"):
            if k == 0 or prev_vowel or (nxt is not None and nxt in "وى"):
                out.append((_C, "y"))
            elif nxt is not None and nxt in "اة":
                # -iya / -iyya: عطية Atiya, زكريا Zakriya; the second letter of the word stays y (زياد Zayad)
                out += [(_C, "y")] if k == 1 else [(_V, "i"), (_C, "y")]
            elif k == 1 and nxt is not None and nxt not in _VOWEL_LETTERS:
                out.append((_V, "ay"))
            else:
                out.append((_V, "i"))
        else:
            out.append((_C, _CONSONANTS.get(c, c)))
    return out


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


def _is_arabic(token: str) -> bool:
    return any(c in _ARABIC_LETTER for c in token)


class Romanizer:
    """Table-first romanisation of Arabic-script person names. Build with `Romanizer.load()`."""

    __slots__ = ("_table", "_max_words", "_strip", "_fold")

    def __init__(self, table: Mapping[str, str], charmap: CharMap):
        self._fold = charmap.fold
        self._table = dict(table)
        self._max_words = max((k.count(" ") + 1 for k in self._table), default=1)
        # the same characters the fold deletes (diacritics, tatweel, bidi marks), but no letter mapping:
        # the rule scheme needs ة, ى and the hamza seats that the fold merges
        self._strip = {ord(c): None for c in charmap.delete}

    @classmethod
    def load(cls, charmap: CharMap | None = None) -> Romanizer:
        """Read resources/data/names_latin.tsv; a folded key that appears twice is an error."""
        from marsad.resources.registry import read_tsv

        cm = charmap or CharMap.default()
        table: dict[str, str] = {}
        for row in read_tsv("names_latin.tsv"):
            key = cm.fold(row["ar"]).strip()
            if not key or not row["latin"]:
                raise ValueError(f"names_latin.tsv: empty cell in {row}")
            if key in table and table[key] != row["latin"]:
                raise ValueError(f"names_latin.tsv: {row['ar']!r} folds to {key!r}, which is already a row")
            table[key] = row["latin"]
        return cls(table, cm)

    def knows(self, folded_word: str) -> bool:
        """Whether the table holds this folded word (a frequent name or name part)."""
        return folded_word in self._table or (folded_word.startswith("ال") and folded_word[2:] in self._table)

    def __len__(self) -> int:
        return len(self._table)

    def romanize(self, name_ar: str) -> str:
        """"أنطونيو غوتيريش" -> "Antonio Guterres"; "حسن نصر الله" -> "Hassan Nasrallah"."""
        raw = self._tokens(name_ar)
        folded = [self._fold(t) for t in raw]
        table = self._table
        parts: list[str] = []
        i, n = 0, len(raw)
        while i < n:
            if not _is_arabic(raw[i]):
                parts.append(raw[i])
                i += 1
                continue
            span = self._longest_row(folded, i, least=2)
            if span:
                parts.append(table[" ".join(folded[i:i + span])])
                i += span
                continue
            if folded[i] == "عبد" and i + 1 < n and folded[i + 1].startswith("ال") and len(folded[i + 1]) > 3:
                # عبد + the article: the article goes ("عبد الكريم" -> "Abdul Karim")
                parts.append(table.get("عبد", "Abd"))
                parts.append(self._word(raw[i + 1], folded[i + 1], article=False))
                i += 2
                continue
            if i + 1 < n and folded[i + 1] == "الله":
                # "X الله" with no row: one word, ة read as t in the construct ("عطية الله" -> Atiyatallah)
                stem = rule_romanize(raw[i])
                parts.append(stem + ("tallah" if raw[i].endswith("ة") else "allah"))
                i += 2
                continue
            parts.append(self._word(raw[i], folded[i], article=True))
            i += 1
        out = " ".join(p for p in parts if p)
        return out[:1].upper() + out[1:]

    # ------------------------------------------------------------------ helpers

    def _tokens(self, name: str) -> list[str]:
        words = []
        for w in name.translate(self._strip).split():
            w = w.strip(_PUNCT)
            if not w:
                continue
            f = self._fold(w)
            # "عبدالرحمن" written solid: split off عبد so that it takes the same path as "عبد الرحمن"
            if f.startswith("عبدال") and len(f) > 6 and f not in self._table and not f.startswith("عبدالله"):
                words += [w[:3], w[3:]]
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
        if folded in self._table and (article or not folded.startswith("ال")):
            return self._table[folded]
        if folded.startswith("ال") and len(folded) > 3:
            rest = folded[2:]
            base = self._table.get(rest) or rule_romanize(raw[2:])
            if folded in self._table:  # a family row, asked for without its article
                base = self._table[folded]
                for prefix in ("al-", "Al-", "el-", "El-"):
                    base = base.removeprefix(prefix)
            return "al-" + base if article else base
        return rule_romanize(raw)

