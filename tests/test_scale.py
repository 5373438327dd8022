"""Scale-out and resumable batch ingest (issue 16): the Dask engine stores exactly what the local engine
stores, and an archive ingest killed (-9) again and again at random points, then run once more, ends with
every document stored once, on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from marsad.store import Store
from marsad.store.run import ingest_paths
from tests.conftest import DEV, needs_shared
from tests.store_fixtures import BACKENDS, new_database
from tests.test_store import _check_integrity
from tests.web_fixtures import REPORTS, page


def _archive(path, copies: int) -> int:
    """A gzipped WARC of `copies` pages per report, each page made unique by an update line."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n = 0
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for k in range(copies):
            for j, (title, body) in enumerate(REPORTS):
                html = page(title, f"{body} (تحديث رقم {k})", published=f"2024-0{1 + j}-{1 + k % 28:02d}")
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                w.write_record(w.create_warc_record(f"https://e{j}.example.org/{k}", "response",
                                                    payload=io.BytesIO(html.encode()), http_headers=http))
                n += 1
    return n


@needs_shared
def test_the_dask_engine_stores_exactly_what_the_local_engine_stores(tmp_path):
    paths = [str(p) for p in sorted((DEV / "raw").glob("*.json"))[:30]]
    dumps = {}
    for engine, workers in (("local", 1), ("dask", 2)):
        with Store(str(tmp_path / f"{engine}.db")) as st:
            tally = ingest_paths(st, paths, progress=False, engine=engine, workers=workers)
            assert tally.added == 30 and not tally.errors
            dumps[engine] = st.dump()
    assert dumps["local"] == dumps["dask"]
    assert len(dumps["local"]["clusters"]) > 30


def test_the_command_line_ingests_an_archive_on_dask(tmp_path, capsys):
    from marsad.cli.main import main

    src = tmp_path / "crawl.warc.gz"
    total = _archive(src, 4)
    db = str(tmp_path / "d.db")
    assert main(["ingest", str(src), "--db", db, "--quiet", "--engine", "dask", "--workers", "1"]) == 0
    assert f"{total} added" in capsys.readouterr().err
    assert main(["ingest", str(src), "--db", db, "--quiet", "--engine", "dask"]) == 0
    assert f"{total} unchanged" in capsys.readouterr().err


def _stored(url: str) -> int:
    import sqlalchemy as sa

    try:
        with Store(url, migrate=False) as st, st.engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
    except sa.exc.DBAPIError:
        return 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_archive_ingest_killed_again_and_again_ends_with_each_document_once(tmp_path, backend):
    url, drop = new_database(backend, tmp_path)
    src = tmp_path / "crawl.warc.gz"
    total = _archive(src, 30)
    rng = random.Random(16)
    Store(url).close()
    cmd = [sys.executable, "-m", "marsad.cli.main", "ingest", str(src), "--db", url, "--quiet"]
    kept: list[int] = []
    try:
        for _ in range(3):                        # kill at a random point, three times, each further on
            target = _stored(url) + rng.randint(3, 20)
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
            deadline = time.time() + 90
            while time.time() < deadline and proc.poll() is None and _stored(url) < target:
                time.sleep(rng.uniform(0.01, 0.2))
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            kept.append(_stored(url))
            with Store(url) as st:
                _check_integrity(st)
        assert 0 < kept[0] <= kept[-1] < total, kept
        with Store(url) as st:
            tally = ingest_paths(st, [str(src)], progress=False)
            assert tally.unchanged == kept[-1] and tally.added == total - kept[-1] and not tally.errors
            assert st.counts()["documents"] == total
            _check_integrity(st)
            again = ingest_paths(st, [str(src)], progress=False)
            assert again.unchanged == total and again.added == 0
    finally:
        drop()


@needs_shared
def test_extract_gives_the_same_lines_in_one_process_in_workers_and_on_dask(tmp_path):
    from marsad.cli.main import main

    paths = [str(p) for p in sorted((DEV / "raw").glob("*.json"))[:20]]
    outs = {}
    for name, extra in (("one", []), ("workers", ["--workers", "2"]), ("dask", ["--engine", "dask", "--workers", "2"])):
        out = tmp_path / f"{name}.jsonl"
        assert main(["extract", *paths, "--out", str(out), *extra]) == 0
        outs[name] = out.read_text(encoding="utf-8")
    assert outs["one"] == outs["workers"] == outs["dask"] and len(outs["one"].splitlines()) == 20
