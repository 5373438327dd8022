"""The store under concurrent writers and corrected inputs, on SQLite and PostgreSQL: two ingests of the same
files at once store every document once and report no error; a document whose date or title alone changed
is replaced, not skipped; a large merged event is read with its reasons once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.store import Store
from tests.conftest import DEV
from tests.store_fixtures import BACKENDS, new_database


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    url, drop = new_database(request.param, tmp_path)
    Store(url).close()  # migrate once, before the writers race
    yield url
    drop()


def _ingest(paths: list[str], db: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "marsad.cli.main", "ingest", *paths, "--db", db, "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_ingests_of_the_same_files_at_once_store_each_document_once(db_url: str) -> None:
    if not (DEV / "raw").is_dir():
        pytest.skip(f"the dev corpus is not at {DEV}")
    files = sorted(str(p) for p in (DEV / "raw").glob("*.json"))[:30]
    procs = [_ingest(files, db_url), _ingest(files, db_url)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "0 failed" in err and "Traceback" not in err
    with Store(db_url) as st:
        assert st.counts()["documents"] == 30
        assert len(st.document_ids()) == 30


def _doc(tmp_path: Path, **fields) -> str:
    p = tmp_path / "a.json"
    rec = {"id": "a", "text": "قتل ثلاثة مدنيين في قصف على مدينة حمص أمس الأحد.", "published": "2023-05-08",
           "title": "قصف على حمص"} | fields
    p.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return str(p)


def test_a_corrected_date_or_title_replaces_the_document(db_url: str, tmp_path: Path) -> None:
    from marsad.store.run import ingest_paths

    with Store(db_url) as st:
        assert ingest_paths(st, [_doc(tmp_path)], progress=False).added == 1
        assert ingest_paths(st, [_doc(tmp_path)], progress=False).unchanged == 1
        assert ingest_paths(st, [_doc(tmp_path, published="2023-05-09")], progress=False).replaced == 1
        (ev,) = list(st.events())
        assert ev["event_date"] == "2023-05-08"  # "أمس" against the corrected date
        assert ingest_paths(st, [_doc(tmp_path, published="2023-05-09", title="عنوان مصحح")],
                            progress=False).replaced == 1
        assert st.document("a")["title"] == "عنوان مصحح"


def test_a_merged_event_of_many_reports_carries_each_reason_once(db_url: str, tmp_path: Path) -> None:
    from marsad.store.run import ingest_paths

    base = "قتل ثلاثة مدنيين في قصف على مدينة حمص أمس الأحد."
    paths = []
    for i in range(12):
        p = tmp_path / f"r{i}.json"
        p.write_text(json.dumps({"id": f"r{i}", "text": base + " " * i + f"وقال شاهد رقم {i} إن القصف عنيف.",
                                 "published": "2023-05-08", "outlet": f"o{i}"}, ensure_ascii=False),
                     encoding="utf-8")
        paths.append(str(p))
    with Store(db_url) as st:
        ingest_paths(st, paths, progress=False)
        (ev,) = [e for e in st.events() if len(e["sources"]) > 1]
        assert len(ev["sources"]) == 12
        reasons = ev.get("merge_reasons") or ev.get("reasons") or []
        assert len(reasons) == 11 and len(set(reasons)) == 11


def test_both_stores_accept_and_refuse_the_same_records(db_url: str, tmp_path: Path) -> None:
    """NUL characters, lone surrogates, over-long ids and langs: decided per record before any store sees
    them, so SQLite and PostgreSQL store exactly the same documents."""
    from marsad.store.run import ingest_paths

    text = "قتل ثلاثة مدنيين في قصف على مدينة حمص أمس الأحد."
    lines = [{"id": "nul", "text": text + "\x00"}, {"id": "i" * 300, "text": text + " 2"},
             {"id": "lang", "text": text + " 3", "lang": "x" * 40}, {"id": "sur", "text": "\ud800" + text + " 4"},
             {"id": "ok", "text": text + " 5", "published": "2023-05-08"}]
    p = tmp_path / "mixed.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    with Store(db_url) as st:
        tally = ingest_paths(st, [str(p)], progress=False)
        assert tally.added == 3 and len(tally.errors) == 2
        assert any(":2: id has 300 characters" in e for e in tally.errors)
        assert any(":3: lang has 40 characters" in e for e in tally.errors)
        assert sorted(st.document_ids()) == ["nul", "ok", "sur"]
        assert "\x00" not in st.document("nul")["text"] and st.document("sur")["text"].startswith("\ufffd")


def test_a_long_event_is_found_by_a_date_range_that_starts_after_it(db_url: str, tmp_path: Path) -> None:
    """The date-range page walks the day index from `from` minus the longest span in the store: an event
    that began weeks before `from` and ends after it is still on the page."""
    from datetime import date

    from marsad.model.results import MERGED_KEYS
    from marsad.store import EventFilter
    from marsad.store.run import ingest_paths

    with Store(db_url) as st:
        ingest_paths(st, [_doc(tmp_path)], progress=False)                       # one day: 2023-05-07
        (one,) = list(st.events())
        mention = {k: v for k, v in one.items() if k not in MERGED_KEYS} | {"trigger": one["triggers"][0]}
        long = {**mention, "event_id": "long1", "event_date": "2023-04-01", "event_date_end": "2023-06-30",
                "country": "Iraq", "admin1": "Nineveh", "location": "Mosul", "latitude": 36.3, "longitude": 43.1}
        doc = {"id": "siege", "url": None, "outlet": None, "published": "2023-07-01", "title": None}
        res = {"doc": doc, "events": [long], "quotes": [], "posts": []}
        st.put(res, "حصار طويل")
        for sort in ("date", "-date"):
            got, _ = st.page(EventFilter(date_from=date(2023, 5, 20), date_to=date(2023, 5, 25)), sort=sort)
            assert [e["location"] for e in got] == ["Mosul"]
            got, _ = st.page(EventFilter(date_from=date(2023, 5, 1)), sort=sort)
            assert {e["location"] for e in got} == {"Mosul", "Homs"}
