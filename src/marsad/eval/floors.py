"""CI quality floors: per scored set (dev, train, blind), a digest of the corpus and metric -> minimum.

Like trafilatura's eval gate, floors are only ever raised. The file holds one section per set:
`{"dev": {"corpus_digest": ..., "floors": {...}}, "train": {...}, "blind": {...}}`.
"""

from __future__ import annotations

import json
from pathlib import Path

EPSILON = 0.005  # noise allowance when checking
SETS = ("dev", "train", "blind")


def _load(path: str | Path) -> dict:
    p = Path(path)
    data = json.loads(p.read_text("utf-8")) if p.exists() else {}
    if "floors" in data:  # the one-set layout of earlier versions: it was the dev set's
        data = {"dev": data}
    return data


def section(path: str | Path, name: str) -> dict:
    return _load(path).get(name, {"corpus_digest": None, "floors": {}})


def allowance(metric: str, resolution: dict[str, float] | None = None) -> float:
    """How far below its floor a metric may fall: EPSILON (noise), or one item's worth for a share of
    matched items (Report.resolution), whichever is larger."""
    return max(EPSILON, (resolution or {}).get(metric, 0.0))


def check_floors(path: str | Path, metrics: dict[str, float], digest: str, name: str = "dev",
                 resolution: dict[str, float] | None = None) -> list[str]:
    data = section(path, name)
    problems = []
    if data.get("corpus_digest") and data["corpus_digest"] != digest:
        problems.append(f"the {name} corpus changed (digest {digest}, floors were set on {data['corpus_digest']}); "
                        "re-run eval and re-set the floors deliberately")
    for k, floor in data.get("floors", {}).items():
        got = metrics.get(k)
        if got is None:
            problems.append(f"{name} {k}: metric missing")
        elif got < floor - allowance(k, resolution):
            problems.append(f"{name} {k}: {got:.4f} < floor {floor:.4f}")
    return problems


def raise_floors(path: str | Path, metrics: dict[str, float], digest: str,
                 name: str = "dev") -> dict[str, tuple[float, float]]:
    """Set each floor of set `name` to max(old, reached); returns what rose."""
    data = _load(path)
    sec = data.setdefault(name, {"corpus_digest": None, "floors": {}})
    floors = sec.setdefault("floors", {})
    raised = {}
    for k, v in sorted(metrics.items()):
        old = floors.get(k, 0.0)
        if v > old:
            floors[k] = round(v, 4)
            raised[k] = (old, floors[k])
    sec["corpus_digest"] = digest
    Path(path).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return raised
