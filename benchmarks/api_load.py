"""Load on the API: GET /events from a store of 100,000 events, many clients at once.

    .venv/bin/python benchmarks/api_load.py [--events 100000] [--db /tmp/marsad-load.db] [--clients 50]
                                            [--seconds 20] [--port 8799]

Builds the store once (reused when it exists): event mentions made from the events marsad extracts from the
dev articles, spread over ten years, many countries and types so that few merge, stored through
Store.put (the real clustering). Then starts `marsad serve` (one process) and runs `--clients` concurrent
clients for `--seconds`, each looping over typical requests (first page, a country, a date range, a type,
an actor, Arabic words, a second page by cursor). Prints requests/s and p50/p90/p99 latency, overall and per
kind of request. The issue's goal: p99 < 100 ms at >= 200 requests/s on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import glob
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "raw"
COUNTRIES = ["Syria", "Iraq", "Yemen", "Libya", "Sudan", "Egypt", "Palestine", "Lebanon", "Somalia", "Mali",
             "Algeria", "Tunisia", "Morocco", "Jordan", "Saudi Arabia", "Niger", "Chad", "Nigeria"]


def templates() -> list[dict]:
    from marsad.ingest import IngestError, read_paths
    from marsad.output import result_json
    from marsad.pipeline import Pipeline

    pipe = Pipeline.build()
    out = []
    for d in read_paths(sorted(glob.glob(str(DEV / "*.json")))):
        if not isinstance(d, IngestError):
            out += result_json(pipe(d))["events"]
    return out


def build(db: str, n: int) -> None:
    from marsad.store import Store

    rng = random.Random(1)
    evs = templates()
    per_doc = 4
    t0 = time.time()
    with Store(db) as st:
        for k in range(n // per_doc):
            doc_id = f"load-{k}"
            day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
            events = []
            for j in range(per_doc):
                ev = copy.deepcopy(rng.choice(evs))
                ev["event_id"] = f"{k:07d}{j}"
                ev["event_date"] = ev["event_date_end"] = (day + timedelta(days=j)).isoformat()
                ev["country"] = rng.choice(COUNTRIES)
                ev["admin1"] = f"{ev['country']} province {rng.randrange(12)}"
                ev["location"] = f"place {rng.randrange(5000)}"
                ev["latitude"], ev["longitude"] = rng.uniform(5, 37), rng.uniform(-10, 50)
                ev["sources"] = [{"doc_id": doc_id, "outlet": f"outlet{rng.randrange(40)}", "url": None,
                                  "published": day.isoformat()}]
                for s in ev["evidence"]:
                    s["doc_id"] = doc_id
                ev["trigger"]["doc_id"] = doc_id
                events.append(ev)
            res = {"doc": {"id": doc_id, "published": day.isoformat(), "outlet": "o", "title": None, "url": None},
                   "events": events, "quotes": [], "unnamed_quotes": [], "posts": []}
            st.put(res, f"{doc_id} text", version="load")
            if k and k % 2500 == 0:
                print(f"  {k * per_doc:,} events stored ({time.time() - t0:.0f} s)", flush=True)
        print(f"store: {st.counts()} in {time.time() - t0:.0f} s", flush=True)


REQUESTS = {
    "first page": "/events?limit=50",
    "newest first": "/events?limit=50&sort=-date",
    "country": "/events?limit=50&country=SY",
    "date range": "/events?limit=50&from=2019-03-01&to=2019-05-31",
    "type": "/events?limit=50&type=Armed%20clash&country=Yemen",
    "actor": "/events?limit=50&actor=Military%20Forces",
    "arabic words": "/events?limit=50&text=%D9%82%D8%B5%D9%81",
    "bbox": "/events?limit=50&bbox=35,32,37,34",
}


async def client(base: str, until: float, lat: dict[str, list[float]], errors: list[str]) -> None:
    import httpx

    kinds = list(REQUESTS)
    rng = random.Random(id(lat) ^ int(until))
    async with httpx.AsyncClient(base_url=base, timeout=30) as c:
        while time.time() < until:
            kind = rng.choice(kinds + ["second page"])
            t0 = time.perf_counter()
            if kind == "second page":
                r = await c.get(REQUESTS["country"])
                cur = r.json().get("next_cursor") if r.status_code == 200 else None
                if cur:
                    r = await c.get(REQUESTS["country"] + f"&cursor={cur}")
            else:
                r = await c.get(REQUESTS[kind])
            dt = (time.perf_counter() - t0) * 1000
            if r.status_code != 200:
                errors.append(f"{kind}: {r.status_code}")
            lat.setdefault(kind, []).append(dt)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", default="/tmp/marsad-load.db")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--port", type=int, default=8799)
    ap.add_argument("--workers", type=int, default=1, help="server processes")
    args = ap.parse_args()
    if not os.path.exists(args.db):
        build(args.db, args.events)
    srv = subprocess.Popen([sys.executable, "-m", "marsad.cli.main", "serve", "--db", args.db, "--port",
                            str(args.port), "--log-level", "warning", "--workers", str(args.workers)])
    base = f"http://127.0.0.1:{args.port}"
    try:
        import httpx

        for _ in range(100):
            try:
                if httpx.get(base + "/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        print("health:", json.dumps(httpx.get(base + "/health").json()))
        lat: dict[str, list[float]] = {}
        errors: list[str] = []
        until = time.time() + args.seconds

        async def run() -> None:
            await asyncio.gather(*(client(base, until, lat, errors) for _ in range(args.clients)))

        t0 = time.time()
        asyncio.run(run())
        el = time.time() - t0
        allv = [x for v in lat.values() for x in v]
        print(f"{args.clients} clients, {el:.1f} s: {len(allv)} requests, {len(allv) / el:.0f} requests/s, "
              f"p50 {pct(allv, 50):.0f} ms, p90 {pct(allv, 90):.0f} ms, p99 {pct(allv, 99):.0f} ms, "
              f"{len(errors)} errors")
        for k, v in sorted(lat.items()):
            print(f"  {k:14s} n={len(v):5d} mean {statistics.mean(v):6.0f} ms  p50 {pct(v, 50):6.0f}  "
                  f"p99 {pct(v, 99):6.0f}")
    finally:
        srv.terminate()
        srv.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
