"""The command line: every command has --help, the README's commands are the ones CI runs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ["extract", "eval", "bench", "time", "places", "actors", "ingest", "reprocess", "query", "export",
            "watch", "serve"]


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli.main", *args], capture_output=True, text=True, **kw)


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_has_help(cmd: str) -> None:
    r = run(cmd, "--help")
    assert r.returncode == 0
    assert f"usage: marsad {cmd}" in r.stdout


def test_parser_lists_exactly_the_documented_commands() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(COMMANDS)
    readme = (ROOT / "README.md").read_text("utf-8")
    for cmd in COMMANDS:
        assert f"`marsad {cmd}" in readme, f"README does not document `marsad {cmd}`"


def test_readme_first_lines_are_the_two_commands_and_ci_runs_them() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S).group(1).strip().splitlines()
    assert len(block) == 2
    setup, tests = block
    assert setup.startswith("python3 -m venv .venv") and "marsad extract examples/" in setup
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert tests in ci
    assert setup.split(" && ")[0] in ci and "marsad extract examples/example_ar.json" in ci


def test_extract_example_is_schema_shaped() -> None:
    r = run("extract", str(ROOT / "examples" / "example_ar.json"), "--format", "json")
    assert r.returncode == 0, r.stderr
    (res,) = json.loads(r.stdout)  # a list, for one document as for many
    assert set(res) == {"doc", "events", "quotes", "unnamed_quotes", "posts"}
    assert res["doc"]["id"] == "example-001"
    text = json.loads((ROOT / "examples" / "example_ar.json").read_text("utf-8"))["text"]
    assert res["events"], "the example article reports events"
    for ev in res["events"]:
        for span in ev["evidence"]:
            assert text[span["start"]:span["end"]] == span["text"]
    for q in res["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
    assert [p["handle"] for p in res["posts"]] == ["@SyriaCivilDefe"]


def test_bad_date_argument_is_a_clear_error() -> None:
    r = run("extract", "-", "--published", "27/01/2022", input="نص")
    assert r.returncode == 2 and "not a YYYY-MM-DD date" in r.stderr
