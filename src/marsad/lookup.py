"""Batch look-ups: the `time`, `places` and `actors` layers over many short texts, resources loaded once.

Input is JSON Lines, one case a line: `{"id": ..., "text": ..., "published": "YYYY-MM-DD"}` (`published` is
optional; `country` too, for generic actors). Output is one JSON object per case, `{"id": ..., "results":
[...]}`, where every result carries `start`, `end` and `text` (offsets into the case text) so a caller can
align it with its own annotations. A malformed line gives `{"line": N, "error": "..."}` and the other lines
are still answered.

    >>> res = list(lookup_lines("places", ['{"id": "a", "text": "في مدينة الحسكة"}']))
    >>> res[0]["results"][0]["location"]
    'Al-Hasakah'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from marsad.model.document import DocMeta, Document, content_id
from marsad.pipeline import Pipeline

KINDS = ("time", "places", "actors")


class LookupError_(ValueError):
    """A case that cannot be answered (bad JSON, no text, a bad date)."""


def _case(line: str) -> dict:
    try:
        case = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LookupError_(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except ValueError as exc:  # not a syntax error: an integer past Python's digit limit
        raise LookupError_(f"not valid JSON ({str(exc)[:120]})") from None
    if not isinstance(case, dict):
        raise LookupError_("a case must be a JSON object")
    if not isinstance(case.get("text"), str):
        raise LookupError_("the case has no string 'text'")
    pub = case.get("published")
    if pub is not None:
        try:
            case["published"] = date.fromisoformat(str(pub)[:10])
        except ValueError:
            raise LookupError_(f"published {pub!r} is not YYYY-MM-DD") from None
    return case


def answerer(kind: str) -> Callable[[dict], list[dict]]:
    """One function answering cases of `kind`, with its pipeline and resources built once."""
    if kind not in KINDS:
        raise ValueError(f"unknown look-up {kind!r} (one of {', '.join(KINDS)})")
    pipe = Pipeline.build(until="time" if kind == "time" else "places")

    def run(case: dict) -> Document:
        text = case["text"]
        doc = Document(text, DocMeta(id=str(case.get("id") or content_id(text)), published=case.get("published")))
        return pipe(doc)

    if kind == "time":
        from marsad.cli.layers import time_to_json

        return lambda case: [_with_offsets(time_to_json(e)) for e in run(case).times]
    if kind == "places":
        from marsad.cli.layers import place_to_json

        return lambda case: [_with_offsets(place_to_json(m)) for m in run(case).places]

    from marsad.cli.layers import actor_to_json
    from marsad.stages.actors import resolve

    table = pipe.resources.with_(["actors"]).actors

    def actors(case: dict) -> list[dict]:
        doc = run(case)
        return [_with_offsets(actor_to_json(m)) for m in resolve(doc, table, case.get("country"))]

    return actors


def _with_offsets(item: dict) -> dict:
    start, end = item.pop("span")
    return {"start": start, "end": end, **item}


def lookup_lines(kind: str, lines: Iterable[str]) -> Iterator[dict]:
    """Answer each non-blank line; a bad line yields its error and the others go on."""
    answer = answerer(kind)
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            case = _case(line)
            yield {"id": case.get("id"), "results": answer(case)}
        except LookupError_ as exc:
            yield {"line": n, "error": str(exc)}
