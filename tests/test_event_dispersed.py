"""A report spread over many unnamed places keeps the country and no province (no focus-place fallback)."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.model.document import DocMeta, Document

LEAD = "زار وزير الداخلية مدينة الموصل أمس والتقى المحافظ. "


@pytest.mark.parametrize(("sentence", "admin1_none"), [
    ("وأعلنت وزارة الدفاع توقيف ستة أشخاص خلال عمليات أمنية متفرقة في الأسبوع الماضي.", True),
    ("واعتقلت قوات الأمن 40 مطلوبا في عدة محافظات خلال اليومين الماضيين.", True),
    ("وشنت الأجهزة الأمنية حملة اعتقالات في مختلف المحافظات.", True),
    ("واعتقلت قوات الأمن ثلاثة مطلوبين أمس.", False),  # nothing spread: the article's focus place
])
def test_dispersed_reports_are_country_level(pipeline, sentence: str, admin1_none: bool) -> None:
    doc = pipeline(Document(LEAD + sentence, DocMeta(id="t", published=date(2022, 5, 3))))
    arrests = [e for e in doc.events if e.sub_event_type == "Arrests"]
    assert arrests, [e.sub_event_type for e in doc.events]
    place = arrests[0].place
    assert place is not None and place.place.country == "Iraq"
    assert (place.place.admin1 is None) is admin1_none
