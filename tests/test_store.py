"""The store on SQLite and on a real PostgreSQL: idempotent ingest, replacement, duplicates, merging across
outlets, reprocessing, migrations, and a kill in the middle of an ingest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from marsad.ingest import read_file, read_paths
from marsad.output import result_json
from marsad.store import EventFilter, Outcome, Store
from marsad.store.run import ingest_paths, reprocess
from marsad.store.schema import clusters, documents
from tests.conftest import DEV, needs_shared
from tests.store_fixtures import BACKENDS, new_database

REPORTS = Path(__file__).parent / "data" / "store"   # four short reports written for these tests


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    url, drop = new_database(request.param, tmp_path)
    st = Store(url)
    yield st
    st.close()
    drop()


def _results(pipeline, paths):
    out = []
    for doc in read_paths([str(p) for p in paths]):
        out.append((result_json(pipeline(doc)), doc.text))
    return out


@pytest.fixture(scope="module")
def dev_results(pipeline):
    if not (DEV / "raw").is_dir():
        pytest.skip(f"the dev corpus is not at {DEV}")
    return _results(pipeline, sorted((DEV / "raw").glob("*.json")))


def test_migrations_match_the_table_definitions(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from marsad.store.schema import metadata

    assert store.revision() == "0012"
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_same_event_from_three_outlets_is_one_event_with_three_sources(store, pipeline):
    for res, text in _results(pipeline, sorted(REPORTS.glob("*.json"))):
        store.put(res, text)
    events = list(store.events())
    bombs = [e for e in events if e["sub_event_type"] == "Remote explosive/landmine/IED"]
    assert len(bombs) == 1
    bomb = bombs[0]
    assert [s["doc_id"] for s in bomb["sources"]] == ["t-c", "t-a", "t-b"]     # by publication date
    assert bomb["event_date"] == "2023-05-10" and bomb["location"] == "Izaz" and bomb["admin1"] == "Aleppo"
    # conflicting tolls: the conservative one, the highest, and who said what
    assert bomb["fatalities"] == 5 and bomb["fatalities_max"] == 7
    assert {(r["doc_id"], r["fatalities"]) for r in bomb["fatalities_reports"]} == {("t-a", 5), ("t-b", 7),
                                                                                    ("t-c", 6)}
    assert len(bomb["merge_reasons"]) == 2 and all("same location (Izaz)" in r for r in bomb["merge_reasons"])
    assert {s["doc_id"] for s in bomb["evidence"]} == {"t-a", "t-b", "t-c"}
    # the shelling of Jabal al-Zawiya the same day, by the same outlet as one bomb report, stays apart
    others = [e for e in events if e is not bomb]
    assert len(others) == 1 and others[0]["admin1"] == "Idlib" and len(others[0]["sources"]) == 1


def test_filters(store, pipeline):
    for res, text in _results(pipeline, sorted(REPORTS.glob("*.json"))):
        store.put(res, text)

    def ids(**kw):
        return [e["sub_event_type"] for e in store.events(EventFilter(**kw))]

    assert ids(admin1="idlib") == ["Shelling/artillery/missile attack"]
    assert ids(event_type="Explosions/Remote violence") == ["Remote explosive/landmine/IED",
                                                             "Shelling/artillery/missile attack"]
    assert ids(min_sources=2) == ["Remote explosive/landmine/IED"]
    assert ids(text="جبل الزاوية") == ["Shelling/artillery/missile attack"]
    assert ids(actor="military forces of syria") == ["Shelling/artillery/missile attack"]
    from datetime import date

    assert ids(date_from=date(2023, 5, 11)) == []


def test_reingest_unchanged_changed_and_duplicate(store, pipeline):
    (res, text), = _results(pipeline, [REPORTS / "a.json"])
    assert store.put(res, text) is Outcome.ADDED
    before = store.dump()
    assert store.put(res, text) is Outcome.UNCHANGED
    assert store.dump() == before
    # the same content under another id is not stored twice
    other = json.loads(json.dumps(res))
    other["doc"]["id"] = "t-a-mirror"
    assert store.put(other, text) is Outcome.DUPLICATE
    assert store.dump() == before
    # a corrected article replaces its old results
    doc = next(read_file(str(REPORTS / "a.json")))
    from marsad.model.document import Document

    fixed = Document(doc.text.replace("خمسة مدنيين", "ثمانية مدنيين"), doc.meta)
    res2 = result_json(pipeline(fixed))
    assert store.put(res2, fixed.text) is Outcome.REPLACED
    assert store.counts()["documents"] == 1
    (ev,) = list(store.events())
    assert ev["fatalities"] == 8


def test_replacing_a_document_shrinks_its_clusters(store, pipeline):
    results = _results(pipeline, sorted(REPORTS.glob("*.json")))
    for res, text in results:
        store.put(res, text)
    assert store.delete("t-b")
    bomb = next(e for e in store.events() if e["sub_event_type"].startswith("Remote"))
    assert [s["doc_id"] for s in bomb["sources"]] == ["t-c", "t-a"]
    assert bomb["fatalities_max"] == 6 and not any(r.startswith("t-b:") for r in bomb["merge_reasons"])
    assert store.counts()["clusters"] == 2
    _merged_is_up_to_date(store)
    res, text = results[1]
    store.put(res, text)                                        # t-b joins again
    _merged_is_up_to_date(store)


def _merged_is_up_to_date(store: Store) -> None:
    """The merged event kept with each cluster is what merging its mentions now gives."""
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(sa.select(clusters.c.id))]
        assert store._merged(conn, ids) == store._merge_from_mentions(conn, ids)


@needs_shared
def test_ingesting_the_dev_corpus_twice_gives_identical_stores(store, dev_results, tmp_path):
    for res, text in dev_results:
        assert store.put(res, text, version="v1") is Outcome.ADDED
    first = store.dump()
    assert all(store.put(res, text, version="v1") is Outcome.UNCHANGED for res, text in dev_results)
    assert store.dump() == first
    _merged_is_up_to_date(store)
    c = store.counts()
    assert c["documents"] == len(dev_results)
    assert c["mentions"] == sum(len(r["events"]) for r, _ in dev_results)
    assert c["quotes"] == sum(len(r["quotes"]) for r, _ in dev_results)
    assert c["clusters"] < c["mentions"]           # the dev clusters merge something
    # and SQLite holds exactly what PostgreSQL holds
    if store.engine.dialect.name == "postgresql":
        lite = Store(str(tmp_path / "twin.db"))
        for res, text in dev_results:
            lite.put(res, text, version="v1")
        assert lite.dump() == first
        lite.close()


def test_reprocess_extracts_outdated_documents_again(store):
    tally = ingest_paths(store, [str(REPORTS)], progress=False)
    assert tally.added == 4 and not tally.errors
    before = store.dump()
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE documents SET version = 'old' WHERE id = 't-d'"))
    t2 = reprocess(store, progress=False)
    assert (t2.replaced, t2.added, len(t2.errors)) == (1, 0, 0)
    assert store.dump()["documents"] == before["documents"]
    assert reprocess(store, progress=False).replaced == 0          # nothing outdated any more


def test_bad_documents_do_not_cost_the_others(tmp_path):
    (tmp_path / "good.json").write_text((REPORTS / "d.json").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"id": "x", "text": ', encoding="utf-8")
    (tmp_path / "empty.json").write_text('{"id": "y", "text": ""}', encoding="utf-8")
    st = Store(str(tmp_path / "s.db"))
    tally = ingest_paths(st, [str(tmp_path)], progress=False)
    assert tally.added == 1 and len(tally.errors) == 2
    assert any("broken.json" in e for e in tally.errors) and any("empty.json" in e for e in tally.errors)
    assert st.counts()["documents"] == 1


def _corpus(path: Path, copies: int, mark: str = "") -> int:
    """Copies of the four reports with distinct ids and texts (so none is a duplicate); `mark` changes every
    text (a corrected edition of the same documents)."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for f in sorted(REPORTS.glob("*.json")):
                rec = json.loads(f.read_text(encoding="utf-8"))
                rec["id"] = f"{rec['id']}-{k}"
                rec["text"] += f" (تحديث {k}){mark}"
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    return n


