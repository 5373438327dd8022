"""Long fuzz run of the reader, the pipeline and the serializer (marsad.fuzz), in parallel processes.

    .venv/bin/python scripts/fuzz.py --n 1000000 --workers 2 [--seed 0] [--chunk 5000]

Each worker takes chunks of inputs (chunk k uses seed BASE + k); prints progress and, at the end, the
totals and every crash with the seed and index that reproduce it (marsad.fuzz.replay). Exit status 1 when
anything crashed.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

_PIPE = None


def _init() -> None:
    global _PIPE
    from marsad.pipeline import Pipeline

    _PIPE = Pipeline.build()


def _chunk(seed: int, n: int):
    from marsad import fuzz

    return fuzz.run(n, seed=seed, pipe=_PIPE)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--chunk", type=int, default=5000)
    args = ap.parse_args()
    from marsad.fuzz import Report

    total = Report()
    t0 = time.time()
    chunks = [(args.seed + k, min(args.chunk, args.n - k * args.chunk))
              for k in range((args.n + args.chunk - 1) // args.chunk)]
    with ProcessPoolExecutor(args.workers, initializer=_init) as ex:
        futures = [ex.submit(_chunk, s, n) for s, n in chunks]
        for done, fut in enumerate(as_completed(futures), 1):
            total.add(fut.result())
            el = time.time() - t0
            print(f"{done}/{len(chunks)} chunks: {total.inputs:,} inputs, {total.documents:,} documents, "
                  f"{total.refused:,} refused, {total.events:,} events, {len(total.crashes)} crashes, "
                  f"{el:.0f} s ({total.inputs / el:.0f} inputs/s)", flush=True)
    print(f"TOTAL inputs={total.inputs} documents={total.documents} refused={total.refused} "
          f"events={total.events} crashes={len(total.crashes)} seconds={time.time() - t0:.0f}")
    for c in total.crashes:
        print("CRASH", c)
    return 1 if total.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
