"""Start-up: wall and CPU time of `marsad extract` on one small document, in fresh processes.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--src OTHER_CHECKOUT/src ...]

The first run of each checkout fills its own resource cache (a temporary folder; reported as "cold"), the
next runs load from it ("warm", the median is printed). Give other checkouts with --src to measure them in
the same run, side by side (the performance issue asks the warm start-up to be at least 2x faster than
before). Bytecode is written as an installed package's would be (PYTHONDONTWRITEBYTECODE is cleared).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = {"id": "startup", "published": "2024-01-02",
       "text": "قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف على مدينة حلب أمس، بحسب مصدر محلي."}


def run_once(src: Path, doc: Path, cache: Path) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(src), MARSAD_CACHE=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "marsad.cli.main", "extract", str(doc), "--out", os.devnull],
                   env=env, check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="warm runs per checkout (default 7)")
    ap.add_argument("--src", action="append", type=Path, default=[],
                    help="another checkout's src/ to measure beside this one (repeatable)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "one.jsonl"
        doc.write_text(json.dumps(DOC, ensure_ascii=False) + "\n", encoding="utf-8")
        for i, src in enumerate([ROOT / "src", *a.src]):
            cache = Path(tmp) / f"cache{i}"
            cold = run_once(src, doc, cache)
            warm = [run_once(src, doc, cache) for _ in range(a.runs)]
            print(f"{src}: cold {cold[0]:.2f} s wall / {cold[1]:.2f} s CPU; warm median "
                  f"{statistics.median(w for w, _ in warm):.2f} s wall / "
                  f"{statistics.median(c for _, c in warm):.2f} s CPU ({a.runs} runs)")


if __name__ == "__main__":
    main()