_MARK = " (تصحيح)"


def _stored(url: str, replacing: bool) -> int:
    """Documents stored so far (in a replacement run: those already replaced by their corrected text)."""
    try:
        with Store(url, migrate=False) as st, st.engine.connect() as conn:
            q = sa.select(sa.func.count()).select_from(documents)
            if replacing:
                q = q.where(documents.c.text.contains(_MARK))
            return conn.execute(q).scalar_one()
    except sa.exc.DBAPIError:
        return 0


def _check_integrity(st: Store) -> None:
    with st.engine.connect() as conn:
        # every stored document has exactly the results it was stored with: no half-written document
        bad = conn.execute(sa.text(
            "SELECT d.id FROM documents d WHERE d.n_events != (SELECT count(*) FROM mentions m "
            "WHERE m.doc_id = d.id) OR d.n_quotes != (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id)"
        )).all()
        orphans = conn.execute(sa.text(
            "SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.id = m.doc_id WHERE d.id IS NULL"
        )).scalar()
        # every cluster counts exactly the mentions that point to it, and none is empty
        miscounted = conn.execute(sa.text(
            "SELECT c.id FROM clusters c WHERE c.n_mentions != (SELECT count(*) FROM mentions m "
            "WHERE m.cluster_id = c.id) OR c.n_mentions = 0")).all()
        if st.engine.dialect.name == "sqlite":
            assert conn.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
    assert bad == [] and orphans == 0 and miscounted == []


