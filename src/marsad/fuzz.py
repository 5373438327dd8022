"""Fuzzing marsad end to end: random files and records through the reader, the pipeline and the serializer.

Inputs are made from marsad's own lexicons (cue words, places, actors, months, number words, titles) mixed
with digits, punctuation, every kind of blank, diacritics, bidi marks, emoji, control characters, lone
surrogates, NUL, very long words and numbers, and wrapped as .txt, .json, .jsonl, .html or suffix-less
files in several encodings, whole or truncated, with fields of every JSON type. Each input must either be
refused with an IngestError or give a result that keeps the invariants of `check`; anything else (an
exception, a broken invariant, a document that runs past its time budget) is a crash.

`scripts/fuzz.py` runs it long (a million inputs); `tests/test_fuzz.py` runs a short, seeded sample in CI.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from marsad.ingest import IngestError, Skipped, read_bytes
from marsad.model.records import DATE_MAX, DATE_MIN
from marsad.output import result_json
from marsad.pipeline import Pipeline
from marsad.resources.registry import read_json, read_tsv
from marsad.text.normalize import has_arabic

_LEXICONS = ("triggers.tsv", "time_months.tsv", "time_numbers.tsv", "titles_ar.tsv", "quotes_words.tsv",
             "actors.tsv", "places_supplement.tsv", "events_modality.tsv", "cues.tsv")


@lru_cache(maxsize=1)
def noise() -> dict[str, tuple[str, ...]]:
    """The blanks, punctuation and odd characters mixed into the texts (resources/data/fuzz_noise.json)."""
    return {k: tuple(v["items"]) for k, v in read_json("fuzz_noise.json")["lists"].items()}


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    """Arabic words and phrases from marsad's own data files (so the inputs reach the matching code)."""
    words: set[str] = set()
    for name in _LEXICONS:
        try:
            rows = read_tsv(name)
        except (OSError, ValueError):
            continue
        for row in rows:
            for v in row.values():
                if isinstance(v, str) and has_arabic(v) and len(v) < 60:
                    words.update(x.strip() for x in v.split("|") if x.strip())
    return tuple(sorted(words))


def text(rng: random.Random, max_words: int = 80) -> str:
    """A random article-like text."""
    vocab = vocabulary()
    n = noise()
    blanks, punct, odd = n["blanks"], n["punct"], n["odd"]
    out: list[str] = []
    for _ in range(rng.randint(0, max_words)):
        r = rng.random()
        if r < 0.62:
            out.append(rng.choice(vocab))
        elif r < 0.72:
            out.append(str(rng.choice((rng.randint(0, 40), rng.randint(0, 10**6), rng.randint(1890, 2110),
                                       10 ** rng.randint(10, 60)))))
        elif r < 0.82:
            out.append(rng.choice(punct))
        elif r < 0.9:
            out.append(rng.choice(blanks))
        elif r < 0.95:
            out.append(rng.choice(odd))
        elif r < 0.98:
            out.append(f"{rng.randint(1, 31)}/{rng.randint(1, 12)}/{rng.randint(0, 9999)}")
        else:
            out.append(rng.choice(vocab).replace(" ", "") * rng.randint(2, 50))  # a very long "word"
        out.append(rng.choice(blanks) if rng.random() < 0.85 else "")
    return "".join(out)


