"""One store for SQLite (the default, a file) and PostgreSQL (teams, by URL), on SQLAlchemy Core.

Every document is written in one transaction together with its events, quotes, posts and their clustering,
so a crash or kill leaves either the whole document or none of it. Re-ingesting a document with the same id
and content changes nothing; the same content under another id is skipped; a changed document replaces its
old results (its mentions leave their clusters, which shrink or disappear).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from marsad.dedup import Profile, merge_mentions
from marsad.dedup.cluster import (
    Candidate,
    assign,
    cluster_id,
    join_reason,
    profile_from,
    profile_json,
    window,
)
from marsad.dedup.merge import noisy_or, report_confidence
from marsad.model.document import content_hash
from marsad.model.ids import post_id
from marsad.model.results import EventRecord, MergedEvent, QuoteRecord, Result, as_result
from marsad.store.compact import doc_source, pack_event, unpack_event
from marsad.store.query import NO_DATE, EventFilter, after, encode_cursor, sort_key
from marsad.store.schema import (
    TABLES,
    cluster_events,
    clusters,
    documents,
    feed_items,
    feeds,
    mentions,
    posts,
    quotes,
)
from marsad.store.search import mention_search_columns, search_key

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


def _json_utf8(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def sqlite_path(db: str) -> str | None:
    """The file of a SQLite store ('marsad.db', 'sqlite:///x.db'); None for a server URL or in-memory."""
    if db.startswith("sqlite:///"):
        rest = db[len("sqlite:///"):]
        return rest or None
    if "://" in db or db in ("", ":memory:"):
        return None
    return str(Path(db).expanduser())


PAGE_SIZE = 16384   # bytes: SQLite's page of a new store


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # a new store's pages (no effect on an existing one): rows of a few KiB (a document's text, an event's
    # payload) fill 16 KiB pages far better than 4 KiB ones, which leave about a fifth of the file unused
    cur.execute(f"PRAGMA page_size={PAGE_SIZE}")
    cur.execute("PRAGMA journal_mode=WAL")       # readers never block the writer; a kill loses no commit
    cur.execute("PRAGMA synchronous=NORMAL")     # WAL makes NORMAL crash-safe for committed transactions
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


_WRITE_LOCK = 0x6D61727361640001  # "marsad" + 1: the advisory lock key of marsad's writers (PostgreSQL)
_NARROW = 2000  # a filter kept this few mentions: collect their clusters rather than walk the page order
SPAN_CAP = 31         # days: clusters spanning longer are looked up by their own index (ix_clusters_long)


def _set(**extra: Any) -> sa.Update:
    """UPDATE clusters by id, for executemany: the new dates and profile from `b_*` parameters."""
    return clusters.update().where(clusters.c.id == sa.bindparam("b_id")).values(
        date_start=sa.bindparam("b_start", type_=sa.Date), date_end=sa.bindparam("b_end", type_=sa.Date),
        day=sa.func.coalesce(sa.bindparam("b_start", type_=sa.Date), sa.literal(NO_DATE, sa.Date)),
        span=sa.bindparam("b_span", type_=sa.Integer),
        profile=sa.bindparam("b_profile", type_=sa.JSON), **extra)


# a cluster's confidence is the noisy-or of its reports' (as dedup.merge_mentions computes it), kept up to date
# so that the min-confidence filter compares what a user sees
_JOINED_CONF = 1.0 - (1.0 - sa.func.coalesce(clusters.c.confidence, 0.0)) * (1.0 - sa.bindparam("b_conf", type_=sa.Float))
_JOIN = _set(n_mentions=clusters.c.n_mentions + 1, joins=clusters.c.joins + 1,  # a mention joined
             confidence=sa.case((_JOINED_CONF > 0.99, 0.99), else_=_JOINED_CONF))
_REBUILD = _set(n_mentions=sa.bindparam("b_n", type_=sa.Integer),              # a document left
                confidence=sa.bindparam("b_conf", type_=sa.Float))


def _candidate_selects(with_country: bool) -> tuple[sa.Select, sa.Select]:
    """The two selects of `Store._candidates` for a mention with (or without) a country: clusters spanning
    up to SPAN_CAP days in a closed window of (event_type, country, date_start); the longer ones through
    the partial index ix_clusters_long (the span bound is a literal, as in the index's WHERE)."""
    base = sa.select(clusters.c.id, clusters.c.profile, clusters.c.joins).where(
        clusters.c.event_type == sa.bindparam("t"), clusters.c.date_start <= sa.bindparam("hi", type_=sa.Date),
        clusters.c.date_end >= sa.bindparam("lo", type_=sa.Date))
    window = base.where(clusters.c.date_start >= sa.bindparam("floor", type_=sa.Date),
                        clusters.c.span <= sa.literal_column(str(SPAN_CAP)))
    long = base.where(clusters.c.span > sa.literal_column(str(SPAN_CAP)))
    if with_country:
        window = window.where(clusters.c.country == sa.bindparam("c"))
        # coalesce: the country is compared, not sought through ix_clusters_block, whose date range is open
        # below here; the planner takes the partial index
        long = long.where(sa.func.coalesce(clusters.c.country, "") == sa.bindparam("c"))
    return window, long


_CANDIDATES = {True: _candidate_selects(True), False: _candidate_selects(False)}


def _span(p: Profile) -> int:
    """clusters.span: days from the first to the last date (0 for one day or undated)."""
    return (p.end - p.start).days if p.start and p.end else 0


def _outcome(rows: Sequence[Any], doc_id: str, h: str, mh: str | None = None) -> tuple[Outcome, bool]:
    """What to do with document `doc_id` of content hash `h` and provenance hash `mh`, given stored (id,
    hash, meta hash) rows that include the one with its id and those with its content; and whether a row
    with its id exists. A row stored without a meta hash (before migration 0003) is judged by its text."""
    for rid, rhash, rmh in rows:
        if rid == doc_id:
            same = rhash == h and (mh is None or rmh is None or rmh == mh)
            return (Outcome.UNCHANGED, True) if same else (Outcome.REPLACED, True)
    return (Outcome.DUPLICATE, False) if any(r[1] == h for r in rows) else (Outcome.ADDED, False)


_KEYS = (documents.c.id, documents.c.content_hash, documents.c.meta_hash)
# what a mention's stored payload is completed with (store.compact): its document's id, text and SOURCE
_DOC_COLS = (documents.c.id, documents.c.text, documents.c.url, documents.c.outlet, documents.c.published)


def _unpacked(payload: dict[str, Any], doc_id: str, text: str, url: str | None, outlet: str | None,
              published: date | None) -> dict[str, Any]:
    """A mention's EVENT dict from its stored payload and its document's `_DOC_COLS`."""
    return unpack_event(payload, doc_id, text, doc_source(doc_id, url, outlet, published))


class Store:
    """`Store("marsad.db")` or `Store("postgresql://user@host/db")`; `migrate()` runs on open."""

    def __init__(self, db: str, migrate: bool = True):
        self.url = engine_url(db)
        # JSON columns hold UTF-8 (Arabic as is), not \u escapes: six bytes an Arabic letter become two
        self.engine: Engine = sa.create_engine(self.url, future=True, json_serializer=_json_utf8)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            # a document's mentions, clusters, quotes and posts go in one multi-row INSERT each ("insertmany-
            # values", as SQLAlchemy does for psycopg2) instead of psycopg 3's pipeline of one INSERT per row
            self.engine.dialect.use_insertmanyvalues_wo_returning = True
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
    # A document is a handful of statements whatever its size: rows of one table go in one executemany
    # (psycopg pipelines it: one round trip), the candidate clusters of all its mentions come in one query.
    def status(self, doc_id: str, text: str, meta: str | None = None) -> Outcome:
        """What `put` would do with this document, without extracting it (ingest skips known documents)."""
        with self.engine.connect() as conn:
            return self._status(conn, doc_id, content_hash(text), meta)[0]

    def statuses(self, docs: list[tuple[str, str] | tuple[str, str, str | None]]) -> list[Outcome]:
        """`status` of many (id, text[, meta hash]) tuples in one query, as the store is now (ingest checks
        a batch)."""
        if not docs:
            return []
        ids, hashes = [d[0] for d in docs], [content_hash(d[1]) for d in docs]
        metas = [d[2] if len(d) > 2 else None for d in docs]
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*_KEYS).where(
                sa.or_(documents.c.id.in_(ids), documents.c.content_hash.in_(hashes)))).all()
        return [_outcome(rows, d, h, m)[0] for d, h, m in zip(ids, hashes, metas, strict=True)]

    def _status(self, conn: Connection, doc_id: str, h: str, mh: str | None = None) -> tuple[Outcome, bool]:
        """One query: the row with this id, and any with this content (both columns are indexed)."""
        return _outcome(conn.execute(sa.select(*_KEYS).where(
            sa.or_(documents.c.id == doc_id, documents.c.content_hash == h))).all(), doc_id, h, mh)

    def _write_lock(self, conn: Connection) -> None:
        """Serialise writers before the status is read, so that two ingests of the same files at once never
        both decide to add a document (SQLite: take the write lock now; PostgreSQL: a transaction-scoped
        advisory lock). Readers are not blocked."""
        if self.engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif self.engine.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITE_LOCK})

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction, under the writers' lock."""
        with self.engine.connect() as conn:
            self._write_lock(conn)
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def put(self, result: Result | Mapping[str, Any], text: str, lang: str = "ar", version: str = "",
            force: bool = False, meta: str | None = None, defer_merge: bool = False) -> Outcome:
        """Store one document's extraction result atomically: a `model.results.Result`, or the SCHEMA result
        object (`marsad.extract`, `Extracted.result`), read with `Result.from_json`. `meta`: the input's
        provenance hash (`model.document.meta_hash`): a document whose text is unchanged but whose date or
        title changed is replaced.

        `force` replaces a document even when its content is unchanged (reprocessing after an upgrade).
        `defer_merge` leaves the merged events of the clusters it joins to `refresh_merged` (batch ingest).
        """
        res = as_result(result)
        doc = res.doc
        h = content_hash(text)
        with self._writing() as conn:
            outcome, exists = self._status(conn, doc.id, h, meta)
            if outcome is Outcome.DUPLICATE or (outcome is Outcome.UNCHANGED and not force):
                return outcome
            if exists:
                self._remove(conn, doc.id)
                outcome = Outcome.REPLACED
            conn.execute(documents.insert(), {
                "id": doc.id, "content_hash": h, "meta_hash": meta, "url": doc.url, "outlet": doc.outlet,
                "title": doc.title, "published": doc.published,
                "published_source": doc.published_source if doc.published else None,
                "lang": lang, "text": text, "crawled": doc.crawled,
                "version": version, "n_events": len(res.events), "n_quotes": len(res.quotes),
                "n_posts": len(res.posts)})
            source = doc_source(doc.id, doc.url, doc.outlet, doc.published)
            self._add_mentions(conn, doc.id, res.events, defer_merge, text, source)
            if res.quotes:
                conn.execute(quotes.insert(), [
                    {"id": q.quote_id, "doc_id": doc.id, "speaker": q.speaker.name, "date": q.date,
                     "payload": q.to_json()}
                    for q in res.quotes])
            if res.posts:
                conn.execute(posts.insert(), [
                    {"id": post_id(doc.id, p.start, p.handle), "doc_id": doc.id, "payload": p.to_json()}
                    for p in res.posts])
        return outcome

    def _candidates(self, conn: Connection, profs: list[Profile]) -> list[Candidate]:
        """Blocking (dedup.cluster.in_block) through the indexes: the clusters of the same event type and
        country whose dates come within a day of each dated mention's.

        Two indexed selects per mention, built once (`_CANDIDATES`), so that each reads a bounded window of an
        index whatever the store's size: a cluster that spans at most SPAN_CAP days starts no earlier than
        SPAN_CAP days before the mention's window (the index range is closed on both sides), and the few
        clusters that span longer are read through their own partial index. A cluster in the block of two
        mentions is read once."""
        out: list[Candidate] = []
        read: dict[str, Profile] = {}
        for i, prof in enumerate(profs):
            w = window(prof)
            if w is None:
                continue
            params = {"t": prof.event_type, "c": prof.country, "lo": w[0], "hi": w[1],
                      "floor": w[0] - timedelta(days=SPAN_CAP)}
            for stmt in _CANDIDATES[prof.country is not None]:
                for cid, profile, joins in conn.execute(stmt, params):
                    if cid not in read:
                        read[cid] = profile_from(profile)
                    out.append(Candidate(i, cid, read[cid], joins))
        return out

    def _add_mentions(self, conn: Connection, doc_id: str, events: Sequence[EventRecord],
                      defer: bool, text: str, source: dict[str, Any]) -> None:
        """Give each event mention of one document a cluster, as dedup.cluster.assign decides, and write the
        decisions down. A join writes what it adds: the cluster's counts, dates and profile, and the mention
        with its reason. The merged event of a joined cluster is written again now, or with `defer` dropped
        until `refresh_merged` (a batch ingest), so a cluster reported hundreds of times is not rewritten
        whole for each report. Payloads are kept without what the document's row holds (store.compact:
        `text`, the document's text, and `source`, its SOURCE)."""
        if not events:
            return
        profs = [Profile.from_event(ev) for ev in events]
        chosen = assign(profs, self._candidates(conn, profs))
        joined, founded, rows = [], [], []
        for i, (ev, prof) in enumerate(zip(events, profs, strict=True)):
            reason, order = None, 0
            if i in chosen:
                cand, verdict = chosen[i]
                cid, cp = cand.cluster_id, cand.profile      # each cluster is chosen once: widen it in place
                cp.absorb(prof)
                reason = join_reason(doc_id, verdict)
                order = cand.joins + 1
                joined.append({"b_id": cid, "b_start": cp.start, "b_end": cp.end, "b_span": _span(cp),
                               "b_profile": profile_json(cp), "b_conf": report_confidence(ev)})
            else:
                cid = cluster_id(ev)
                founded.append({"id": cid, "event_type": prof.event_type, "country": prof.country,
                                "date_start": prof.start, "date_end": prof.end, "n_mentions": 1, "joins": 0,
                                "day": prof.start or NO_DATE, "span": _span(prof),
                                "profile": profile_json(prof), "confidence": report_confidence(ev)})
            a1, a2 = ev.actor1, ev.actor2
            rows.append({
                "id": ev.event_id, "doc_id": doc_id, "cluster_id": cid, "event_type": ev.event_type,
                "sub_event_type": ev.sub_event_type, "date_start": prof.start, "date_end": prof.end,
                "country": ev.country, "admin1": ev.admin1, "location": ev.location,
                "actor1": a1.name if a1 else None, "actor2": a2.name if a2 else None, "fatalities": ev.fatalities,
                "confidence": ev.confidence, "payload": pack_event(ev.to_json(), doc_id, text, source),
                "merge_reason": reason, "joined": order, **mention_search_columns(ev)})
        if joined:
            conn.execute(_JOIN, joined)
        if founded:
            conn.execute(clusters.insert(), founded)
        conn.execute(mentions.insert(), rows)        # after the clusters they point to
        if joined:
            ids = [str(j["b_id"]) for j in joined]
            if defer:     # dropped: refresh_merged finds the clusters without one
                conn.execute(cluster_events.delete().where(cluster_events.c.id.in_(ids)))
            else:
                self._keep_merged(conn, self._merge_from_mentions(conn, ids))

    def _keep_merged(self, conn: Connection, merged: dict[str, dict[str, Any]]) -> None:
        """Keep these merged events (cluster id -> EVENT) in cluster_events, in place of any older ones."""
        if merged:
            conn.execute(cluster_events.delete().where(cluster_events.c.id.in_(list(merged))))
            conn.execute(cluster_events.insert(), [{"id": cid, "merged": ev} for cid, ev in merged.items()])

    def refresh_merged(self, batch: int = 500) -> int:
        """Write the merged event of every cluster of two or more mentions that has none (deferred puts
        dropped them, or a killed ingest left them), each once. Returns how many were written."""
        with self.engine.connect() as conn:
            todo = sorted(conn.execute(
                sa.select(clusters.c.id).outerjoin(cluster_events, cluster_events.c.id == clusters.c.id)
                .where(cluster_events.c.id.is_(None), clusters.c.n_mentions > 1)).scalars())
        for k in range(0, len(todo), batch):
            with self._writing() as conn:
                self._keep_merged(conn, self._merge_from_mentions(conn, todo[k:k + batch]))
        return len(todo)

    def _remove(self, conn: Connection, doc_id: str) -> None:
        """Delete a document and its results; clusters it belonged to are rebuilt from their other mentions."""
        touched = sorted(r[0] for r in conn.execute(
            sa.select(mentions.c.cluster_id).where(mentions.c.doc_id == doc_id).distinct()))
        for t in (mentions, quotes, posts):
            conn.execute(t.delete().where(t.c.doc_id == doc_id))
        conn.execute(documents.delete().where(documents.c.id == doc_id))
        if not touched:
            return
        left = self._members(conn, touched)
        empty = [cid for cid in touched if cid not in left]
        rebuilt: list[dict[str, Any]] = []
        merged: dict[str, dict[str, Any]] = {}
        single: list[str] = []
        for cid, (evs, reasons) in left.items():
            prof = Profile.from_event(evs[0])
            for ev in evs[1:]:
                prof.absorb(Profile.from_event(ev))
            rebuilt.append({"b_id": cid, "b_start": prof.start, "b_end": prof.end, "b_span": _span(prof),
                            "b_n": len(evs), "b_conf": noisy_or(evs),
                            "b_profile": profile_json(prof)})
            if len(evs) > 1:
                merged[cid] = merge_mentions(cid, evs, reasons).to_json()
            else:
                single.append(cid)     # a single report again: read from its mention, without a row
        if empty or single:
            conn.execute(cluster_events.delete().where(cluster_events.c.id.in_(empty + single)))
        if empty:
            conn.execute(clusters.delete().where(clusters.c.id.in_(empty)))
        if rebuilt:
            conn.execute(_REBUILD, rebuilt)
            self._keep_merged(conn, merged)

    def delete(self, doc_id: str) -> bool:
        with self._writing() as conn:
            exists = conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id)).first()
            if exists:
                self._remove(conn, doc_id)
            return exists is not None

    # -- feeds (marsad watch) ------------------------------------------------------------------------------
    def feed_state(self, url: str) -> dict[str, Any] | None:
        """What the last polls of feed `url` left: validators, times, failures, last error."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(feeds).where(feeds.c.url == url)).mappings().first()
        return dict(row) if row else None

    def save_feed_state(self, url: str, **values: Any) -> None:
        with self._writing() as conn:
            if conn.execute(sa.select(feeds.c.url).where(feeds.c.url == url)).first():
                conn.execute(feeds.update().where(feeds.c.url == url).values(**values))
            else:
                conn.execute(feeds.insert().values(url=url, **values))

    @staticmethod
    def _item_id(feed_url: str, key: str) -> str:
        return hashlib.sha1(f"{feed_url}\x1f{key}".encode()).hexdigest()

    def seen_items(self, feed_url: str, keys: Sequence[str]) -> set[str]:
        """The keys among `keys` of items of `feed_url` already ingested."""
        ids = {self._item_id(feed_url, k): k for k in keys}
        seen: set[str] = set()
        with self.engine.connect() as conn:
            chunk = list(ids)
            for k in range(0, len(chunk), 500):
                seen.update(conn.execute(sa.select(feed_items.c.id).where(
                    feed_items.c.id.in_(chunk[k:k + 500]))).scalars())
        return {ids[i] for i in seen}

    def mark_item(self, feed_url: str, key: str, doc_id: str | None) -> None:
        """Record an item of a feed as ingested (after its document is stored: a kill in between only
        makes the next poll find the document unchanged)."""
        with self._writing() as conn:
            iid = self._item_id(feed_url, key)
            if not conn.execute(sa.select(feed_items.c.id).where(feed_items.c.id == iid)).first():
                conn.execute(feed_items.insert().values(id=iid, feed_url=feed_url, item_key=key, doc_id=doc_id,
                                                        seen_at=datetime.now(UTC).replace(tzinfo=None)))
                bumped = conn.execute(feeds.update().where(feeds.c.url == feed_url).values(
                    n_items=feeds.c.n_items + 1))
                if not bumped.rowcount:
                    conn.execute(feeds.insert().values(url=feed_url, n_items=1))

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
        if rec.get("published_source") in ("url", "text", "crawl"):
            # read again from the stored URL and text, so that a better reader improves them; a page's
            # metadata ("html") is not stored, so that date is kept with its source
            rec["published"] = rec["published_source"] = None
        return rec

    def events(self, flt: EventFilter | None = None, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Merged events (SCHEMA EVENT dicts with all sources), one per cluster, ordered by date (undated
        first) then id. Streams: `batch` clusters at a time, by keyset pages (`page`), so memory stays flat
        and a cluster of n reports costs n rows."""
        return self._stream(flt, batch, records=False)

    def event_records(self, flt: EventFilter | None = None, batch: int = 500) -> Iterator[MergedEvent]:
        """`events` as `model.results.MergedEvent` records (what `marsad export` writes)."""
        return self._stream(flt, batch, records=True)

    def _stream(self, flt: EventFilter | None, batch: int, records: bool) -> Iterator[Any]:
        cursor: str | None = None
        while True:
            evs, cursor = self.page(flt, sort="date", limit=batch, cursor=cursor, records=records)
            yield from evs
            if cursor is None:
                return

    def _merged(self, conn: Connection, ids: list[str], raw: bool = False) -> dict[str, Any]:
        """The merged events of clusters `ids`, as kept in the store (cluster_events); `raw`: as JSON texts,
        read as stored. A cluster without one (a single report, which keeps no copy; or a batch ingest is
        under way, or was killed) is merged from its mentions."""
        if not ids:
            return {}
        col = sa.cast(cluster_events.c.merged, sa.Text) if raw else cluster_events.c.merged
        got = dict(conn.execute(sa.select(cluster_events.c.id, col).where(cluster_events.c.id.in_(ids))).all())
        missing = self._merge_from_mentions(conn, [cid for cid in ids if cid not in got])
        return got | {cid: _json_utf8(ev) if raw else ev for cid, ev in missing.items()}

    def _members(self, conn: Connection, ids: list[str]) -> dict[str, tuple[list[EventRecord], list[str]]]:
        """The mentions of clusters `ids` (read from their payloads, by mention id) and the reasons they joined
        for, in the order they joined (one query); clusters without mentions are left out."""
        evs: dict[str, list[EventRecord]] = {}
        joins: dict[str, list[tuple[int, str]]] = {}
        for cid, payload, reason, order, *doc in conn.execute(
                sa.select(mentions.c.cluster_id, mentions.c.payload, mentions.c.merge_reason, mentions.c.joined,
                          *_DOC_COLS).join(documents, documents.c.id == mentions.c.doc_id)
                .where(mentions.c.cluster_id.in_(ids)).order_by(mentions.c.id)):
            evs.setdefault(cid, []).append(EventRecord.from_json(_unpacked(payload, *doc)))
            if reason is not None:
                joins.setdefault(cid, []).append((order, reason))
        return {cid: (es, [r for _, r in sorted(joins.get(cid, []))]) for cid, es in evs.items()}

    def _merge_records(self, conn: Connection, ids: list[str]) -> dict[str, MergedEvent]:
        """Merge clusters `ids` from their mentions and the reasons those joined for."""
        if not ids:
            return {}
        members = self._members(conn, ids)
        return {cid: merge_mentions(cid, *members[cid]) for cid in ids if cid in members}

    def _merge_from_mentions(self, conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
        """`_merge_records` as JSON: what cluster_events keeps and readers get."""
        return {cid: ev.to_json() for cid, ev in self._merge_records(conn, ids).items()}

    def _merged_records(self, conn: Connection, ids: list[str]) -> dict[str, MergedEvent]:
        """`_merged` as records: the kept merged events read with `MergedEvent.from_json`, the others merged
        from their mentions."""
        if not ids:
            return {}
        got = {cid: MergedEvent.from_json(ev) for cid, ev in conn.execute(
            sa.select(cluster_events.c.id, cluster_events.c.merged).where(cluster_events.c.id.in_(ids)))}
        return got | self._merge_records(conn, [cid for cid in ids if cid not in got])

    def page(self, flt: EventFilter | None = None, sort: str = "date", limit: int = 50,
             cursor: str | None = None, raw: bool = False, records: bool = False) -> tuple[list[Any], str | None]:
        """One page of merged events in `sort` order ("date", "-date", "-sources") after `cursor`, and the
        cursor of the next page (None on the last). Keyset paging: page 1,000 costs what page 1 costs.
        Each event is its JSON object; with `raw`, its JSON text, as stored (the API sends it on without
        parsing it); with `records`, a `model.results.MergedEvent` (what the exporters read)."""
        key = sort_key(sort)
        q = after(sa.select(clusters.c.id, key.label("k")), sort, cursor)
        with self.engine.connect() as conn:
            if flt is not None:
                narrow = flt.bbox is not None
                if not narrow and (idx := flt.indexed()):
                    # few mentions of this country or type (an index count): collect them first
                    found = conn.execute(sa.select(sa.func.count()).select_from(
                        sa.select(mentions.c.id).where(*idx).limit(_NARROW + 1).subquery())).scalar_one()
                    narrow = found <= _NARROW
                span = None
                if flt.date_from is not None and sort == "date":
                    span = conn.execute(sa.select(sa.func.max(clusters.c.span))).scalar() or 0
                q = flt.apply(q, narrow, span)
            rows = conn.execute(q.limit(limit + 1)).all()
            more = len(rows) > limit
            rows = rows[:limit]
            ids = [r[0] for r in rows]
            merged = self._merged_records(conn, ids) if records else self._merged(conn, ids, raw)
        nxt = encode_cursor(sort, rows[-1][1], rows[-1][0]) if more and rows else None
        return [merged[r[0]] for r in rows if r[0] in merged], nxt

    def count(self, flt: EventFilter | None = None) -> int:
        q = sa.select(sa.func.count()).select_from(clusters)
        if flt is not None:
            q = flt.apply(q)
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def event(self, cluster_id: str) -> dict[str, Any] | None:
        """One merged event with every source, evidence span, trigger, fatality report and merge reason."""
        with self.engine.connect() as conn:
            return self._merged(conn, [cluster_id]).get(cluster_id)

    def document_view(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document's original text with the spans of its events, quotes and posts."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).mappings().first()
            if row is None:
                return None
            evs = [(cid, _unpacked(p, doc_id, row["text"], row["url"], row["outlet"], row["published"]))
                   for cid, p in conn.execute(sa.select(mentions.c.cluster_id, mentions.c.payload).where(
                       mentions.c.doc_id == doc_id).order_by(mentions.c.id))]
            qs = [r[0] for r in conn.execute(sa.select(quotes.c.payload).where(quotes.c.doc_id == doc_id))]
            ps = [r[0] for r in conn.execute(sa.select(posts.c.payload).where(posts.c.doc_id == doc_id))]
        doc = {k: row[k] for k in ("id", "url", "outlet", "title", "lang", "published_source")}
        doc["published"] = row["published"].isoformat() if row["published"] else None
        return {
            "doc": doc, "text": row["text"],
            "events": [{"event_id": cid, "mention_id": ev.event_id, "event_type": ev.event_type,
                        "sub_event_type": ev.sub_event_type,
                        "event_date": ev.event_date.isoformat() if ev.event_date else None,
                        "trigger": ev.trigger.to_json() if ev.trigger else None,
                        "evidence": [s.to_json() for s in ev.evidence]}
                       for cid, ev in sorted(((cid, EventRecord.from_json(p)) for cid, p in evs),
                                             key=lambda m: m[1].trigger.start if m[1].trigger else 0)],
            "quotes": sorted(qs, key=lambda q: q["start"]),
            "posts": sorted(ps, key=lambda p: p["start"]),
        }

    def quotes(self, speaker: Sequence[str] = (), org: Sequence[str] = (), date_from: date | None = None,
               date_to: date | None = None, text: Sequence[str] = (), limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
        """Stored quotes (SCHEMA QUOTE dicts with their document id), newest first."""
        q = sa.select(quotes.c.doc_id, quotes.c.payload)
        if speaker:
            q = q.where(sa.or_(*(sa.func.lower(quotes.c.speaker).contains(s.lower(), autoescape=True)
                                 for s in speaker)))
        if date_from:
            q = q.where(quotes.c.date >= date_from)
        if date_to:
            q = q.where(quotes.c.date <= date_to)
        q = q.order_by(quotes.c.date.desc(), quotes.c.id)
        out = []
        keys = [search_key(t) for t in text]
        orgs = [o.lower() for o in org]
        with self.engine.connect() as conn:
            for doc_id, p in conn.execution_options(yield_per=500).execute(q):
                quote = QuoteRecord.from_json(p)
                if orgs and not any(o in (quote.speaker.org or "").lower() for o in orgs):
                    continue
                if keys and not any(k in search_key(quote.text or "") for k in keys):
                    continue
                if offset:
                    offset -= 1
                    continue
                out.append({**p, "doc_id": doc_id})
                if len(out) >= limit:
                    break
        return out

    def actors(self, limit: int = 500) -> list[dict[str, Any]]:
        """Actors of the stored events with how many events name them (on either side), most first."""
        counts: dict[tuple[str, str | None], set[str]] = {}
        with self.engine.connect() as conn:
            for name_col, id_col in ((mentions.c.actor1, mentions.c.actor1_id), (mentions.c.actor2, mentions.c.actor2_id)):
                for name, aid, cid in conn.execute(sa.select(name_col, id_col, mentions.c.cluster_id).where(
                        name_col.is_not(None)).distinct()):
                    counts.setdefault((name, aid), set()).add(cid)
        ranked = sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0][0]))
        return [{"name": n, "id": i, "events": len(c)} for (n, i), c in ranked[:limit]]

    def facets(self) -> dict[str, Any]:
        """What the filters can take: countries and event types with their event counts, the date range."""
        with self.engine.connect() as conn:
            countries = conn.execute(sa.select(mentions.c.country, sa.func.count(sa.distinct(mentions.c.cluster_id)))
                                     .where(mentions.c.country.is_not(None)).group_by(mentions.c.country)).all()
            types = conn.execute(sa.select(mentions.c.event_type, mentions.c.sub_event_type,
                                           sa.func.count(sa.distinct(mentions.c.cluster_id)))
                                 .group_by(mentions.c.event_type, mentions.c.sub_event_type)).all()
            lo, hi = conn.execute(sa.select(sa.func.min(clusters.c.date_start), sa.func.max(clusters.c.date_end))).one()

        def iso(d: object) -> object:
            return d.isoformat() if isinstance(d, date) else d

        return {"countries": [{"name": c, "events": n} for c, n in sorted(countries, key=lambda r: (-r[1], r[0]))],
                "types": [{"event_type": t, "sub_event_type": s, "events": n} for t, s, n in sorted(types)],
                "date_min": iso(lo), "date_max": iso(hi)}

    def dump(self) -> dict[str, list]:
        """Every row of every table, canonically ordered and JSON-shaped: two stores with equal dumps hold the
        same data, whatever the database."""
        out: dict[str, list] = {}
        with self.engine.connect() as conn:
            for t in TABLES:
                rows = conn.execute(sa.select(t).order_by(*t.primary_key.columns)).mappings().all()
                out[t.name] = [json.loads(json.dumps(dict(r), default=str, sort_keys=True)) for r in rows]
        return out
