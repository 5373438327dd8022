"""Is extraction linear in document length? Characters per second on 2,000- and 200,000-character documents.

    .venv/bin/python benchmarks/long_documents.py [CORPUS_DIR] [--sizes 2000,200000] [--repeat 3]

Documents of each size are made from the real articles of CORPUS_DIR (default ../shared/corpus/unlabeled),
and from pathological texts: one 200k "word" without spaces, the corpus as one line without punctuation,
and one event sentence repeated. Prints seconds and characters/s per kind and size, and the ratio of the
long documents' speed to the short ones' (1.0 = perfectly linear; the performance issue asks >= 0.8 for real
articles; the hardening issue asks a 200k document without spaces in under 10 s).
"""

from __future__ import annotations

import argparse
import glob
import json
import time
from datetime import date
from pathlib import Path

from marsad.model.document import DocMeta, Document
from marsad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]


def kinds(corpus: str) -> dict[str, str]:
    texts = [json.loads(Path(f).read_text(encoding="utf-8"))["text"]
             for f in sorted(glob.glob(str(Path(corpus) / "*.json")))]
    joined = "\n".join(texts)
    sentence = texts[0].split(".")[0] + ". " if texts else "x. "
    return {
        "articles": joined,
        "one line": joined.replace("\n", " ").replace(".", " ").replace("\u060c", " "),
        "no spaces": "".join(joined.split()),
        "one sentence repeated": sentence * (400_000 // max(1, len(sentence)) + 1),
    }


def timed(pipe: Pipeline, text: str, size: int, repeat: int) -> float:
    """Seconds per character-budget: the text cut into documents of `size` characters, `repeat` times."""
    pieces = [text[i:i + size] for i in range(0, min(len(text), max(size, 200_000)), size)]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for p in pieces:
            pipe(Document(p, DocMeta(id="bench", published=date(2023, 5, 8))))
        best = min(best, time.perf_counter() - t0)
    return sum(len(p) for p in pieces) / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "unlabeled"))
    ap.add_argument("--sizes", default="2000,200000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    pipe = Pipeline.build()
    print(f"{'kind':24s} " + " ".join(f"{s:>14,d}" for s in sizes) + "   long/short   200k doc (s)")
    for name, text in kinds(args.corpus).items():
        speeds = [timed(pipe, text, s, args.repeat) for s in sizes]
        one = 200_000 / speeds[-1] if sizes[-1] == 200_000 else float("nan")
        print(f"{name:24s} " + " ".join(f"{v:12,.0f}/s" for v in speeds)
              + f"   {speeds[-1] / speeds[0]:10.2f}   {one:12.2f}")


if __name__ == "__main__":
    main()
