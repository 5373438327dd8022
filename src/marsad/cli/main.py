"""The `marsad` command line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from marsad import __version__


def _date(s: str) -> date:
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {s!r}") from None


def count(lo: int, hi: int = 10**9):
    """An argparse type: an integer in [lo, hi] (a clear error, never an overflow further on)."""

    def parse(s: str) -> int:
        try:
            n = int(s)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {s!r}") from None
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"{n} is outside {lo}..{hi:,}")
        return n

    parse.__name__ = "number"
    return parse


def seconds(s: str) -> float:
    try:
        x = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {s!r}") from None
    if not 0 < x <= 86400:
        raise argparse.ArgumentTypeError(f"{s} is outside 0..86400 seconds")
    return x


def limit_args(p: argparse.ArgumentParser) -> None:
    """--max-chars and --time-limit: what one document may cost before it is reported and skipped."""
    from marsad.ingest import DEFAULT_LIMITS
    from marsad.pipeline import DEFAULT_BUDGET

    p.add_argument("--max-chars", type=count(1, 10**9), default=DEFAULT_LIMITS.max_chars, metavar="N",
                   help=f"refuse a document whose text (or HTML) is longer than N characters "
                   f"(default {DEFAULT_LIMITS.max_chars:,})")
    p.add_argument("--time-limit", type=seconds, default=DEFAULT_BUDGET, metavar="S",
                   help=f"give up on a document after S seconds of extraction and report it "
                   f"(default {DEFAULT_BUDGET:g})")


def engine_args(p: argparse.ArgumentParser) -> None:
    """--workers, --engine and --scheduler: where extraction runs (engines.extract_all)."""
    from marsad.engines import ENGINES

    p.add_argument("--workers", type=count(1, 256), default=1, metavar="N",
                   help="extraction processes (default 1); results keep the input's order")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="where extraction runs: local processes (--workers), or a Dask cluster (a LocalCluster "
                   "of --workers processes, or --scheduler's); the results are the same either way")
    p.add_argument("--scheduler", metavar="ADDRESS|FILE", help="a running Dask scheduler for --engine dask: "
                   "its address (tcp://host:8786) or its --scheduler-file")


def limits_of(args: argparse.Namespace):
    from dataclasses import replace

    from marsad.ingest import DEFAULT_LIMITS

    return replace(DEFAULT_LIMITS, max_chars=args.max_chars)


def refuse_overwrite(out: str | None, inputs: list[str], what: str = "an input") -> None:
    """Stop before writing `out` when it is one of `inputs` (or inside an input folder, where it would be
    read back): an output never destroys what it was made from."""
    import os

    if not out or out == "-":
        return
    target = os.path.realpath(out)
    for p in inputs:
        if p == "-" or not os.path.exists(p):
            continue
        real = os.path.realpath(p)
        if target == real or (os.path.isdir(real) and target.startswith(real.rstrip(os.sep) + os.sep)):
            raise SystemExit(f"marsad: error: --out {out} would overwrite {what} ({p}); write elsewhere")


def _dump(obj, pretty: bool) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1 if pretty else None)


def cmd_extract(args: argparse.Namespace) -> int:
    from marsad.engines import extract_all
    from marsad.ingest import IngestError, Skipped, read_paths

    refuse_overwrite(args.out, args.paths)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    errors = 0
    results = []

    def documents():
        nonlocal errors
        for item in read_paths(args.paths, args.published, limits_of(args)):
            if isinstance(item, IngestError):
                errors += 1
                print(f"marsad: error: {item}", file=sys.stderr)
            elif isinstance(item, Skipped):
                print(f"marsad: note: {item}", file=sys.stderr)
            else:
                yield item

    extracted = extract_all(documents(), workers=args.workers, engine=args.engine, scheduler=args.scheduler,
                            budget=args.time_limit)
    try:
        for x in extracted:
            if x.result is None:
                errors += 1
                print(f"marsad: error: {x.source}: {x.error}", file=sys.stderr)
            elif args.format == "json":
                results.append(x.result)
            else:
                out.write(_dump(x.result, False) + "\n")
        if args.format == "json":
            out.write(_dump(results, True) + "\n")  # a list, for one document as for many
    finally:
        extracted.close()
        if args.out:
            out.close()
    return 1 if errors else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from marsad.eval.floors import check_floors, raise_floors
    from marsad.eval.scorer import corpus_digest, evaluate, format_report

    if args.dedup:
        from marsad.eval.dedup import evaluate_dedup, format_dedup

        drep = evaluate_dedup(args.gold_dir, args.raw_dir, oracle=args.oracle)
        print(_dump(drep.to_json(), True) if args.json else format_dedup(drep))
        return 0
    rep = evaluate(args.gold_dir, args.raw_dir, split=args.split)
    if args.json:
        print(_dump(rep.to_json(), True))
    else:
        print(format_report(rep))
    status = 0
    name = args.split or "dev"
    digest = corpus_digest(args.gold_dir, args.raw_dir, args.split)
    if args.floors:
        problems = check_floors(args.floors, rep.flat(), digest, name, rep.resolution())
        for p in problems:
            print(f"marsad: floor: {p}", file=sys.stderr)
        status = 1 if problems else 0
    if args.raise_floors:
        raised = raise_floors(args.raise_floors, rep.flat(), digest, name)
        for k, (old, new) in raised.items():
            print(f"raised {name} floor {k}: {old} -> {new}", file=sys.stderr)
    return status


def cmd_bench(args: argparse.Namespace) -> int:
    from marsad.bench import bench

    r = bench(args.paths, repeat=args.repeat)
    if args.json:
        print(_dump(r, False))
    else:
        for k, v in r.items():
            print(f"{k:28s} {v}")
    return 0


def _lookup_jsonl(args: argparse.Namespace, kind: str) -> int:
    from marsad.lookup import lookup_lines

    name = "<stdin>" if args.jsonl == "-" else args.jsonl
    fh = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8-sig")
    bad = 0
    try:
        for out in lookup_lines(kind, fh):
            if "error" in out:
                bad += 1
                print(f"marsad: error: {name}: line {out['line']}: {out['error']}", file=sys.stderr)
            sys.stdout.write(_dump(out, False) + "\n")
    finally:
        if fh is not sys.stdin:
            fh.close()
    return 1 if bad else 0


def _layer_cmd(args: argparse.Namespace, kind: str) -> int:
    if args.jsonl:
        if args.text is not None:
            print("marsad: error: give TEXT or --jsonl, not both", file=sys.stderr)
            return 2
        return _lookup_jsonl(args, kind)
    if args.text is None:
        print(f"marsad: error: {kind} needs TEXT (or - for stdin) or --jsonl FILE", file=sys.stderr)
        return 2
    text = args.text if args.text != "-" else sys.stdin.read()
    if kind == "time":
        from marsad.cli.layers import parse_times, time_to_json

        out = [time_to_json(e) for e in parse_times(text, args.published)]
    elif kind == "places":
        from marsad.cli.layers import parse_places, place_to_json

        out = [place_to_json(m) for m in parse_places(text)]
    else:
        from marsad.cli.layers import actor_to_json, parse_actors

        out = [actor_to_json(m) for m in parse_actors(text, published=args.published, country=args.country)]
    print(_dump(out, True))
    return 0


_JSONL_HELP = ('answer many cases, one JSON object a line ({"id": ..., "text": ..., "published": "YYYY-MM-DD"}), '
               'from FILE or - (stdin); prints one {"id": ..., "results": [...]} line per case, each result with '
               'start/end/text offsets; a malformed line prints {"line": N, "error": ...} and the others are still '
               'answered')


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="marsad", description="Arabic news articles -> ACLED-style events, quotes "
                                "and embedded posts.")
    p.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    x = sub.add_parser("extract", help="extract events, quotes and posts; one SCHEMA result per document",
                       description="Read .json/.jsonl/.txt/.html files, folders, or - (stdin) and write one "
                       "result object per document (JSON Lines by default). Bad inputs are reported on stderr "
                       "and the others are still processed (exit status 1 if any failed).")
    x.add_argument("paths", nargs="+", metavar="PATH")
    x.add_argument("--format", choices=("jsonl", "json"), default="jsonl",
                   help="jsonl (default: one result a line) or json (a pretty JSON array of results, for one "
                   "document as for many)")
    x.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    engine_args(x)
    x.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date (the anchor for relative dates) of every input that states none "
                   "itself: .txt, .html, and JSON records without 'published'; a record's own date wins. "
                   "Without it, a missing date is read from the page's metadata, the URL or the text")
    limit_args(x)
    x.set_defaults(func=cmd_extract)

    e = sub.add_parser("eval", help="score marsad against a gold folder",
                       description="Extract every RAW_DIR/<id>.json that has GOLD_DIR/<id>.json and score it: "
                       "event P/R/F1 (type-level and loose), sub-type, date, actor, fatalities and geo accuracy, "
                       "quote F1 and speaker accuracy (resolved entity; the lenient mention-level figure too), "
                       "post F1. With --split, score one half of an annotated folder (ids ending in an even "
                       "digit: train; odd: blind); a blind report prints totals only.",
                       epilog="examples: marsad eval ../shared/corpus/dev/gold ../shared/corpus/dev/raw  |  "
                       "marsad eval tests/data/annotated ../shared/corpus/unlabeled --split blind")
    e.add_argument("gold_dir", metavar="GOLD_DIR")
    e.add_argument("raw_dir", metavar="RAW_DIR")
    e.add_argument("--split", choices=("train", "blind"), help="score only this half of GOLD_DIR "
                   "(train: ids ending in an even digit; blind: odd, totals only); floors use its section")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.add_argument("--floors", metavar="FILE", help="fail (exit 1) if a metric falls below its floor in FILE "
                   "(the section of --split, else 'dev')")
    e.add_argument("--raise-floors", metavar="FILE", help="raise the floors in FILE to the figures reached "
                   "(floors are never lowered)")
    e.add_argument("--dedup", action="store_true", help="score cross-document merging instead: cluster the corpus "
                   "in memory (the store's decisions, no database), then pairwise precision/recall of merged "
                   "event mentions against the dev clusters")
    e.add_argument("--oracle", action="store_true", help="with --dedup: cluster the gold events themselves, to "
                   "measure the merging apart from extraction errors")
    e.set_defaults(func=cmd_eval)

    b = sub.add_parser("bench", help="documents/s, characters/s and peak RSS of extract on a corpus")
    b.add_argument("paths", nargs="+", metavar="PATH")
    b.add_argument("--json", action="store_true", help='print {"docs_per_s": ..., "chars_per_s": ..., '
                   '"peak_rss_mb": ...}')
    b.add_argument("--repeat", type=count(1, 1000), default=1, help="process the corpus N times (default 1)")
    b.set_defaults(func=cmd_bench)

    t = sub.add_parser("time", help="print the date expressions recognised in TEXT (JSON)")
    t.add_argument("text", metavar="TEXT", nargs="?", help="Arabic text, or - for stdin")
    t.add_argument("--jsonl", metavar="FILE", help=_JSONL_HELP)
    t.add_argument("--published", type=_date, metavar="YYYY-MM-DD", help="anchor for relative dates")
    t.set_defaults(func=lambda a: _layer_cmd(a, "time"))

    pl = sub.add_parser("places", help="print the places recognised in TEXT (JSON)")
    pl.add_argument("text", metavar="TEXT", nargs="?", help="Arabic text, or - for stdin")
    pl.add_argument("--jsonl", metavar="FILE", help=_JSONL_HELP)
    pl.set_defaults(func=lambda a: _layer_cmd(a, "places"))

    ac = sub.add_parser("actors", help="print the actors resolved in TEXT (JSON)")
    ac.add_argument("text", metavar="TEXT", nargs="?", help="Arabic text, or - for stdin")
    ac.add_argument("--jsonl", metavar="FILE", help=_JSONL_HELP)
    ac.add_argument("--published", type=_date, metavar="YYYY-MM-DD", help="story date (actor validity)")
    ac.add_argument("--country", metavar="NAME", help="country for generic actors (the army, the police ...)")
    ac.set_defaults(func=lambda a: _layer_cmd(a, "actors"))

    from marsad.cli.store_cmds import add_store_commands

    add_store_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except FileNotFoundError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

        if isinstance(exc, (DBAPIError, NoSuchModuleError, ArgumentError)):  # a store that cannot be opened
            msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            print(f"marsad: error: the store cannot be used: {msg[0] if msg else type(exc).__name__}",
                  file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
