"""Built resources cached on disk by content hash (issue 19): a second process loads them instead of building
them; a copy built from other code or data, or a damaged file, is never used; MARSAD_CACHE=off turns it off."""

from __future__ import annotations

import pickle

import pytest

from marsad.resources import registry
from marsad.resources.registry import cache_key, load_cached
from marsad.stages.resources import Resources


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_resource_is_built_once_then_read_from_the_cache(cache):
    built: list[int] = []

    def loader():
        built.append(1)
        return {"table": [1, 2, 3]}

    assert load_cached("demo", loader) == {"table": [1, 2, 3]} and built == [1]
    (path,) = cache.glob("demo-*.pickle")
    assert path.name == f"demo-{cache_key('demo')}.pickle"
    assert load_cached("demo", loader) == {"table": [1, 2, 3]} and built == [1]      # not built again


def test_a_cached_copy_of_other_code_or_data_is_never_used(cache, monkeypatch):
    load_cached("demo", lambda: "old")
    monkeypatch.setattr("marsad.version.pipeline_version", lambda: "0.0.0+changed")
    assert load_cached("demo", lambda: "new") == "new"            # another key: built, not read
    assert [p.name for p in cache.glob("demo-*.pickle")] == [f"demo-{cache_key('demo')}.pickle"]  # old removed


def test_a_damaged_cache_file_is_rebuilt_and_an_unwritable_cache_is_passed_over(cache, tmp_path, monkeypatch):
    load_cached("demo", lambda: "good")
    (path,) = cache.glob("demo-*.pickle")
    path.write_bytes(b"\x80\x05 not a pickle")
    assert load_cached("demo", lambda: "rebuilt") == "rebuilt"
    assert pickle.loads(path.read_bytes()) == "rebuilt"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("MARSAD_CACHE", str(blocker / "cache"))    # a folder under a file: cannot be made
    assert load_cached("demo", lambda: "built anyway") == "built anyway"


def test_off_means_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE", "off")
    assert registry.cache_dir() is None
    assert load_cached("demo", lambda: 7) == 7


def test_resources_from_the_cache_extract_exactly_what_fresh_ones_do(cache, monkeypatch):
    from marsad.model.document import Document
    from marsad.output import result_json
    from marsad.pipeline import Pipeline

    text = ("قتل ثلاثة مدنيين وأصيب خمسة آخرون يوم الأحد في قصف مدفعي استهدف بلدة كفرنبل في ريف إدلب "
            "الجنوبي، بحسب ما أفاد الدفاع المدني السوري.")
    fresh = Pipeline.build()                  # builds and writes the cache
    assert sorted(p.name.split("-")[0] for p in cache.glob("*.pickle")) == sorted(fresh.resources.loaded)
    cached = Pipeline.build()                 # reads it
    assert result_json(cached(Document(text))) == result_json(fresh(Document(text)))
    assert Resources.build(["time"])["time"] is not fresh.resources["time"]


def test_a_lazy_pattern_pickles_as_its_source_and_compiles_on_first_use() -> None:
    import re

    from marsad.text.lazy import LazyPattern

    rx = LazyPattern(r"(?<!\w)(\d+) (days|weeks)", re.I).check()
    back = pickle.loads(pickle.dumps(rx))
    assert back == rx and back._compiled is None and len(pickle.dumps(rx)) < 200
    assert [m.groups() for m in back.finditer("in 3 Days and 4 weeks")] == [("3", "Days"), ("4", "weeks")]
    assert back.search("x 12 days").start() == 2 and back.match("5 weeks") and not back.fullmatch("5 weeks ago")
    with pytest.raises(re.error):
        LazyPattern("(unclosed").check()


def test_the_gazetteer_pickles_to_the_same_tables() -> None:
    """Entries travel as tuples and are rebuilt with their constructors; by_iso is rebuilt from them."""
    gaz = Resources.build(["gazetteer"]).gazetteer
    back = pickle.loads(pickle.dumps(gaz))
    assert back.entries == gaz.entries and back.by_iso == gaz.by_iso and back.by_name == gaz.by_name
    assert back.cues == gaz.cues and back.stop == gaz.stop
    assert [p.name for p in back.lookup("الحسكة")] == [p.name for p in gaz.lookup("الحسكة")]
    assert all(back.by_iso[iso] is back.entries[e.place.id] for iso, e in gaz.by_iso.items())
