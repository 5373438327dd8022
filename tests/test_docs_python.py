"""docs/python.md stays true: every ```python block runs, in order, in one namespace and an empty folder."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "python.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.S | re.M)


def python_blocks(path: Path) -> list[tuple[int, str]]:
    """(line of the block's first code line, code) of every ```python block of a Markdown file."""
    text = path.read_text("utf-8")
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in _BLOCK.finditer(text)]


def test_python_blocks_are_found():
    blocks = python_blocks(DOC)
    assert len(blocks) >= 8, "docs/python.md lost its examples (or the block pattern no longer finds them)"
    first_line, first = blocks[0]
    assert DOC.read_text("utf-8").splitlines()[first_line - 1] == first.splitlines()[0]


def test_python_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the examples write articles/, events.db, events.csv ... here
    namespace: dict[str, object] = {"__name__": "docs_python"}
    for line, code in python_blocks(DOC):
        # padded to the block's place, so that a failing line's traceback names its line in docs/python.md
        exec(compile("\n" * (line - 1) + code, str(DOC), "exec"), namespace)
