"""Stage `segment`: sentences and tokens."""

from __future__ import annotations

from marsad.model.document import Document
from marsad.resources.registry import Resources
from marsad.stages.base import stage
from marsad.text.segment import split_sentences, tokenize


@stage("segment", adds=("sentences", "tokens"))
def segment(doc: Document, res: Resources) -> None:
    doc.sentences = split_sentences(doc.norm)
    doc.tokens = tokenize(doc.norm)
