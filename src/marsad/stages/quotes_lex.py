"""Lexical resources and tokens for the quotes stage.

`CueLexicon` holds the reporting cues (resources/data/cues.tsv) and the word classes that delimit speaker
phrases (resources/data/quotes_words.tsv). `QTok` is a token of the normalised view; the quotes stage works
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

# complementizers (أن / إن folded to "ان"); bare ones are excluded from the content, suffixed ones kept
THAT_BARE = frozenset({"ان", "بان", "فان", "وان", "لان"}) - {"لان"}
THAT_PRON = frozenset(
    p + "ان" + s
    for p in ("", "ب", "ف", "و")
    for s in ("ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي")
)
QUOTE_CHARS = frozenset('"\'')
ILA, ALA = "الي", "علي"  # إلى / على as folded (على folds like the name علي)
NOT_THAT_BEFORE = frozenset({"قبل", "بعد", "دون", "بدون", "حتي", "منذ", "يجب", "يمكن", "بامكان"})
PREFIX_CLITICS = ("و", "ف")
_TOKEN = re.compile(r"\d+(?:[.,:/\-]\d+)*|[^\W\d_]+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Cue:
    form: str
    lemma: str
    kind: str  # verb | cont | part | masdar | prep | prepverb | came
    comp: str  # that | obj | after
    prep: str = ""  # folded preposition opening object content: "عن" (أعلن عن), "ب" (أفاد بـ), "الي" (دعا إلى)


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


def strip_clitic(w: str) -> str:
    """Drop a leading conjunction و/ف when the rest is still a word ("وقال" -> "قال")."""
    if len(w) > 2 and w[0] in PREFIX_CLITICS:
        return w[1:]
    return w


class CueLexicon:
    """Reporting cues and the word classes used to find speakers and content."""

    def __init__(self, cues: dict[str, Cue], classes: dict[str, frozenset[str]], sources: SourceNames | None = None):
        self.cues = cues
        self.classes = classes
        self.sources = sources or SourceNames.load()

    @classmethod
    def load(cls) -> CueLexicon:
        cues: dict[str, Cue] = {}
        for row in read_tsv("cues.tsv"):
            form = fold(row["form"])
            cues.setdefault(form, Cue(form, row["lemma"], row["kind"], row["comp"], fold(row.get("prep", ""))))
        classes: dict[str, set[str]] = {}
        for row in read_tsv("quotes_words.tsv"):
            classes.setdefault(fold(row["word"]), set()).add(row["class"])
        return cls(cues, {k: frozenset(v) for k, v in classes.items()}, SourceNames.load())

    def cue(self, word: str) -> Cue | None:
        """The cue for a (folded) word, allowing one leading و/ف clitic."""
        c = self.cues.get(word)
        if c is None and len(word) > 3 and word[0] in PREFIX_CLITICS:
            c = self.cues.get(word[1:])
            if c is None and word[1] in PREFIX_CLITICS:  # "ووفقا"
                c = self.cues.get(word[2:])
        return c

    def has(self, word: str, cls: str) -> bool:
        """Whether `word` (or `word` without a و/ف clitic) is in word class `cls`."""
        got = self.classes.get(word)
        if got and cls in got:
            return True
        if len(word) > 2 and word[0] in PREFIX_CLITICS:
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
        w = strip_clitic(word)
        if len(w) > 4 and w.endswith("ا") and self.has(w[:-1], "content"):
            return True  # accusative ending: "متوقعا ارتفاعا في عدد القتلى"
        if len(w) > 3 and w[0] == "ب":
            w = w[1:]
            return self.has(w, "content") or (w.startswith("ال") and self.has(w[2:], "content"))
        return False
