"""The lookup tables the exporters need, loaded once into one explicit object (no import-time loading).

- countries_acled.tsv: English country name -> ISO alpha-3, ISO numeric and ACLED region
  (built by scripts/build_countries.py);
- acled_subevents.tsv: sub-event type -> event type, ACLED `disorder_type` and the English clause of `notes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.resources.registry import read_tsv


@dataclass(frozen=True)
class CountryCodes:
    iso2: str
    iso3: str
    iso: int  # ISO 3166-1 numeric, as ACLED's `iso` column
    name: str
    region: str


@dataclass(frozen=True)
class SubEventInfo:
    event_type: str
    sub_event_type: str
    disorder_type: str
    note: str  # "{a1} clashed with {a2}"
    note_one: str  # "{a1} was involved in an armed clash"


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())


@dataclass(frozen=True)
class ExportTables:
    """Country codes and sub-event facts. `ExportTables.load()` reads the data files (~2 ms)."""

    countries: dict[str, CountryCodes] = field(default_factory=dict)  # folded name/alias/iso2/iso3 -> codes
    subevents: dict[str, SubEventInfo] = field(default_factory=dict)  # folded sub-event type -> info

    @classmethod
    def load(cls) -> ExportTables:
        countries: dict[str, CountryCodes] = {}
        for r in read_tsv("countries_acled.tsv"):
            cc = CountryCodes(r["iso2"], r["iso3"], int(r["iso"]), r["name"], r["region"])
            names = [r["name"], *filter(None, r["aliases"].split("|"))]
            for n in names:
                countries.setdefault(_key(n), cc)
            for code in (r["iso2"], r["iso3"]):
                countries.setdefault(_key(code), cc)
        subs = {}
        for r in read_tsv("acled_subevents.tsv"):
            info = SubEventInfo(r["event_type"], r["sub_event_type"], r["disorder_type"], r["note"], r["note_one"])
            subs[_key(info.sub_event_type)] = info
        # ACLED's own spelling of one sub-event type differs from SCHEMA's ("protestors").
        subs.setdefault(_key("Excessive force against protestors"), subs[_key("Excessive force against protesters")])
        return cls(countries, subs)

    def country(self, name: str | None) -> CountryCodes | None:
        """Codes for an English country name ("Syria", "Syrian Arab Republic") or ISO code ("SY", "SYR")."""
        return self.countries.get(_key(name)) if name else None

    def subevent(self, sub_event_type: str | None) -> SubEventInfo | None:
        return self.subevents.get(_key(sub_event_type)) if sub_event_type else None
