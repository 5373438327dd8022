"""Stage `segment`: sentences and tokens."""

from __future__ import annotations

from marsad.model.document import Document
from marsad.stages.base import stage
from marsad.stages.resources import Resources
from marsad.text.segment import split_sentences, tokenize


@stage("segment", adds=("sentences", "tokens"), resources=("charmap",))
def segment(doc: Document, res: Resources) -> None:
    norm = doc.normalize(res.charmap)
    doc.sentences = split_sentences(norm)
    doc.tokens = tokenize(norm)
