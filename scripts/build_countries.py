"""Build resources/data/countries_acled.tsv: country name -> ISO codes and ACLED region, for the exporters.

Sources (no downloads):
- pycountry: ISO 3166-1 alpha-2/alpha-3/numeric codes and English names (current and historic countries);
- resources/data/gazetteer.tsv.gz: the English country name marsad itself emits (the `country` field of
  an event comes from there, or from places_countries.tsv, which the gazetteer already applies);
- REGIONS below: ACLED's region for each country (ACLED's regions follow the UN M49 sub-regions with a few
  differences: Iran and the Gulf are "Middle East", the Caucasus joins Central Asia, Sudan is "Northern
  Africa", Malawi/Mozambique/Zambia/Zimbabwe/Madagascar are "Southern Africa", Mexico is "Central America").

Output, one country a line, sorted by iso2 (deterministic):
    iso2  iso3  iso  name  region  aliases(|)
`iso` is the ISO 3166-1 numeric code as ACLED's `iso` column writes it (an integer, no leading zeros);
Kosovo has none in ISO and gets 0, as in ACLED. Run: .venv/bin/python scripts/build_countries.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "marsad" / "resources" / "data"
OUT = DATA / "countries_acled.tsv"

# ACLED region -> ISO alpha-2 codes. Territories are placed with their geographic neighbours.
REGIONS: dict[str, str] = {
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Middle Africa": "AO CF CD CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET IO KE KM MU RE RW SC SO SS TF TZ UG YT",
    "Southern Africa": "BW LS MG MW MZ NA SZ ZA ZM ZW",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Europe": "AD AL AT AX BA BE BG BY CH CS CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE "
              "LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK",
    "North America": "BM CA GL PM US",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "Caribbean": "AG AI AN AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    "South America": "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE",
    "Oceania": "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
    "Antarctica": "AQ",
}


def gazetteer_names() -> dict[str, str]:
    """iso2 -> the English country name marsad emits (from the built gazetteer)."""
    out: dict[str, str] = {}
    with gzip.open(DATA / "gazetteer.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) > 3 and cells[1] == "country":
                out[cells[3]] = cells[2].strip()
    return out


def iso_record(iso2: str):
    rec = pycountry.countries.get(alpha_2=iso2)
    if rec is None:
        rec = pycountry.historic_countries.get(alpha_2=iso2)
    return rec


def main() -> int:
    region_of = {code: region for region, codes in REGIONS.items() for code in codes.split()}
    dup = [c for c in region_of if sum(c in v.split() for v in REGIONS.values()) > 1]
    if dup:
        print(f"codes in more than one region: {dup}", file=sys.stderr)
        return 1
    names = gazetteer_names()
    rows = []
    missing = []
    for iso2, name in sorted(names.items()):
        rec = iso_record(iso2)
        if iso2 == "XK":  # Kosovo: user-assigned code, no ISO numeric (ACLED writes 0)
            iso3, num, aliases = "XKX", 0, ["Republic of Kosovo"]
        elif rec is None:
            missing.append(iso2)
            continue
        else:
            iso3, num = rec.alpha_3, int(rec.numeric)
            aliases = [getattr(rec, a, None) for a in ("name", "common_name", "official_name")]
        region = region_of.get(iso2)
        if region is None:
            missing.append(iso2)
            continue
        alias_set = sorted({a for a in aliases if a and a != name})
        rows.append((iso2, iso3, str(num), name, region, "|".join(alias_set)))
    if missing:
        print(f"no ISO record or region for: {missing}", file=sys.stderr)
        return 1
    header = ("# Country -> ISO 3166-1 codes and ACLED region, for the CSV/Parquet/GeoJSON exporters.\n"
              "# Built by scripts/build_countries.py from pycountry and the gazetteer; edit REGIONS there.\n"
              "# name: the English name marsad emits; aliases: other English names (|) that map here.\n")
    with OUT.open("w", encoding="utf-8") as f:
        f.write(header)
        f.write("iso2\tiso3\tiso\tname\tregion\taliases\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} countries to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
