"""Throughput and memory of `extract` on a corpus (single process), and the floor it is measured against."""

from __future__ import annotations

import re
import resource
import time
from collections.abc import Iterable
from typing import Any

from marsad.ingest import read_paths
from marsad.model.document import Document
from marsad.pipeline import Pipeline


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench(paths: Iterable[str], repeat: int = 1) -> dict[str, float]:
    docs = [d for d in read_paths(paths) if isinstance(d, Document)]
    t0 = time.perf_counter()
    pipe = Pipeline.build()
    load_s = time.perf_counter() - t0
    stage_s = {st.name: 0.0 for st in pipe.stages}
    n_docs = n_chars = n_sents = 0
    t1 = time.perf_counter()
    for _ in range(repeat):
        for src in docs:
            doc = Document(src.text, src.meta)
            for st, fn, view in zip(pipe.stages, pipe.fns, pipe.views, strict=True):
                s = time.perf_counter()
                fn(doc, view)
                stage_s[st.name] += time.perf_counter() - s
            n_docs += 1
            n_chars += len(doc.text)
            n_sents += len(doc.sentences)
    total = time.perf_counter() - t1
    out: dict[str, Any] = {
        "documents": n_docs,
        "docs_per_s": round(n_docs / total, 1) if total else 0.0,
        "chars_per_s": round(n_chars / total, 1) if total else 0.0,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "resource_load_s": round(load_s, 3),
        "seconds": round(total, 3),
    }
    out["stage_ms_per_doc"] = {k: round(1000 * v / max(n_docs, 1), 3) for k, v in stage_s.items()}
    if stage_s.get("time"):
        out["time_stage_sentences_per_s"] = round(n_sents / stage_s["time"], 1)
    return out


def _floor_automaton() -> tuple[Any, int]:
    """One Aho-Corasick automaton of the folded Arabic names marsad matches: the gazetteer's and the actor
    table's lexicon forms (the loaded resources, so the floor scans for exactly what the pipeline looks up)."""
    import ahocorasick

    from marsad.stages.resources import Resources

    res = Resources.build(["gazetteer", "actors"])
    names = set(res.gazetteer.lexicon.table) | set(res.actors.lexicon.table)
    auto = ahocorasick.Automaton()
    for n in names:
        auto.add_word(n, n)
    auto.make_automaton()
    return auto, len(names)


def floor(paths: Iterable[str], repeat: int = 1) -> dict[str, float]:
    """The least any extractor does to a text: marsad's normalisation (with its offset map), a word split and
    one Aho-Corasick scan with the Arabic names of the place and actor tables. Documents/s of that."""
    from marsad.text.normalize import CharMap

    docs = [d for d in read_paths(paths) if isinstance(d, Document)]
    auto, n_patterns = _floor_automaton()
    cm = CharMap.default()
    word = re.compile(r"\w+")
    n_docs = n_words = hits = 0
    t = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            norm = cm.normalize(d.text).text
            n_words += len(word.findall(norm))
            hits += sum(1 for _ in auto.iter(norm))
            n_docs += 1
    total = time.perf_counter() - t
    return {"documents": n_docs, "docs_per_s": round(n_docs / total, 1) if total else 0.0,
            "patterns": n_patterns, "words": n_words, "hits": hits}
