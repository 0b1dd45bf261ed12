"""One row per happening: the place and actors of its most precise report, the latest report's toll.

Tolls rise as bodies are found, so a happening's `fatalities` is the figure of the latest report that
states one (by published_at); `fatalities_min` / `fatalities_max` keep the spread across reports. Summing
`fatalities` over happenings counts each person once. Injuries follow the same rule. Aggregates (a
summary of other events in one report) add no toll: their parts carry it.

A report that states only an increment ("two more people died", `increments.read_toll`) does not replace
the total told before it: the toll is the latest total plus the increments told after it (one report of
each distinct increment: two outlets telling "two more died" tell the same two). "A fifth person has died"
is a total of five. A happening told only in increments keeps the latest figure, as before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sitrep.happen.increments import INCREMENT, read_toll

HAPPENING_COLUMNS = [
    "happening_id", "event_date", "date_precision", "event_type", "event_mode", "acled_event_type",
    "acled_sub_event_type", "actor1_name", "actor1_country", "actor2_name", "actor2_country",
    "location_name", "admin1", "country", "latitude", "longitude", "fatalities", "fatalities_min",
    "fatalities_max", "injuries", "sources", "documents", "first_reported", "last_reported",
]  # fmt: skip
PLACE_COLUMNS = ["location_name", "admin1", "country", "latitude", "longitude"]
FILLED_COLUMNS = [
    "event_type", "event_mode", "acled_event_type", "acled_sub_event_type",
    "actor1_name", "actor1_country", "actor2_name", "actor2_country",
]  # fmt: skip
_PRECISION_RANK = {"day": 4, "weekend": 3, "month": 2, "year": 1}


def _latest(frame: pd.DataFrame, column: str) -> pd.Series:
    stated = frame[frame[column].notna() & ~frame["aggregate"]]
    stated = stated.sort_values(["happening_id", "pub_seconds", "event_id"], na_position="first")
    return stated.groupby("happening_id")[column].last()


def _fatalities(frame: pd.DataFrame) -> pd.DataFrame:
    """Per happening: `fatalities` (the latest total plus the distinct increments told after it), and
    `fatalities_min` / `fatalities_max` over the stated totals (over the increments when none is)."""
    stated = frame[frame["fatalities"].notna() & ~frame["aggregate"]]
    stated = stated.sort_values(["happening_id", "pub_seconds", "event_id"], na_position="first")
    evidence = stated["evidence"] if "evidence" in stated else pd.Series(None, index=stated.index)
    read = [read_toll(e, f) for e, f in zip(evidence, stated["fatalities"], strict=True)]
    rows = {}
    for happening, told in zip(stated["happening_id"], read, strict=True):
        rows.setdefault(happening, []).append(told)
    out = {}
    for happening, tolls in rows.items():
        totals = [value for kind, value in tolls if kind != INCREMENT]
        last = max((k for k, (kind, _) in enumerate(tolls) if kind != INCREMENT), default=None)
        if last is None:
            toll = tolls[-1][1]
        else:
            toll = tolls[last][1] + sum({value for kind, value in tolls[last + 1 :] if kind == INCREMENT})
        spread = totals or [value for _, value in tolls]
        out[happening] = (toll, min(spread), max(spread))
    return pd.DataFrame.from_dict(
        out, orient="index", columns=["fatalities", "fatalities_min", "fatalities_max"]
    )


def happening_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (prepared events with a happening_id column) -> one row per happening, HAPPENING_COLUMNS."""
    work = frame.copy()
    work["precision_rank"] = work["date_precision"].map(_PRECISION_RANK).fillna(0)
    for column in ("fatalities", "injuries"):
        work[column] = pd.to_numeric(work[column], errors="coerce")
    # Most precise place first, then the latest report: its values win, nulls filled from the others.
    ranked = work.sort_values(
        ["happening_id", "place_level", "precision_rank", "pub_seconds", "event_id"],
        ascending=[True, False, False, False, True],
        na_position="last",
    )
    grouped = ranked.groupby("happening_id", sort=True)
    out = grouped[PLACE_COLUMNS].nth(0).set_index(ranked.groupby("happening_id").head(1)["happening_id"])
    out = out.join(grouped[FILLED_COLUMNS].first())
    dates = work[work["lo"].notna()].sort_values(
        ["happening_id", "precision_rank", "lo"], ascending=[True, False, True]
    )
    out = out.join(dates.groupby("happening_id")[["event_date", "date_precision"]].first())
    out = out.join(_fatalities(work))
    out["injuries"] = _latest(work, "injuries")
    out["sources"] = grouped["outlet"].nunique()
    out["documents"] = grouped["document_id"].nunique()
    published = work.assign(published=pd.to_datetime(work["pub_seconds"], unit="s", utc=True))
    out["first_reported"] = published.groupby("happening_id")["published"].min()
    out["last_reported"] = published.groupby("happening_id")["published"].max()
    out = out.reset_index().rename(columns={"index": "happening_id"})
    for column in ("fatalities", "fatalities_min", "fatalities_max", "injuries"):
        out[column] = out[column].astype("Int64")
    out = out.reindex(columns=HAPPENING_COLUMNS)
    return out.astype(object).where(out.notna(), None).replace({np.nan: None})
