"""docs/architecture.md stays true: the paths it names exist, its stage table is the pipeline's (order,
layers added, resources), and it names every resource the registry can load."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "marsad"
DOC = ROOT / "docs" / "architecture.md"
# a path or file name the page names: stages/events/__init__.py, inputs/, resources/data/charmap.json, tolls.py
_PATH = re.compile(r"(?<![\w./~-])((?:[a-z_0-9]+/)*[a-z_0-9]+(?:\.py|\.tsv\.gz|\.tsv|\.json|\.md|/))(?![\w/])")
_ROW = re.compile(r"^\| `(\w+)` \| `stages/[\w/.]+` \| (.*?) \| (.*?) \|", re.M)


def text() -> str:
    return DOC.read_text("utf-8")


def _exists(name: str) -> bool:
    bases = (SRC, ROOT, SRC / "resources" / "data", ROOT / "scripts", ROOT / "docs")
    if any((base / name).exists() for base in bases):
        return True
    # a bare module or data file name ("event_rules.py", "triggers.tsv") in the package
    return "/" not in name.rstrip("/") and any(SRC.rglob(name))


def test_named_paths_exist():
    names = set(_PATH.findall(text()))
    assert len(names) > 40, "the path pattern no longer finds the page's paths"
    assert not sorted(n for n in names if not _exists(n)), "docs/architecture.md names files that do not exist"


def test_stage_table_is_the_pipeline():
    from marsad.pipeline import STAGES

    rows = _ROW.findall(text())
    assert [r[0] for r in rows] == [s.name for s in STAGES], "stage table: names or order"
    for (name, adds, resources), st in zip(rows, STAGES, strict=True):
        assert tuple(re.findall(r"`(\w+)`", adds)) == st.adds, f"stage {name}: adds"
        assert tuple(re.findall(r"`(\w+)`", resources)) == st.resources, f"stage {name}: resources"


def test_diagram_lists_the_stages_in_order():
    from marsad.pipeline import STAGE_NAMES

    assert " -> ".join(STAGE_NAMES) in text()


def test_every_resource_is_named():
    from marsad.stages.resources import LOADERS

    listed = re.search(r"in `LOADERS`: (.*?)\.\n", text(), re.S)
    assert listed, "the resource list after `LOADERS` is gone"
    assert re.findall(r"`(\w+)`", listed.group(1)) == list(LOADERS)
