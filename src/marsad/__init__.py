"""marsad: Arabic-first extraction of structured event data from news articles.

    >>> import marsad
    >>> result = marsad.extract("قصفت قوات النظام بالمدفعية قرية كفرنبل أمس", published="2024-03-14")
    >>> sorted(result)
    ['doc', 'events', 'posts', 'quotes', 'unnamed_quotes']

Importing marsad loads nothing: the pipeline is built on the first `extract` (about a second with the
resource cache warm) and shared by every later call in the process. docs/python.md has the rest of the API.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from marsad.pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["__version__", "extract"]

_PIPELINE: Pipeline | None = None
_PIPELINE_LOCK = threading.Lock()   # two threads' first calls build it once


def _shared_pipeline() -> Pipeline:
    """The full pipeline, built on first use and kept for the process (as each engine worker keeps its own)."""
    global _PIPELINE
    with _PIPELINE_LOCK:
        if _PIPELINE is None:
            from marsad.pipeline import Pipeline

            _PIPELINE = Pipeline.build()
        return _PIPELINE


def extract(text: str, published: date | str | None = None, *, url: str | None = None,
            outlet: str | None = None, title: str | None = None, doc_id: str | None = None) -> dict[str, Any]:
    """The SCHEMA result of one article: a JSON-ready dict with `doc`, `events`, `quotes`, `unnamed_quotes`
    and `posts` (docs/schema.md), exactly what `marsad extract` prints for it.

    `published` (a date, or an ISO string "2024-03-14" / "2024-03-14T09:30:00Z") anchors relative dates
    ("أمس", "الأربعاء"); without it the date is looked for in the URL and the text. `doc_id` defaults to a
    hash of the text. The input is checked as `marsad extract` checks a record: an empty or non-Arabic text,
    a date outside 1900-2100 or a field of the wrong type raises ValueError (marsad.ingest.InputProblem)."""
    from marsad.ingest import document_from_record
    from marsad.output import result_json

    record = {"id": doc_id, "text": text, "url": url, "outlet": outlet, "title": title,
              "published": published.isoformat() if isinstance(published, date) else published}
    doc = document_from_record({k: v for k, v in record.items() if v is not None})
    return result_json(_shared_pipeline().run(doc, budget=None))
