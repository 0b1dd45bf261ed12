"""Second-level divisions (districts, provinces, regencies, counties, LGAs) by name: the admin1 each lies in.

Three data files name them: sitrep/data/admin2.tsv (what GeoNames names), admin2_seats.tsv (Somalia's
districts, Kenya's sub-counties) and admin2_extra.tsv (districts GeoNames lacks). A name is also indexed
without its level word ("Province du Soum" as "Soum", "Sargodha District" as "Sargodha"), as the news writes
it ("the Soum province", "Sargodha district").
"""

from __future__ import annotations

from functools import cache

from sitrep.extract.gazetteer import Entry, compact, gazetteer, key_of
from sitrep.extract.lexicon import read_tsv, word_set

# how GeoNames spells a level around a division's name: stripped for a second key
_PREFIXES = (
    "province du ",
    "province de la ",
    "province des ",
    "province de l'",
    "province d'",
    "province de ",
)
_SUFFIXES = (" district", " province", " county", " municipality", " rayon", " lga", " regency", " zone")


# a name left as a mere direction once its level word is stripped ("North District" of Sikkim) is no key
_GENERIC = word_set("lexicons/place_cues.tsv", "direction") | word_set("lexicons/place_cues.tsv", "skippable")


def _folded(name: str) -> set[str]:
    """The name's folded forms (tokens joined by spaces), with and without its level word."""
    low = name.lower()
    out = {low}
    for p in _PREFIXES:
        if low.startswith(p):
            out.add(low[len(p) :])
    for s in _SUFFIXES:
        if low.endswith(s) and len(low) > len(s) + 2:
            out.add(low[: -len(s)])
    return {key_of(k) for k in out if k and not all(w in _GENERIC for w in k.split())}


@cache
def _index() -> dict[str, tuple[Entry, ...]]:
    """compact(district name) -> the admin1 entries of the divisions of that name."""
    gaz = gazetteer()
    pairs: dict[str, set[tuple[str, str]]] = {}
    rows = [
        (r["country_iso3"], r["admin2"], r["admin1"])
        for f in ("admin2.tsv", "admin2_extra.tsv")
        for r in read_tsv(f)
    ]
    for r in read_tsv("admin2_seats.tsv"):
        # the seats file may name the admin1 by a variant ("Hiiraan"): its canonical name from the gazetteer
        canon = next(
            (
                e.admin1
                for e in gaz.lookup(compact(key_of(r["admin1"])))
                if e.precision == "admin1" and e.country == r["country_iso3"]
            ),
            r["admin1"],
        )
        rows.append((r["country_iso3"], r["admin2"], canon))
    for country, name, admin1 in rows:
        for k in {compact(f) for f in _folded(name)}:
            pairs.setdefault(k, set()).add((country, admin1))
    out: dict[str, tuple[Entry, ...]] = {}
    for k, v in pairs.items():
        entries = tuple(e for e in (gaz.admin1.get(a) for a in sorted(v)) if e is not None)
        if entries:
            out[k] = entries
    return out


def district_admins(key: str) -> tuple[Entry, ...]:
    """The admin1 entries of the districts whose compact name is `key` (none: no such district)."""
    return _index().get(key, ())


@cache
def first_tokens() -> frozenset[str]:
    """compact first tokens of the district names: which capitalised words may start one."""
    return frozenset(compact(k.split(" ", 1)[0]) for name in _names() for k in _folded(name))


@cache
def _names() -> tuple[str, ...]:
    names = [r["admin2"] for f in ("admin2.tsv", "admin2_extra.tsv") for r in read_tsv(f)]
    return tuple(names + [r["admin2"] for r in read_tsv("admin2_seats.tsv")])
