"""The curated gazetteer inputs (places_aliases.tsv, places_admin1_fix.tsv, places_supplement.tsv) as they
show in the built gazetteer.tsv.gz: every curated row must have reached it, with the admin1 it claims."""

from __future__ import annotations

import pytest

from marsad.resources.gazetteer import Gazetteer
from marsad.resources.registry import read_tsv
from marsad.text.normalize import fold

ALIASES = read_tsv("places_aliases.tsv")
FIXES = read_tsv("places_admin1_fix.tsv")
SUPPLEMENT = read_tsv("places_supplement.tsv")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize("row", ALIASES, ids=[r["id"] for r in ALIASES])
def test_alias_reaches_gazetteer(gaz, row):
    """Each alias row's place is in the gazetteer with its names; a '-X' name is gone from it."""
    assert row["id"] in gaz.entries, f"{row['id']} missing (rebuild with scripts/build_gazetteer.py)"
    names = set(gaz.entry(row["id"]).names)
    for n in row["names_ar"].split("|"):
        if n.startswith("-"):
            assert fold(n[1:]) not in names
        elif n:
            assert fold(n) in names


@pytest.mark.parametrize("row", FIXES, ids=[f"{r['id']} {r['name']}" for r in FIXES])
def test_admin1_fix_applied(gaz, row):
    assert gaz.get(row["id"]).admin1 == row["admin1"]


@pytest.mark.parametrize("row", SUPPLEMENT, ids=[r["id"] for r in SUPPLEMENT])
def test_supplement_row_has_admin1(gaz, row):
    """Curated places land in an admin1 of their own country (not dropped, not left unplaced); only rows
    that name neither admin1 nor parent (the West Bank as a whole) stay without one."""
    p = gaz.get(row["id"])
    assert p is not None, row["id"]
    assert p.admin1 or not (row["admin1"] or row["parent"]), row["id"]
    assert gaz.entry(row["id"]).iso == row["country"]


@pytest.mark.parametrize(("iso", "minimum"), [
    ("ML", 80), ("BF", 75), ("NE", 50), ("TD", 160), ("NG", 120), ("SO", 80), ("SD", 220), ("SS", 35), ("ET", 45),
])
def test_sahel_horn_coverage(gaz, iso, minimum):
    """Conflict-news coverage of the Sahel, Lake Chad basin, Horn and Sudan stays at least this large."""
    assert sum(1 for e in gaz.entries.values() if e.iso == iso) >= minimum


@pytest.mark.parametrize(("name", "iso", "admin1"), [
    ("تساليت", "ML", "Kidal"),
    ("دوينتزا", "ML", "Mopti"),
    ("أربيندا", "BF", "Sahel"),
    ("بانيبانغو", "NE", "Tillaberi"),
    ("غوزا", "NG", "Borno"),
    ("أفجوي", "SO", "Lower Shabelle"),
    ("كوستي", "SD", "White Nile"),
    ("ميكيلي", "ET", "Tigray"),
])
def test_lookup_new_names(gaz, name, iso, admin1):
    """GeoNames places that had no Arabic name are found by their press spelling, with GeoNames' admin1."""
    hits = [p for p in gaz.lookup(name) if gaz.entry(p.id).iso == iso]
    assert hits and hits[0].admin1 == admin1


def test_rabak_is_not_kosti(gaz):
    """GeoNames gave Kosti the name of its twin town Rabak; the alias file removes it."""
    assert "ربك" not in gaz.entry("G:371760").names
    assert "ربك" in gaz.entry("G:368277").names
