"""Which candidate pairs are two reports of one happening: dates, places, modes and actors agree.

Each rule is a vectorised test over all pairs at once (numpy arrays), so 100,000 events take seconds.
A pair that passes gets a score (how much more than "no contradiction" the two reports share), which
orders the merges in `clustering`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sitrep.happen.rules import Rules

EARTH_RADIUS_KM = 6371.0


def dates_agree(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray, rules: Rules) -> np.ndarray:
    """Intervals overlap; or they are one day apart and the later-dated report was filed after midnight
    on that later day (before `after_midnight_hours` local time), dating the same night one day on."""
    lo, hi = frame["lo"].to_numpy(float), frame["hi"].to_numpy(float)
    gap = np.maximum(lo[i], lo[j]) - np.minimum(hi[i], hi[j])
    later = np.where(lo[j] >= lo[i], j, i)
    pub_day, pub_hour = frame["pub_day"].to_numpy(float), frame["pub_hour"].to_numpy(float)
    filed_after_midnight = (pub_day[later] == lo[later]) & (
        pub_hour[later] < rules.setting("after_midnight_hours")
    )
    return (gap <= 0) | ((gap <= rules.setting("date_slack_days")) & filed_after_midnight)


def distance_km(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Great-circle distance; NaN where either place has no coordinates."""
    lat = np.radians(pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(float))
    lon = np.radians(pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(float))
    dlat, dlon = lat[j] - lat[i], lon[j] - lon[i]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[i]) * np.cos(lat[j]) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def same_named_place(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray, rules: Rules) -> np.ndarray:
    """Both reports name a place (not only a region), and it is one place: the same name in the same
    admin1 (or in one country, when the gazetteer did not find one of them: its admin1 is a guess), or
    two gazetteer places within `distance_km` (a guessed place's coordinates are its region's centre)."""
    level = frame["place_level"].to_numpy(int)
    place, region = frame["place"].to_numpy(object), frame["region"].to_numpy(object)
    guessed = frame["place_guessed"].to_numpy(bool)
    country = frame["country"].fillna("").to_numpy(object)
    both_places = (level[i] == 2) & (level[j] == 2)
    same_region = (region[i] == region[j]) & (region[i] != "")
    either_region_unknown = (region[i] == "") | (region[j] == "")
    either_guessed_one_country = (guessed[i] | guessed[j]) & (country[i] == country[j])
    same_place = (
        both_places
        & (place[i] == place[j])
        & (same_region | either_region_unknown | either_guessed_one_country)
    )
    found = both_places & ~guessed[i] & ~guessed[j]
    return same_place | (found & (distance_km(frame, i, j) <= rules.setting("distance_km")))


def places_agree(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray, rules: Rules) -> np.ndarray:
    """Same place; or a region-only report in the other's admin1; or two places within `distance_km`.
    A report with no admin1 (a nation-wide salvo, an incident at sea) joins only another such report."""
    level = frame["place_level"].to_numpy(int)
    region = frame["region"].to_numpy(object)
    same_region = (region[i] == region[j]) & (region[i] != "")
    one_coarser = (np.minimum(level[i], level[j]) == 1) & same_region
    # A place the gazetteer did not find (a village) beside a found town of its admin1: the wire names
    # the town or district the village lies in. Two unfound names, or two found towns, stay two places.
    guessed = frame["place_guessed"].to_numpy(bool)
    village_near_town = (guessed[i] != guessed[j]) & (level[i] == 2) & (level[j] == 2) & same_region
    neither_located = (level[i] == 0) & (level[j] == 0)
    # Statements: where they were made is often left out, and one report naming it contradicts nothing.
    unlocated = frame["place_optional"].to_numpy(bool)[i] & ((level[i] == 0) | (level[j] == 0))
    # No place and no country at all: the text named none that could be read; it contradicts no place.
    nowhere = frame["country"].isna().to_numpy() & (level == 0)
    return (
        same_named_place(frame, i, j, rules)
        | one_coarser
        | village_near_town
        | neither_located
        | unlocated
        | nowhere[i]
        | nowhere[j]
    )


def modes_agree(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray, rules: Rules) -> np.ndarray:
    """Modes the rules file lets agree anywhere; or, for the pairs it lists as `modes_at_place`, when
    both reports name one place (a bomb at one market on one day is one blast, read as dropped by one
    outlet and planted by another)."""
    modes = frame["event_mode"].fillna("").to_numpy(object)
    names = sorted(set(modes))
    code = {name: n for n, name in enumerate(names)}
    table = np.array([[rules.modes_agree(a or None, b or None) for b in names] for a in names], dtype=bool)
    at_place = np.array([[rules.modes_agree_at_place(a, b) for b in names] for a in names], dtype=bool)
    codes = np.array([code[m] for m in modes], dtype=np.int64)
    ok = table[codes[i], codes[j]]
    maybe = ~ok & at_place[codes[i], codes[j]]
    if maybe.any():
        ok[maybe] = same_named_place(frame, i[maybe], j[maybe], rules)
    # A report that names no place and no country (places_agree: it contradicts no place) cannot put the
    # two readings in two towns either.
    nowhere = frame["country"].isna().to_numpy() & (frame["place_level"].to_numpy(int) == 0)
    return ok | (at_place[codes[i], codes[j]] & (nowhere[i] | nowhere[j]))


