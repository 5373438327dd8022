"""Exports round-trip: events from the real pipeline -> csv / jsonl / geojson / parquet -> read back."""

from __future__ import annotations

import argparse
import copy
import io
import json
from datetime import date

import pytest

from marsad.export import (
    ACLED_COLUMNS,
    COLUMN_NAMES,
    EXPORTERS,
    ExportTables,
    Flattener,
    add_export_arguments,
    export,
    export_with_stats,
    flatten,
    run_export,
)
from marsad.export.flatten import interaction
from tests.conftest import DEV, needs_shared

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
geojson = pytest.importorskip("geojson")

# ACLED's columns in ACLED's order (codebook, 2023 layout).
ACLED_ORDER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
               "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
               "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
               "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
               "fatalities", "tags", "timestamp"]

# Hand-written news-like sentences (doc id, outlet, text).
SENTENCES = [
    ("ex1", "وكالة الأنباء", "قتل ثلاثة عناصر من قوات سوريا الديمقراطية وأصيب خمسة آخرون، أمس الأربعاء، في هجوم "
                             "شنه مسلحو تنظيم داعش على حاجز في بلدة الشدادي جنوب الحسكة."),
    ("ex2", "صحيفة اليمن", "تظاهر مئات المواطنين يوم الجمعة في مدينة صنعاء احتجاجاً على ارتفاع الأسعار."),
    ("ex3", "Iraq Daily", "شنت طائرات حربية تابعة للتحالف الدولي غارة جوية على مواقع لتنظيم داعش في محافظة "
                          "الأنبار غربي العراق، ما أسفر عن مقتل عشرة مسلحين."),
    ("ex4", "وكالة الأنباء", "اعتقلت قوات الأمن التونسية خمسة أشخاص في مدينة صفاقس يوم الاثنين بتهمة الانتماء "
                             "إلى جماعة متطرفة."),
]


def _events_of(pipeline, docs):
    from marsad.output import result_json

    out = []
    for doc in docs:
        out.extend(result_json(pipeline(doc))["events"])
    return out


@pytest.fixture(scope="module")
def tables():
    return ExportTables.load()


@pytest.fixture(scope="module")
def events(pipeline):
    from marsad.model.document import DocMeta, Document

    docs = [Document(text, DocMeta(id=did, outlet=outlet, url=f"https://news.example/{did}",
                                   published=date(2022, 1, 27)))
            for did, outlet, text in SENTENCES]
    evs = _events_of(pipeline, docs)
    assert len(evs) >= 3, "the pipeline should find events in the hand-written sentences"
    assert any("\u0600" <= ch <= "\u06ff" for e in evs for s in e["evidence"] for ch in s["text"])
    # One event with no place at all: GeoJSON must skip it, the other formats keep it.
    nowhere = copy.deepcopy(evs[0])
    nowhere["event_id"] = "nowhere0000000001"
    for k in ("country", "admin1", "admin2", "location", "location_ar", "latitude", "longitude"):
        nowhere[k] = None
    return [*evs, nowhere, merged_event()]


