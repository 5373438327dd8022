"""Reliability of event confidences: does an event scored 0.8 turn out right about 80% of the time?

`labelled_events` runs marsad on annotated articles and labels each predicted event 1 when it matches an
annotated event at the type level (the scorer's matching; a match with an optional event counts as right),
else 0. `reliability_table` bins the (confidence, label) pairs and reports per bin the count, the mean
confidence and the observed precision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.eval.scorer import _event_score, _match, load_gold, locate, read_raw

EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


def _gold_span(text: str, g: dict) -> tuple[int, int] | None:
    if "evidence_start" in g:  # annotations that keep offsets, not article text
        return g["evidence_start"], g["evidence_end"]
    return locate(text, g.get("evidence", ""))


def label_predictions(text: str, gold: dict, preds: list[dict]) -> list[int]:
    """1 for each prediction (SCHEMA event dicts) that matches a gold event at the type level, else 0."""
    golds = [dict(g) for g in gold.get("events", [])]
    for g in golds:
        g["_span"] = _gold_span(text, g)
    pairs, eaten = _match(preds, golds, lambda p, g: _event_score(p, g, True))
    right = {p for p, _ in pairs} | eaten
    return [int(i in right) for i in range(len(preds))]


def labelled_events(gold_dir: str | Path, raw_dir: str | Path, split: str | None = None) -> list[tuple[float, int]]:
    """(confidence, right) for every event marsad extracts from the annotated articles (one split of them)."""
    from marsad.output import result_json
    from marsad.pipeline import Pipeline

    pipe = Pipeline.build()
    out: list[tuple[float, int]] = []
    for doc_id, gold in load_gold(gold_dir, split).items():
        doc = read_raw(Path(raw_dir) / f"{doc_id}.json")
        res = result_json(pipe(doc))
        labels = label_predictions(doc.text, gold, res["events"])
        out.extend((ev["confidence"], lab) for ev, lab in zip(res["events"], labels, strict=True))
    return out


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    mean_confidence: float
    precision: float


def reliability_table(pairs: Iterable[tuple[float, int]], edges: Sequence[float] = EDGES) -> list[Bin]:
    pairs = list(pairs)
    out = []
    for lo, hi in zip(edges, edges[1:], strict=False):
        inside = [(c, y) for c, y in pairs if lo <= c < hi]
        if inside:
            out.append(Bin(lo, min(hi, 1.0), len(inside), sum(c for c, _ in inside) / len(inside),
                           sum(y for _, y in inside) / len(inside)))
    return out


def calibration_error(pairs: Iterable[tuple[float, int]], edges: Sequence[float] = EDGES) -> float:
    """Expected calibration error: the count-weighted mean |confidence - precision| over the bins."""
    bins = reliability_table(pairs, edges)
    n = sum(b.count for b in bins)
    return sum(b.count * abs(b.mean_confidence - b.precision) for b in bins) / n if n else 0.0


def format_table(pairs: list[tuple[float, int]], edges: Sequence[float] = EDGES) -> str:
    lines = ["confidence     count  mean conf  precision"]
    for b in reliability_table(pairs, edges):
        lines.append(f"[{b.low:.2f}, {b.high:.2f})  {b.count:5d}  {b.mean_confidence:9.3f}  {b.precision:9.3f}")
    n = len(pairs)
    brier = sum((c - y) ** 2 for c, y in pairs) / n if n else 0.0
    lines.append(f"events {n}, precision {sum(y for _, y in pairs) / max(n, 1):.3f}, "
                 f"ECE {calibration_error(pairs, edges):.3f}, Brier {brier:.3f}")
    return "\n".join(lines)
