"""How well marsad recovers an article's publication date when the input has none (issue 14, part 1).

    python scripts/published_accuracy.py [GOLD_DIR] [RAW_DIR] [--split train|blind] [--docs]
    python scripts/published_accuracy.py tests/data/annotated ../shared/corpus/unlabeled --split train --docs

GOLD_DIR holds the annotations (`published`, with `published_inferred` when the annotator inferred it);
RAW_DIR the articles. Without --split both halves are scored, and the two undated counts are added up.
Per split:
- undated inputs: how many, for how many a date is now recovered, and from where (html, url, text);
- against the annotators, on the undated inputs where they gave a date: coverage and accuracy (exact day)
  of the recovered date; on all articles with an annotated date, the share whose final date (given or
  recovered) is that date;
- the dated inputs with their date hidden: how often the URL and text give it back, and how often exactly
  (then with the URL hidden too: the text alone).
`--docs` lists every train article with its dates. The blind split prints aggregates only, and refuses
--docs (tests/data/annotated/README.md: blind is never read per document).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from marsad.eval.splits import SPLITS, split_of
from marsad.ingest import document_from_record
from marsad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Tally:
    docs: int = 0
    undated: int = 0
    recovered: int = 0
    sources: Counter = field(default_factory=Counter)
    approximate: int = 0           # recovered with published_precision 2 (the last resort)
    gold_given: int = 0            # undated inputs the annotator dated
    gold_recovered: int = 0
    gold_exact: int = 0
    gold_beyond: int = 0           # recovered where the annotator gave no date (cannot be checked)
    annotated: int = 0             # articles with an annotated date
    final_exact: int = 0
    hidden: int = 0                # dated inputs, date hidden
    hidden_back: int = 0
    hidden_exact: int = 0
    text_back: int = 0             # ... and URL hidden too
    text_exact: int = 0
    text_near: int = 0             # within a day

    def lines(self, name: str) -> list[str]:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b} = {a / b:.3f}" if b else f"{a}/0"

        src = ", ".join(f"{k} {v}" for k, v in sorted(self.sources.items())) or "none"
        return [
            f"[{name}] {self.docs} articles, {self.undated} without a date in the input",
            f"  undated inputs now dated:                 {pct(self.recovered, self.undated)} ({src}; "
            f"{self.approximate} only approximate, precision 2)",
            f"  annotator dated the undated input:        {self.gold_given}",
            f"    recovered (coverage):                   {pct(self.gold_recovered, self.gold_given)}",
            f"    recovered and exact (accuracy):         {pct(self.gold_exact, self.gold_recovered)}",
            f"    recovered where the annotator gave none: {self.gold_beyond} (not checkable)",
            f"  final date = annotated date:              {pct(self.final_exact, self.annotated)} "
            f"(all articles with an annotated date)",
            f"  dated inputs, date hidden, URL + text:    back {pct(self.hidden_back, self.hidden)}, "
            f"exact {pct(self.hidden_exact, self.hidden_back)}",
            f"  dated inputs, date and URL hidden (text): back {pct(self.text_back, self.hidden)}, "
            f"exact {pct(self.text_exact, self.text_back)}, within a day {pct(self.text_near, self.text_back)}",
        ]


def _meta(pipe: Pipeline, rec: dict):
    doc = document_from_record(rec)
    pipe(doc)
    return doc.meta


def score(gold_dir: Path, raw_dir: Path, split: str, pipe: Pipeline, docs: bool) -> Tally:
    t = Tally()
    for gpath in sorted(gold_dir.glob("*.json")):
        doc_id = gpath.stem
        if not doc_id[-1:].isdigit() or split_of(doc_id) != split:
            continue
        rpath = raw_dir / f"{doc_id}.json"
        if not rpath.exists():
            continue
        gold = json.loads(gpath.read_text("utf-8"))
        rec = json.loads(rpath.read_text("utf-8"))
        t.docs += 1
        given = (rec.get("published") or "")[:10] or None
        want = (gold.get("published") or "")[:10] or None
        meta = _meta(pipe, rec)
        got = meta.published.isoformat() if meta.published else None
        t.annotated += want is not None
        t.final_exact += want is not None and got == want
        status = "given"
        if given is None:
            t.undated += 1
            if got is not None:
                t.recovered += 1
                t.sources[meta.published_source] += 1
                t.approximate += meta.published_precision == 2
            if want is not None:
                t.gold_given += 1
                t.gold_recovered += got is not None
                t.gold_exact += got == want
            elif got is not None:
                t.gold_beyond += 1
            status = ("exact" if got == want else "WRONG") if got and want else \
                ("missed" if want else "unchecked" if got else "none")
        else:
            t.hidden += 1
            back = _meta(pipe, {**rec, "published": None})
            if back.published is not None:
                t.hidden_back += 1
                t.hidden_exact += back.published.isoformat() == given
            text = _meta(pipe, {**rec, "published": None, "url": None})
            if text.published is not None:
                t.text_back += 1
                t.text_exact += text.published.isoformat() == given
                t.text_near += abs((text.published - meta.published).days) <= 1
        if docs:
            print(f"{doc_id}\t{status}\tinput={given}\tannotated={want}"
                  f"{' (inferred)' if gold.get('published_inferred') else ''}\tfinal={got}"
                  f"\tsource={meta.published_source}\tprecision={meta.published_precision}")
    return t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", nargs="?", default=str(ROOT / "tests" / "data" / "annotated"))
    ap.add_argument("raw_dir", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "unlabeled"))
    ap.add_argument("--split", choices=SPLITS, help="one half only (default: both)")
    ap.add_argument("--docs", action="store_true", help="list every article (train only)")
    args = ap.parse_args()
    if args.docs and args.split != "train":
        print("published_accuracy: --docs needs --split train (blind is scored in aggregate only)", file=sys.stderr)
        return 2
    pipe = Pipeline.build(until="published")
    splits = [args.split] if args.split else list(SPLITS)
    tallies = {s: score(Path(args.gold_dir), Path(args.raw_dir), s, pipe, args.docs) for s in splits}
    for s, t in tallies.items():
        print("\n".join(t.lines(s)))
    if len(tallies) > 1:
        undated = sum(t.undated for t in tallies.values())
        rec = sum(t.recovered for t in tallies.values())
        print(f"[all] undated inputs now dated: {rec}/{undated} = {rec / undated:.3f}" if undated else "[all] none undated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
