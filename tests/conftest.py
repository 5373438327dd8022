"""Shared fixtures: where ../shared lives, and a pipeline built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "corpus" / "dev"
UNLABELED = SHARED / "corpus" / "unlabeled"
ANNOTATED = ROOT / "tests" / "data" / "annotated"
SEED = SHARED / "corpus" / "seed" / "000_199af6c8cd0b6ea9.txt"

needs_shared = pytest.mark.skipif(not (DEV / "gold").is_dir(),
                                  reason=f"the dev corpus is not at {DEV} (set MARSAD_SHARED to its parent folder)")


@pytest.fixture(scope="session")
def pipeline():
    from marsad.pipeline import Pipeline

    return Pipeline.build()
