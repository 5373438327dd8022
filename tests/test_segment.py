"""Sentences survive Arabic punctuation, quotations spanning sentences, numbers, URLs and English."""

from __future__ import annotations

import pytest

from marsad.text.normalize import CharMap
from marsad.text.segment import split_sentences, tokenize


def sentences(text: str) -> list[str]:
    nt = CharMap.default().normalize(text)
    return [text[s.start:s.end] for s in split_sentences(nt)]


CASES = [
    ("قتل جندي. وأصيب آخر.", ["قتل جندي.", "وأصيب آخر."]),
    ("هل انتهت المعارك؟ لا أحد يعرف.", ["هل انتهت المعارك؟", "لا أحد يعرف."]),
    ("قال: «سنقاتل. ولن نستسلم». ثم غادر.", ["قال: «سنقاتل. ولن نستسلم».", "ثم غادر."]),
    ("وقال إن “الوضع صعب. والمعارك مستمرة” في المدينة.", ["وقال إن “الوضع صعب. والمعارك مستمرة” في المدينة."]),
    ("بلغت النسبة 9.3 بالمئة. وارتفعت.", ["بلغت النسبة 9.3 بالمئة.", "وارتفعت."]),
    ("السطر الأول\nالسطر الثاني", ["السطر الأول", "السطر الثاني"]),
    ("شاهد pic.twitter.com/AbC.d1 الآن.", ["شاهد pic.twitter.com/AbC.d1 الآن."]),
    ("قال ‏المتحدث. انتهى", ["قال ‏المتحدث.", "انتهى"]),
    # scraped pages glue sentences: a stop between two Arabic words ends one; initials do not
    ("انسحب الجنود من البلدة.ودخلها المسلحون ظهرا.", ["انسحب الجنود من البلدة.", "ودخلها المسلحون ظهرا."]),
    ("قال د.محمد إن الوضع هادئ.", ["قال د.محمد إن الوضع هادئ."]),
    ("نقلت وكالة أ.ف.ب الخبر.", ["نقلت وكالة أ.ف.ب الخبر."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_tokens_keep_numbers_urls_handles() -> None:
    text = "في ٢٦/١/٢٠٢٢ نشر @CJTFOIR صورة pic.twitter.com/GOiOu8BgAw #الحسكة."
    nt = CharMap.default().normalize(text)
    toks = tokenize(nt)
    kinds = {text[t.start:t.end]: t.kind for t in toks}
    assert kinds["٢٦/١/٢٠٢٢"] == "number"
    assert kinds["@CJTFOIR"] == "handle"
    assert kinds["pic.twitter.com/GOiOu8BgAw"] == "url"
    assert kinds["#الحسكة"] == "hashtag"
    assert all(text[t.start:t.end] for t in toks)


def test_stages_declare_themselves_and_see_only_their_resources() -> None:
    """Each stage is declared beside its code (@stage); the pipeline keeps the declared order, checks the
    layers once, and a stage reading a resource it did not declare fails at once."""
    from marsad.model.document import DocMeta, Document
    from marsad.pipeline import STAGE_NAMES, Pipeline, PipelineError, stages
    from marsad.stages.base import Stage
    from marsad.stages.resources import Resources, UndeclaredResource

    declared = stages()
    assert tuple(s.name for s in declared) == STAGE_NAMES
    assert all(s.fn.__module__.startswith("marsad.stages.") for s in declared)
    with pytest.raises(PipelineError, match="needs"):
        Pipeline([s for s in declared if s.name != "segment"][:1], Resources())

    def greedy(doc, res):
        res["gazetteer"]

    with pytest.raises(UndeclaredResource, match="gazetteer"):
        Pipeline([declared[0], Stage("greedy", greedy, needs=("sentences",))], Resources())(
            Document("قال مصدر أمني.", DocMeta(id="t")))
