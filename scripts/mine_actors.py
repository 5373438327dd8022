"""Mine a corpus for actor-like Arabic phrases the actor table does not resolve, and count what it does.

Runs the pipeline up to `actors` over article JSON files and lists (1) frequent phrases headed by an
organisation word (قوات، ميليشيا، حركة، كتائب، لواء ...) followed by a name, where no actor mention covers the
head, and (2) titled persons (اللواء، الرئيس، المتحدث باسم ...) resolved to a name that is not in people.tsv.
Each with its count and one context line. Also prints the resolved-mention totals (for before/after runs).

    python scripts/mine_actors.py /work/shared/corpus/unlabeled /work/shared/corpus/dev/raw [--min 2] [--top 150]
    python scripts/mine_actors.py DIR --summary        # only the resolved-mention counts and table sizes
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

from marsad.ingest import read_file
from marsad.model.document import Document
from marsad.pipeline import Pipeline
from marsad.text.normalize import fold

HEADS = [fold(h) for h in """
قوات ميليشيا ميليشيات مليشيا مليشيات حركة جماعة كتائب كتيبة لواء ألوية تنظيم جبهة جيش فصيل فصائل هيئة سرايا
مجلس حزب تحالف الحرس الأمن الشرطة جهاز شعبة قيادة فرقة الفرقة فيلق الفيلق تجمع غرفة قوة القوة عصابة عصابات
مجموعة المجموعة منظمة المقاومة اللواء الكتيبة الجيش
""".split()]
# Words that end a name after the head (verbs, prepositions, time words ...).
STOP = frozenset(fold(w) for w in """
في من على إلى الى عن مع أن إن انه أنه التي الذي الذين و أو ثم قد لم لن لا ما هو هي هم هذا هذه ذلك تلك عبر منذ
حتى عند بعد قبل خلال يوم اليوم أمس امس مساء صباح فجر ليلة كما لكن بين حيث ضد نحو بعض كل أي قال قالت أعلن
أعلنت أكد أكدت وقال وقالت التابعة التابع الموالية الموالي المدعومة المدعوم
""".split())
_WORD = re.compile(r"[^\W\d_]+|\d+")
_HEAD_RE = re.compile(r"(?<!\w)(?:[وفبل]|ول|وب|فب|بال|وال|لل|فال)?(" + "|".join(
    sorted({h.removeprefix("ال") for h in HEADS}, key=len, reverse=True)) + r")(?!\w)")


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(p.glob("*.json")) if p.is_dir() else [p]
    return out


def _phrase(norm: str, start: int, max_words: int = 3) -> list[str]:
    """The head word and up to `max_words` name words after it (normalised)."""
    words = []
    for w in _WORD.finditer(norm, start):
        if words and norm[words[-1][1]:w.start()].strip():  # punctuation ends the phrase
            break
        tok = w.group()
        if words and (tok in STOP or len(words) > max_words):
            break
        words.append((w.start(), w.end()))
    return [norm[s:e] for s, e in words]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--min", type=int, default=2, help="least count to list (default 2)")
    ap.add_argument("--min-docs", type=int, default=2, help="least number of documents (default 2)")
    ap.add_argument("--top", type=int, default=150)
    ap.add_argument("--summary", action="store_true", help="only the resolved-mention counts")
    a = ap.parse_args()
    pipe = Pipeline.build(until="actors")
    table = pipe.resources.actors
    known_people = {f"person:{pid}" for pid in table.people}
    phrases: Counter = Counter()
    docs_of: dict[str, set[str]] = defaultdict(set)
    context: dict[str, str] = {}
    persons: Counter = Counter()
    pcontext: dict[str, str] = {}
    kinds: Counter = Counter()
    n_docs = n_mentions = 0
    for path in _files(a.paths):
        for doc in read_file(str(path)):
            if not isinstance(doc, Document):
                continue
            pipe(doc)
            n_docs += 1
            norm = doc.norm.text
            covered = [doc.norm.to_norm(m.start, m.end) for m in doc.actors]
            for m in doc.actors:
                n_mentions += 1
                kinds[m.actor.kind or "?"] += 1
                if m.actor.kind == "person" and m.actor.id not in known_people:
                    key = f"{m.role or '-'} | {m.actor.name} | {m.org.name if m.org else '-'}"
                    persons[key] += 1
                    pcontext.setdefault(key, doc.text[max(0, m.start - 40):m.end + 40].replace("\n", " "))
            if a.summary:
                continue
            for hm in _HEAD_RE.finditer(norm):
                hs = hm.start(1)
                if any(s <= hs < e for s, e in covered):
                    continue
                words = _phrase(norm, hs)
                for n in range(2, len(words) + 1):
                    p = " ".join(words[:n])
                    phrases[p] += 1
                    docs_of[p].add(doc.id)
                    if p not in context:
                        s, e = doc.norm.to_original(hs, hs + len(p))
                        context[p] = doc.text[max(0, s - 50):e + 50].replace("\n", " ")
    print(f"documents {n_docs}  resolved mentions {n_mentions}  per doc {n_mentions / max(n_docs, 1):.2f}")
    print("by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print("table: " + ", ".join(f"{k} {v}" for k, v in table.counts().items()))
    if a.summary:
        return
    print("\n== unresolved organisation phrases (count, documents, phrase | context)")
    # keep the longest phrase among those with the same count (prefixes of it add nothing)
    listed = [(p, c) for p, c in phrases.items() if c >= a.min and len(docs_of[p]) >= a.min_docs]
    keep = [(p, c) for p, c in listed
            if not any(q != p and q.startswith(p + " ") and phrases[q] == c for q, _ in listed)]
    for p, c in sorted(keep, key=lambda x: -x[1])[:a.top]:
        print(f"{c:4d} {len(docs_of[p]):3d}  {p}  | {context[p]}")
    print("\n== titled persons not in people.tsv (count, role | name | org | context)")
    for k, c in persons.most_common(a.top):
        if c >= a.min:
            print(f"{c:4d}  {k}  | {pcontext[k]}")


if __name__ == "__main__":
    main()
