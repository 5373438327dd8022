"""Move statements of wholly unnamed sources from `quotes` to `unnamed_quotes` in gold-format annotations.

    python scripts/split_unnamed_quotes.py DIR [DIR ...]

The project's gold convention (as the dev gold applies it): `quotes` hold statements of an identified speaker
(a person, or a named body; "مصدر في الحشد" is tied to one); statements of a wholly unnamed source ("مصادر
محلية", "شهود عيان", "مصدر أمني", "وسائل إعلام") are not quotes. The annotators of tests/data/annotated were
told to list every attributed statement, so this script applies the convention by one written rule: a quote
whose `speaker_ar` opens (after و/ف) with a word of the "generic" class of resources/data/quotes_words.tsv,
and that has no `speaker_org`, moves to `unnamed_quotes`. Nothing is deleted; marsad reports such statements
in its own `unnamed_quotes` list, scored separately. Idempotent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from marsad.stages.quotes.lexicon import CueLexicon
from marsad.text.normalize import fold


def is_unnamed(q: dict, lex: CueLexicon) -> bool:
    words = fold(q.get("speaker_ar") or "").split()
    if not words or q.get("speaker_org"):
        return False
    first = words[0]
    if first[:1] in ("و", "ف") and len(first) > 3 and lex.has(first[1:], "generic"):
        first = first[1:]
    return lex.has(first, "generic")


def main(dirs: list[str]) -> int:
    lex = CueLexicon.load()
    moved = 0
    for d in dirs:
        for p in sorted(Path(d).glob("*.json")):
            g = json.loads(p.read_text("utf-8"))
            keep, out = [], list(g.get("unnamed_quotes", []))
            for q in g.get("quotes", []):
                (out if is_unnamed(q, lex) else keep).append(q)
            if len(keep) != len(g.get("quotes", [])) or "unnamed_quotes" not in g:
                moved += len(g.get("quotes", [])) - len(keep)
                g["quotes"], g["unnamed_quotes"] = keep, out  # an empty list says "none", so it is scored
                p.write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"moved {moved} statements of unnamed sources to unnamed_quotes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
