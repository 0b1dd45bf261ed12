"""ACLED's admin2 column: the second-level division of an exported place, looked up by the place's gazetteer
coordinates in sitrep/data/place_admin2.tsv (built with the gazetteer from GeoNames and admin2_seats.tsv; how
each row was found is in that file's header). A place known only as a division or a country, or one the
gazetteer lacks, has none; ACLED's admin3 has no offline source here and stays empty."""

from __future__ import annotations

import math
from functools import cache

from sitrep.extract.lexicon import read_tsv


@cache
def _by_point() -> dict[tuple[str, str, str], str]:
    """(country_iso3, lat, lon as written in gazetteer.tsv: 3 decimals) -> admin2."""
    return {(r["country_iso3"], r["lat"], r["lon"]): r["admin2"] for r in read_tsv("place_admin2.tsv")}


def _coordinate(value) -> str | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else f"{number:.3f}"


def admin2_of(country: str | None, latitude, longitude) -> str:
    """The admin2 of the gazetteer place at these coordinates in `country`, '' when none is known."""
    lat, lon = _coordinate(latitude), _coordinate(longitude)
    if not country or lat is None or lon is None:
        return ""
    return _by_point().get((country, lat, lon), "")
