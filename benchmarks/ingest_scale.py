"""Ingest a large corpus into a fresh store and print how the time per 1,000 documents moves as it grows.

    python scripts/make_corpus.py ../shared/corpus/unlabeled 100000 /tmp/corpus100k.jsonl
    python benchmarks/ingest_scale.py /tmp/corpus100k.jsonl --db /tmp/scale.db [--workers 2]
        [--engine dask --dask-workers 2]

Prints one line per `--every` documents (seconds for the last 1,000 documents, documents/s so far), then
the totals: time, documents/s, peak RSS of this process and of its worker processes, store size per
document. Issue 16 asks for the time per 1,000 documents to be flat from the first thousand to the last.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from marsad.ingest import read_paths
from marsad.store import Store
from marsad.store.run import store_documents


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="a JSON Lines file (scripts/make_corpus.py)")
    ap.add_argument("--db", required=True, help="a new SQLite file or a PostgreSQL URL")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", choices=("local", "dask"), default="local")
    ap.add_argument("--every", type=int, default=10_000, help="print a line every N documents")
    a = ap.parse_args()
    if not a.db.startswith("postgresql") and Path(a.db).exists():
        sys.exit(f"{a.db} exists: give a new store")

    marks: list[tuple[int, float]] = []
    in_put: list[float] = [0.0]          # seconds spent storing (the writer's share), per 1,000 documents
    put_marks: list[float] = []
    t0 = time.perf_counter()
    stored = 0

    with Store(a.db) as st:
        put = st.put

        def timed_put(*args, **kw):
            # timed where each document is stored, not where it is read (the reader runs ahead of the
            # workers by up to a window of partitions)
            nonlocal stored
            s0 = time.perf_counter()
            out = put(*args, **kw)
            in_put[0] += time.perf_counter() - s0
            stored += 1
            if stored % 1000 == 0:
                marks.append((stored, time.perf_counter() - t0))
                put_marks.append(in_put[0])
                in_put[0] = 0.0
                if stored % a.every == 0:
                    last = marks[-1][1] - (marks[-2][1] if len(marks) > 1 else 0.0)
                    print(f"{stored:>8,} docs  {marks[-1][1]:8.1f} s  last 1,000 in {last:5.1f} s "
                          f"(storing them {put_marks[-1]:4.1f} s)  {stored / marks[-1][1]:6.1f} docs/s  "
                          f"RSS {_rss_mb(resource.RUSAGE_SELF):.0f} MB", file=sys.stderr, flush=True)
            return out

        st.put = timed_put  # type: ignore[method-assign]
        kw = {"engine": a.engine} if a.engine != "local" else {}
        tally = store_documents(st, read_paths([a.corpus]), workers=a.workers, progress=False, **kw)
        total = time.perf_counter() - t0
        counts = st.counts()
    n = counts["documents"]
    per_k = [b[1] - a_[1] for a_, b in zip(marks, marks[1:], strict=False)]
    print(tally.line())
    print(f"documents stored: {n:,}  events: {counts['mentions']:,}  clusters: {counts['clusters']:,}")
    print(f"time: {total:.1f} s  ({n / total:.1f} documents/s, engine {a.engine}, workers {a.workers})")
    if len(per_k) >= 20:
        first, last = sum(per_k[:10]) / 10, sum(per_k[-10:]) / 10
        wfirst, wlast = sum(put_marks[1:11]) / 10, sum(put_marks[-10:]) / 10
        print(f"time per 1,000 documents: first ten thousands {first:.2f} s, last ten {last:.2f} s "
              f"(last/first {last / first:.2f}); of which storing: {wfirst:.2f} s -> {wlast:.2f} s")
    print(f"peak RSS: this process {_rss_mb(resource.RUSAGE_SELF):.0f} MB, "
          f"largest worker {_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    if not a.db.startswith("postgresql"):
        size = os.path.getsize(a.db)
        print(f"store: {size / 1e6:.1f} MB, {size / max(1, n) / 1024:.1f} KiB per document (before VACUUM)")


if __name__ == "__main__":
    main()