@pytest.mark.parametrize(("backend", "workers", "replacing"), [
    ("sqlite", 1, False), ("sqlite", 2, True), ("postgresql", 2, False), ("postgresql", 1, True)])
def test_a_killed_ingest_loses_nothing_committed_and_leaves_no_half_document(tmp_path, backend, workers,
                                                                             replacing):
    url, drop = new_database(backend, tmp_path)
    src = tmp_path / "many.jsonl"
    copies = 30 if replacing else 60  # 120 / 240 documents: the kill lands after 40, well before the end
    total = _corpus(src, copies)
    if replacing:  # first store every document, then kill the ingest of their corrected texts
        with Store(url) as st:
            assert ingest_paths(st, [str(src)], progress=False, workers=2).added == total
        _corpus(src, copies, _MARK)
    else:
        Store(url).close()
    cmd = [sys.executable, "-m", "marsad.cli.main", "ingest", str(src), "--db", url, "--quiet",
           "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    stored = 0
    deadline = time.time() + 90
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        stored = _stored(url, replacing)
        if stored >= 40:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    try:
        assert 0 < stored < total, "the kill should land mid-ingest"
        with Store(url) as st:
            _check_integrity(st)
            kept = _stored(url, replacing)
            assert kept >= stored and st.counts()["documents"] == (total if replacing else kept)
            # running the same ingest again finishes the job and skips what was kept
            tally = ingest_paths(st, [str(src)], progress=False)
            assert tally.unchanged == kept and (tally.replaced if replacing else tally.added) == total - kept
            assert st.counts()["documents"] == total and _stored(url, replacing) == total
            _check_integrity(st)
    finally:
        drop()


def test_command_line_ingest_query_export(tmp_path, capsys):
    import pandas as pd

    from marsad.cli.main import main

    db = str(tmp_path / "cli.db")
    assert main(["ingest", str(REPORTS), "--db", db, "--quiet"]) == 0
    assert "4 added" in capsys.readouterr().err
    assert main(["ingest", str(REPORTS), "--db", db, "--quiet"]) == 0
    assert "4 unchanged" in capsys.readouterr().err
    assert main(["query", "--db", db, "--min-sources", "3"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["event_id", "event_date", "sub_event_type"] and len(table) == 2
    assert "Izaz" in table[1] and table[1].rstrip().endswith("3")
    assert main(["query", "--db", db, "--country", "IQ", "--country", "SYR", "--type", "Battles",
                 "--type", "Remote explosive/landmine/IED", "--json"]) == 0
    (one,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert one["location"] == "Izaz" and table[1].split()[0] == one["event_id"]
    assert main(["export", "--db", db, "--format", "jsonl", "--limit", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    out = tmp_path / "events.csv"
    assert main(["export", "--db", db, "--format", "csv", "--out", str(out), "--country", "Syria"]) == 0
    df = pd.read_csv(out)
    assert len(df) == 2 and list(df.columns[:3]) == ["event_id_cnty", "event_date", "year"]
    bomb = df[df["sub_event_type"] == "Remote explosive/landmine/IED"].iloc[0]
    assert bomb["fatalities"] == 5 and bomb["fatalities_max"] == 7 and bomb["location"] == "Izaz"
    assert set(bomb["source"].split("; ")) == {"وكالة أ", "صحيفة ب", "موقع ج"}


def test_worker_processes_store_exactly_what_one_process_stores(tmp_path):
    one, two = Store(str(tmp_path / "one.db")), Store(str(tmp_path / "two.db"))
    src = tmp_path / "some.jsonl"
    _corpus(src, 5)
    assert ingest_paths(one, [str(src)], progress=False).added == 20
    assert ingest_paths(two, [str(src)], progress=False, workers=2).added == 20
    assert one.dump() == two.dump()


def test_batched_status_agrees_with_one_at_a_time(store, pipeline):
    results = _results(pipeline, sorted(REPORTS.glob("*.json")))
    (res_a, text_a), (res_b, text_b) = results[:2]
    store.put(res_a, text_a)
    store.put(res_b, text_b)
    cases = [                                   # (id, text, what ingest must decide before extracting)
        ("t-a", text_a, Outcome.UNCHANGED),
        ("t-b", text_b + " تحديث", Outcome.REPLACED),
        ("t-a-mirror", text_a, Outcome.DUPLICATE),
        ("t-new", "نص لم يخزن من قبل عن اشتباكات في ريف حلب.", Outcome.ADDED),
        ("t-b", text_a, Outcome.REPLACED),        # a stored id with another stored document's content
    ]
    assert store.statuses([(i, t) for i, t, _ in cases]) == [want for _, _, want in cases]
    assert [store.status(i, t) for i, t, _ in cases] == [want for _, _, want in cases]


def _spread(res: dict, doc_id: str, n: int) -> dict:
    """`res` with its first event repeated n times, copy k moved 3k days later: n events of one document,
    each alone in its blocking window."""

    res = json.loads(json.dumps(res))
    res["doc"]["id"] = doc_id
    res["quotes"], res["posts"] = [], []
    ev0 = res["events"][0]
    day = date.fromisoformat(ev0["event_date"])
    events = []
    for k in range(n):
        ev = json.loads(json.dumps(ev0))
        ev["event_id"] = f"{doc_id}-{k}"
        ev["event_date"] = ev["event_date_end"] = (day + timedelta(days=3 * k)).isoformat()
        for s in ev.get("sources", []):
            s["doc_id"] = doc_id
        events.append(ev)
    res["events"] = events
    return res


@pytest.mark.parametrize("n", [1, 2, 150])      # 150 events: more than one UNION of candidate queries
def test_each_event_of_a_long_document_finds_its_own_cluster(store, pipeline, n):
    (res, text), = _results(pipeline, [REPORTS / "a.json"])
    store.put(_spread(res, "long-1", n), text)
    store.put(_spread(res, "long-2", n), text + " (نسخة ثانية)")
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(sa.text("id, n_mentions")).select_from(sa.text("clusters"))).all()
        pairs = conn.execute(sa.text("SELECT cluster_id, count(*) FROM mentions GROUP BY cluster_id")).all()
    assert len(rows) == n and all(m == 2 for _, m in rows)
    assert sorted(c for c, _ in pairs) == sorted(c for c, _ in rows) and all(k == 2 for _, k in pairs)
    assert store.delete("long-1") and store.counts()["clusters"] == n


@pytest.mark.parametrize("span", [0, 20, 120])   # 120 days: over SPAN_CAP, looked up by ix_clusters_long
def test_an_event_joins_a_cluster_whose_dates_cover_it_however_long_it_spans(store, pipeline, span):
    (res, text), = _results(pipeline, [REPORTS / "a.json"])
    first = _spread(res, "range-1", 1)
    ev = first["events"][0]
    start = date.fromisoformat(ev["event_date"])
    ev["event_date_end"] = (start + timedelta(days=span)).isoformat()
    store.put(first, text)
    second = _spread(res, "range-2", 1)
    second["events"][0]["event_date"] = second["events"][0]["event_date_end"] = (
        start + timedelta(days=span)).isoformat()
    store.put(second, text + " (نسخة ثانية)")
    assert store.counts()["clusters"] == 1


def test_the_candidate_lookup_reads_a_bounded_window_of_an_index(tmp_path):
    """Blocking must not slow down as the store grows: every select of the lookup seeks a date range that is
    closed on both sides, or reads the partial index of the few long-spanning clusters."""
    from sqlalchemy import event

    from marsad.dedup.match import Profile
    from marsad.store.store import SPAN_CAP

    st = Store(str(tmp_path / "plan.db"))
    day = date(2022, 1, 5)
    profs = [Profile("Battles", "Armed clash", country, None, None, None, None, day, day, frozenset(),
                     frozenset(), frozenset()) for country in ("Syria", None)]
    seen: list[tuple[str, object]] = []
    event.listen(st.engine, "before_cursor_execute", lambda c, cur, s, p, *a: seen.append((s, p)))
    with st.engine.connect() as conn:
        st._candidates(conn, profs)
        looked = list(seen)
        plan = [r[3] for stmt, params in looked for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, params)]
    st.close()
    searches = [p for p in plan if p.startswith(("SEARCH", "SCAN"))]
    assert len(looked) == 4 and len(searches) == 4 and SPAN_CAP == 31      # the partial index says "span > 31"
    for p in searches:
        assert p.startswith("SEARCH") and ("date_start>? AND date_start<?" in p or "ix_clusters_long" in p), p


def test_a_deferred_batch_reads_the_same_merged_events_before_and_after_its_refresh(store, pipeline, tmp_path):
    """A batch ingest leaves the merged events of the clusters it joins to one refresh at its end; meanwhile
    (or after a kill) readers merge those clusters from their mentions, and see the same events."""
    results = _results(pipeline, sorted(REPORTS.glob("*.json")))
    with Store(str(tmp_path / "eager.db")) as eager:
        for res, text in results:
            eager.put(res, text)
        want = sorted(eager.events(), key=lambda e: e["event_id"])
    for res, text in results:
        store.put(res, text, defer_merge=True)
    with store.engine.connect() as conn:
        kept = conn.execute(sa.text("SELECT count(*) FROM cluster_events")).scalar_one()
    assert kept == 0          # single reports keep no copy; the bomb's cluster, joined twice, waits
    assert store.counts()["clusters"] > 1
    assert sorted(store.events(), key=lambda e: e["event_id"]) == want
    assert store.refresh_merged() == 1 and store.refresh_merged() == 0
    assert sorted(store.events(), key=lambda e: e["event_id"]) == want
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM cluster_events")).scalar_one() == 1
    bomb = next(e for e in want if len(e["sources"]) == 3)
    assert len(bomb["merge_reasons"]) == 2                 # in the order its reports joined


def test_only_clusters_of_several_reports_keep_a_merged_copy(store, pipeline):
    """A single report's merged event is made from its one mention when read (migration 0011): the store keeps
    a merged copy only for clusters of two or more reports, and drops it when deletions leave one."""
    results = _results(pipeline, sorted(REPORTS.glob("*.json")))
    for res, text in results:
        store.put(res, text)

    def copies() -> int:
        with store.engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM cluster_events")).scalar_one()

    bomb = next(e for e in store.events() if len(e["sources"]) == 3)
    assert copies() == 1
    doc_ids = [s["doc_id"] for s in bomb["sources"]]
    assert store.delete(doc_ids[0]) and copies() == 1
    assert store.delete(doc_ids[1]) and copies() == 0
    left = store.event(bomb["event_id"])
    assert left is not None and [s["doc_id"] for s in left["sources"]] == doc_ids[2:]


def test_payloads_keep_no_copy_of_their_document_and_read_back_whole(store, pipeline):
    """Migration 0012: a mention's payload is stored without its spans' document id and text and without its
    document's SOURCE (store/compact.py); events read back as written, and a store of full payloads (0011)
    upgrades to the same events."""
    from alembic import command
    from alembic.config import Config

    from marsad.store.store import MIGRATIONS

    results = _results(pipeline, sorted(REPORTS.glob("*.json")))
    for res, text in results:
        store.put(res, text)
    written = {ev["event_id"]: ev for res, _ in results for ev in res["events"]}
    events = sorted(store.events(), key=lambda e: e["event_id"])
    views = {d: store.document_view(d) for d in (res["doc"]["id"] for res, _ in results)}
    stored = {m["id"]: m["payload"] for m in store.dump()["mentions"]}
    assert stored.keys() == written.keys()
    for mid, payload in stored.items():
        assert "sources" not in payload and "text" not in payload["trigger"]
        assert all("doc_id" not in s and "text" not in s for s in payload["evidence"])
        assert [s["doc_id"] for s in written[mid]["sources"]] == [written[mid]["evidence"][0]["doc_id"]]

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:            # back to full payloads, as 0011 kept them
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    assert {m["id"]: m["payload"] for m in store.dump()["mentions"]} == written
    store.migrate()
    assert store.revision() == "0012"
    assert {m["id"]: m["payload"] for m in store.dump()["mentions"]} == stored
    assert sorted(store.events(), key=lambda e: e["event_id"]) == events
    assert {d: store.document_view(d) for d in views} == views
