"""Where extraction runs: worker processes on this machine (`store.run`, `--workers N`), or a Dask cluster
(`engines.dask`, `--engine dask`). Either way the results come back in input order to one writer, which
stores them and merges events across outlets, so the store's contents do not depend on the engine."""
