"""One store for SQLite (the default, a file) and PostgreSQL (teams, by URL), on SQLAlchemy Core.

Every document is written in one transaction together with its events, quotes, posts and their clustering,
so a crash or kill leaves either the whole document or none of it. Re-ingesting a document with the same id
and content changes nothing; the same content under another id is skipped; a changed document replaces its
old results (its mentions leave their clusters, which shrink or disappear).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from enum import StrEnum
from itertools import groupby
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from marsad.dedup import Profile, Verdict, compare, merge_mentions
from marsad.dedup.match import DATE_SLACK
from marsad.model.document import content_hash
from marsad.output import stable_id
from marsad.store.query import EventFilter
from marsad.store.schema import TABLES, clusters, documents, mentions, posts, quotes

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class Outcome(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"      # same content already stored under another id


def engine_url(db: str) -> str:
    """'marsad.db' or 'sqlite:///x.db' -> SQLite; 'postgresql://…' -> PostgreSQL through psycopg 3."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")       # readers never block the writer; a kill loses no commit
    cur.execute("PRAGMA synchronous=NORMAL")     # WAL makes NORMAL crash-safe for committed transactions
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _profile_json(p: Profile) -> dict[str, Any]:
    d = asdict(p)
    d["start"] = p.start.isoformat() if p.start else None
    d["end"] = p.end.isoformat() if p.end else None
    for k in ("actors", "words", "doc_ids"):
        d[k] = sorted(d[k])
    return d


def _profile_from(d: dict[str, Any]) -> Profile:
    d = dict(d)
    d["start"] = date.fromisoformat(d["start"]) if d["start"] else None
    d["end"] = date.fromisoformat(d["end"]) if d["end"] else None
    for k in ("actors", "words", "doc_ids"):
        d[k] = set(d[k])
    return Profile(**d)


