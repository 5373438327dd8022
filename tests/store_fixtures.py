"""Databases for the store tests: a SQLite file, and a fresh database on the PostgreSQL server that
`scripts/pg.sh start` runs (scripts/test.sh starts it and sets MARSAD_TEST_PG).

Without MARSAD_TEST_PG the PostgreSQL cases skip and say how to run them; with MARSAD_REQUIRE_PG=1 (CI)
they fail instead, so a broken server can never pass as skipped.
"""

from __future__ import annotations

import os
import uuid

import pytest

PG = os.environ.get("MARSAD_TEST_PG")
REQUIRE_PG = os.environ.get("MARSAD_REQUIRE_PG") == "1"
BACKENDS = ("sqlite", "postgresql")


def new_database(backend: str, tmp_path) -> tuple[str, object]:
    """A URL for an empty database of `backend`, and a function that drops it."""
    if backend == "sqlite":
        return str(tmp_path / f"{uuid.uuid4().hex[:8]}.db"), lambda: None
    if not PG:
        if REQUIRE_PG:
            pytest.fail("MARSAD_REQUIRE_PG=1 but MARSAD_TEST_PG is not set: scripts/pg.sh did not start")
        pytest.skip("no PostgreSQL: run scripts/test.sh, or `bash scripts/pg.sh start` and set MARSAD_TEST_PG")
    import psycopg

    name = f"marsad_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return PG.rsplit("/", 1)[0] + "/" + name, drop
