"""Reading resources/data: file paths, TSV and JSON readers, the on-disk cache of built resources and the
data version.

Nothing is read at import time. The typed set of loaded resources the stages read is
`marsad.stages.resources.Resources`.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from collections.abc import Callable
from importlib import resources as ir
from pathlib import Path
from typing import Any


def data_path(name: str):
    """A file under marsad/resources/data (a Traversable; use .read_text() / .open())."""
    return ir.files("marsad.resources").joinpath("data", name)


def read_json(name: str) -> Any:
    return json.loads(data_path(name).read_text("utf-8"))


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file with a header line; '#' lines are comments."""
    rows = []
    lines = [ln for ln in data_path(name).read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise ValueError(f"{name}: data line {n} has {len(cells)} cells, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, (c.strip() for c in cells), strict=True)))
    return rows


def cache_dir() -> Path | None:
    """Where built resources are cached: $MARSAD_CACHE, else $XDG_CACHE_HOME/marsad, else ~/.cache/marsad;
    None (no cache) when MARSAD_CACHE is "off"."""
    env = os.environ.get("MARSAD_CACHE", "")
    if env.lower() in ("off", "0", "no", "false"):
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "marsad"


def cache_key(name: str) -> str:
    """What a cached resource was built from: the extraction code and every data file (pipeline_version
    hashes both), the Python and pyahocorasick versions (their pickle formats)."""
    import ahocorasick

    from marsad.version import pipeline_version

    raw = "|".join((name, pipeline_version(), sys.version, str(getattr(ahocorasick, "__version__", "")),
                    str(pickle.HIGHEST_PROTOCOL)))
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def load_cached(name: str, loader: Callable[[], Any]) -> Any:
    """The resource `name`, from the on-disk cache when a copy built from the same code and data is there,
    else built by `loader` and cached (written atomically; older copies removed). A cache that cannot be
    read or written is passed over: the resource is then built, as without a cache.

    The cache holds pickles: keep it where only you can write (as ~/.cache is)."""
    folder = cache_dir()
    if folder is None:
        return loader()
    path = folder / f"{name}-{cache_key(name)}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 (a damaged or foreign file: build afresh and overwrite it)
        pass
    obj = loader()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
    return obj


def data_version() -> str:
    """A short hash over every data file: stored results record it so reprocessing knows what changed."""
    h = hashlib.sha1()
    for f in sorted(data_path("").iterdir(), key=lambda p: p.name):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]
