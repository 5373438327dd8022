"""Build and run a pipeline of named stages over Documents.

A stage is a plain function `fn(doc, res) -> None` that adds one or more layers to the Document. Each
stage declares the layers it needs and adds, and the resources it uses; `Pipeline` checks the order once
when it is built and loads the resources once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from marsad.model.document import Document
from marsad.stages.base import REGISTRY, Stage
from marsad.stages.resources import Resources

# The declared order of marsad's stages; each declares what it needs, adds and reads beside its code
# (`@stage` in stages/base.py), in the module listed here.
STAGE_NAMES: tuple[str, ...] = ("segment", "furniture", "posts", "time", "published", "places", "actors",
                                "quotes", "events")
_MODULES = ("marsad.stages.segment", "marsad.stages.furniture", "marsad.stages.posts", "marsad.stages.time",
            "marsad.stages.published", "marsad.stages.places", "marsad.stages.actors", "marsad.stages.quotes",
            "marsad.stages.events")


def stages(names: Iterable[str] = STAGE_NAMES) -> tuple[Stage, ...]:
    """The declared stages of these names, in this order (their modules imported, which registers them)."""
    for mod in _MODULES:
        import_module(mod)
    names = tuple(names)
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise PipelineError(f"unknown stage(s) {unknown}; stages: {', '.join(sorted(REGISTRY))}")
    return tuple(REGISTRY[n] for n in names)


def __getattr__(name: str) -> Any:
    # STAGES is built on first use: importing marsad.pipeline imports no stage module
    if name == "STAGES":
        return stages()
    raise AttributeError(name)


class PipelineError(ValueError):
    pass


DEFAULT_BUDGET = 60.0  # seconds of extraction one document may take before it is reported and skipped


class DocumentTimeout(Exception):
    """A document took longer than its time budget (the pipeline stopped in the middle of it)."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """One document's extraction: its SCHEMA result, or the error that cost it."""

    id: str
    source: str          # the file (or id) to name in an error
    text: str
    lang: str
    meta: str            # model.document.meta_hash of the input, taken before extraction
    result: dict | None
    error: str | None


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in this block after `seconds` of wall time (a real-time timer; only in the main
    thread of a process, where signals arrive: elsewhere the block runs unbounded)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_sig, _frame):
        raise DocumentTimeout(f"took longer than {seconds:g} s (--time-limit)")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class Pipeline:
    """An ordered, checked list of stages with their resources loaded."""

    def __init__(self, stages: Iterable[Stage], resources: Resources | None = None):
        self.stages = tuple(stages)
        have: set[str] = set()
        for st in self.stages:
            missing = [n for n in st.needs if n not in have]
            if missing:
                raise PipelineError(f"stage {st.name!r} needs {missing}, which no earlier stage adds")
            have.update(st.adds)
        self.fns = [st.fn for st in self.stages]
        self.resources = (resources or Resources()).with_(r for st in self.stages for r in st.resources)
        # each stage sees only the resources it declared
        self.views = [self.resources.only(st.resources, st.name) for st in self.stages]

    @classmethod
    def build(cls, until: str | None = None, resources: Resources | None = None) -> Pipeline:
        """The default pipeline, optionally stopping after stage `until`."""
        if until is not None and until not in STAGE_NAMES:
            raise PipelineError(f"unknown stage {until!r}; stages: {', '.join(STAGE_NAMES)}")
        names = STAGE_NAMES if until is None else STAGE_NAMES[: STAGE_NAMES.index(until) + 1]
        return cls(stages(names), resources)

    def __call__(self, doc: Document) -> Document:
        for fn, view in zip(self.fns, self.views, strict=True):
            fn(doc, view)
        return doc

    def run(self, doc: Document, budget: float | None = DEFAULT_BUDGET) -> Document:
        """Run every stage on `doc` within `budget` seconds (DocumentTimeout beyond it)."""
        with time_budget(budget):
            return self(doc)

    def extract(self, doc: Document, budget: float | None = DEFAULT_BUDGET) -> Extracted:
        """`run` and serialise one document, its failure caught: what `marsad extract`, ingest workers and the
        API's POST /documents need of it (a few KiB, not the annotated Document)."""
        from marsad.model.document import meta_hash
        from marsad.output import result_json

        source, meta = doc.meta.source_path or doc.id, meta_hash(doc.meta)  # the input's, before the stages
        try:
            res, err = result_json(self.run(doc, budget)), None
        except DocumentTimeout as exc:
            res, err = None, f"skipped: extraction {exc}"
        except Exception as exc:  # one document's failure must not cost the others
            res, err = None, f"extraction failed: {exc!r}"
        return Extracted(doc.id, source, doc.text, doc.meta.lang, meta, res, err)

    def run_batch(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)