def _value(rng: random.Random, depth: int = 0) -> Any:
    r = rng.random()
    if r < 0.3:
        return text(rng, 6)
    if r < 0.4:
        return rng.choice((None, True, False, 0, -1, 2**70, 1.5, float("inf"), ""))
    if r < 0.5 and depth < 3:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if r < 0.6 and depth < 3:
        return {text(rng, 1): _value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    if r < 0.8:
        return rng.choice(("2021-05-03", "2021-05-03T10:00:00Z", "1899-12-31", "1900-01-01", "2100-12-31",
                           "0001-01-01", "9999-12-31", "2021-02-30", "yesterday", "2021-13-01"))
    return rng.choice(("https://example.org/2021/05/03/a", "http://x/20210503/b", "x" * 5000, "ar", "en"))


def record(rng: random.Random) -> dict[str, Any]:
    """A random input record: mostly well-formed, with fields of wrong types now and then."""
    rec: dict[str, Any] = {"text": text(rng)} if rng.random() < 0.9 else {}
    for key in ("id", "url", "outlet", "title", "published", "lang", "html", "maintext", "date_publish",
                "source_domain", "published_source"):
        if rng.random() < 0.35:
            rec[key] = _value(rng)
    if rng.random() < 0.7:
        rec["published"] = f"{rng.randint(1890, 2110)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if rng.random() < 0.05:
        rec["html"] = f"<html><head><title>{text(rng, 5)}</title></head><body><p>{text(rng)}</p></body></html>"
        rec.pop("text", None)
    return rec


def _dumps(obj: Any, rng: random.Random) -> str:
    s = json.dumps(obj, ensure_ascii=rng.random() < 0.3, allow_nan=True)
    return s[: rng.randint(0, len(s))] if rng.random() < 0.05 else s


def file_input(rng: random.Random) -> tuple[str, bytes]:
    """(a file name, its bytes): JSON, JSON Lines, text, HTML or junk, in one of several encodings."""
    kind = rng.choice(("json", "json", "jsonl", "txt", "txt", "html", "none", "junk"))
    if kind == "json":
        body = _dumps(record(rng) if rng.random() < 0.8 else [record(rng) for _ in range(rng.randint(0, 3))], rng)
    elif kind == "jsonl":
        body = "\n".join(_dumps(record(rng), rng) if rng.random() < 0.9 else text(rng, 5)
                         for _ in range(rng.randint(0, 4)))
    elif kind == "html":
        body = f"<!doctype html><html><body><article><p>{text(rng)}</p></article></body></html>"
    elif kind == "junk":
        return "x.txt", bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
    else:
        body = text(rng)
    encoding = rng.choice(("utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"))
    data = body.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")
    if rng.random() < 0.05:
        pos = rng.randint(0, len(data))
        data = data[:pos] + bytes(rng.getrandbits(8) for _ in range(3)) + data[pos:]
    suffix = {"json": ".json", "jsonl": ".jsonl", "html": ".html", "txt": ".txt", "none": ""}[kind]
    return f"fuzz{suffix}", data


def check(doc_text: str, res: dict[str, Any]) -> list[str]:
    """The invariants of one result; the problems found (none when it is sound)."""
    c = _Checker(doc_text)
    try:
        json.dumps(res, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError) as exc:
        c.problems.append(f"not UTF-8 JSON: {exc}")
    c.day("published", res["doc"]["published"])
    for ev in res["events"]:
        c.event(ev)
    for q in res["quotes"] + res["unnamed_quotes"]:
        c.span("quote", q)
        c.day("quote date", q["date"])
    for p in res["posts"]:
        if not 0 <= p["start"] <= p["end"] <= len(doc_text):
            c.problems.append(f"post span {p['start']}-{p['end']}")
    return c.problems


@dataclass
class _Checker:
    """The problems found so far in one result over `doc_text`."""

    doc_text: str
    problems: list[str] = field(default_factory=list)

    def span(self, kind: str, s: dict[str, Any]) -> None:
        if not (0 <= s["start"] <= s["end"] <= len(self.doc_text)) or self.doc_text[s["start"]:s["end"]] != s["text"]:
            self.problems.append(f"{kind} span {s['start']}-{s['end']} is not the text it claims")

    def day(self, kind: str, v: str | None) -> date | None:
        if v is None:
            return None
        d = date.fromisoformat(v)
        if not DATE_MIN <= d <= DATE_MAX:
            self.problems.append(f"{kind} {v} outside 1900-2100")
        return d

    def event(self, ev: dict[str, Any]) -> None:
        a, b = self.day("event_date", ev["event_date"]), self.day("event_date_end", ev["event_date_end"])
        if a and b and b < a:
            self.problems.append(f"event ends {b} before it starts {a}")
        self.span("trigger", ev["trigger"])
        for s in ev["evidence"]:
            self.span("evidence", s)
        lat, lon = ev["latitude"], ev["longitude"]
        if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.problems.append(f"coordinates out of range: {lat}, {lon}")
        for k in ("fatalities", "injuries"):
            if ev[k] is not None and (not isinstance(ev[k], int) or ev[k] < 0):
                self.problems.append(f"{k} {ev[k]!r}")
        if not 0 <= ev["confidence"] <= 1:
            self.problems.append(f"confidence {ev['confidence']}")


@dataclass
class Report:
    inputs: int = 0
    documents: int = 0
    refused: int = 0
    events: int = 0
    crashes: list[str] = field(default_factory=list)

    def add(self, other: Report) -> None:
        self.inputs += other.inputs
        self.documents += other.documents
        self.refused += other.refused
        self.events += other.events
        self.crashes.extend(other.crashes)


def run(n: int, seed: int = 0, pipe: Pipeline | None = None, budget: float = 20.0,
        deterministic_every: int = 50) -> Report:
    """Fuzz `n` inputs from `seed`. Every `deterministic_every`-th document is extracted twice and the
    two results must be equal."""
    pipe = pipe or Pipeline.build()
    rng = random.Random(seed)
    rep = Report()
    for i in range(n):
        name, data = file_input(rng)
        rep.inputs += 1
        try:
            for k, item in enumerate(read_bytes(data, name)):
                if isinstance(item, IngestError | Skipped):
                    rep.refused += 1
                    continue
                rep.documents += 1
                res = result_json(pipe.run(item, budget))
                rep.events += len(res["events"])
                problems = check(item.text, res)
                if deterministic_every and i % deterministic_every == 0:
                    again = list(read_bytes(data, name))[k]
                    if result_json(pipe.run(again, budget)) != res:  # type: ignore[arg-type]
                        problems.append("not deterministic")
                if problems:
                    rep.crashes.append(f"seed {seed} input {i} ({name}): {'; '.join(problems)}")
        except Exception as exc:  # a crash is what we are looking for
            rep.crashes.append(f"seed {seed} input {i} ({name}): {exc!r}")
    return rep


def replay(seed: int, index: int) -> tuple[str, bytes]:
    """The input number `index` of a seed, to reproduce a crash."""
    rng = random.Random(seed)
    for _ in range(index):
        file_input(rng)
    return file_input(rng)
