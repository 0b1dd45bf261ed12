"""The columns the matcher reads, derived once per event: family, block, date interval, place level."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from sitrep.happen.rules import Rules

# What a caller passes (mart.events columns plus the document's published_at and outlet).
INPUT_COLUMNS = [
    "event_id", "document_id", "published_at", "outlet", "event_type", "event_mode",
    "actor1_name", "actor1_country", "actor2_name", "actor2_country", "location_name", "admin1", "country",
    "latitude", "longitude", "location_precision", "event_date", "date_precision", "fatalities", "injuries",
    "is_aggregate", "acled_event_type", "acled_sub_event_type", "evidence",
]  # fmt: skip
EPOCH = date(1970, 1, 1)
PRECISION_DAYS = {
    "day": 0,
    "weekend": 1,
    "month": 30,
    "year": 365,
}  # how far a date of this precision may reach


def norm_name(value: Any) -> str:
    """Place and actor names compared without case, accents and punctuation (Turmus'ayya = Turmus‘ayya)."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
        return ""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", text).strip().casefold()


def _day_number(value: Any) -> float:
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)) or value == "":
        return np.nan
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if isinstance(day, datetime):
        day = day.date()
    return float((day - EPOCH).days)


def _interval_end(lo: float, precision: Any) -> float:
    """Last day an event of this precision may stand for: the weekend's Sunday, the month's or the year's
    last day."""
    if np.isnan(lo):
        return np.nan
    if precision == "weekend":  # "over the weekend": its Saturday and Sunday
        return lo + PRECISION_DAYS["weekend"]
    if precision == "month":
        first = EPOCH.fromordinal(EPOCH.toordinal() + int(lo))
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return float((following - EPOCH).days - 1)
    if precision == "year":
        first = EPOCH.fromordinal(EPOCH.toordinal() + int(lo))
        return float((date(first.year, 12, 31) - EPOCH).days)
    return lo


def _published(value: Any) -> tuple[float, float, float]:
    """(UTC seconds, local day number, local hour) of a publication time, in the offset it was given in."""
    if value is None or value is pd.NaT or value == "" or (isinstance(value, float) and np.isnan(value)):
        return np.nan, np.nan, np.nan
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    seconds = stamp.timestamp()
    return seconds, float((stamp.date() - EPOCH).days), stamp.hour + stamp.minute / 60


def _mapped(values: pd.Series, function) -> pd.Series:
    """function over each distinct value once (names, dates and times repeat across 100,000 events)."""
    cache = {value: function(value) for value in pd.unique(values.to_numpy(object))}
    mapped = pd.Series([cache[value] for value in values], index=values.index, dtype=object)
    return mapped.infer_objects() if len(mapped) else mapped


def prepare(events: pd.DataFrame | list[dict], rules: Rules) -> pd.DataFrame:
    """A copy of the events with the derived columns, sorted by event_id (so input order never matters)."""
    from sitrep.happen.care import only_care_place  # care reads names with norm_name, defined here

    frame = pd.DataFrame(events).reindex(columns=INPUT_COLUMNS)
    frame = frame.astype(object).where(frame.notna(), None)
    frame = frame.sort_values("event_id", kind="stable").reset_index(drop=True)
    kinds = frame["event_type"].fillna("").astype(str) + "/" + frame["event_mode"].fillna("").astype(str)
    frame["family"] = _mapped(
        kinds, lambda kind: rules.family(*(part or None for part in kind.split("/", 1)))
    )
    # Statements often name no place: their block is the family alone (they are few).
    for option in ("place_optional", "require_actor1", "strict_target"):
        frame[option] = _mapped(frame["family"], lambda family, option=option: rules.has(family, option))
    located = ~frame["place_optional"]
    frame["block"] = frame["family"] + "|" + frame["country"].fillna("").where(located, "")
    frame["lo"] = _mapped(frame["event_date"], _day_number)
    frame["hi"] = [_interval_end(lo, p) for lo, p in zip(frame["lo"], frame["date_precision"], strict=True)]
    published = _mapped(frame["published_at"], _published)
    frame["pub_seconds"] = [p[0] for p in published]
    frame["pub_day"] = [p[1] for p in published]
    frame["pub_hour"] = [p[2] for p in published]
    frame["place"] = _mapped(frame["location_name"], norm_name)
    frame["region"] = _mapped(frame["admin1"], norm_name)
    # A town named only as where the victims were treated is no place of the happening: its admin1 stays.
    cared = _mapped(
        frame["evidence"].fillna("").astype(str) + "\x00" + frame["location_name"].fillna("").astype(str),
        lambda both: only_care_place(*both.split("\x00", 1)),
    ).astype(bool)
    frame.loc[cared.to_numpy(bool) & (frame["region"] != "").to_numpy(bool), "place"] = ""
    frame["place_level"] = np.where(frame["place"] != "", 2, np.where(frame["region"] != "", 1, 0))
    # A named place the gazetteer did not find: its admin1 and coordinates are the extractor's guess
    # (a village missing from the gazetteer, an accented spelling), not a located town.
    guessed = frame["location_precision"].isin(["admin1", "country"]).to_numpy(bool)
    frame["place_guessed"] = guessed & (frame["place_level"] == 2).to_numpy(bool)
    for side in ("actor1", "actor2"):
        frame[f"{side}_key"] = _mapped(frame[f"{side}_name"], norm_name)
        frame[f"{side}_code"] = frame[f"{side}_country"].fillna("")
    frame["aggregate"] = frame["is_aggregate"].fillna(False).astype(bool)
    frame["outlet"] = frame["outlet"].where(frame["outlet"].notna(), frame["document_id"])
    return frame