class Store:
    """`Store("marsad.db")` or `Store("postgresql://user@host/db")`; `migrate()` runs on open."""

    def __init__(self, db: str, migrate: bool = True):
        self.url = engine_url(db)
        self.engine: Engine = sa.create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate()

    # -- schema ---------------------------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (creates it in an empty database)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            try:
                return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            except sa.exc.DatabaseError:
                return None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------------------------
    def status(self, doc_id: str, text: str) -> Outcome:
        """What `put` would do with this document, without extracting it (ingest skips known documents)."""
        with self.engine.connect() as conn:
            return self._status(conn, doc_id, content_hash(text))[0]

    def _status(self, conn: Connection, doc_id: str, h: str) -> tuple[Outcome, bool]:
        row = conn.execute(sa.select(documents.c.content_hash).where(documents.c.id == doc_id)).first()
        if row is not None:
            return (Outcome.UNCHANGED, True) if row[0] == h else (Outcome.REPLACED, True)
        other = conn.execute(sa.select(documents.c.id).where(documents.c.content_hash == h).limit(1)).first()
        return (Outcome.DUPLICATE, False) if other else (Outcome.ADDED, False)

    def put(self, result: dict[str, Any], text: str, lang: str = "ar", version: str = "",
            force: bool = False) -> Outcome:
        """Store one document's extraction result (SCHEMA result object) atomically.

        `force` replaces a document even when its content is unchanged (reprocessing after an upgrade).
        """
        doc = result["doc"]
        h = content_hash(text)
        with self.engine.begin() as conn:
            outcome, exists = self._status(conn, doc["id"], h)
            if outcome is Outcome.DUPLICATE or (outcome is Outcome.UNCHANGED and not force):
                return outcome
            if exists:
                self._remove(conn, doc["id"])
                outcome = Outcome.REPLACED
            conn.execute(documents.insert().values(
                id=doc["id"], content_hash=h, url=doc.get("url"), outlet=doc.get("outlet"), title=doc.get("title"),
                published=date.fromisoformat(doc["published"]) if doc.get("published") else None, lang=lang,
                text=text, version=version, n_events=len(result["events"]), n_quotes=len(result["quotes"]),
                n_posts=len(result["posts"])))
            self._add_mentions(conn, doc["id"], result["events"])
            if result["quotes"]:
                conn.execute(quotes.insert(), [
                    {"id": q["quote_id"], "doc_id": doc["id"], "speaker": (q.get("speaker") or {}).get("name"),
                     "date": date.fromisoformat(q["date"]) if q.get("date") else None, "payload": q}
                    for q in result["quotes"]])
            if result["posts"]:
                conn.execute(posts.insert(), [
                    {"id": stable_id(doc["id"], "post", p.get("start"), p.get("handle")), "doc_id": doc["id"],
                     "payload": p} for p in result["posts"]])
        return outcome

    def _candidates(self, conn: Connection, prof: Profile) -> list[tuple[str, dict, list]]:
        """Blocking: clusters of the same event type and country whose dates come within a day (indexed)."""
        if prof.start is None:
            return []
        q = sa.select(clusters.c.id, clusters.c.profile, clusters.c.reasons).where(
            clusters.c.event_type == prof.event_type,
            clusters.c.date_start <= (prof.end or prof.start) + DATE_SLACK,
            clusters.c.date_end >= prof.start - DATE_SLACK,
        )
        q = q.where(clusters.c.country == prof.country) if prof.country else q
        return [tuple(r) for r in conn.execute(q.order_by(clusters.c.id))]

    def _add_mentions(self, conn: Connection, doc_id: str, events: list[dict[str, Any]]) -> None:
        """Give each event mention of one document a cluster. All (mention, cluster) pairs that match are
        ranked by score and taken best first, one mention of this document per cluster; the rest found
        new clusters. Deciding per document, not per mention, stops a weaker mention taking the cluster
        that a better one of the same article belongs to."""
        profs = [Profile.from_event(ev) for ev in events]
        found: dict[str, tuple[dict, list]] = {}
        scored = []
        for i, prof in enumerate(profs):
            for cid, cprof, creasons in self._candidates(conn, prof):
                found[cid] = (cprof, creasons)
                verdict = compare(prof, _profile_from(cprof))
                if verdict.same:
                    scored.append((-verdict.score, i, cid, verdict))
        scored.sort(key=lambda t: (t[0], t[1], t[2]))
        chosen: dict[int, tuple[str, Verdict]] = {}
        taken: set[str] = set()
        for _, i, cid, verdict in scored:
            if i not in chosen and cid not in taken:
                chosen[i] = (cid, verdict)
                taken.add(cid)
        for i, (ev, prof) in enumerate(zip(events, profs, strict=True)):
            if i in chosen:
                cid, verdict = chosen[i]
                cprof, creasons = found[cid]
                cp = _profile_from(cprof)
                cp.absorb(prof)
                reasons = [*creasons, f"{doc_id}: " + "; ".join(verdict.reasons) + f" (score {verdict.score})"]
                conn.execute(clusters.update().where(clusters.c.id == cid).values(
                    date_start=cp.start, date_end=cp.end, n_mentions=clusters.c.n_mentions + 1,
                    profile=_profile_json(cp), reasons=reasons))
            else:
                cid = "e" + ev["event_id"]
                conn.execute(clusters.insert().values(
                    id=cid, event_type=prof.event_type, country=prof.country, date_start=prof.start,
                    date_end=prof.end, n_mentions=1, profile=_profile_json(prof), reasons=[]))
            a1, a2 = ev.get("actor1") or {}, ev.get("actor2") or {}
            conn.execute(mentions.insert().values(
                id=ev["event_id"], doc_id=doc_id, cluster_id=cid, event_type=ev["event_type"],
                sub_event_type=ev["sub_event_type"], date_start=prof.start, date_end=prof.end,
                country=ev.get("country"), admin1=ev.get("admin1"), location=ev.get("location"),
                actor1=a1.get("name"), actor2=a2.get("name"), fatalities=ev.get("fatalities"),
                confidence=ev.get("confidence"),
                evidence_text=" … ".join(s["text"] for s in ev.get("evidence", [])), payload=ev))

    def _remove(self, conn: Connection, doc_id: str) -> None:
        """Delete a document and its results; clusters it belonged to are rebuilt from their other mentions."""
        touched = [r[0] for r in conn.execute(
            sa.select(mentions.c.cluster_id).where(mentions.c.doc_id == doc_id).distinct())]
        for t in (mentions, quotes, posts):
            conn.execute(t.delete().where(t.c.doc_id == doc_id))
        conn.execute(documents.delete().where(documents.c.id == doc_id))
        for cid in touched:
            rows = conn.execute(sa.select(mentions.c.payload).where(mentions.c.cluster_id == cid)
                                .order_by(mentions.c.id)).all()
            if not rows:
                conn.execute(clusters.delete().where(clusters.c.id == cid))
                continue
            prof = Profile.from_event(rows[0][0])
            for (payload,) in rows[1:]:
                prof.absorb(Profile.from_event(payload))
            old = conn.execute(sa.select(clusters.c.reasons).where(clusters.c.id == cid)).scalar_one()
            reasons = [r for r in old if not r.startswith(f"{doc_id}: ")]
            conn.execute(clusters.update().where(clusters.c.id == cid).values(
                date_start=prof.start, date_end=prof.end, n_mentions=len(rows), profile=_profile_json(prof),
                reasons=reasons))

    def delete(self, doc_id: str) -> bool:
        with self.engine.begin() as conn:
            exists = conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id)).first()
            if exists:
                self._remove(conn, doc_id)
            return exists is not None

    # -- reading --------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in TABLES}

    def document_ids(self, outdated_for: str | None = None) -> list[str]:
        """Ids of the stored documents, only those read by another pipeline version if asked."""
        q = sa.select(documents.c.id).order_by(documents.c.id)
        if outdated_for is not None:
            q = q.where(documents.c.version != outdated_for)
        with self.engine.connect() as conn:
            return list(conn.execute(q).scalars())

    def document(self, doc_id: str) -> dict[str, Any]:
        """One stored document as an input record (for reprocessing)."""
        with self.engine.connect() as conn:
            rec = dict(conn.execute(sa.select(documents).where(documents.c.id == doc_id)).mappings().one())
        rec["published"] = rec["published"].isoformat() if rec["published"] else None
        return rec

    def events(self, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Merged events (SCHEMA EVENT dicts with all sources), one per cluster, ordered by date then id.

        Streams: one query, grouped by cluster as rows arrive."""
        q = (sa.select(mentions.c.cluster_id, clusters.c.reasons, mentions.c.payload)
             .join(clusters, clusters.c.id == mentions.c.cluster_id)
             .order_by(clusters.c.date_start, clusters.c.id, mentions.c.id))
        if flt is not None:
            q = flt.apply(q)
        with self.engine.connect() as conn:
            rows = conn.execution_options(stream_results=True, yield_per=500).execute(q)
            for cid, group in groupby(rows, key=lambda r: r[0]):
                group = list(group)
                yield merge_mentions(cid, [r[2] for r in group], group[0][1])

    def dump(self) -> dict[str, list]:
        """Every row of every table, canonically ordered and JSON-shaped: two stores with equal dumps hold the
        same data, whatever the database."""
        out: dict[str, list] = {}
        with self.engine.connect() as conn:
            for t in TABLES:
                rows = conn.execute(sa.select(t).order_by(*t.primary_key.columns)).mappings().all()
                out[t.name] = [json.loads(json.dumps(dict(r), default=str, sort_keys=True)) for r in rows]
        return out