def merged_event() -> dict:
    """A de-duplicated event as the store hands it: two sources that disagree on fatalities."""
    return {
        "event_id": "c0ffee0000000042", "event_date": "2022-01-20", "event_date_end": "2022-01-22",
        "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": {"name": "Islamic State (ISIS)", "id": "ISIS", "mention": "تنظيم داعش", "kind": "rebel",
                   "inter": 2},
        "actor2": {"name": "Syrian Democratic Forces (SDF)", "id": "SDF", "mention": "قسد", "kind": "rebel"},
        "assoc_actor_1": [], "assoc_actor_2": [{"name": "Global Coalition against Daesh / CJTF-OIR",
                                                "id": "CJTF", "mention": "التحالف الدولي", "kind": "external"}],
        "civilian_targeting": False, "country": "Syria", "admin1": "Al-Hasakah", "admin2": "Al-Hasakah",
        "location": "Ghwayran", "location_ar": "غويران", "latitude": 36.49, "longitude": 40.74,
        "geo_precision": 1, "fatalities": 7, "injuries": None, "confidence": 0.93,
        "evidence": [{"doc_id": "m2", "start": 0, "end": 30, "text": "قتل عشرة في اشتباكات غويران"},
                     {"doc_id": "m1", "start": 5, "end": 40, "text": "اشتباكات عنيفة في حي غويران"}],
        "sources": [{"doc_id": "m1", "url": "https://a.example/1", "outlet": "Outlet A", "published": "2022-01-21"},
                    {"doc_id": "m2", "url": "https://www.b.example/2", "outlet": None,
                     "published": "2022-01-23T08:30:00+00:00"}],
        "fatalities_max": 10,
        "fatalities_reports": [{"doc_id": "m1", "outlet": "Outlet A", "fatalities": 7},
                               {"doc_id": "m2", "outlet": "b.example", "fatalities": 10}],
        "mentions": ["m1-1", "m2-1"],
        "merge_reasons": ["same place and day", "actors agree"],
        "triggers": [{"doc_id": "m1", "start": 10, "end": 17, "text": "اشتباكات"}],
    }


def _located(events):
    return [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None]


# ---------------------------------------------------------------- registry and columns

def test_registry_has_the_four_formats():
    assert set(EXPORTERS) >= {"csv", "jsonl", "geojson", "parquet"}
    with pytest.raises(ValueError, match="unknown export format"):
        export([], "xlsx", io.StringIO())


def test_columns_are_acled_then_extras():
    assert [c.name for c in ACLED_COLUMNS] == ACLED_ORDER
    extras = list(COLUMN_NAMES[len(ACLED_ORDER):])
    for name in ("event_date_end", "injuries", "confidence", "source_urls", "evidence", "location_ar",
                 "actor1_ar", "actor2_ar", "merge_reasons", "fatalities_max"):
        assert name in extras
    assert len(set(COLUMN_NAMES)) == len(COLUMN_NAMES)


# ---------------------------------------------------------------- ACLED conventions

@pytest.mark.parametrize("i1,i2,expected", [(1, 3, 13), (3, 1, 13), (2, 2, 22), (6, None, 60), (None, 7, 70),
                                            (8, 1, 18), (None, None, None)])
def test_interaction_code(i1, i2, expected):
    assert interaction(i1, i2) == expected


@pytest.mark.parametrize("event_type,sub,disorder", [
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Violence against civilians", "Abduction/forced disappearance", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Riots", "Mob violence", "Political violence; Demonstrations"),
    ("Strategic developments", "Arrests", "Strategic developments"),
    ("Battles", "some future sub-type", "Political violence"),  # falls back on the event type
])
def test_disorder_type(tables, event_type, sub, disorder):
    assert Flattener(tables).disorder_type(event_type, sub) == disorder


@pytest.mark.parametrize("country,iso,iso3,region", [
    ("Syria", 760, "SYR", "Middle East"), ("Syrian Arab Republic", 760, "SYR", "Middle East"),
    ("Iraq", 368, "IRQ", "Middle East"), ("Palestine", 275, "PSE", "Middle East"),
    ("Sudan", 729, "SDN", "Northern Africa"), ("South Sudan", 728, "SSD", "Eastern Africa"),
    ("Libya", 434, "LBY", "Northern Africa"), ("Mali", 466, "MLI", "Western Africa"),
    ("Chad", 148, "TCD", "Middle Africa"), ("Azerbaijan", 31, "AZE", "Caucasus and Central Asia"),
    ("Afghanistan", 4, "AFG", "South Asia"), ("Mozambique", 508, "MOZ", "Southern Africa"),
    ("Ukraine", 804, "UKR", "Europe"), ("Democratic Republic of Congo", 180, "COD", "Middle Africa"),
])
def test_country_codes(tables, country, iso, iso3, region):
    row = flatten({"event_id": "abc", "country": country}, tables)
    assert (row["iso"], row["region"]) == (iso, region)
    assert row["event_id_cnty"].startswith(iso3) and row["event_id_cnty"][3:].isdigit()


