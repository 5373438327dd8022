"""Print the reliability table of event confidences on an annotated folder (the dev set by default).

    python scripts/reliability.py [GOLD_DIR] [RAW_DIR] [--split train|blind]
    python scripts/reliability.py tests/data/annotated ../shared/corpus/unlabeled --split blind

The table is an aggregate, so it may be printed for the blind split too.

Each extracted event is right when it matches a gold event at the type level; per confidence bin: count,
mean confidence, observed precision; then ECE and Brier score.
"""

from __future__ import annotations

import sys
from pathlib import Path

from marsad.eval.reliability import format_table, labelled_events

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    args = sys.argv[1:]
    split = None
    if "--split" in args:
        i = args.index("--split")
        split = args[i + 1]
        del args[i:i + 2]
    gold = args[0] if args else str(ROOT.parent / "shared" / "corpus" / "dev" / "gold")
    raw = args[1] if len(args) > 1 else str(ROOT.parent / "shared" / "corpus" / "dev" / "raw")
    print(format_table(labelled_events(gold, raw, split)))


if __name__ == "__main__":
    main()
