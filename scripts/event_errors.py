"""Print the event errors of `marsad eval` on a gold folder: false positives and misses, with their text.

    python scripts/event_errors.py ../shared/corpus/dev/gold ../shared/corpus/dev/raw [--fp|--fn|--attr NAME]
    python scripts/event_errors.py tests/data/annotated ../shared/corpus/unlabeled --split train --fn

On an annotated folder (tests/data/annotated) it needs --split train: the blind half is scored in aggregate
only (`marsad eval --split blind`) and its per-document errors are never listed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from marsad.eval.scorer import _event_score, _match, load_gold, locate, norm_name, same_actor
from marsad.eval.splits import split_of
from marsad.ingest import read_file
from marsad.output import result_json
from marsad.pipeline import Pipeline


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("raw")
    ap.add_argument("--fp", action="store_true")
    ap.add_argument("--fn", action="store_true")
    ap.add_argument("--attr", help="show matched pairs where this attribute differs (actor1, admin1, date...)")
    ap.add_argument("--split", choices=("train",), help="only the train half of an annotated folder")
    a = ap.parse_args()
    golds_by_id = load_gold(a.gold, a.split)
    if a.split is None and Path(a.gold).resolve().name == "annotated":
        ap.error("an annotated folder needs --split train (blind errors are never listed)")
    if any(not doc_id.startswith("d") and split_of(doc_id) == "blind" for doc_id in golds_by_id):
        ap.error("refusing to list errors of blind documents; use --split train")
    pipe = Pipeline.build()
    for doc_id, gold in golds_by_id.items():
        doc = next(read_file(str(Path(a.raw) / f"{doc_id}.json")))
        res = result_json(pipe(doc))
        golds = [dict(g) for g in gold["events"]]
        for g in golds:
            g["_span"] = locate(doc.text, g["evidence"])
        preds = res["events"]
        pairs, eaten = _match(preds, golds, lambda p, g: _event_score(p, g, True))
        matched_p = {p for p, _ in pairs} | eaten
        matched_g = {g for _, g in pairs}
        if a.fp:
            for i, p in enumerate(preds):
                if i not in matched_p:
                    ev = p["evidence"][0]["text"].replace("\n", " ")[:150]
                    print(f"FP {doc_id} {p['sub_event_type'][:24]:24s} [{p['trigger']['text']}] {ev}")
        if a.fn:
            for i, g in enumerate(golds):
                if i not in matched_g and not g.get("optional"):
                    print(f"FN {doc_id} {g['sub_event_type'][:24]:24s} {g['evidence'][:150]}")
        if a.attr:
            for pi, gi in pairs:
                p, g = preds[pi], golds[gi]
                key = {"actor1": ("actor1", "actor1"), "actor2": ("actor2", "actor2")}.get(a.attr)
                if key:
                    got = (p.get(key[0]) or {}).get("name")
                    want = g.get(key[1])
                    if not same_actor(got, want):
                        print(f"{doc_id} {a.attr}: got {got!r} want {want!r} | {g['evidence'][:90]}")
                elif a.attr == "date":
                    if (p["event_date"], p["event_date_end"]) != (g["date_start"], g["date_end"]):
                        print(f"{doc_id} date: got {p['event_date']}..{p['event_date_end']} want "
                              f"{g['date_start']}..{g['date_end']} | {g['evidence'][:90]}")
                else:
                    if norm_name(str(p.get(a.attr))) != norm_name(str(g.get(a.attr))):
                        print(f"{doc_id} {a.attr}: got {p.get(a.attr)!r} want {g.get(a.attr)!r} | "
                              f"{g['evidence'][:90]}")


if __name__ == "__main__":
    main()
