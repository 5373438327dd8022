"""Check gold-format annotation files against their articles (corpus/GUIDELINES.md).

    python scripts/check_annotations.py ANNOT_DIR RAW_DIR [IDS...]

Checks, per file: valid JSON with id/published/events/quotes/posts; each event's type and sub-type (and
alt_types) in the ACLED taxonomy; dates ISO with date_end >= date_start; fatalities/injuries integers or
null; every `evidence` and `quote_start` an exact substring of the article text. Prints one line per
problem and exits 1 when any is found. It reads no marsad output.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def _taxonomy() -> dict[str, set[str]]:
    """ACLED event type -> sub-event types, from marsad's own table (resources/data/acled_subevents.tsv)."""
    from marsad.resources.registry import read_tsv

    out: dict[str, set[str]] = {}
    for r in read_tsv("acled_subevents.tsv"):
        out.setdefault(r["event_type"], set()).add(r["sub_event_type"])
    return out


TAXONOMY = _taxonomy()
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _type_ok(t: str, s: str) -> bool:
    return t in TAXONOMY and s in TAXONOMY[t]


def check_file(path: Path, text: str) -> list[str]:
    errs: list[str] = []
    try:
        g = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as e:
        return [f"{path}: not valid JSON ({e})"]
    for key in ("id", "published", "events", "quotes", "posts"):
        if key not in g:
            errs.append(f"{path}: missing field {key!r}")
    if g.get("published") is not None and not _DATE.match(str(g["published"])):
        errs.append(f"{path}: published {g['published']!r} is not YYYY-MM-DD")
    for i, e in enumerate(g.get("events", [])):
        where = f"{path}: event {i}"
        if not _type_ok(e.get("event_type", ""), e.get("sub_event_type", "")):
            errs.append(f"{where}: type {e.get('event_type')!r} / {e.get('sub_event_type')!r} not in the taxonomy")
        for alt in e.get("alt_types", []):
            if not (isinstance(alt, list) and len(alt) == 2 and _type_ok(*alt)):
                errs.append(f"{where}: alt_types entry {alt!r} not a [type, sub-type] pair of the taxonomy")
        ds, de = e.get("date_start"), e.get("date_end")
        for name, d in (("date_start", ds), ("date_end", de)):
            if d is not None and not _DATE.match(str(d)):
                errs.append(f"{where}: {name} {d!r} is not YYYY-MM-DD")
        if ds and de and _DATE.match(str(ds)) and _DATE.match(str(de)) and de < ds:
            errs.append(f"{where}: date_end before date_start")
        if e.get("time_precision") not in (1, 2, 3, None):
            errs.append(f"{where}: time_precision must be 1, 2 or 3")
        for name in ("fatalities", "injuries"):
            v = e.get(name)
            if v is not None and not (isinstance(v, int) and v >= 0):
                errs.append(f"{where}: {name} {v!r} must be a non-negative integer or null")
        ev = e.get("evidence") or ""
        if not ev or ev not in text:
            errs.append(f"{where}: evidence is not an exact substring of the article: {ev[:50]!r}")
        if not isinstance(e.get("optional"), bool):
            errs.append(f"{where}: optional must be true or false")
    for i, q in enumerate(g.get("quotes", []) + g.get("unnamed_quotes", [])):
        where = f"{path}: quote {i}"
        qs = q.get("quote_start") or ""
        if not qs or qs not in text:
            errs.append(f"{where}: quote_start is not an exact substring of the article: {qs[:50]!r}")
        if not q.get("speaker"):
            errs.append(f"{where}: speaker is empty")
        if not isinstance(q.get("direct"), bool):
            errs.append(f"{where}: direct must be true or false")
    for i, p in enumerate(g.get("posts", [])):
        if not p.get("handle") and not p.get("author"):
            errs.append(f"{path}: post {i} has neither handle nor author")
    return errs


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    annot, raw = Path(argv[0]), Path(argv[1])
    ids = argv[2:] or sorted(p.stem for p in annot.glob("*.json"))
    problems = 0
    for doc_id in ids:
        path = annot / f"{doc_id}.json"
        if not path.exists():
            print(f"{path}: missing")
            problems += 1
            continue
        text = json.loads((raw / f"{doc_id}.json").read_text("utf-8"))["text"]
        for err in check_file(path, text):
            print(err)
            problems += 1
    print(f"{len(ids)} files checked, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
