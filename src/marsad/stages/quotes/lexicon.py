"""Lexical resources and tokens for the quotes stage.

`CueLexicon` holds the reporting cues (resources/data/cues.tsv) and the word classes that delimit speaker
phrases (resources/data/quotes_words.tsv). The particles and short word sets the code itself tests (the
complementizers, و/ف, ال, ب, ل, prepositions, ...) are classes of the same file, loaded into attributes of the
lexicon (GRAMMAR, SINGLE) that the quotes functions read from the `lex` they are given. `QTok` is a token of the normalised view; the quotes stage works
in normalised coordinates and maps spans back to the original text at the end.

    >>> lex = CueLexicon.load()
    >>> lex.cue("وقالت").lemma, lex.cue("مضيفا").kind
    ('قال', 'part')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.resources.registry import read_tsv
from marsad.stages.sources import SourceNames
from marsad.text.normalize import fold

QUOTE_CHARS = frozenset('"\'')
DATA = "quotes_words.tsv"
# word classes looked up with `CueLexicon.has` (word -> classes), each read somewhere in the quotes modules
HAS_CLASSES = frozenset({
    "role", "title", "time", "mod", "media", "stop", "content", "source", "nonspeaker", "namequote", "generic",
    "det", "orghead", "partcomma", "objverb", "objnoun", "relative", "opener", "dropnoun", "same",
})
# word class -> CueLexicon attribute: the grammar words of the code, read as sets (see the file's comments)
GRAMMAR = {
    "that": "that", "thatpron": "thatpron_suffixes", "notthat": "not_that_before", "conj": "conj",
    "wafq": "wafq", "defclitic": "def_clitics", "npclitic": "np_clitics", "modprep": "mod_preps", "via": "via",
    "modtail": "mod_tail", "npprep": "np_preps", "officeprep": "office_preps", "prep": "preps",
    "subjbreak": "subject_breaks", "particle": "name_particles", "bword": "np_b_words", "beforecue": "before_cue",
    "lead": "lead", "afterattr": "after_attribution", "issued": "issued", "cameadj": "came_adjectives",
    "cameof": "came_of", "anaphoric": "anaphoric", "bodyprep": "body_preps", "while": "new_clause",
    "present": "present", "relay": "relay_lemmas", "relayprep": "relay_prep_lemmas", "say": "say_lemmas",
    "trim": "trim", "advprep": "adverbial_preps",
}
# word class -> CueLexicon attribute holding its one word
SINGLE = {
    "article": "article", "lil": "lil", "bi": "bi", "li": "li", "accusative": "accusative", "ala": "ala",
    "min": "min", "an": "an", "fi": "fi", "ma": "ma", "naqlan": "naqlan", "yudaa": "yudaa", "thumma": "thumma",
    "hin": "hin",
}
AS_WRITTEN = frozenset({"trim"})  # compared with the original text: not folded
_TOKEN = re.compile(r"\d+(?:[.,:/\-]\d+)*|[^\W\d_]+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Cue:
    form: str
    lemma: str
    kind: str  # verb | cont | part | masdar | prep | prepverb | came
    comp: str  # that | obj | after
    prep: str = ""  # folded preposition opening object content: "عن" (أعلن عن), "ب" (أفاد بـ), "الي" (دعا إلى)
    key: str = ""  # the lemma folded, compared with the lemma classes of quotes_words.tsv (relay, say ...)


@dataclass(frozen=True, slots=True)
class QTok:
    """A token of the normalised view: [start, end) in normalised offsets."""

    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


def tokenize(norm: str) -> list[QTok]:
    return [QTok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm)]


def class_words(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    """Class -> its words in file order, folded (but the AS_WRITTEN classes); an unknown or missing class, a
    word repeated in a grammar class or a SINGLE class without exactly one word is an error."""
    out: dict[str, list[str]] = {}
    for row in rows:
        cls = row["class"]
        out.setdefault(cls, []).append(row["word"] if cls in AS_WRITTEN else fold(row["word"]))
    known = HAS_CLASSES | set(GRAMMAR) | set(SINGLE)
    if set(out) != known:
        raise ValueError(f"{DATA}: classes missing {sorted(known - set(out))}, unknown {sorted(set(out) - known)}")
    for cls, words in out.items():
        if cls in HAS_CLASSES:
            continue
        dup = sorted({w for w in words if words.count(w) > 1})
        if dup:
            raise ValueError(f"{DATA}: class {cls!r} repeats {dup} after folding")
        if cls in SINGLE and len(words) != 1:
            raise ValueError(f"{DATA}: class {cls!r} must hold one word, holds {words}")
    return out


class CueLexicon:
    """Reporting cues, the word classes used to find speakers and content, and the grammar words of the code
    (attributes named in GRAMMAR and SINGLE)."""

    article: str
    lil: str
    bi: str
    li: str
    accusative: str
    ala: str
    min: str
    an: str
    fi: str
    ma: str
    naqlan: str
    yudaa: str
    thumma: str
    hin: str
    that: frozenset[str]
    thatpron_suffixes: frozenset[str]
    not_that_before: frozenset[str]
    conj: frozenset[str]
    wafq: frozenset[str]
    def_clitics: frozenset[str]
    np_clitics: frozenset[str]
    mod_preps: frozenset[str]
    via: frozenset[str]
    mod_tail: frozenset[str]
    np_preps: frozenset[str]
    office_preps: frozenset[str]
    preps: frozenset[str]
    subject_breaks: frozenset[str]
    name_particles: frozenset[str]
    np_b_words: frozenset[str]
    before_cue: frozenset[str]
    lead: frozenset[str]
    after_attribution: frozenset[str]
    issued: frozenset[str]
    came_adjectives: frozenset[str]
    came_of: frozenset[str]
    anaphoric: frozenset[str]
    body_preps: frozenset[str]
    new_clause: frozenset[str]
    present: frozenset[str]
    relay_lemmas: frozenset[str]
    relay_prep_lemmas: frozenset[str]
    say_lemmas: frozenset[str]
    trim: frozenset[str]
    adverbial_preps: frozenset[str]
    that_pron: frozenset[str]  # every complementizer with a pronoun suffix: "انه", "بانها"

    def __init__(self, cues: dict[str, Cue], words: dict[str, list[str]], sources: SourceNames | None = None):
        self.cues = cues
        classes: dict[str, set[str]] = {}
        for cls, ws in words.items():
            if cls in HAS_CLASSES:
                for w in ws:
                    classes.setdefault(w, set()).add(cls)
        self.classes = {k: frozenset(v) for k, v in classes.items()}
        for cls, attr in GRAMMAR.items():
            setattr(self, attr, frozenset(words[cls]))
        for cls, attr in SINGLE.items():
            setattr(self, attr, words[cls][0])
        self.that_pron = frozenset(t + s for t in self.that for s in self.thatpron_suffixes)
        self.sources = sources or SourceNames.load()

    @classmethod
    def load(cls) -> CueLexicon:
        cues: dict[str, Cue] = {}
        for row in read_tsv("cues.tsv"):
            form = fold(row["form"])
            cues.setdefault(form, Cue(form, row["lemma"], row["kind"], row["comp"], fold(row.get("prep", "")),
                                      fold(row["lemma"])))
        return cls(cues, class_words(read_tsv(DATA)), SourceNames.load())

    def strip_clitic(self, w: str) -> str:
        """Drop a leading conjunction و/ف when the rest is still a word ("وقال" -> "قال")."""
        if len(w) > 2 and w[0] in self.conj:
            return w[1:]
        return w

    def is_def(self, word: str) -> bool:
        """Definite (article-bearing) word: "التحالف", "والجيش", "بالحسكة", "للحرس"."""
        w = self.strip_clitic(word)
        return w.startswith(self.article) or w.startswith(self.lil) or (
            len(w) > 3 and w[0] in self.def_clitics and w.startswith(self.article, 1))

    def unprefix_l(self, word: str) -> str:
        """Drop the preposition ل from a source phrase: "لخلية" -> "خلية", "للمصادر" -> "المصادر"."""
        if word.startswith(self.lil) and len(word) > 3:
            return self.article + word[len(self.lil):]
        if word.startswith(self.li) and len(word) > 3:
            return word[1:]
        return word

    def is_that(self, word: str) -> bool:
        return word in self.that or word in self.that_pron

    def cue(self, word: str) -> Cue | None:
        """The cue for a (folded) word, allowing one leading و/ف clitic."""
        c = self.cues.get(word)
        if c is None and len(word) > 3 and word[0] in self.conj:
            c = self.cues.get(word[1:])
            if c is None and word[1] in self.conj:  # "ووفقا"
                c = self.cues.get(word[2:])
        return c

    def has(self, word: str, cls: str) -> bool:
        """Whether `word` (or `word` without a و/ف clitic) is in word class `cls`."""
        got = self.classes.get(word)
        if got and cls in got:
            return True
        if len(word) > 2 and word[0] in self.conj:
            got = self.classes.get(word[1:])
            return bool(got and cls in got)
        return False

    def opens_object(self, cue: Cue, word: str) -> bool:
        """A definite noun opening the object of a condemnation or denial ("أدانت الوزارة الهجوم")."""
        return self.has(fold(cue.lemma), "objverb") and self.has(word, "objnoun")

    def is_content_start(self, word: str) -> bool:
        """A verbal noun opening reported content, bare or after ب/ال ("بمقتل", "السيطرة")."""
        if self.has(word, "content"):
            return True
        w = self.strip_clitic(word)
        if len(w) > 4 and w.endswith(self.accusative) and self.has(w[:-1], "content"):
            return True  # accusative ending: "متوقعا ارتفاعا في عدد القتلى"
        if len(w) > 3 and w[0] == self.bi:
            w = w[1:]
            return self.has(w, "content") or (w.startswith(self.article) and self.has(w[2:], "content"))
        return False