def actors_agree(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray, rules: Rules) -> np.ndarray:
    """A null actor contradicts nothing; two named actor1 countries that differ do, except at one named
    place when one of them is the place's own country: a report may name the side that was hit ("the
    Ukrainian city of", its air defence, its officials) where another names the attacker. Families marked
    require_actor1 may not name two different actor1s (code or name; a speaker the extractor could not
    name contradicts none); strict_target ones, no two different actor2s."""
    code1 = frame["actor1_code"].to_numpy(object)
    key2 = frame["actor2_key"].to_numpy(object)
    country = frame["country"].fillna("").to_numpy(object)
    differ = (code1[i] != "") & (code1[j] != "") & (code1[i] != code1[j])
    home = ((code1[i] == country[i]) | (code1[j] == country[j])) & (country[i] == country[j])
    maybe = differ & home
    if maybe.any():
        differ[maybe] = ~same_named_place(frame, i[maybe], j[maybe], rules)
    ok = ~differ
    ok &= ~different_speakers(frame, i, j)
    strict = frame["strict_target"].to_numpy(bool)[i]
    different_target = (key2[i] != "") & (key2[j] != "") & (key2[i] != key2[j])
    ok &= ~(strict & different_target)
    return ok


def different_speakers(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Pairs of a require_actor1 family whose reports both name an actor1, and not the same one."""
    code1, key1 = frame["actor1_code"].to_numpy(object), frame["actor1_key"].to_numpy(object)
    named = (code1 != "") | (key1 != "")
    same_actor1 = (code1[i] == code1[j]) & ((code1[i] != "") | (key1[i] == key1[j]))
    same_actor1 |= (key1[i] != "") & (key1[i] == key1[j])
    require = frame["require_actor1"].to_numpy(bool)[i]
    return require & named[i] & named[j] & ~same_actor1


def score(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Shared detail beyond agreement: the same named place, day, mode, target and toll."""

    def same(column: str) -> np.ndarray:
        values = frame[column].astype(object).where(frame[column].notna(), "").to_numpy(object)
        return (values[i] == values[j]) & (values[i] != "")

    lo = frame["lo"].to_numpy(float)
    return (
        2.0 * same("place")
        + 1.0 * (lo[i] == lo[j])
        + 0.5 * same("event_mode")
        + 0.5 * same("actor2_key")
        + 0.5 * same("actor1_code")
        + 0.5 * same("fatalities")
    )


def matching_pairs(
    frame: pd.DataFrame, i: np.ndarray, j: np.ndarray, rules: Rules
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, score) of the candidate pairs that agree on every rule, and (i, j) of the pairs that
    contradict whatever else: two located reports of different places, two statements by different
    named speakers (so a report with no place or no speaker cannot glue them into one)."""
    keep = np.ones(len(i), dtype=bool)
    places = places_agree(frame, i, j, rules)
    level = frame["place_level"].to_numpy(int)
    veto = (~places & (level[i] > 0) & (level[j] > 0)) | different_speakers(frame, i, j)
    keep &= places
    for test in (dates_agree, modes_agree, actors_agree):
        if keep.any():
            keep[keep] = test(frame, i[keep], j[keep], rules)
    return i[keep], j[keep], score(frame, i[keep], j[keep]), i[veto], j[veto]


def told_twice(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray, rules: Rules) -> np.ndarray:
    """Pairs of events of one document that may be one happening the extractor told twice (a detail
    sentence with a place or a mode of its own). Stricter than across reports, since one text dates and
    names consistently: the date intervals overlap (no after-midnight slack), the modes are equal or one
    is null (one sentence naming two weapon kinds is two events), the places and actors agree as across
    reports, two named actor1s are the same, and two stated tolls are equal."""
    lo, hi = frame["lo"].to_numpy(float), frame["hi"].to_numpy(float)
    ok = np.maximum(lo[i], lo[j]) <= np.minimum(hi[i], hi[j])
    modes = frame["event_mode"].fillna("").to_numpy(object)
    ok &= (modes[i] == modes[j]) | (modes[i] == "") | (modes[j] == "")
    code1, key1 = frame["actor1_code"].to_numpy(object), frame["actor1_key"].to_numpy(object)
    named = (code1 != "") | (key1 != "")
    same_actor1 = ((code1[i] == code1[j]) & (code1[i] != "")) | ((key1[i] == key1[j]) & (key1[i] != ""))
    ok &= ~(named[i] & named[j]) | same_actor1
    # One text counts one happening's dead once: two different tolls in one report are two incidents
    # ("Separately, gangs attacked Kenscoff, killing three" after the lead's ten dead).
    tolls = pd.to_numeric(frame["fatalities"], errors="coerce").to_numpy(float)
    ok &= (tolls[i] == tolls[j]) | np.isnan(tolls[i]) | np.isnan(tolls[j])
    ok &= places_agree(frame, i, j, rules)
    if ok.any():
        ok[ok] = actors_agree(frame, i[ok], j[ok], rules)
    return ok
