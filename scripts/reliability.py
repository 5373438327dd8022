"""Print the reliability table of event confidences on an annotated folder (the dev set by default).

    python scripts/reliability.py [GOLD_DIR] [RAW_DIR]

Each extracted event is right when it matches a gold event at the type level; per confidence bin: count,
mean confidence, observed precision; then ECE and Brier score.
"""

from __future__ import annotations

import sys
from pathlib import Path

from marsad.eval.reliability import format_table, labelled_events

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    gold = sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "corpus" / "dev" / "gold")
    raw = sys.argv[2] if len(sys.argv) > 2 else str(ROOT.parent / "shared" / "corpus" / "dev" / "raw")
    print(format_table(labelled_events(gold, raw)))


if __name__ == "__main__":
    main()
