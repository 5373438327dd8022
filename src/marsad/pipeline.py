"""Build and run a pipeline of named stages over Documents.

A stage is a plain function `fn(doc, res) -> None` that adds one or more layers to the Document. Each
stage declares the layers it needs and adds, and the resources it uses; `Pipeline` checks the order once
when it is built and loads the resources once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module

from marsad.model.document import Document
from marsad.resources.registry import Resources

StageFn = Callable[[Document, Resources], None]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    target: str  # "module:function", imported when the pipeline is built
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()

    def load(self) -> StageFn:
        mod, fn = self.target.split(":")
        return getattr(import_module(mod), fn)


# The declared order of marsad's stages. Layers named here are Document attributes.
STAGES: tuple[Stage, ...] = (
    Stage("segment", "marsad.stages.segment:segment", adds=("sentences", "tokens")),
    Stage("furniture", "marsad.stages.furniture:mark_furniture", needs=("sentences",), adds=("furniture",),
          resources=("furniture",)),
    Stage("posts", "marsad.stages.posts:find_posts", needs=("sentences",), adds=("posts",)),
    Stage("time", "marsad.stages.time:find_times", needs=("sentences", "furniture", "posts"), adds=("times",),
          resources=("time",)),
    # the article's date from its own text when the input has none; re-runs `time` against it
    Stage("published", "marsad.stages.published:recover_published", needs=("sentences", "furniture", "posts", "times"),
          adds=("published",), resources=("time", "published")),
    Stage("places", "marsad.stages.places:find_places", needs=("sentences", "furniture"), adds=("places",),
          resources=("gazetteer",)),
    Stage("actors", "marsad.stages.actors:find_actors", needs=("sentences", "places"), adds=("actors",),
          resources=("actors", "names")),
    Stage("quotes", "marsad.stages.quotes:find_quotes", needs=("sentences", "actors", "times", "posts"),
          adds=("quotes", "unnamed_quotes"), resources=("cues", "names", "gazetteer")),
    Stage("events", "marsad.stages.events:find_events",
          needs=("sentences", "times", "places", "actors", "quotes", "furniture"), adds=("events",),
          resources=("triggers", "gazetteer", "event_actors")),
)
STAGE_NAMES = tuple(s.name for s in STAGES)


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
        self.fns = [st.load() for st in self.stages]
        self.resources = resources or Resources()
        self.resources.load(r for st in self.stages for r in st.resources)

    @classmethod
    def build(cls, until: str | None = None, resources: Resources | None = None) -> Pipeline:
        """The default pipeline, optionally stopping after stage `until`."""
        if until is not None and until not in STAGE_NAMES:
            raise PipelineError(f"unknown stage {until!r}; stages: {', '.join(STAGE_NAMES)}")
        chosen = STAGES if until is None else STAGES[: STAGE_NAMES.index(until) + 1]
        return cls(chosen, resources)

    def __call__(self, doc: Document) -> Document:
        for fn in self.fns:
            fn(doc, self.resources)
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
