"""marsad's own scorer for the gold format in corpus/GUIDELINES.md: strict, i.e. what a user gets.

Events match when a predicted event's evidence (or trigger) overlaps the gold evidence span:
- loose: overlap only; type-level: and the event type is the gold type or one of its alt_types.
Gold events marked `optional` are neither rewarded nor penalised: a prediction matching one is dropped.
Attribute accuracies (sub-type, date, actors, fatalities, country, admin1) are over type-level matches of
required gold events. Quotes match when the gold `quote_start` overlaps the predicted content span; posts
match by handle.

Strict definitions (issue 11; the earlier, lenient ones hid errors a user sees):
- actors: the predicted name must name the gold entity (`eval.names.same_entity`: transliteration variants
  and abbreviations agree; an unidentified armed group of another country does not);
- fatalities / injuries: accuracy only over matched gold events that GIVE a number; agreement on "no toll
  stated" (gold null, predicted null) is its own figure, `fatalities_none_accuracy`;
- speaker: the resolved speaker must be right: the predicted speaker's name (or, for a person, the
  organisation it speaks for) names the same entity as the gold `speaker` or `speaker_org`. The old,
  lenient figure (the Arabic mention as written equals `speaker_ar`) is kept as `speaker_mention_accuracy`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.eval.names import same_entity
from marsad.text.normalize import fold

if TYPE_CHECKING:
    from marsad.model.document import Document

_NAME_JUNK = re.compile(r"[\s\-_'’`.,()/]+")


def norm_name(s: str | None) -> str:
    """Lenient comparison key for English names: case, punctuation, 'al-' prefixes."""
    if not s:
        return ""
    s = fold(s)
    # ACLED appends the country to the unidentified armed group; the gold writes it both ways
    s = re.sub(r"^(unidentified armed group)\s*\(.*\)$", r"\1", s)
    s = re.sub(r"\b(al|el|as|ad|ar|ash|an|at|az)[\s\-]", "", s)
    return _NAME_JUNK.sub("", s)


def locate(text: str, snippet: str, start: int = 0) -> tuple[int, int] | None:
    """Offsets of `snippet` in `text`, exactly or after folding both (diacritics, quote marks...)."""
    if not snippet:
        return None
    i = text.find(snippet, start)
    if i >= 0:
        return i, i + len(snippet)
    from marsad.text.normalize import CharMap

    nt = CharMap.default().normalize(text)
    key = fold(snippet).strip()
    j = nt.text.find(key)
    if j < 0:
        return None
    return nt.to_original(j, j + len(key))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def merge(self, other: Accuracy) -> None:
        self.right += other.right
        self.total += other.total

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


ATTRS = ("sub_event_type", "date", "actor1", "actor2", "fatalities", "fatalities_none", "injuries", "country",
         "admin1")


def same_actor(pred: str | None, gold: str | None) -> bool:
    """Both absent, or the predicted name names the gold entity."""
    if not pred or not gold:
        return not pred and not gold
    return same_entity(pred, gold)


def right_speaker(pred: dict, gold: dict) -> bool:
    """The resolved speaker: name (or, for a person, its organisation) = gold speaker or speaker_org."""
    names = [pred.get("name")]
    if pred.get("kind") == "person":
        names.append(pred.get("org"))
    return any(same_entity(n, g) for n in names if n for g in (gold.get("speaker"), gold.get("speaker_org")) if g)


@dataclass
class DocScore:
    doc_id: str
    events_type: Counts = field(default_factory=Counts)
    events_loose: Counts = field(default_factory=Counts)
    quotes: Counts = field(default_factory=Counts)
    posts: Counts = field(default_factory=Counts)
    attrs: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRS})
    speaker: Accuracy = field(default_factory=Accuracy)
    speaker_mention: Accuracy = field(default_factory=Accuracy)
    unnamed: Counts = field(default_factory=Counts)
    unnamed_speaker: Accuracy = field(default_factory=Accuracy)
    event_free: bool = False
    errors: list[str] = field(default_factory=list)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _event_spans(ev: dict) -> list[tuple[int, int]]:
    spans = [(s["start"], s["end"]) for s in ev.get("evidence", [])]
    if ev.get("trigger"):
        spans.append((ev["trigger"]["start"], ev["trigger"]["end"]))
    return spans


def _types(g: dict) -> set[tuple[str, str]]:
    return {(g["event_type"], g["sub_event_type"])} | {tuple(t) for t in g.get("alt_types", [])}


def _match(preds: list[dict], golds: list[dict], ok) -> tuple[list[tuple[int, int]], set[int]]:
    """Greedy one-to-one matching, required gold first; returns pairs and predictions eaten by optional gold."""
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for optional_pass in (False, True):
        cands = []
        for gi, g in enumerate(golds):
            if bool(g.get("optional")) != optional_pass or g.get("_span") is None:
                continue
            for pi, p in enumerate(preds):
                score = ok(p, g)
                if score is not None:
                    cands.append((-score, gi, pi))
        cands.sort()
        for _, gi, pi in cands:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((pi, gi))
    eaten = {pi for pi, gi in pairs if golds[gi].get("optional")}
    return [(p, g) for p, g in pairs if not golds[g].get("optional")], eaten


def _event_score(p: dict, g: dict, need_type: bool) -> float | None:
    gspan = g["_span"]
    if not any(_overlap(s, gspan) for s in _event_spans(p)):
        return None
    types = _types(g)
    type_ok = p["event_type"] in {t for t, _ in types}
    if need_type and not type_ok:
        return None
    score = 1.0 + type_ok
    score += 1.0 if (p["event_type"], p["sub_event_type"]) in types else 0.0
    trig = p.get("trigger")
    if trig and _overlap((trig["start"], trig["end"]), gspan):
        score += 1.5  # the prediction's own trigger lies in this gold event's evidence: the best pairing
    score += 0.5 if p.get("event_date") == g.get("date_start") else 0.0
    return score


def score_document(gold: dict, text: str, result: dict) -> DocScore:
    ds = DocScore(gold["id"])
    golds = [dict(g) for g in gold.get("events", [])]
    for g in golds:
        g["_span"] = locate(text, g.get("evidence", ""))
        if g["_span"] is None:
            ds.errors.append(f"gold evidence not found: {g.get('evidence', '')[:40]!r}")
    required = [g for g in golds if not g.get("optional")]
    ds.event_free = not required
    preds = result.get("events", [])
    for counts, need_type in ((ds.events_loose, False), (ds.events_type, True)):
        pairs, eaten = _match(preds, golds, lambda p, g, nt=need_type: _event_score(p, g, nt))
        counts.tp = len(pairs)
        counts.fn = len(required) - len(pairs)
        counts.fp = len(preds) - len(pairs) - len(eaten)
        if need_type:
            for pi, gi in pairs:
                p, g = preds[pi], golds[gi]
                a = ds.attrs
                a["sub_event_type"].add((p["event_type"], p["sub_event_type"]) in _types(g))
                a["date"].add(p.get("event_date") == g.get("date_start")
                              and (p.get("event_date_end") or p.get("event_date")) == (g.get("date_end") or g.get("date_start")))
                a["actor1"].add(same_actor((p.get("actor1") or {}).get("name"), g.get("actor1")))
                a["actor2"].add(same_actor((p.get("actor2") or {}).get("name"), g.get("actor2")))
                if g.get("fatalities") is not None:
                    a["fatalities"].add(p.get("fatalities") == g["fatalities"])
                else:
                    a["fatalities_none"].add(p.get("fatalities") is None)
                if g.get("injuries") is not None:
                    a["injuries"].add(p.get("injuries") == g["injuries"])
                a["country"].add(norm_name(p.get("country")) == norm_name(g.get("country")))
                a["admin1"].add(norm_name(p.get("admin1")) == norm_name(g.get("admin1")))
    _score_quotes(ds, gold, text, result)
    _score_posts(ds, gold, result)
    return ds


def _score_quotes(ds: DocScore, gold: dict, text: str, result: dict) -> None:
    _score_quote_list(ds, gold.get("quotes", []), text, result.get("quotes", []), ds.quotes, ds.speaker,
                      ds.speaker_mention)
    if "unnamed_quotes" in gold:  # gold that lists them (tests/data/annotated); the dev gold does not
        _score_quote_list(ds, gold["unnamed_quotes"], text, result.get("unnamed_quotes", []), ds.unnamed,
                          ds.unnamed_speaker, None)


def _score_quote_list(ds: DocScore, gold_quotes: list[dict], text: str, preds: list[dict], counts: Counts,
                      speaker: Accuracy, mention: Accuracy | None) -> None:
    gq = [dict(q) for q in gold_quotes]
    for q in gq:
        loc = locate(text, q.get("quote_start", ""))
        q["_span"] = loc
        if loc is None:
            ds.errors.append(f"gold quote_start not found: {q.get('quote_start', '')[:40]!r}")

    def ok(p: dict, g: dict) -> float | None:
        if not _overlap((p["start"], max(p["end"], p["start"] + 1)), g["_span"]):
            return None
        return 10.0 - abs(p["start"] - g["_span"][0]) / 1000

    pairs, _ = _match(preds, gq, ok)
    counts.tp = len(pairs)
    counts.fn = len(gq) - len(pairs)  # a gold quote whose anchor is not found counts as missed
    counts.fp = len(preds) - len(pairs)
    for pi, gi in pairs:
        sp = preds[pi].get("speaker") or {}
        g = gq[gi]
        if mention is not None:
            names = {norm_name(sp.get("name")), norm_name(sp.get("mention"))} - {""}
            mention.add(bool(names & {norm_name(g.get("speaker")), norm_name(g.get("speaker_ar"))}))
        speaker.add(right_speaker(sp, g))


def _score_posts(ds: DocScore, gold: dict, result: dict) -> None:
    gh = [fold(p.get("handle") or "") for p in gold.get("posts", [])]
    ph = [fold(p.get("handle") or "") for p in result.get("posts", [])]
    left = list(gh)
    tp = 0
    for h in ph:
        if h in left:
            left.remove(h)
            tp += 1
    ds.posts = Counts(tp, len(ph) - tp, len(left))


@dataclass
class Report:
    docs: list[DocScore]
    blind: bool = False  # a blind split: totals only, never per-document figures

    def totals(self) -> dict[str, Any]:
        ev_t, ev_l, qu, po = Counts(), Counts(), Counts(), Counts()
        attrs = {a: Accuracy() for a in ATTRS}
        speaker, mention, unnamed_sp = Accuracy(), Accuracy(), Accuracy()
        unnamed = Counts()
        free_fp = free_docs = free_clean = 0
        for d in self.docs:
            ev_t.add(d.events_type)
            ev_l.add(d.events_loose)
            qu.add(d.quotes)
            po.add(d.posts)
            speaker.merge(d.speaker)
            mention.merge(d.speaker_mention)
            unnamed.add(d.unnamed)
            unnamed_sp.merge(d.unnamed_speaker)
            for a in ATTRS:
                attrs[a].merge(d.attrs[a])
            if d.event_free:
                free_docs += 1
                free_fp += d.events_type.fp
                free_clean += d.events_type.fp == 0
        return {
            "documents": len(self.docs),
            "events_type": ev_t.as_dict(),
            "events_loose": ev_l.as_dict(),
            "accuracy": {a: round(attrs[a].value, 4) for a in ATTRS},
            "accuracy_n": {a: attrs[a].total for a in ATTRS},
            "quotes": qu.as_dict(),
            "speaker_accuracy": round(speaker.value, 4),
            "speaker_mention_accuracy": round(mention.value, 4),
            "speaker_n": speaker.total,
            "unnamed_quotes": unnamed.as_dict(),
            "unnamed_speaker_accuracy": round(unnamed_sp.value, 4),
            "unnamed_speaker_n": unnamed_sp.total,
            "posts": po.as_dict(),
            "event_free_docs": free_docs,
            "events_on_event_free_docs": free_fp,
            # the share of articles reporting no event on which marsad reports none either
            "event_free_clean_rate": round(free_clean / free_docs, 4) if free_docs else 1.0,
        }

    def resolution(self) -> dict[str, float]:
        """For each gated accuracy that is a share of matched items (actors, dates, tolls, speakers over the
        events or quotes that matched), one item's worth: 1 / the number of items. A change that matches one
        more event can lower such a share by that much with no answer getting worse, so the floors allow it
        (eval/floors.py)."""
        t = self.totals()
        n = {f"{a}_accuracy": t["accuracy_n"][a] for a in ATTRS}
        n |= {"speaker_accuracy": t["speaker_n"], "speaker_mention_accuracy": t["speaker_n"],
              "unnamed_speaker_accuracy": t["unnamed_speaker_n"], "event_free_clean_rate": t["event_free_docs"]}
        return {k: 1.0 / v for k, v in n.items() if v}

    def flat(self) -> dict[str, float]:
        """The metrics the CI floors gate, as one flat mapping (every one: higher is better)."""
        t = self.totals()
        out = {
            "event_f1": t["events_type"]["f1"],
            "event_loose_f1": t["events_loose"]["f1"],
            "quote_f1": t["quotes"]["f1"],
            "speaker_accuracy": t["speaker_accuracy"],
            "speaker_mention_accuracy": t["speaker_mention_accuracy"],
            "post_f1": t["posts"]["f1"],
            "event_free_clean_rate": t["event_free_clean_rate"],
        }
        u = t["unnamed_quotes"]
        if u["tp"] + u["fp"] + u["fn"]:  # only on gold that lists statements of unnamed sources
            out["unnamed_quote_f1"] = u["f1"]
            if t["unnamed_speaker_n"]:
                out["unnamed_speaker_accuracy"] = t["unnamed_speaker_accuracy"]
        for a in ATTRS:
            if t["accuracy_n"][a]:  # a figure over no case (dev gold gives no injuries) gates nothing
                out[f"{a}_accuracy"] = t["accuracy"][a]
        return out

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"overall": self.totals(), "metrics": self.flat()}
        if self.blind:
            out["per_document"] = "withheld: blind split (aggregate figures only)"
            return out
        out["per_document"] = [
            {"id": d.doc_id, "events_type": d.events_type.as_dict(), "events_loose": d.events_loose.as_dict(),
             "quotes": d.quotes.as_dict(), "posts": d.posts.as_dict(),
             "accuracy": {a: [d.attrs[a].right, d.attrs[a].total] for a in ATTRS},
             "speaker": [d.speaker.right, d.speaker.total],
             "speaker_mention": [d.speaker_mention.right, d.speaker_mention.total], "errors": d.errors}
            for d in self.docs
        ]
        return out


def load_gold(gold_dir: str | Path, split: str | None = None) -> dict[str, dict]:
    """The gold files of a folder, by document id; with `split`, only that split's (eval.splits)."""
    from marsad.eval.splits import in_split

    out = {}
    for p in sorted(Path(gold_dir).glob("*.json")):
        if split and not in_split(p.stem, split):
            continue
        g = json.loads(p.read_text("utf-8"))
        out[g.get("id") or p.stem] = g
    return out


