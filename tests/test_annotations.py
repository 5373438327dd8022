"""The annotated unlabeled articles (tests/data/annotated): complete, valid, split by the written rule, and
holding no article text beyond evidence and quote snippets."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from marsad.eval.splits import in_split, split_of
from tests.conftest import ANNOTATED, ROOT, UNLABELED

_spec = importlib.util.spec_from_file_location("check_annotations", ROOT / "scripts" / "check_annotations.py")
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)

FILES = sorted(ANNOTATED.glob("*.json")) + sorted((ANNOTATED / "second").glob("*.json"))
needs_unlabeled = pytest.mark.skipif(not UNLABELED.is_dir(), reason=f"the unlabeled corpus is not at {UNLABELED}")


def test_all_300_articles_are_annotated_and_split_in_half() -> None:
    ids = [p.stem for p in ANNOTATED.glob("*.json")]
    assert len(ids) == 300
    assert sum(split_of(i) == "train" for i in ids) == 150
    assert sum(in_split(i, "blind") for i in ids) == 150


@pytest.mark.parametrize(("doc_id", "split"), [("u1004", "train"), ("u2017", "blind"), ("u3100", "train"),
                                               ("u1005", "blind")])
def test_split_rule(doc_id: str, split: str) -> None:
    assert split_of(doc_id) == split


def test_split_rule_rejects_ids_without_a_final_digit() -> None:
    with pytest.raises(ValueError, match="digit"):
        split_of("u10a")


@needs_unlabeled
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_annotation_is_valid_against_its_article(path: Path) -> None:
    text = json.loads((UNLABELED / f"{path.stem}.json").read_text("utf-8"))["text"]
    assert check.check_file(path, text) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_annotation_holds_snippets_not_articles(path: Path) -> None:
    g = json.loads(path.read_text("utf-8"))
    assert g["id"] == path.stem
    assert "text" not in g
    snippets = [e.get("evidence", "") for e in g["events"]]
    snippets += [q.get("quote_start", "") for q in g["quotes"] + g.get("unnamed_quotes", [])]
    assert all(len(s) <= 600 for s in snippets)


def test_unnamed_sources_are_kept_apart_from_quotes() -> None:
    from marsad.stages.quotes.lexicon import CueLexicon

    spec = importlib.util.spec_from_file_location("split_unnamed", ROOT / "scripts" / "split_unnamed_quotes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    lex = CueLexicon.load()
    for path in FILES:
        g = json.loads(path.read_text("utf-8"))
        assert "unnamed_quotes" in g, path.name
        assert not any(mod.is_unnamed(q, lex) for q in g["quotes"]), path.name
        assert all(mod.is_unnamed(q, lex) for q in g["unnamed_quotes"]), path.name


@pytest.mark.parametrize(("speaker_ar", "org", "unnamed"), [
    ("مصادر محلية", None, True), ("وشهود عيان", None, True), ("مصدر أمني", None, True),
    ("مصدر في الحشد", "Popular Mobilization Forces (PMF)", False), ("وزارة الصحة", None, False),
    ("المتحدث باسم الجيش", None, False)])
def test_unnamed_rule_cases(speaker_ar: str, org: str | None, unnamed: bool) -> None:
    from marsad.stages.quotes.lexicon import CueLexicon

    spec = importlib.util.spec_from_file_location("split_unnamed", ROOT / "scripts" / "split_unnamed_quotes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.is_unnamed({"speaker_ar": speaker_ar, "speaker_org": org}, CueLexicon.load()) is unnamed
