"""Language data lives in resources/data, not in Python (STYLE.md, issue 18): this test counts the Arabic string
literals left in src/marsad — docstrings and comments do not count — and holds each file to its allowance.

The allowances only go down: a file over its allowance fails (a new word list in code), and a file under it
fails too until the number here is lowered to the new count, so that moved lists cannot creep back. The table
is empty: no Arabic word is left in code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "marsad"
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")

# file (relative to src/marsad) -> Arabic string literals it may still hold: none since 2026-12-08 (677 were
# left in 33 files that morning); an entry here is a debt, never a way to pass
ALLOWED: dict[str, int] = {}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def arabic_literals(path: Path) -> list[tuple[int, str]]:
    """(line, literal) for every string constant holding Arabic letters, docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"))
    docs = _docstrings(tree)
    found = sorted((node.lineno, node.col_offset, node.value) for node in ast.walk(tree)
                   if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                   and _ARABIC.search(node.value))
    return [(line, value) for line, _, value in found]


def test_arabic_literals_only_go_down() -> None:
    counts = {str(p.relative_to(SRC)): len(arabic_literals(p)) for p in sorted(SRC.rglob("*.py"))}
    counts = {k: v for k, v in counts.items() if v}
    over = {k: (v, ALLOWED.get(k, 0)) for k, v in counts.items() if v > ALLOWED.get(k, 0)}
    assert not over, f"Arabic literals in code (found, allowed): {over}; put word lists in resources/data"
    under = {k: (counts.get(k, 0), v) for k, v in ALLOWED.items() if counts.get(k, 0) < v}
    assert not under, f"fewer Arabic literals than allowed (found, allowed): {under}; lower ALLOWED to match"


def test_the_counter_sees_literals_and_skips_docstrings(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text('"""وثيقة"""\nX = ["قال", "ذكر"]  # تعليق\n\n\ndef g():\n    """دالة"""\n    return "ان"\n',
                 encoding="utf-8")
    assert [s for _, s in arabic_literals(f)] == ["قال", "ذكر", "ان"]
