"""Extraction on a Dask cluster: `marsad ingest ... --engine dask [--scheduler tcp://host:8786]`.

Documents go to the workers in partitions (`partition` documents a task); each worker process builds the
pipeline once (module state, the first time a task of this module runs there) and sends back only the
results (`pipeline.Extracted`), never the annotated Documents. At most `window` partitions are in flight,
so memory stays flat whatever the input's size, and results are handed back in input order: the one writer
(`store.run.store_documents`) stores them and merges events across outlets exactly as the local engine does.

`scheduler` is an address (tcp://host:8786) or the JSON file a scheduler wrote (`dask scheduler
--scheduler-file F`, as on a SLURM cluster: docs/scale.md). With no scheduler given, a LocalCluster of `workers` single-threaded processes is started (and stopped).
On a cluster, every worker needs marsad installed (the same version: the results carry it).
Dask runs tasks in worker threads, where `--time-limit` cannot interrupt a document (it needs the main
thread's alarm signal); a document that hangs holds its worker until the task is cancelled.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator

from marsad.engines import in_order
from marsad.model.document import Document
from marsad.pipeline import Extracted

PARTITION = 64          # documents a task: about 0.5 s of work, so scheduling costs little
_PIPE = None


def _pipeline():
    global _PIPE
    if _PIPE is None:
        from marsad.pipeline import Pipeline

        _PIPE = Pipeline.build()
    return _PIPE


def extract_partition(docs: list[Document], budget: float | None = None) -> list[Extracted]:
    """On a worker: the results of one partition."""
    pipe = _pipeline()
    return [pipe.extract(d, budget) for d in docs]


def _client(scheduler: str | None, workers: int):
    from distributed import Client, LocalCluster

    if scheduler:
        if "://" not in scheduler and os.path.isfile(scheduler):   # `dask scheduler --scheduler-file F`
            return Client(scheduler_file=scheduler, timeout="30s"), None
        return Client(scheduler, timeout="30s"), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def extract_on_dask(docs: Iterable[Document], workers: int = 2, scheduler: str | None = None,
                    budget: float | None = None, partition: int = PARTITION,
                    window: int | None = None) -> Iterator[Extracted]:
    """The results of `docs`, in input order, extracted on a Dask cluster."""
    client, cluster = _client(scheduler, workers)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        yield from in_order(lambda part: client.submit(extract_partition, part, budget, pure=False).result,
                            docs, partition, window or 2 * n_workers + 1)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
