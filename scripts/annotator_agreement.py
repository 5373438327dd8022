"""Agreement between two independent annotations of the same articles: the human ceiling.

    python scripts/annotator_agreement.py FIRST_DIR SECOND_DIR RAW_DIR [--json]

Each side is scored as if it were marsad's output against the other, with marsad's own strict scorer
(`marsad.eval.scorer`), and the two directions are averaged: event F1 (type-level and loose), attribute
accuracies, quote F1 and speaker accuracy. A side's optional events are left out of its "predictions" (its
annotator judged them skippable); the other side's optional events are neutral, as in `marsad eval`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from marsad.eval.scorer import Report, locate, score_document


def as_result(gold: dict, text: str) -> dict:
    """A gold-format annotation written as a SCHEMA result, so the scorer can read it as predictions."""
    events = []
    for e in gold.get("events", []):
        if e.get("optional"):
            continue
        span = locate(text, e.get("evidence", ""))
        if span is None:
            continue
        events.append({
            "event_type": e["event_type"], "sub_event_type": e["sub_event_type"],
            "event_date": e.get("date_start"), "event_date_end": e.get("date_end"),
            "evidence": [{"start": span[0], "end": span[1]}], "trigger": None,
            "actor1": {"name": e["actor1"]} if e.get("actor1") else None,
            "actor2": {"name": e["actor2"]} if e.get("actor2") else None,
            "fatalities": e.get("fatalities"), "injuries": e.get("injuries"),
            "country": e.get("country"), "admin1": e.get("admin1")})
    def quotes_of(key: str) -> list[dict]:
        out = []
        for q in gold.get(key, []):
            span = locate(text, q.get("quote_start", ""))
            if span is None:
                continue
            person = bool(q.get("speaker_org")) or bool(q.get("role"))
            out.append({"start": span[0], "end": span[1],
                        "speaker": {"name": q.get("speaker"), "mention": q.get("speaker_ar"),
                                    "kind": "person" if person else "organisation", "org": q.get("speaker_org")}})
        return out

    posts = [{"handle": p.get("handle")} for p in gold.get("posts", [])]
    return {"events": events, "quotes": quotes_of("quotes"), "unnamed_quotes": quotes_of("unnamed_quotes"),
            "posts": posts}


def agreement(first: Path, second: Path, raw: Path) -> dict:
    ids = sorted(p.stem for p in second.glob("*.json") if (first / p.name).exists())
    directions = []
    for a, b in ((first, second), (second, first)):
        docs = []
        for doc_id in ids:
            text = json.loads((raw / f"{doc_id}.json").read_text("utf-8"))["text"]
            ga = json.loads((a / f"{doc_id}.json").read_text("utf-8"))
            gb = json.loads((b / f"{doc_id}.json").read_text("utf-8"))
            docs.append(score_document(ga, text, as_result(gb, text)))
        directions.append(Report(docs).flat())
    keys = sorted(set(directions[0]) & set(directions[1]))
    return {"documents": len(ids), "mean": {k: round((directions[0][k] + directions[1][k]) / 2, 4) for k in keys},
            "first_as_gold": directions[0], "second_as_gold": directions[1]}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first", type=Path)
    ap.add_argument("second", type=Path)
    ap.add_argument("raw", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    out = agreement(args.first, args.second, args.raw)
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        print(f"documents: {out['documents']}")
        for k, v in out["mean"].items():
            print(f"  {k:28s} {v:.3f}   ({out['first_as_gold'][k]:.3f} / {out['second_as_gold'][k]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