def test_event_id_cnty_is_stable_and_distinct(tables):
    f = Flattener(tables)
    a = f({"event_id": "e1", "country": "Yemen"})["event_id_cnty"]
    assert a == f({"event_id": "e1", "country": "Yemen"})["event_id_cnty"]
    assert a != f({"event_id": "e2", "country": "Yemen"})["event_id_cnty"]
    assert f({"event_id": "e1"})["event_id_cnty"].startswith("XXX")


def test_actor_fields(tables):
    row = flatten(merged_event(), tables)
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == \
        ("Islamic State (ISIS)", 2, "Syrian Democratic Forces (SDF)", 2)  # inter from the kind when absent
    assert row["assoc_actor_2"] == "Global Coalition against Daesh / CJTF-OIR"
    assert (row["actor1_ar"], row["actor2_ar"]) == ("تنظيم داعش", "قسد")
    assert row["civilian_targeting"] is None
    assert flatten({**merged_event(), "civilian_targeting": True}, tables)["civilian_targeting"] == \
        "Civilian targeting"


def test_merged_event_row(tables):
    row = flatten(merged_event(), tables)
    assert row["source"] == "Outlet A; b.example"  # the URL host stands in for a missing outlet
    assert row["fatalities"] == 7 and row["fatalities_max"] == 10  # the conservative figure, and the range
    assert row["merge_reasons"] == "same place and day | actors agree"
    assert row["n_sources"] == 2
    assert row["source_urls"] == "https://a.example/1; https://www.b.example/2"
    assert row["evidence"] == "اشتباكات عنيفة في حي غويران | قتل عشرة في اشتباكات غويران"  # source order
    assert row["timestamp"] == 1642926600  # the latest publication, 2022-01-23T08:30Z
    assert "up to 10 in some sources" in row["notes"] and "Sources: 2." in row["notes"]


def test_fatalities_from_reports_when_unset(tables):
    ev = {**merged_event(), "fatalities": None, "fatalities_max": None}
    row = flatten(ev, tables)
    assert (row["fatalities"], row["fatalities_max"]) == (7, 10)


@pytest.mark.parametrize("patch,expected", [
    ({}, "Between 2022-01-20 and 2022-01-22, Islamic State (ISIS) clashed with Syrian Democratic Forces (SDF) "
         "in Ghwayran (Al-Hasakah, Syria). 7 reported fatalities (up to 10 in some sources). [Armed clash] "
         "Sources: 2."),
    ({"event_date_end": "2022-01-20", "time_precision": 3, "actor2": None, "fatalities": None,
      "fatalities_max": None, "fatalities_reports": [], "sources": []},
     "In January 2022, Islamic State (ISIS) was involved in an armed clash in Ghwayran (Al-Hasakah, Syria). "
     "[Armed clash] Sources: 0."),
    ({"event_date": None, "event_date_end": None, "actor1": None, "location": None, "admin1": None,
      "fatalities": 1, "fatalities_max": 1, "injuries": 4},
     "An event of type Armed clash was reported involving Syrian Democratic Forces (SDF) in Syria. "
     "1 reported fatality, 4 injured. [Armed clash] Sources: 2."),
])
def test_notes_template(tables, patch, expected):
    assert flatten({**merged_event(), **patch}, tables)["notes"] == expected


def test_minimal_event_is_tolerated(tmp_path, tables):
    ev = {"event_id": "bare"}
    for fmt, exp in EXPORTERS.items():
        stats = export_with_stats([ev], fmt, tmp_path / f"bare{exp.suffix}", tables)
        assert (stats.written, stats.skipped) == ((0, 1) if fmt == "geojson" else (1, 0))


# ---------------------------------------------------------------- round trips

