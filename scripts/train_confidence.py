"""Fit the event confidence model on the train split of the annotated articles and write its coefficients.

    python scripts/train_confidence.py [GOLD_DIR] [RAW_DIR] [--out PATH]

GOLD_DIR (default tests/data/annotated) holds gold-format annotations of the unlabeled articles; only its
train split (eval.splits: ids ending in an even digit) is read. RAW_DIR (default ../shared/corpus/unlabeled)
holds the articles. Each event marsad extracts is labelled 1 when it matches an annotated event at the type
level, and a logistic regression (L2, standardised features, plain Python) is fitted on the features of
marsad.stages.event_confidence. Writes src/marsad/resources/data/event_confidence.json. Neither dev nor
blind is used: they are kept for the reliability tables (scripts/reliability.py).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from marsad.eval.reliability import label_predictions
from marsad.eval.scorer import load_gold
from marsad.ingest import read_file
from marsad.output import result_json
from marsad.pipeline import Pipeline
from marsad.stages.event_confidence import FEATURES
from marsad.stages.events import extract_events

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "marsad" / "resources" / "data" / "event_confidence.json"


def collect(gold_dir: Path, raw: Path) -> tuple[list[list[float]], list[int]]:
    pipe = Pipeline.build(until="quotes")
    xs, ys = [], []
    for doc_id, gold in load_gold(gold_dir, "train").items():
        doc = pipe(next(read_file(str(raw / f"{doc_id}.json"))))
        scored = extract_events(doc, pipe.resources)
        doc.events = [ev for ev, _ in scored]
        preds = result_json(doc)["events"]
        labels = label_predictions(doc.text, gold, preds)
        for (_, feats), y in zip(scored, labels, strict=True):
            xs.append([feats[f] for f in FEATURES])
            ys.append(y)
    return xs, ys


def fit(xs: list[list[float]], ys: list[int], l2: float, steps: int = 4000, lr: float = 0.1) -> dict:
    n, k = len(xs), len(FEATURES)
    mean = [sum(x[j] for x in xs) / n for j in range(k)]
    scale = [math.sqrt(sum((x[j] - mean[j]) ** 2 for x in xs) / n) or 1.0 for j in range(k)]
    zs = [[(x[j] - mean[j]) / scale[j] for j in range(k)] for x in xs]
    w, b = [0.0] * k, 0.0
    for _ in range(steps):
        gw, gb = [l2 * wj / n for wj in w], 0.0
        for z, y in zip(zs, ys, strict=True):
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, b + sum(wj * zj for wj, zj in zip(w, z, strict=True))))))
            d = (p - y) / n
            gb += d
            for j in range(k):
                gw[j] += d * z[j]
        b -= lr * gb
        w = [wj - lr * g for wj, g in zip(w, gw, strict=True)]
    return {"features": list(FEATURES), "coef": [round(v, 5) for v in w], "intercept": round(b, 5),
            "mean": [round(v, 5) for v in mean], "scale": [round(v, 5) for v in scale]}


def log_loss(model: dict, xs: list[list[float]], ys: list[int]) -> float:
    total = 0.0
    for x, y in zip(xs, ys, strict=True):
        z = model["intercept"] + sum(w * (v - m) / s for w, v, m, s in
                                     zip(model["coef"], x, model["mean"], model["scale"], strict=True))
        p = min(max(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 1e-6), 1 - 1e-6)
        total -= y * math.log(p) + (1 - y) * math.log(1 - p)
    return total / len(xs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default=str(ROOT / "tests" / "data" / "annotated"))
    ap.add_argument("raw", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "unlabeled"))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--l2", type=float, default=15.0, help="L2 penalty (default 15; check it with the 5-fold CV log loss printed)")
    a = ap.parse_args()
    xs, ys = collect(Path(a.gold), Path(a.raw))
    # a 5-fold cross-validated log loss, so the penalty can be checked without touching the dev set
    folds = 5
    cv = []
    for f in range(folds):
        tr = [i for i in range(len(xs)) if i % folds != f]
        te = [i for i in range(len(xs)) if i % folds == f]
        m = fit([xs[i] for i in tr], [ys[i] for i in tr], a.l2)
        cv.append(log_loss(m, [xs[i] for i in te], [ys[i] for i in te]))
    model = fit(xs, ys, a.l2)
    model.update({"trained_on": "tests/data/annotated, train split (ids ending in an even digit)",
                  "events": len(ys), "positives": sum(ys), "l2": a.l2,
                  "cv_log_loss": round(sum(cv) / folds, 4)})
    Path(a.out).write_text(json.dumps(model, indent=1) + "\n", "utf-8")
    print(f"{len(ys)} events, {sum(ys)} right; 5-fold CV log loss {model['cv_log_loss']} "
          f"(base rate {-(sum(ys) / len(ys)) * math.log(sum(ys) / len(ys)) - (1 - sum(ys) / len(ys)) * math.log(1 - sum(ys) / len(ys)):.4f})")
    for name, w in sorted(zip(FEATURES, model["coef"], strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:16s} {w:+.3f}")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
