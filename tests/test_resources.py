"""The typed, frozen set of resources the stages read (stages/resources.py)."""

from __future__ import annotations

import pickle

import pytest

from marsad.stages.resources import LOADERS, MissingResource, Resources, UndeclaredResource


def test_one_typed_field_per_loader() -> None:
    hints = Resources.__annotations__
    assert list(hints) == list(LOADERS)
    assert hints["gazetteer"] == "Gazetteer" and hints["time"] == "TimeLexicon" and hints["names"] == "Names"
    assert type(Resources.build(["names"]).names).__name__ == "Names"


def test_fields_read_what_was_loaded_and_nothing_else() -> None:
    res = Resources.build(["charmap"])
    assert res.charmap is res["charmap"] and "charmap" in res and "time" not in res
    assert res.loaded == ["charmap"]
    with pytest.raises(MissingResource, match="'time' was not loaded"):
        res.time  # noqa: B018
    with pytest.raises(KeyError, match="unknown resource 'timee'"):
        res["timee"]
    with pytest.raises(AttributeError):
        res.timee  # noqa: B018


def test_frozen_and_shared() -> None:
    res = Resources.build(["charmap"])
    with pytest.raises(AttributeError, match="frozen"):
        res.charmap = None  # type: ignore[misc]
    more = res.with_(["charmap", "furniture"])
    assert more is not res and more.charmap is res.charmap and "furniture" not in res
    assert more.with_(["furniture"]) is more


def test_a_stage_view_holds_only_what_it_declared() -> None:
    res = Resources.build(["charmap", "furniture"])
    view = res.only(("furniture",), "furniture")
    assert view.furniture is res.furniture
    with pytest.raises(UndeclaredResource, match="stage 'furniture' reads resource 'charmap'"):
        view.charmap  # noqa: B018


def test_pickles_with_its_view() -> None:
    view = Resources.build(["charmap"]).only(("charmap",), "segment")
    back = pickle.loads(pickle.dumps(view))
    assert back.loaded == ["charmap"] and back.charmap.fold("A") == view.charmap.fold("A")
    with pytest.raises(UndeclaredResource):
        back.time  # noqa: B018


def test_the_document_normalises_with_the_pipelines_charmap() -> None:
    from marsad.model.document import DocMeta, Document
    from marsad.pipeline import Pipeline

    pipe = Pipeline.build(until="segment")
    doc = pipe(Document("قال مصدر.", DocMeta(id="t")))
    assert doc._charmap is pipe.resources.charmap


def test_stages_depend_on_resources_never_the_reverse() -> None:
    """No module of marsad.resources (nor text/, model/) imports a stage, even lazily."""
    import ast
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "marsad"
    bad = []
    for pkg in ("resources", "text", "model"):
        for path in (src / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                mods = ([a.name for a in node.names] if isinstance(node, ast.Import)
                        else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                bad += [f"{path.relative_to(src)}: {m}" for m in mods if m.startswith("marsad.stages")]
    assert not bad


def test_importing_marsad_reads_no_data_file() -> None:
    """Every module imports without opening a file under resources/data (resources load when asked)."""
    import subprocess
    import sys

    code = """
import importlib, pkgutil, sys
opened = []
sys.addaudithook(lambda ev, args: opened.append(args[0]) if ev == "open" and "resources" in str(args[0])
                 and "data" in str(args[0]) else None)
import marsad
for m in pkgutil.walk_packages(marsad.__path__, "marsad."):
    if ".migrations." not in m.name:
        importlib.import_module(m.name)
print(opened)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"