def read_raw(path: str | Path) -> Document:
    """The (first) document of a raw corpus file; FileNotFoundError naming the problem when it has none."""
    from marsad.ingest import read_file
    from marsad.model.document import Document

    got = next(read_file(str(path)), None)
    if not isinstance(got, Document):
        raise FileNotFoundError(f"{path}: {got if got is not None else 'no document'}")
    return got


def evaluate(gold_dir: str | Path, raw_dir: str | Path, results: Iterable[tuple[str, dict]] | None = None,
             pipeline=None, split: str | None = None) -> Report:
    """Score marsad on a gold folder. Raw documents are read from raw_dir/<id>.json and extracted here
    unless `results` (doc id -> SCHEMA result) are given. With `split` ('train' or 'blind', see
    eval.splits) only that split's documents are scored; a blind report withholds per-document figures."""
    from marsad.output import result_json
    from marsad.pipeline import Pipeline

    golds = load_gold(gold_dir, split)
    given = dict(results) if results is not None else None
    pipe = pipeline
    docs = []
    for doc_id, gold in golds.items():
        doc = read_raw(Path(raw_dir) / f"{doc_id}.json")
        if given is not None:
            result = given.get(doc_id, {"events": [], "quotes": [], "posts": []})
        else:
            if pipe is None:
                pipe = Pipeline.build()
            result = result_json(pipe(doc))
        docs.append(score_document(gold, doc.text, result))
    return Report(docs, blind=split == "blind")


