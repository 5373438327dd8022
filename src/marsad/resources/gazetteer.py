"""The gazetteer: places of the Arabic-speaking world (and world capitals) with Arabic names.

Built by scripts/build_gazetteer.py from GeoNames data shipped by registry packages plus a curated
supplement (camps, prisons, crossings, areas, neighbourhoods). One gzipped TSV, parsed with `split`,
so loading stays well under a second:

    >>> gz = Gazetteer.load()
    >>> [p.admin1 for p in gz.lookup("الحسكة") if p.feature != "admin1"][:1]
    ['Al-Hasakah']

Cue words, the stop list and feature ranks live in places_*.tsv/json beside the data.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from marsad.model.records import Place
from marsad.resources.registry import data_path, read_json, read_tsv
from marsad.text.match import Lexicon
from marsad.text.normalize import fold

# Features whose mention is the named town/site itself (geo_precision 1); others are areas or units.
POINT_FEATURES = frozenset({"capital", "city", "town", "village", "site", "neighbourhood", "camp"})


@dataclass(frozen=True, slots=True)
class Entry:
    """Bookkeeping the stage needs besides the public Place record."""

    place: Place
    iso: str  # country code
    admin1_id: str  # gazetteer id of the admin1 ("" if none)
    admin2_id: str
    names: tuple[str, ...]  # folded Arabic names


class Gazetteer:
    """Places by id and by folded Arabic name, with one clitic-aware Lexicon over all names."""

    # the place stage's compiled view of `cues`, set on first use (stages/places/cues.py: cues_of); unset until then
    _cue_cache: Any

    def __init__(self, entries: Iterable[Entry], cues: dict, stop: dict[str, str]):
        self.entries: dict[str, Entry] = {e.place.id: e for e in entries}
        self.cues = cues
        self.stop = stop  # folded name -> "never" | "cue" (needs a type cue such as مدينة/بلدة)
        self.by_iso: dict[str, Entry] = {}
        by_name: dict[str, list[str]] = {}
        for e in self.entries.values():
            if e.place.feature == "country":
                self.by_iso[e.iso] = e
            for n in e.names:
                if self.stop.get(n) == "never":
                    continue
                by_name.setdefault(n, []).append(e.place.id)
        self.by_name = {k: tuple(v) for k, v in by_name.items()}
        self.lexicon: Lexicon[str] = Lexicon(((n, n) for n in self.by_name), suffixes="none", min_len=2)

    @classmethod
    def load(cls) -> Gazetteer:
        with data_path("gazetteer.tsv.gz").open("rb") as fh:
            lines = gzip.decompress(fh.read()).decode("utf-8").split("\n")
        raw = [ln.split("\t") for ln in lines[1:] if ln]
        # English admin names resolve from the admin rows themselves
        names = {r[0]: r[2] for r in raw}
        countries = {r[3]: r[2] for r in raw if r[1] == "country"}
        entries = []
        for pid, feature, name, iso, a1, a2, lat, lon, pop, parent, ar in raw:
            if feature == "admin1":
                a1 = pid
            elif feature == "admin2":
                a2 = pid
            place = Place(
                id=pid, name=name, name_ar=ar.split("|")[0], country=countries.get(iso, iso),
                admin1=names.get(a1) if a1 else None, admin2=names.get(a2) if a2 else None,
                latitude=float(lat) if lat else None, longitude=float(lon) if lon else None,
                feature=feature, population=int(pop or 0), parent=parent or None,
            )
            folded = tuple(dict.fromkeys(fold(a) for a in ar.split("|") if a))
            entries.append(Entry(place, iso, a1, a2, folded))
        stop = {fold(r["name"]): r["policy"] for r in read_tsv("places_stop.tsv")}
        return cls(entries, read_json("places_cues.json"), stop)

    # --- pickling (the on-disk resource cache): entries as plain tuples, rebuilt with their constructors,
    # about four times faster to load than the dataclasses' own field-by-field state
    def __getstate__(self) -> dict[str, Any]:
        state = {k: v for k, v in vars(self).items() if k not in ("entries", "by_iso", "_cue_cache")}
        place_fields = [f.name for f in fields(Place)]
        state["entries"] = [(tuple(getattr(e.place, f) for f in place_fields), e.iso, e.admin1_id, e.admin2_id,
                             e.names) for e in self.entries.values()]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        rows = state.pop("entries")
        vars(self).update(state)
        self.entries = {p[0]: Entry(Place(*p), iso, a1, a2, names) for p, iso, a1, a2, names in rows}
        self.by_iso = {e.iso: e for e in self.entries.values() if e.place.feature == "country"}

    # --- look-ups
    def __len__(self) -> int:
        return len(self.entries)

    def get(self, pid: str) -> Place | None:
        e = self.entries.get(pid)
        return e.place if e else None

    def entry(self, pid: str) -> Entry:
        return self.entries[pid]

    def lookup(self, name_ar: str) -> list[Place]:
        """Candidate places for an Arabic name, most important first."""
        ids = self.by_name.get(fold(name_ar).strip(), ())
        return sorted((self.entries[i].place for i in ids), key=self.rank, reverse=True)

    def ids(self, folded: str) -> tuple[str, ...]:
        return self.by_name.get(folded, ())

    def rank(self, p: Place) -> tuple[int, int]:
        return (self.cues["feature_rank"].get(p.feature, 0), p.population)

    def country(self, iso: str) -> Place | None:
        e = self.by_iso.get(iso)
        return e.place if e else None

    def parents(self, pid: str) -> list[Place]:
        """The chain of enclosing places, innermost first: site -> city -> admin2 -> admin1 -> country."""
        out: list[Place] = []
        e = self.entries.get(pid)
        seen = {pid}
        while e is not None:
            nxt = e.place.parent or (e.admin2_id if e.place.feature not in ("admin2", "admin1", "country")
                                     else None)
            if not nxt or nxt in seen:
                nxt = e.admin1_id if e.place.feature not in ("admin1", "country") else None
            if not nxt or nxt in seen:
                nxt = None if e.place.feature == "country" else f"C:{e.iso}"
            if not nxt or nxt in seen or nxt not in self.entries:
                break
            seen.add(nxt)
            e = self.entries[nxt]
            out.append(e.place)
        return out

    def contains(self, outer: str, inner: str) -> bool:
        """True when place `outer` encloses place `inner` (same id counts)."""
        return outer == inner or any(p.id == outer for p in self.parents(inner))

    def per_country(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries.values():
            out[e.place.country] = out.get(e.place.country, 0) + 1
        return out
