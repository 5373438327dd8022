"""`marsad ingest | reprocess | query | export`: the commands that work on a store."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.model.results import MergedEvent

DEFAULT_DB = "marsad.db"


def _open(args: argparse.Namespace, create: bool = True):
    """The store of --db; a read command given a SQLite file that does not exist says so instead of creating
    an empty store."""
    import os

    from marsad.store import Store
    from marsad.store.store import sqlite_path

    path = sqlite_path(args.db)
    if not create and path is not None and not os.path.exists(path):
        raise SystemExit(f"marsad: error: no store at {path} (run `marsad ingest` first, or give --db)")
    return Store(args.db)


def _report(tally, store) -> int:
    print(f"marsad: {tally.line()}", file=sys.stderr)
    for err in tally.errors:
        print(f"marsad: error: {err}", file=sys.stderr)
    c = store.counts()
    print(f"marsad: store holds {c['documents']} documents, {c['mentions']} event mentions in "
          f"{c['clusters']} events, {c['quotes']} quotes, {c['posts']} posts", file=sys.stderr)
    return 1 if tally.errors else 0


def _count(path: str) -> int | None:
    """Documents in one input file, for the progress bar: lines of JSON Lines, None (unknown) for archives,
    feeds, gzipped JSON Lines and lists of URLs, one for anything else (and for a file that cannot be read:
    the reader reports it, in its turn)."""
    import os
    import stat

    if path.lower().endswith((".gz", ".warc", ".rss", ".atom", ".xml", ".urls")):
        return None
    if not path.endswith((".jsonl", ".ndjson")):
        return 1
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return 1
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


def cmd_ingest(args: argparse.Namespace) -> int:
    from marsad.cli.main import limits_of
    from marsad.ingest import expand_paths
    from marsad.store.run import ingest_paths

    counts = [None] if "-" in args.paths else [_count(p) for p in expand_paths(args.paths)]
    total = None if None in counts else sum(c for c in counts if c is not None)
    with _open(args) as store:
        tally = ingest_paths(store, args.paths, published=args.published, workers=args.workers,
                             progress=not args.quiet, total=total, limits=limits_of(args),
                             budget=args.time_limit, engine=args.engine, scheduler=args.scheduler,
                             fetcher=_fetcher(args, limits_of(args)))
        return _report(tally, store)


def _fetcher(args: argparse.Namespace, limits):
    from marsad.inputs.http import USER_AGENT, Fetcher

    return Fetcher(user_agent=args.user_agent or USER_AGENT, delay=args.fetch_delay, timeout=args.fetch_timeout,
                   max_bytes=limits.max_file_bytes)


def cmd_watch(args: argparse.Namespace) -> int:
    import logging

    from marsad.cli.main import limits_of
    from marsad.watch import Watcher, read_feed_list

    try:
        urls = read_feed_list(args.feeds)
    except (OSError, ValueError) as exc:
        raise SystemExit(f"marsad: error: {exc}") from None
    log = logging.getLogger("marsad.watch")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s marsad watch: %(message)s", "%Y-%m-%dT%H:%M:%S"))
    log.addHandler(handler)
    log.setLevel(logging.WARNING if args.quiet else logging.INFO)
    log.propagate = False
    try:
        with _open(args) as store:
            w = Watcher(store, every=args.every, fetcher=_fetcher(args, limits_of(args)),
                        budget=args.time_limit, limits=limits_of(args))
            polls = w.run(urls, once=args.once)
    except KeyboardInterrupt:
        return 0
    finally:
        log.removeHandler(handler)
        log.propagate = True
    return 1 if any(p.status == "failed" for p in polls) else 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    from marsad.store.run import reprocess

    with _open(args) as store:
        tally = reprocess(store, everything=args.all, workers=args.workers, progress=not args.quiet,
                          budget=args.time_limit, engine=args.engine, scheduler=args.scheduler)
        return _report(tally, store)


def _filter(args: argparse.Namespace):
    from marsad.store import EventFilter

    return EventFilter(country=args.country, region=args.region, admin1=args.admin1, date_from=args.date_from,
                       date_to=args.date_to, bbox=args.bbox, event_type=args.type, actor=args.actor, text=args.text,
                       min_confidence=args.min_confidence, min_fatalities=args.min_fatalities,
                       min_sources=args.min_sources)


QUERY_COLUMNS = ("event_id", "event_date", "sub_event_type", "actor1", "actor2", "location", "admin1", "country",
                 "fatalities", "sources")


def _cell(ev: MergedEvent, col: str) -> str:
    if col in ("actor1", "actor2"):
        a = ev.actor1 if col == "actor1" else ev.actor2
        return (a.name or "") if a else ""
    if col == "sources":
        return str(len(ev.sources))
    if col == "event_date":
        d1, d2 = ev.event_date, ev.event_date_end
        if d1 is None:
            return ""
        return f"{d1.isoformat()}..{d2.isoformat()[5:]}" if d2 and d2 != d1 else d1.isoformat()
    v = getattr(ev, col)
    return "" if v is None else str(v)


def cmd_query(args: argparse.Namespace) -> int:
    import json

    with _open(args, create=False) as store:
        events = store.event_records(_filter(args))
        if args.json:
            for n, ev in enumerate(events, 1):
                print(json.dumps(ev.to_json(), ensure_ascii=False))
                if args.limit and n >= args.limit:
                    break
            return 0
        rows = []
        for ev in events:
            rows.append([_cell(ev, c) for c in QUERY_COLUMNS])
            if args.limit and len(rows) >= args.limit:
                break
    widths = [min(max([len(c)] + [len(r[i]) for r in rows]), 34) for i, c in enumerate(QUERY_COLUMNS)]
    print("  ".join(c.ljust(w) for c, w in zip(QUERY_COLUMNS, widths, strict=True)))
    for r in rows:
        print("  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)))
    print(f"({len(rows)} events)", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from marsad.cli.main import refuse_overwrite
    from marsad.export import run_export
    from marsad.store.store import sqlite_path

    db = sqlite_path(args.db)
    refuse_overwrite(str(args.out) if args.out else None, [db] if db else [], "the store")
    from itertools import islice

    with _open(args, create=False) as store:
        events = store.event_records(_filter(args))
        return run_export(islice(events, args.limit) if args.limit else events, args)


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    _open(args, create=False).close()  # says so if there is no store; migrates it once, before any worker
    writes = "need the bearer token" if os.environ.get("MARSAD_API_TOKEN") else "disabled: no MARSAD_API_TOKEN"
    print(f"marsad: serving {args.db} at http://{args.host}:{args.port}/ with {args.workers} process(es) "
          f"(API docs at /docs; writes {writes})", file=sys.stderr)
    os.environ["MARSAD_DB"] = args.db
    uvicorn.run("marsad.api.app:app_from_env", factory=True, host=args.host, port=args.port,
                log_level=args.log_level, workers=args.workers)
    return 0


def _db_args(p: argparse.ArgumentParser, extracting: bool = False) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH|URL",
                   help=f"SQLite file (default {DEFAULT_DB}) or postgresql://user@host:port/dbname")
    if extracting:
        from marsad.cli.main import engine_args, limit_args

        engine_args(p)
        p.add_argument("--quiet", action="store_true", help="no progress bar")
        limit_args(p)


def _bbox(s: str) -> tuple[float, float, float, float]:
    from marsad.api.params import parse_bbox

    try:
        return parse_bbox(s)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _unit(s: str) -> float:
    try:
        x = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {s!r}") from None
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"{s} is outside 0..1")
    return x


def _filter_args(p: argparse.ArgumentParser) -> None:
    from marsad.cli.main import _date, count  # main builds these parsers, so it is loaded by now

    p.add_argument("--country", action="append", help="country: English name or ISO code (Syria, SY, SYR); "
                   "repeat for several (any of them)")
    p.add_argument("--region", action="append", help="ACLED region (e.g. 'Middle East', 'Northern Africa')")
    p.add_argument("--admin1", action="append", help="first-level region, spelling-tolerant (Al-Hasakah, "
                   "hasakah); repeatable")
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD", help="events ending on or after")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD", help="events starting on or before")
    p.add_argument("--type", action="append", help="event type or sub-event type (e.g. Battles, "
                   "'Air/drone strike'); repeatable")
    p.add_argument("--actor", action="append", help="part of an actor's English name (ISIS), its id, or its "
                   "name as written in Arabic; repeatable")
    p.add_argument("--text", action="append", help="words of the Arabic evidence (diacritics and hamza "
                   "forms do not matter); repeatable")
    p.add_argument("--bbox", type=_bbox, metavar="W,S,E,N", help="events inside this box (degrees)")
    p.add_argument("--min-confidence", type=_unit, metavar="X", help="events reported with confidence >= X")
    p.add_argument("--min-fatalities", type=count(0), metavar="N", help="events with a report of >= N deaths")
    p.add_argument("--min-sources", type=count(1), default=1, metavar="N", help="events reported by at least N documents")


def _every(s: str) -> float:
    from marsad.watch import parse_every

    try:
        return parse_every(s)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _delay(s: str) -> float:
    """Seconds between requests to one host: as `seconds`, and 0 (no wait) allowed."""
    from marsad.cli.main import seconds

    try:
        if float(s) == 0:
            return 0.0
    except ValueError:
        pass
    return seconds(s)


def _fetch_args(p: argparse.ArgumentParser) -> None:
    from marsad.cli.main import seconds

    g = p.add_argument_group("fetching pages (.urls files, feeds)")
    g.add_argument("--user-agent", help="how marsad names itself to web servers (default marsad/VERSION "
                   "with the project's address)")
    g.add_argument("--fetch-delay", type=_delay, default=1.0, metavar="SECONDS",
                   help="seconds between two requests to one host (default 1; a robots.txt Crawl-delay wins)")
    g.add_argument("--fetch-timeout", type=seconds, default=20.0, metavar="SECONDS",
                   help="seconds to wait for a server (default 20)")


def add_store_commands(sub) -> None:
    i = sub.add_parser("ingest", help="extract documents and store them, merging events across outlets",
                       description="Read .json/.jsonl(.gz)/.txt/.html files, WARC archives (.warc, .warc.gz), RSS/Atom "
                       "feeds (.rss, .atom, .xml), lists of URLs to fetch (.urls) or folders of them, extract "
                       "each document and "
                       "store it with its events, quotes and posts. Re-ingesting an unchanged document does "
                       "nothing; a changed one replaces its old results. Event mentions from different "
                       "documents that describe one real event are merged into one event.")
    i.add_argument("paths", nargs="+", metavar="PATH")
    _db_args(i, extracting=True)
    from marsad.cli.main import _date  # main builds these parsers, so it is loaded by now

    i.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date of every input that states none itself (.txt, .html, JSON records "
                   "without 'published'); a record's own date wins. Without it, a missing date is read from "
                   "the page's metadata, the URL or the text; the summary says how many documents had none")
    _fetch_args(i)
    i.set_defaults(func=cmd_ingest)

    w = sub.add_parser("watch", help="poll RSS/Atom feeds and ingest their new items",
                       description="Poll each feed of FEEDS_FILE (one http(s) URL a line, # comments) with "
                       "conditional requests, extract and store the items not seen before (their full content, "
                       "else the linked page, fetched politely), and keep each feed's state in the store so a "
                       "restart resumes. A failing feed is retried later and later (every x 2^failures, at "
                       "most 6 h), and each failure is logged with its reason.")
    w.add_argument("feeds", metavar="FEEDS_FILE")
    w.add_argument("--every", type=_every, default=300.0, metavar="DURATION",
                   help="time between polls: 30s, 5m (default), 1h")
    w.add_argument("--once", action="store_true", help="poll every feed once and exit (for cron); exit "
                   "status 1 if a feed failed")
    _db_args(w)
    from marsad.cli.main import limit_args

    limit_args(w)
    w.add_argument("--quiet", action="store_true", help="log failures only, not every poll")
    _fetch_args(w)
    w.set_defaults(func=cmd_watch)

    r = sub.add_parser("reprocess", help="extract stored documents again after an upgrade",
                       description="Extract again the stored documents that an older pipeline version read "
                       "(code or lexicons changed), replacing their results.")
    _db_args(r, extracting=True)
    r.add_argument("--all", action="store_true", help="every stored document, whatever its version")
    r.set_defaults(func=cmd_reprocess)

    q = sub.add_parser("query", help="list stored events matching filters, as a table",
                       description="Print the merged events of the store that match the filters, as a table "
                       "(or JSON Lines with --json), ordered by date.")
    _db_args(q)
    _filter_args(q)
    from marsad.cli.main import count

    q.add_argument("--limit", type=count(0), default=0, metavar="N", help="at most N events")
    q.add_argument("--json", action="store_true", help="one EVENT object per line instead of a table")
    q.set_defaults(func=cmd_query)

    s = sub.add_parser("serve", help="serve the REST API and the web page over a store",
                       description="Serve the store over HTTP: the web page (map, timeline, filters, events with "
                       "their Arabic evidence) at /, the REST API (GET /events, /events/{id}, /documents/{id}, "
                       "/quotes, /actors, /facets, /health; POST /documents) with its OpenAPI spec at "
                       "/openapi.json and offline docs at /docs. Writes need MARSAD_API_TOKEN set and sent as "
                       "'Authorization: Bearer <token>'. See docs/api.md.")
    _db_args(s)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    from marsad.cli.main import count

    s.add_argument("--port", type=count(1, 65535), default=8000, help="port (default 8000)")
    s.add_argument("--workers", type=count(1, 64), default=1, metavar="N", help="server processes (default 1)")
    s.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    s.set_defaults(func=cmd_serve)

    x = sub.add_parser("export", help="write stored events as csv, jsonl, geojson or parquet",
                       description="Export the merged events of the store: csv (ACLED columns, then marsad's), "
                       "jsonl (SCHEMA EVENT objects), geojson (points) or parquet.")
    _db_args(x)
    _filter_args(x)
    from marsad.export import add_export_arguments

    add_export_arguments(x)
    from marsad.cli.main import count

    x.add_argument("--limit", type=count(0), default=0, metavar="N", help="at most N events (0: all)")
    x.set_defaults(func=cmd_export)
