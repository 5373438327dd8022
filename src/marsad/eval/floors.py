"""CI quality floors: a JSON file of metric -> minimum, only ever raised (like trafilatura's eval gate)."""

from __future__ import annotations

import json
from pathlib import Path

EPSILON = 0.005  # noise allowance when checking


def _load(path: str | Path) -> dict:
    p = Path(path)
    return json.loads(p.read_text("utf-8")) if p.exists() else {"corpus_digest": None, "floors": {}}


def check_floors(path: str | Path, metrics: dict[str, float], digest: str) -> list[str]:
    data = _load(path)
    problems = []
    if data.get("corpus_digest") and data["corpus_digest"] != digest:
        problems.append(f"the dev corpus changed (digest {digest}, floors were set on {data['corpus_digest']}); "
                        "re-run eval and re-set the floors deliberately")
    for k, floor in data.get("floors", {}).items():
        got = metrics.get(k)
        if got is None:
            problems.append(f"{k}: metric missing")
        elif got < floor - EPSILON:
            problems.append(f"{k}: {got:.4f} < floor {floor:.4f}")
    return problems


def raise_floors(path: str | Path, metrics: dict[str, float], digest: str) -> dict[str, tuple[float, float]]:
    """Set each floor to max(old, reached); returns what rose."""
    data = _load(path)
    floors = data.setdefault("floors", {})
    raised = {}
    for k, v in sorted(metrics.items()):
        old = floors.get(k, 0.0)
        if v > old:
            floors[k] = round(v, 4)
            raised[k] = (old, floors[k])
    data["corpus_digest"] = digest
    Path(path).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return raised
