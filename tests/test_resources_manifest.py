"""resources/data/MANIFEST.json lists every data file with its SHA-256, licence and how it is made (issue 18)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "marsad" / "resources" / "data"


def _builder():
    spec = importlib.util.spec_from_file_location("build_manifest", ROOT / "scripts" / "build_manifest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_manifest_is_up_to_date() -> None:
    """A data file changed, added or removed without `scripts/build_manifest.py` fails here."""
    assert (DATA / "MANIFEST.json").read_text("utf-8") == _builder().render(), \
        "resources/data/MANIFEST.json is out of date: run .venv/bin/python scripts/build_manifest.py"


def test_every_entry_names_its_licence_its_maker_and_a_real_hash() -> None:
    manifest = json.loads((DATA / "MANIFEST.json").read_text("utf-8"))
    files = {p.name for p in DATA.iterdir() if p.is_file() and p.name != "MANIFEST.json"}
    assert {e["file"] for e in manifest["files"]} == files
    for e in manifest["files"]:
        assert e["sha256"] == hashlib.sha256((DATA / e["file"]).read_bytes()).hexdigest()
        assert e["licence"] and e["made_by"]
        assert e["made_by"] == "hand-curated" or (ROOT / e["made_by"]).is_file(), e
