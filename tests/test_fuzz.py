"""Fuzzing in CI: a short seeded run of marsad.fuzz through the reader, the pipeline and the serializer
(scripts/fuzz.py runs the same a million times), and property tests of the pieces that keep a document's
cost linear (range look-ups and taken spans must answer exactly as a scan would)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import fuzz
from marsad.ingest import IngestError, InputProblem, decode, document_from_record, read_bytes
from marsad.model.spans import Spans, Taken


def test_a_short_fuzz_run_finds_no_crash(pipeline) -> None:
    rep = fuzz.run(400, seed=20261207, pipe=pipeline, deterministic_every=20)
    assert rep.crashes == []
    assert rep.documents > 100 and rep.refused > 100 and rep.events > 50  # the inputs reach every path


def test_replay_gives_the_same_input() -> None:
    import random

    rng = random.Random(7)
    made = [fuzz.file_input(rng) for _ in range(5)]
    assert fuzz.replay(7, 3) == made[3]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_text_or_a_clear_refusal(data: bytes) -> None:
    try:
        s = decode(data)
    except InputProblem:
        return
    assert isinstance(s, str)
    for name in ("a.json", "a.jsonl", "a.txt", "a.html", "a"):
        for item in read_bytes(data, name):
            assert isinstance(item, IngestError) or item.text.strip()


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                     lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=8), kids, max_size=3),
                     max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "text", "url", "outlet", "title", "published", "lang", "html",
                                        "maintext", "date_publish", "published_source"]), _JSON, max_size=6))
def test_any_record_is_a_document_or_a_clear_refusal(rec: dict) -> None:
    try:
        doc = document_from_record(rec)
    except InputProblem:
        return
    json.dumps(doc.text, ensure_ascii=False).encode("utf-8")
    assert "\x00" not in doc.text and doc.text.strip()


_SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=25)


class _R:
    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


@settings(max_examples=300, deadline=None)
@given(_SPANS, st.integers(-5, 80), st.integers(-5, 80), st.booleans())
def test_range_lookups_answer_as_a_scan_would(raw, lo: int, hi: int, keep_order: bool) -> None:
    items = [_R(s, s + n) for s, n in raw]
    if keep_order:
        items.sort(key=lambda r: r.start)
    sp = Spans(items)
    assert sp.within(lo, hi) == [r for r in items if lo <= r.start and r.end <= hi]
    assert sp.overlapping(lo, hi) == [r for r in items if r.start < hi and r.end > lo]
    assert sp.covering(lo, hi) == [r for r in items if r.start <= lo and hi <= r.end]


@settings(max_examples=300, deadline=None)
@given(_SPANS)
def test_taken_spans_answer_as_a_scan_would(raw) -> None:
    taken, pairs = Taken(), []
    for s, n in raw:
        e = s + n
        expected = not any(s < b and a < e for a, b in pairs)
        assert taken.take(s, e) == expected
        if expected:
            pairs.append((s, e))


def test_noise_comes_from_the_data_file() -> None:
    """The fuzzer's blanks, punctuation and odd characters (fuzz_noise.json): each list documented and drawn
    from by `text`, raw (never folded: the noise is what documents hold), nothing repeated but the weighted
    space."""
    import random

    from marsad.resources.registry import read_json

    data = read_json("fuzz_noise.json")["lists"]
    noise = fuzz.noise()
    assert set(noise) == set(data) == {"blanks", "punct", "odd"}
    for name, spec in data.items():
        items = spec["items"]
        assert spec["about"].strip() and items and noise[name] == tuple(items)
        assert sorted({x for x in items if items.count(x) > 1}) == ([" "] if name == "blanks" else [])
    assert {"\u060c", "\u061b", "\u061f", "\u0640"} <= set(noise["punct"])  # Arabic punctuation, not folded
    assert {"\ud800", "\x00", "\ufeff", "\u0651", "\u06f5", "\u0665"} <= set(noise["odd"])
    made = "".join(fuzz.text(random.Random(seed)) for seed in range(200))
    assert all(any(x in made for x in noise[name]) for name in noise)
