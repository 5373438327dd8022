"""marsad's extraction against a bare floor, measured side by side in one run (issue 19).

    .venv/bin/python benchmarks/floor.py [CORPUS_DIR ...] [--repeat 3]

The floor is what any extractor must do to a text at the least: normalise it (marsad's character table and
offset map), split it into words, and scan it once with one Aho-Corasick automaton of the Arabic name forms
marsad's gazetteer and actor table match (their loaded lexicons). It prints documents/s of the floor and of `marsad bench`'s full pipeline on
the same documents, and their ratio (the issue asks at most 20x).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from marsad.bench import bench, floor

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT.parent / "shared" / "corpus" / "unlabeled")])
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    fl = floor(a.paths, repeat=a.repeat)
    full = bench(a.paths, repeat=a.repeat)
    out = {"floor_docs_per_s": fl["docs_per_s"], "floor_patterns": fl["patterns"],
           "marsad_docs_per_s": full["docs_per_s"],
           "times_floor": round(fl["docs_per_s"] / full["docs_per_s"], 1) if full["docs_per_s"] else None,
           "documents": full["documents"]}
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