def test_csv_round_trip(tmp_path, events, tables):
    path = tmp_path / "events.csv"
    assert export(events, "csv", path, tables) == len(events)
    df = pd.read_csv(path, dtype={"event_id": str}, keep_default_na=True)
    assert list(df.columns) == ACLED_ORDER + list(COLUMN_NAMES[len(ACLED_ORDER):])
    assert len(df) == len(events)
    dates = pd.to_datetime(df["event_date"], format="%Y-%m-%d")
    assert dates.notna().all()
    flat = Flattener(tables)
    for (_, rec), ev in zip(df.iterrows(), events, strict=True):
        row = flat(ev)
        assert rec["evidence"] == row["evidence"]  # Arabic survives byte for byte
        assert rec["location_ar"] == row["location_ar"] or (pd.isna(rec["location_ar"]) and not row["location_ar"])
        assert rec["notes"] == row["notes"]
        if row["fatalities"] is None:
            assert pd.isna(rec["fatalities"])
        else:
            assert rec["fatalities"] == row["fatalities"]
        if row["latitude"] is not None:
            assert rec["latitude"] == pytest.approx(row["latitude"])
    merged = df[df["event_id"] == "c0ffee0000000042"].iloc[0]
    assert merged["source"] == "Outlet A; b.example"
    assert merged["fatalities"] == 7


def test_csv_bom_and_streams(tables, events):
    buf = io.BytesIO()
    export(events[:2], "csv", buf, tables, bom=True)
    raw = buf.getvalue()
    assert raw.startswith("\ufeff".encode())
    assert not buf.closed  # the caller's stream stays open
    text = io.StringIO()
    export(events[:2], "csv", text, tables)
    assert raw.decode("utf-8-sig") == text.getvalue()


def test_jsonl_round_trip(tmp_path, events, tables):
    path = tmp_path / "events.jsonl"
    assert export(iter(events), "jsonl", path, tables) == len(events)
    raw = path.read_text("utf-8")
    assert "داعش" in raw  # Arabic written as is, not \\u escapes
    lines = raw.splitlines()
    assert [json.loads(ln) for ln in lines] == events


def test_geojson_round_trip(tmp_path, events, tables):
    path = tmp_path / "events.geojson"
    stats = export_with_stats(events, "geojson", path, tables)
    located = _located(events)
    assert (stats.written, stats.skipped) == (len(located), len(events) - len(located))
    assert stats.skipped >= 1
    with path.open(encoding="utf-8") as f:
        fc = geojson.load(f)
    assert fc.is_valid and fc["type"] == "FeatureCollection"
    assert fc["marsad"] == {"skipped_without_coordinates": stats.skipped}
    flat = Flattener(tables)
    assert len(fc["features"]) == len(located)
    for feat, ev in zip(fc["features"], located, strict=True):
        assert feat["geometry"]["type"] == "Point"
        assert feat["geometry"]["coordinates"] == [ev["longitude"], ev["latitude"]]  # lon, lat
        assert feat["properties"] == flat(ev)
        assert feat["id"] == ev["event_id"]


def test_parquet_round_trip(tmp_path, events, tables):
    path = tmp_path / "events.parquet"
    assert export(events, "parquet", path, tables) == len(events)
    t = pq.read_table(path)
    assert t.num_rows == len(events)
    assert t.column_names[:len(COLUMN_NAMES)] == list(COLUMN_NAMES)
    s = t.schema
    assert s.field("event_date").type == pa.date32() and s.field("event_date_end").type == pa.date32()
    assert s.field("fatalities").type == pa.int32() and s.field("injuries").type == pa.int32()
    assert s.field("latitude").type == pa.float64() and s.field("longitude").type == pa.float64()
    assert s.field("iso").type == pa.int16()
    assert pa.types.is_list(s.field("source_list").type)
    flat = Flattener(tables)
    for rec, ev in zip(t.to_pylist(), events, strict=True):
        row = flat(ev)
        for k in COLUMN_NAMES:
            want = row[k]
            if k in ("event_date", "event_date_end") and want is not None:
                want = date.fromisoformat(want)
            assert rec[k] == want, k
        assert [x["doc_id"] for x in rec["source_list"]] == [x["doc_id"] for x in ev["sources"]]
        assert [x["text"] for x in rec["evidence_spans"]] == [x["text"] for x in ev["evidence"]]
    merged = next(r for r in t.to_pylist() if r["event_id"] == "c0ffee0000000042")
    assert merged["fatalities"] == 7 and merged["fatalities_max"] == 10
    assert [r["fatalities"] for r in merged["fatalities_reports"]] == [7, 10]
    assert merged["fatalities_reports"][0]["outlet"] == "Outlet A"


