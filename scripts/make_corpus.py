"""Make a large test corpus by varying real articles, for ingest benchmarks (never commit its output).

    python scripts/make_corpus.py ../shared/corpus/unlabeled 10000 /tmp/corpus10k.jsonl

Copy k of an article gets its own id, a publication date moved k weeks later (so relative dates, and the
events they date, move with it and the copies do not all collapse into one cluster) and a line that makes
its text, and so its content hash, unique.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("source", help="folder of SCHEMA .json articles")
    ap.add_argument("n", type=int, help="documents to write")
    ap.add_argument("out", help="JSON Lines file")
    a = ap.parse_args()
    recs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(a.source).glob("*.json"))]
    recs = [r for r in recs if r.get("text")]
    with open(a.out, "w", encoding="utf-8") as fh:
        for i in range(a.n):
            k, r = divmod(i, len(recs))
            rec = dict(recs[r])
            rec["id"] = f"{rec.get('id') or r}-v{k}"
            if rec.get("published"):
                rec["published"] = (date.fromisoformat(rec["published"][:10]) + timedelta(weeks=k)).isoformat()
            rec["text"] = rec["text"] + f"\n(نسخة {k})"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