def corpus_digest(gold_dir: str | Path, raw_dir: str | Path, split: str | None = None) -> str:
    """A hash of the gold files and their raw articles, so floors can't silently drift with the fixtures."""
    import hashlib

    ids = list(load_gold(gold_dir, split))
    h = hashlib.sha1()
    for d in (gold_dir, raw_dir):
        for doc_id in ids:
            p = Path(d) / f"{doc_id}.json"
            h.update(p.name.encode())
            h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()[:16]


def format_report(rep: Report) -> str:
    t = rep.totals()
    lines = [f"documents: {t['documents']}"]
    for key, label in (("events_type", "events (type-level)"), ("events_loose", "events (loose)"),
                       ("quotes", "quotes"), ("unnamed_quotes", "unnamed-source quotes"), ("posts", "posts")):
        c = t[key]
        lines.append(f"{label:22s} P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}  "
                     f"(tp {c['tp']} fp {c['fp']} fn {c['fn']})")
    for a in ATTRS:
        lines.append(f"{a + ' accuracy':22s} {t['accuracy'][a]:.3f}  (n={t['accuracy_n'][a]})")
    lines.append(f"{'speaker accuracy':22s} {t['speaker_accuracy']:.3f}  (n={t['speaker_n']}; resolved entity)")
    lines.append(f"{'unnamed speaker acc.':22s} {t['unnamed_speaker_accuracy']:.3f}  (n={t['unnamed_speaker_n']})")
    lines.append(f"{'speaker_mention acc.':22s} {t['speaker_mention_accuracy']:.3f}  (mention as written, lenient)")
    lines.append(f"{'events on event-free docs':22s} {t['events_on_event_free_docs']}  "
                 f"({t['event_free_docs']} such docs, {t['event_free_clean_rate']:.3f} of them with no event)")
    if rep.blind:
        lines.append("")
        lines.append("per-document figures withheld: blind split (aggregate figures only)")
        return "\n".join(lines)
    lines.append("")
    lines.append("per document: id  ev-tp/fp/fn  quote-tp/fp/fn  post-tp/fp/fn")
    for d in rep.docs:
        e, q, p = d.events_type, d.quotes, d.posts
        lines.append(f"  {d.doc_id:6s} {e.tp:2d}/{e.fp:2d}/{e.fn:2d}   {q.tp:2d}/{q.fp:2d}/{q.fn:2d}   {p.tp}/{p.fp}/{p.fn}"
                     + (f"  ! {'; '.join(d.errors)}" if d.errors else ""))
    return "\n".join(lines)
