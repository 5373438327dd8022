"""Batch ingest and reprocess: read documents, extract them (in worker processes if asked), store each one.

Extraction runs in workers; writing stays in this process, one transaction per document, in input order,
so the store's contents do not depend on the number of workers.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from marsad.engines import extract_all
from marsad.ingest import DEFAULT_LIMITS, IngestError, Limits, Skipped, document_from_record, read_paths
from marsad.model.document import Document, meta_hash
from marsad.store.store import Outcome, Store
from marsad.version import pipeline_version

CHECK_BATCH = 64           # documents whose stored status one query looks up


@dataclass
class Tally:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicate: int = 0
    errors: list[str] = field(default_factory=list)
    extracted: int = 0
    undated: int = 0      # extracted documents with no date at all (none given, none in the page, URL or text)
    skipped: Counter[str] = field(default_factory=Counter)   # records passed over on purpose, by reason

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    def line(self) -> str:
        skipped = "".join(f"; skipped {n:,} {why}" for why, n in sorted(self.skipped.items()))
        return (f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{self.duplicate} duplicate, {len(self.errors)} failed; "
                f"{self.undated} of {self.extracted} extracted without any date{skipped}")


def _progress(total: int | None, show: bool, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc=desc, disable=not show, file=sys.stderr, smoothing=0.1,
                dynamic_ncols=True)


def store_documents(store: Store, docs: Iterable[Document | IngestError | Skipped], workers: int = 1,
                    force: bool = False, progress: bool = True, total: int | None = None,
                    desc: str = "ingest", budget: float | None = None, engine: str = "local",
                    scheduler: str | None = None) -> Tally:
    """Extract and store `docs`. Known documents (same id and content) are skipped before extraction
    unless `force`. Errors are collected with the file they came from; the other documents go on.

    `engine` "local" extracts in this process (workers 1) or in `workers` processes; "dask" on a Dask
    cluster (`scheduler`'s, else a LocalCluster of `workers` processes; engines.dask). Either way the
    results come back in input order and are stored here, so the store does not depend on the engine."""
    tally = Tally()
    version = pipeline_version()

    def todo() -> Iterator[Document]:
        # known documents are looked up CHECK_BATCH at a time (one query); `put` checks again when it stores,
        # so one that turns up twice within a batch is still stored once
        it = iter(docs)
        while batch := list(islice(it, CHECK_BATCH)):
            fresh = [d for d in batch if isinstance(d, Document)]
            known = iter(store.statuses([(d.id, d.text, meta_hash(d.meta)) for d in fresh]) if not force else [])
            for item in batch:
                if isinstance(item, IngestError):
                    tally.errors.append(str(item))
                    bar.update(1)
                    continue
                if isinstance(item, Skipped):
                    tally.skipped[item.reason] += item.count
                    continue
                st = next(known, None)
                if st in (Outcome.UNCHANGED, Outcome.DUPLICATE):
                    tally.count(st)
                    bar.update(1)
                    continue
                yield item

    with _progress(total, progress, desc) as bar:
        results = extract_all(todo(), workers=workers, engine=engine, scheduler=scheduler, budget=budget)
        try:
            for x in results:
                if x.error is not None or x.result is None:
                    tally.errors.append(f"{x.source}: {x.error}")
                else:
                    tally.extracted += 1
                    tally.undated += x.result["doc"].get("published") is None
                    tally.count(store.put(x.result, x.text, lang=x.lang, version=version, force=force,
                                          meta=x.meta, defer_merge=True))
                bar.update(1)
        finally:
            results.close()             # stops the worker processes or the Dask cluster now
    # each cluster the batch joined gets its merged event written once, now, not once per joining mention
    store.refresh_merged()
    return tally


def ingest_paths(store: Store, paths: list[str], published: date | None = None,
                 limits: Limits = DEFAULT_LIMITS, fetcher=None, **kw) -> Tally:
    """Ingest files and folders; `published` dates the documents that state no date themselves; the pages
    listed in .urls files are fetched with `fetcher` (inputs.http.Fetcher; a default one if None)."""
    return store_documents(store, read_paths(paths, published, limits, fetcher), **kw)


def reprocess(store: Store, everything: bool = False, **kw) -> Tally:
    """Extract again the stored documents read by another pipeline version (all of them with `everything`)."""
    version = pipeline_version()
    # ids first, texts one at a time: the store is rewritten while we go, and may not fit in memory
    ids = store.document_ids(outdated_for=None if everything else version)
    docs = (document_from_record(store.document(i), source=f"store:{i}") for i in ids)
    return store_documents(store, docs, force=True, total=len(ids), desc="reprocess", **kw)