def test_parquet_streams_in_batches(tmp_path, events, tables):
    def many():
        for i in range(250):
            ev = dict(events[i % len(events)])
            ev["event_id"] = f"copy{i}"
            yield ev

    path = tmp_path / "many.parquet"
    assert export(many(), "parquet", path, tables, batch=100) == 250
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == 250 and meta.num_row_groups == 3
    buf = io.BytesIO()
    assert export(many(), "parquet", buf, tables) == 250
    assert pq.read_table(io.BytesIO(buf.getvalue())).num_rows == 250
    with pytest.raises(TypeError, match="binary"):
        export(events, "parquet", io.StringIO(), tables)


def test_empty_exports(tmp_path, tables):
    assert export([], "parquet", tmp_path / "e.parquet", tables) == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
    assert export([], "geojson", tmp_path / "e.geojson", tables) == 0
    assert json.loads((tmp_path / "e.geojson").read_text("utf-8"))["features"] == []
    assert export([], "csv", tmp_path / "e.csv", tables) == 0
    assert list(pd.read_csv(tmp_path / "e.csv").columns) == list(COLUMN_NAMES)


def test_cli_helpers(tmp_path, events, capsys):
    parser = add_export_arguments(argparse.ArgumentParser())
    args = parser.parse_args(["--format", "geojson", "--out", str(tmp_path / "x.geojson")])
    assert run_export(events, args) == 0
    err = capsys.readouterr().err
    assert f"exported {len(_located(events))} event(s) as geojson" in err and "skipped" in err
    with pytest.raises(SystemExit):
        parser.parse_args(["--format", "xlsx"])


# ---------------------------------------------------------------- the dev articles

@needs_shared
def test_dev_articles_export(tmp_path, pipeline, tables):
    from marsad.ingest import IngestError, read_paths

    docs = [d for d in read_paths(sorted(str(p) for p in (DEV / "raw").glob("d0*.json")))
            if not isinstance(d, IngestError)]
    events = _events_of(pipeline, docs)
    assert len(events) > 20
    for fmt, exp in EXPORTERS.items():
        stats = export_with_stats(events, fmt, tmp_path / f"dev{exp.suffix}", tables)
        assert stats.written + stats.skipped == len(events)
    assert len(pd.read_csv(tmp_path / "dev.csv")) == len(events)
    assert pq.read_table(tmp_path / "dev.parquet").num_rows == len(events)
    lines = (tmp_path / "dev.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(x) for x in lines] == events
    fc = json.loads((tmp_path / "dev.geojson").read_text("utf-8"))
    for feat in fc["features"]:
        lon, lat = feat["geometry"]["coordinates"]
        assert (lat, lon) == (feat["properties"]["latitude"], feat["properties"]["longitude"])
    rows = [flatten(e, tables) for e in events]
    assert all(r["iso"] is not None for r in rows if r["country"])  # every emitted country has codes
    assert all(r["disorder_type"] for r in rows)


def test_docs_list_every_column_and_format():
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "export.md").read_text("utf-8")
    missing = [c for c in COLUMN_NAMES if f"`{c}`" not in doc]
    assert not missing, f"docs/export.md does not document {missing}"
    assert all(f"`{fmt}`" in doc for fmt in EXPORTERS)
    for nested in ("source_list", "evidence_spans", "fatalities_reports"):
        assert f"`{nested}`" in doc
