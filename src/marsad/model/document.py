"""The Document: immutable original text, a normalised view with an offset map, and annotation layers."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from marsad.model.records import (
    ActorMention,
    Event,
    PlaceMention,
    Post,
    Quote,
    Sentence,
    TimeExpr,
    Token,
)
from marsad.model.spans import Spans
from marsad.text.normalize import CharMap, NormText

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DocMeta:
    id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    lang: str = "ar"
    source_path: str | None = None
    # where `published` came from: "input" (the record, or --published), "html" (the page's metadata), "url",
    # "text" (stages/published.py); None while there is no date
    published_source: str | None = None
    # 1 the day itself; 2 about a week (the latest date the text states: a lower bound); None without a date
    published_precision: int | None = None
    # when an archive or feed client fetched the page (ISO date-time; WARC-Date): provenance, and the date of
    # last resort for an article that states none (published_source "crawl")
    crawled: str | None = None


def content_hash(text: str) -> str:
    """SHA-1 of the text: the store recognises the same content under any id by it."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def meta_hash(meta: DocMeta) -> str:
    """SHA-1 of what the input says about a document besides its text: url, outlet, title, lang and a date
    it gave (the record's, the page's or the URL's; never one the pipeline read from the text), so that the
    store sees a corrected date or title as a change. The same before and after extraction."""
    given = meta.published.isoformat() if meta.published and meta.published_source != "text" else ""
    parts = (meta.url or "", meta.outlet or "", meta.title or "", meta.lang or "", given)
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def content_id(text: str) -> str:
    """A stable id derived from the text when the input has none."""
    return content_hash(text)[:16]


class Document:
    """One article. Stages add layers; nobody rewrites `text`.

    Layers are plain lists of frozen records sorted by start offset. `norm` is the matching view.
    """

    __slots__ = (
        "_text", "meta", "_norm", "_charmap", "sentences", "tokens", "times", "places", "actors",
        "events", "quotes", "unnamed_quotes", "posts", "furniture", "_derived",
    )

    def __init__(self, text: str, meta: DocMeta | None = None, charmap: CharMap | None = None):
        self._text = text
        self.meta = meta or DocMeta(id=content_id(text))
        self._charmap = charmap
        self._norm: NormText | None = None  # built on first use (in the worker that extracts, not the reader)
        self.sentences: list[Sentence] = []
        self.tokens: list[Token] = []
        self.times: list[TimeExpr] = []
        self.places: list[PlaceMention] = []
        self.actors: list[ActorMention] = []
        self.events: list[Event] = []
        self.quotes: list[Quote] = []
        # statements of wholly unnamed sources ("قالت مصادر محلية إن"), kept apart from `quotes`
        self.unnamed_quotes: list[Quote] = []
        self.posts: list[Post] = []
        # original-text ranges judged to be page furniture (menus, related headlines, crawl dates)
        self.furniture: list[tuple[int, int]] = []
        self._derived: dict[str, tuple[object, object]] = {}

    @property
    def norm(self) -> NormText:
        """The normalised view for matching, with its offset map (built on first use, with the charmap given
        to `normalize` or the constructor, else the packaged default)."""
        if self._norm is None:
            self._norm = (self._charmap or CharMap.default()).normalize(self._text)
        return self._norm

    def normalize(self, charmap: CharMap) -> NormText:
        """Build the normalised view with `charmap` (the pipeline's resource) unless it is built already."""
        if self._norm is None:
            self._charmap = charmap
        return self.norm

    @property
    def text(self) -> str:
        return self._text

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def published(self) -> date | None:
        return self.meta.published

    def span(self, start: int, end: int) -> str:
        return self._text[start:end]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing original offset `offset` (-1 if none)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return -1

    def derived(self, name: str, layer: str, build: Callable[[Document], T]) -> T:
        """A value computed from layer `layer` (an index over it, say), built once per document and built
        again only when a stage replaces that layer. Stages use it to avoid work per event that is per
        document."""
        current = getattr(self, layer)
        got = self._derived.get(name)
        if got is not None and got[0] is current:
            return got[1]  # type: ignore[return-value]
        value = build(self)
        self._derived[name] = (current, value)
        return value

    def spans(self, layer: str) -> Spans:
        """Range look-ups (within, overlapping, covering) over a layer, indexed once per document."""
        return self.derived(f"spans:{layer}", layer, lambda d: Spans(getattr(d, layer)))

    def in_furniture(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.furniture)
