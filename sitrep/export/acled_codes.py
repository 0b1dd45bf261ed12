"""ACLED's code tables, read from sitrep/data: countries and regions, actor categories (inter codes),
disorder types, precision codes, and the actors ACLED writes when reports name none."""

from __future__ import annotations

from functools import cache

import pycountry

from sitrep.extract.lexicon import read_tsv

NO_TYPE = "(none)"  # acled_actor_types.tsv: a named actor the extractor gave no type


@cache
def countries() -> dict[str, dict[str, str]]:
    """ISO3 -> {'country': ACLED's name, 'region': ACLED's region}."""
    return {
        r["iso3"]: {"country": r["country"], "region": r["region"]} for r in read_tsv("acled_countries.tsv")
    }


@cache
def iso_numeric(iso3: str) -> int:
    """ISO 3166-1 numeric code; 0 for a code ISO does not have (Kosovo, XKX), as ACLED writes it."""
    country = pycountry.countries.get(alpha_3=iso3)
    return int(country.numeric) if country else 0


def country_code(text: str) -> str | None:
    """An ISO3 code from a code or a country name (ACLED's or ISO's, any case); None if unknown."""
    wanted = text.strip().casefold()
    for iso3, row in countries().items():
        if wanted in (iso3.casefold(), row["country"].casefold()):
            return iso3
    try:
        return pycountry.countries.lookup(text.strip()).alpha_3
    except LookupError:
        return None


@cache
def inter_codes() -> dict[str, int]:
    """ACLED actor category name -> its numeric inter code (1-8)."""
    return {r["inter_name"]: int(r["inter_code"]) for r in read_tsv("acled_inter.tsv")}


@cache
def category_of_type() -> dict[str, str]:
    """sitrep actor type (or NO_TYPE) -> ACLED actor category name."""
    return {r["actor_type"]: r["inter_name"] for r in read_tsv("acled_actor_types.tsv")}


@cache
def disorder_types() -> dict[tuple[str, str], str]:
    """(ACLED event type, sub-event type) -> ACLED disorder type."""
    return {(r["event_type"], r["sub_event_type"]): r["disorder_type"] for r in read_tsv("acled_types.tsv")}


@cache
def precision_codes(field: str) -> dict[str, int]:
    """sitrep precision value -> ACLED code, for field time_precision or geo_precision."""
    return {r["value"]: int(r["code"]) for r in read_tsv("acled_precision.tsv") if r["field"] == field}


@cache
def unnamed_actors() -> dict[tuple[str, str], tuple[str, str]]:
    """(ACLED event type, role) -> (name template with {country}, category name)."""
    return {
        (r["event_type"], r["role"]): (r["actor"], r["inter_name"])
        for r in read_tsv("acled_unnamed_actors.tsv")
    }
