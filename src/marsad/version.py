"""The version stored with every result: the package version plus a hash of the code and data that made it.

A stored document whose version differs from `pipeline_version()` was read by older code or lexicons;
`marsad reprocess` finds those and extracts them again.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from marsad import __version__

_PACKAGE = Path(__file__).resolve().parent
# Only what changes extraction: not the store, exporters or the command line.
_EXTRACTION = ("model", "text", "stages", "resources", "pipeline.py", "output.py", "ingest.py", "published.py")


@cache
def pipeline_version() -> str:
    """'0.1.0+1a2b3c4d5e6f': stable for a given checkout, different as soon as a stage or lexicon changes."""
    h = hashlib.sha1()
    for part in _EXTRACTION:
        root = _PACKAGE / part
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()
                                                      and "__pycache__" not in p.parts)
        for f in files:
            h.update(str(f.relative_to(_PACKAGE)).encode())
            h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"
