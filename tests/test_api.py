"""The REST API on a real SQLite file and a real PostgreSQL database: every endpoint, every filter, paging,
the download formats, the write endpoint's token and limits, clear 4xx errors, and docs/api.md in step with
the OpenAPI spec. The store holds the four reports of tests/data/store (written for these tests)."""

from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path

import pytest

from marsad.store import Store
from marsad.store.run import ingest_paths
from tests.store_fixtures import BACKENDS, new_database

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from marsad.api.app import create_app

REPORTS = Path(__file__).parent / "data" / "store"
ROOT = Path(__file__).resolve().parents[1]
TOKEN = "s3cret-token"


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, tmp_path_factory):
    url, drop = new_database(request.param, tmp_path_factory.mktemp("api"))
    with Store(url) as st:
        assert ingest_paths(st, [str(REPORTS)], progress=False).added == 4
    app = create_app(url, token=TOKEN, max_body=200_000)
    with TestClient(app) as c:
        yield c
    app.state.store.close()
    drop()


def _events(client, **params) -> list[dict]:
    r = client.get("/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()["events"]


def _aleppo(client) -> dict:
    (ev,) = [e for e in _events(client) if e["admin1"] == "Aleppo"]
    return ev


def test_health_counts_the_store(client) -> None:
    h = client.get("/health").json()
    assert h["status"] == "ok" and h["documents"] == 4 and h["clusters"] == 2


def test_events_are_merged_across_outlets_with_every_source_and_trigger(client) -> None:
    evs = _events(client)
    assert len(evs) == 2
    ev = _aleppo(client)
    assert {s["doc_id"] for s in ev["sources"]} == {"t-a", "t-b", "t-c"}
    assert len(ev["triggers"]) == 3 and all(t["text"] for t in ev["triggers"])
    full = client.get(f"/events/{ev['event_id']}").json()
    assert full["merge_reasons"] and {r["outlet"] for r in full["fatalities_reports"]} >= {"وكالة أ"}
    assert full["fatalities"] <= full["fatalities_max"]


def test_cursor_paging_visits_every_event_once_in_order(client) -> None:
    for sort in ("date", "-date", "-sources"):
        seen, cursor = [], None
        while True:
            params = {"limit": 1, "sort": sort} | ({"cursor": cursor} if cursor else {})
            page = client.get("/events", params=params).json()
            seen += [e["event_id"] for e in page["events"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert sorted(seen) == sorted(e["event_id"] for e in _events(client)) and len(seen) == len(set(seen))
    by_sources = _events(client, sort="-sources")
    assert len(by_sources[0]["sources"]) == 3


@pytest.mark.parametrize(("params", "admin1s"), [
    ({"country": "Syria"}, {"Aleppo", "Idlib"}),
    ({"country": "SY"}, {"Aleppo", "Idlib"}),
    ({"country": "syr"}, {"Aleppo", "Idlib"}),
    ({"country": "Iraq"}, set()),
    ({"region": "Middle East"}, {"Aleppo", "Idlib"}),
    ({"region": "Western Africa"}, set()),
    ({"admin1": "aleppo"}, {"Aleppo"}),
    ({"admin1": ["Idlib", "Al-Aleppo"]}, {"Aleppo", "Idlib"}),
    ({"type": "Shelling/artillery/missile attack"}, {"Idlib"}),
    ({"type": ["Explosions/Remote violence"]}, {"Aleppo", "Idlib"}),
    ({"actor": "Military Forces"}, {"Idlib"}),
    ({"actor": "military:Syria"}, {"Idlib"}),
    ({"actor": "المدفعيه"}, {"Idlib"}),                   # Arabic as written, folded (ta marbuta)
    ({"text": "مفخخة"}, {"Aleppo"}),
    ({"text": ["سياره", "قرى جبل"]}, {"Aleppo", "Idlib"}),   # any of the words; hamza/ta marbuta folded
    ({"bbox": "36.8,36.3,37.2,36.7"}, {"Aleppo"}),
    ({"min_fatalities": 5}, {"Aleppo"}),
    ({"min_confidence": 0.9}, {"Aleppo"}),
    ({"min_sources": 2}, {"Aleppo"}),
    ({"from": "2023-05-11"}, set()),
    ({"to": "2023-05-10", "from": "2023-05-10"}, {"Aleppo", "Idlib"}),
])
def test_filters(client, params: dict, admin1s: set[str]) -> None:
    assert {e["admin1"] for e in _events(client, **params)} == admin1s


@pytest.mark.parametrize(("fmt", "accept", "mime"), [
    ("csv", None, "text/csv"), (None, "text/csv", "text/csv"), ("geojson", None, "application/geo+json"),
    ("parquet", None, "application/vnd.apache.parquet"), ("jsonl", None, "application/x-ndjson")])
def test_download_formats(client, fmt, accept, mime) -> None:
    r = client.get("/events", params={"format": fmt} if fmt else {}, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(mime)
    if mime == "text/csv":
        import pandas as pd

        from marsad.export import CSV_DTYPES

        df = pd.read_csv(io.StringIO(r.text), dtype=CSV_DTYPES)
        assert len(df) == 2 and {"event_id_cnty", "event_date", "fatalities", "latitude"} <= set(df.columns)
        assert str(df["fatalities"].dtype) == "Int64" and str(df["inter2"].dtype) == "Int64"
        assert str(df["year"].dtype) == "Int64" and df["year"].tolist() == [2023, 2023]
    elif mime == "application/geo+json":
        assert len(r.json()["features"]) == 2
    elif mime.endswith("parquet"):
        import pyarrow.parquet as pq

        assert pq.read_table(io.BytesIO(r.content)).num_rows == 2
    else:
        assert len(r.text.splitlines()) == 2


@pytest.mark.parametrize(("params", "status", "says"), [
    ({"bbox": "1,2,3"}, 400, "four numbers"), ({"bbox": "10,0,5,1"}, 400, "W <= E"),
    ({"from": "yesterday"}, 400, "YYYY-MM-DD"), ({"cursor": "not-a-cursor"}, 400, "cursor"),
    ({"sort": "fatalities"}, 400, "sort must be"), ({"limit": 100000}, 422, ""),
    ({"min_confidence": 2}, 422, ""), ({"format": "xls"}, 400, "format must be"),
])
def test_bad_requests_are_clear_4xx(client, params, status, says) -> None:
    r = client.get("/events", params=params)
    assert r.status_code == status and says in json.dumps(r.json())


def test_a_cursor_of_another_sort_is_refused(client) -> None:
    cursor = client.get("/events", params={"limit": 1}).json()["next_cursor"]
    r = client.get("/events", params={"limit": 1, "sort": "-date", "cursor": cursor})
    assert r.status_code == 400 and "another sort" in r.json()["detail"]


def test_unknown_event_and_document_are_404(client) -> None:
    assert client.get("/events/nope").status_code == 404
    assert client.get("/documents/nope").status_code == 404


def test_document_view_spans_point_into_the_original_text(client) -> None:
    view = client.get("/documents/t-a").json()
    text = view["text"]
    assert view["doc"]["outlet"] == "وكالة أ" and view["events"]
    for ev in view["events"]:
        assert text[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
        for s in ev["evidence"]:
            assert text[s["start"]:s["end"]] == s["text"]
    for q in view["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
    assert {e["event_id"] for e in view["events"]} == {_aleppo(client)["event_id"]}


def test_quotes_actors_and_facets(client) -> None:
    qs = client.get("/quotes").json()["quotes"]
    assert all(q["doc_id"] for q in qs)
    if qs:
        who = qs[0]["speaker"]["name"]
        assert client.get("/quotes", params={"speaker": who[:4]}).json()["count"] >= 1
    assert client.get("/quotes", params={"speaker": "nobody at all"}).json()["count"] == 0
    actors = client.get("/actors").json()["actors"]
    assert {"name": "Military Forces of Syria", "id": "military:Syria", "events": 1} in actors
    f = client.get("/facets").json()
    assert f["countries"] == [{"name": "Syria", "events": 2}] and f["date_min"] == "2023-05-10"


ARTICLE = "قتل ثلاثة مدنيين في قصف على مدينة حمص أمس الأحد."


def test_writes_need_the_token(client) -> None:
    rec = {"id": "w1", "text": ARTICLE, "published": "2023-05-08"}
    assert client.post("/documents", json=rec).status_code == 401
    assert client.post("/documents", json=rec, headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = client.post("/documents", json=rec, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json()["results"][0]["outcome"] == "added"
    assert client.get("/documents/w1").status_code == 200
    again = client.post("/documents", json=rec, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert again["results"][0]["outcome"] == "unchanged"


def test_a_json_lines_batch_reports_each_line(client) -> None:
    body = "\n".join([json.dumps({"id": "w2", "text": ARTICLE + " 2", "published": "2023-05-08"}), "{broken",
                      json.dumps({"id": "w3", "url": 5, "text": ARTICLE})])
    r = client.post("/documents", content=body.encode(), headers={"Authorization": f"Bearer {TOKEN}",
                                                                   "Content-Type": "application/x-ndjson"})
    res = r.json()["results"]
    assert r.status_code == 200 and res[0]["outcome"] == "added"
    assert res[1]["line"] == 2 and "invalid JSON" in res[1]["error"]
    assert res[2]["line"] == 3 and "url must be a string" in res[2]["error"]


def test_request_size_limit_and_refused_writes_without_a_token(client, tmp_path) -> None:
    r = client.post("/documents", content=b"x" * 300_000, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413
    db = str(tmp_path / "ro.db")
    Store(db).close()
    with TestClient(create_app(db, token="")) as ro:
        r = ro.post("/documents", json={"text": ARTICLE}, headers={"Authorization": "Bearer x"})
        assert r.status_code == 403 and "MARSAD_API_TOKEN" in r.json()["detail"]


def test_pages_are_served_offline_with_a_strict_policy(client) -> None:
    for path in ("/", "/docs"):
        r = client.get(path)
        assert r.status_code == 200 and "script-src 'self'" in r.headers["content-security-policy"]
        refs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
        assert refs and all(ref.startswith("/") for ref in refs), refs  # nothing from another server
        assert "<script>" not in r.text  # no inline script
        for ref in refs:
            assert client.get(ref).status_code == 200, ref
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")


def test_docs_api_md_documents_every_endpoint(client) -> None:
    spec = client.get("/openapi.json").json()
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^#+ `(GET|POST) (/[^`]*)`", doc, flags=re.M))
    served = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert documented == served
    for path, ops in spec["paths"].items():
        for op in ops.values():
            for prm in op.get("parameters", []):
                if prm["in"] == "query":
                    assert f"`{prm['name']}`" in doc, f"{path}: parameter {prm['name']} is not in docs/api.md"
