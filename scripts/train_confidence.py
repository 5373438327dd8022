"""Fit the event confidence / factuality model on the train split of the annotated articles.

    python scripts/train_confidence.py [GOLD_DIR] [RAW_DIR] [--out PATH] [--l2 L2]

GOLD_DIR (default tests/data/annotated) holds gold-format annotations of the unlabeled articles; only its
train split (eval.splits: ids ending in an even digit) is read. RAW_DIR (default ../shared/corpus/unlabeled)
holds the articles. Each event candidate marsad extracts is labelled 1 when it matches an annotated event at
the type level (a match with an optional event counts as right), and a logistic regression (L2,
standardised features; numpy, from the `build` extra) is fitted on the features of
marsad.stages.events.confidence: facts about the event and its mentions, its sub-event type, and the folded
words around its trigger that occur in at least MIN_COUNT training candidates.

The drop threshold (`drop_below`: candidates less likely are not reported) is chosen by 5-fold
cross-validation over documents on train: the lowest threshold (at most 0.5) whose held-out predictions give
an event F1 within 0.005 of the best, with the project's scorer. Writes src/marsad/resources/data/event_confidence.json. Neither dev
nor blind is used: they are for the reliability tables (scripts/reliability.py) and the figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

from marsad.eval.reliability import label_predictions
from marsad.eval.scorer import Report, load_gold, score_document
from marsad.ingest import read_file
from marsad.output import result_json
from marsad.pipeline import Pipeline, stages
from marsad.stages.events import extract_events
from marsad.stages.events.confidence import FEATURES, context_words
from marsad.stages.resources import Resources

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "marsad" / "resources" / "data" / "event_confidence.json"
MIN_COUNT = 3
THRESHOLDS = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
TOLERANCE = 0.005


def collect(gold_dir: Path, raw: Path) -> list[dict]:
    """One record per training document: its gold, text, SCHEMA events and their features and labels."""
    pipe = Pipeline.build(until="quotes")
    declared = stages(["events"])[0].resources
    loaded = pipe.resources.with_(declared)
    # every candidate, none dropped by an old model: the events stage's resources with an untrained lexicon
    untrained = Resources({**{n: loaded[n] for n in declared},
                           "triggers": dataclasses.replace(loaded.triggers, confidence=None)}, stage="events")
    docs = []
    for doc_id, gold in load_gold(gold_dir, "train").items():
        doc = pipe(next(read_file(str(raw / f"{doc_id}.json"))))
        scored = extract_events(doc, untrained)
        doc.events = [ev for ev, _ in scored]
        res = result_json(doc)
        labels = label_predictions(doc.text, gold, res["events"])
        docs.append({"gold": gold, "text": doc.text, "result": res, "feats": [f for _, f in scored],
                     "labels": labels, "context": [context_words(doc, ev) for ev, _ in scored]})
    return docs


def matrix(docs: list[dict], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    idx = {n: i for i, n in enumerate(names)}
    rows = [f for d in docs for f in d["feats"]]
    x = np.zeros((len(rows), len(names)))
    for i, f in enumerate(rows):
        for k, v in f.items():
            if k in idx:
                x[i, idx[k]] = v
    y = np.array([lab for d in docs for lab in d["labels"]], dtype=float)
    return x, y


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 3000, lr: float = 0.1) -> dict:
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(z @ w + b, -30, 30)))
        w -= lr * (z.T @ (p - y) / len(y) + l2 * w / len(y))
        b -= lr * float((p - y).mean())
    return {"coef": w, "intercept": b, "mean": mean, "scale": scale}


def predict(m: dict, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(((x - m["mean"]) / m["scale"]) @ m["coef"] + m["intercept"], -30, 30)))


def f1_at(docs: list[dict], probs: list[np.ndarray], t: float) -> float:
    scores = []
    for d, p in zip(docs, probs, strict=True):
        r = dict(d["result"])
        r["events"] = [e for e, q in zip(d["result"]["events"], p, strict=True) if q >= t]
        scores.append(score_document(d["gold"], d["text"], r))
    return Report(scores).flat()["event_f1"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default=str(ROOT / "tests" / "data" / "annotated"))
    ap.add_argument("raw", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "unlabeled"))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--l2", type=float, default=100.0, help="L2 penalty (default 100; the CV log loss is printed)")
    a = ap.parse_args()
    docs = collect(Path(a.gold), Path(a.raw))
    counts = Counter(k for d in docs for f in d["feats"] for k in f if k.startswith(("w:", "sub:")))
    names = list(FEATURES) + sorted(k for k, c in counts.items() if c >= MIN_COUNT)
    folds = 5
    cv_loss, cv_probs = [], [None] * len(docs)
    for f in range(folds):
        tr = [d for i, d in enumerate(docs) if i % folds != f]
        te = [i for i in range(len(docs)) if i % folds == f]
        m = fit(*matrix(tr, names), a.l2)
        for i in te:
            x, y = matrix([docs[i]], names)
            p = predict(m, x) if len(y) else np.zeros(0)
            cv_probs[i] = p
            cv_loss.extend(-(y * np.log(np.clip(p, 1e-6, 1)) + (1 - y) * np.log(np.clip(1 - p, 1e-6, 1))))
    curve = {t: f1_at(docs, cv_probs, t) for t in THRESHOLDS}
    # the lowest threshold within TOLERANCE of the best: held-out F1 differences that small are noise, and a
    # lower threshold drops fewer real events in texts unlike the training articles
    top = max(curve.values())
    best = min(t for t in THRESHOLDS if curve[t] >= top - TOLERANCE)
    x, y = matrix(docs, names)
    m = fit(x, y, a.l2)
    model = {"features": names, "coef": [round(float(v), 5) for v in m["coef"]],
             "intercept": round(float(m["intercept"]), 5), "mean": [round(float(v), 5) for v in m["mean"]],
             "scale": [round(float(v), 5) for v in m["scale"]], "drop_below": best,
             "trained_on": "tests/data/annotated, train split (ids ending in an even digit)",
             "events": int(len(y)), "positives": int(y.sum()), "l2": a.l2,
             "cv_log_loss": round(float(np.mean(cv_loss)), 4),
             "cv_event_f1_by_threshold": {str(t): round(v, 4) for t, v in curve.items()}}
    Path(a.out).write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", "utf-8")
    base = y.mean()
    print(f"{len(y)} candidates, {int(y.sum())} right; {len(names)} features; 5-fold CV log loss "
          f"{model['cv_log_loss']} (base rate {-(base * math.log(base) + (1 - base) * math.log(1 - base)):.4f})")
    print("CV event F1 by drop threshold: " + ", ".join(f"{t}: {v:.3f}" for t, v in curve.items()) + f"; chosen {best}")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
