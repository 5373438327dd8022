"""Quote precision / recall / F1 and speaker accuracy on the dev gold (the lead's matching rule).

A predicted quote matches a gold quote when the gold `quote_start` span intersects the predicted content
span; speakers agree when the canonical name or the speaker as written matches (case/punctuation-insensitive).

    .venv/bin/python scripts/quotes_devcheck.py [--corpus /work/shared/corpus/dev] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

from marsad.model.document import DocMeta, Document
from marsad.pipeline import Pipeline
from marsad.text.normalize import fold


def canon(s: str | None) -> str:
    s = fold(s or "")
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def load(corpus: Path):
    for gf in sorted((corpus / "gold").glob("*.json")):
        raw = json.loads((corpus / "raw" / gf.name).read_text("utf-8"))
        gold = json.loads(gf.read_text("utf-8"))
        yield raw, gold


def speaker_ok(q, g) -> bool:
    # as the lead's scorer: the exported speaker name and mention
    names = {canon(q.speaker_text)} if q.speaker is None else {canon(q.speaker.actor.name), canon(q.speaker.text)}
    return bool(names & {canon(g.get("speaker")), canon(g.get("speaker_ar"))})


def evaluate(corpus: Path, verbose: bool = False) -> dict[str, float]:
    pipe = Pipeline.build(until="quotes")
    tp = fp = fn = sp_ok = 0
    for raw, gold in load(corpus):
        pub = raw.get("published")
        meta = DocMeta(id=raw["id"], title=raw.get("title"), published=date.fromisoformat(pub[:10]) if pub else None)
        doc = pipe(Document(raw["text"], meta))
        text = doc.text
        preds = list(doc.quotes)
        used: set[int] = set()
        for g in gold.get("quotes", []):
            gs = text.find(g["quote_start"])
            ge = gs + len(g["quote_start"])
            best = None
            for n, q in enumerate(preds):
                if n in used or gs < 0 or not (q.start < ge and gs < q.end):
                    continue
                if best is None or abs(q.start - gs) < abs(preds[best].start - gs):
                    best = n
            if best is None:
                fn += 1
                if verbose:
                    print(f"FN {raw['id']} [{g['cue']}] {g['speaker_ar']} :: {g['quote_start'][:50]}")
                continue
            used.add(best)
            tp += 1
            q = preds[best]
            if speaker_ok(q, g):
                sp_ok += 1
            elif verbose:
                print(f"SP {raw['id']} [{q.cue}] pred={q.speaker_text!r} gold={g['speaker_ar']!r} / {g['speaker']}")
        for n, q in enumerate(preds):
            if n not in used:
                fp += 1
                if verbose:
                    print(f"FP {raw['id']} [{q.cue}] {q.speaker_text} :: {q.text[:60]!r}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f,
            "speaker_acc": sp_ok / tp if tp else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="/work/shared/corpus/dev", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    res = evaluate(args.corpus, args.verbose)
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
