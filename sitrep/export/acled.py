"""ACLED's columns from the warehouse: one row per happening (or per event), for `sitrep export --format acled`.

Each ACLED column comes from one sitrep field, by ACLED's codebook conventions (the README's table says
which); the code tables are data files read by acled_codes.py, admin2 comes from the place's coordinates
(admin2.py). What sitrep does not code (associated actors, admin3, source scale, tags, an admin2 no data file
gives) is an empty string, as in ACLED's own files; numbers are never empty (fatalities 0 when no report states a toll, inter2 0 when there is no second actor).
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd
import pyarrow as pa

from sitrep.export.acled_codes import (
    NO_TYPE,
    category_of_type,
    countries,
    disorder_types,
    inter_codes,
    iso_numeric,
    precision_codes,
    unnamed_actors,
)
from sitrep.export.admin2 import admin2_of
from sitrep.load.warehouse import sql_file

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
INTEGER_COLUMNS = [
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities", "timestamp",
]  # fmt: skip
FLOAT_COLUMNS = ["latitude", "longitude"]
# Parquet types: text as strings even in an empty export (pandas alone would write nulls' type).
PARQUET_SCHEMA = pa.schema(
    [
        (c, pa.int64() if c in INTEGER_COLUMNS else pa.float64() if c in FLOAT_COLUMNS else pa.string())
        for c in ACLED_COLUMNS
    ]
)
UNITS = ("happenings", "events")
NOTE_CHARACTERS = 500  # ACLED's notes are a sentence or two
_SELECTED = (
    "WHERE ($since IS NULL OR event_date >= $since) AND ($until IS NULL OR event_date <= $until) "
    "AND ($country IS NULL OR country = $country) ORDER BY event_date, row_id"
)


class ExportError(Exception):
    """A one-line, user-facing reason the export cannot be made."""


@dataclass(frozen=True)
class Selection:
    unit: str  # happenings | events
    since: date | None = None
    until: date | None = None
    country: str | None = None  # ISO3


def has_happenings(con: duckdb.DuckDBPyConnection) -> bool | None:
    """Whether mart.happenings has rows; None when the warehouse predates happenings (no such view)."""
    try:
        return con.execute("SELECT count(*) > 0 FROM mart.happenings").fetchone()[0]
    except duckdb.CatalogException:
        return None


def read_rows(con: duckdb.DuckDBPyConnection, selection: Selection) -> pd.DataFrame:
    """The selected happenings or events, in the shape of sql/export/acled_*.sql."""
    rows = sql_file(f"export/acled_{selection.unit}.sql").strip().rstrip(";")
    params = {"since": selection.since, "until": selection.until, "country": selection.country}
    return con.execute(f"SELECT * FROM ({rows}) {_SELECTED}", params).df()


def load_time(con: duckdb.DuckDBPyConnection) -> int:
    """Unix time of the latest finished load (now, for a warehouse no run has finished)."""
    ended = con.execute("SELECT max(ended_at) FROM etl_run WHERE status <> 'running'").fetchone()[0]
    return int(ended.timestamp()) if ended is not None else int(time.time())


def _has_column(con: duckdb.DuckDBPyConnection, column: str) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_schema = 'mart' AND table_name = 'events' AND column_name = ?",
            [column],
        ).fetchone()[0]
    )


def actor_categories(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, role: int) -> pd.Series:
    """ACLED's category name (acled_inter.tsv) of each row's actor1 or actor2 (role 1 or 2), missing (NaN)
    when nothing gives one.

    The one place that decides it: mart.events' inter1/inter2 (the extractor's own coding: a category
    name, or its code) when the warehouse has those columns and the report gives a known value; else,
    for a named actor, the category of its type through sitrep/data/acled_actor_types.tsv (a type
    missing there counts as no type). An unnamed actor without either is left to acled_actor().
    """
    table = category_of_type()
    by_type = rows[f"actor{role}_type"].map(lambda t: table.get(t, table[NO_TYPE]) if t else table[NO_TYPE])
    category = by_type.where(rows[f"actor{role}_name"].notna(), None)
    if _has_column(con, f"inter{role}"):
        # inter1/inter2 are in ACLED's order: where ACLED names the event's actor2 first (acled_swapped),
        # the category of the event's actor{role} is in the other column
        swapped = "acled_swapped" if _has_column(con, "acled_swapped") else "false"
        coded = dict(
            con.execute(
                f"SELECT event_id, CASE WHEN {swapped} THEN inter{3 - role} ELSE inter{role} END AS category "
                "FROM mart.events WHERE category IS NOT NULL"
            ).fetchall()
        )
        names = {**{str(code): name for name, code in inter_codes().items()}, **{n: n for n in inter_codes()}}
        from_mart = rows[f"actor{role}_event_id"].map(coded).map(lambda v: names.get(str(v).strip()))
        category = from_mart.where(from_mart.notna(), category)
    return category


def in_acled_order(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, category1: pd.Series, category2: pd.Series
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Rows whose shown actor1 comes from an event ACLED names the other way round (the interceptor of a
    salvo, the crowd a police action met: mart.events acled_swapped) get their two actors swapped, so that
    ACLED's actor1 column holds the side ACLED puts first."""
    if not _has_column(con, "acled_swapped"):
        return rows, category1, category2
    swapped_events = {
        e for (e,) in con.execute("SELECT event_id FROM mart.events WHERE acled_swapped").fetchall()
    }
    flip = rows["actor1_event_id"].isin(swapped_events)
    if not flip.any():
        return rows, category1, category2
    rows = rows.copy()
    for field in ("name", "type", "event_id"):
        one, two = f"actor1_{field}", f"actor2_{field}"
        rows.loc[flip, [one, two]] = rows.loc[flip, [two, one]].to_numpy()
    first, second = category1.where(~flip, category2), category2.where(~flip, category1)
    return rows, first, second


def event_number(row_id: str) -> int:
    """A number for event_id_cnty, the same on every run: a hash of the happening's (or event's) id,
    whose own id does not change when later reports join (52 bits: at most 16 digits)."""
    return int(hashlib.blake2b(row_id.encode("utf-8"), digest_size=8).hexdigest(), 16) >> 12


def left_out_reason(row) -> str | None:
    """Why ACLED would not hold this row (None: it would)."""
    if not row.acled_event_type:
        return "not an ACLED event type"
    if not row.happened:
        return "did not happen (planned, denied, ... or a summary of other events)"
    if pd.isna(row.event_date):
        return "undated"
    if not row.country:
        return "no country"
    return None


def note(evidence: str | None) -> str:
    text = " ".join((evidence or "").split())
    if len(text) <= NOTE_CHARACTERS:
        return text
    return text[: NOTE_CHARACTERS - 3].rsplit(" ", 1)[0] + "..."


def acled_actor(row, role: int, category: str | None, country_name: str) -> tuple[str, int]:
    """(name, inter code) of actor1 or actor2. An unnamed actor as ACLED writes it (acled_unnamed_actors.tsv),
    in the category the extractor gave it if any; ('', 0) when ACLED would name no one either."""
    name = getattr(row, f"actor{role}_name")
    if name:
        return name, inter_codes()[category]
    template, unnamed_category = unnamed_actors().get((row.acled_event_type, f"actor{role}"), ("", None))
    if not template:
        return "", 0
    return template.format(country=country_name), inter_codes()[
        category if isinstance(category, str) else unnamed_category
    ]


def acled_record(row, category1: str | None, category2: str | None, timestamp: int) -> dict:
    """One ACLED row from one row of read_rows()."""
    place = countries().get(row.country, {"country": row.country, "region": ""})
    actor1, inter1 = acled_actor(row, 1, category1, place["country"])
    actor2, inter2 = acled_actor(row, 2, category2, place["country"])
    # ACLED's interaction: the two codes, lower first; a lone actor's code times ten.
    interaction = inter1 * 10 if not inter2 else 10 * min(inter1, inter2) + max(inter1, inter2)
    return {
        "event_id_cnty": f"{row.country}{event_number(row.row_id)}",
        "event_date": row.event_date.strftime("%Y-%m-%d"),
        "year": row.event_date.year,
        "time_precision": precision_codes("time_precision").get(row.date_precision, 3),
        "disorder_type": disorder_types().get((row.acled_event_type, row.acled_sub_event_type), ""),
        "event_type": row.acled_event_type,
        "sub_event_type": row.acled_sub_event_type or "",
        "actor1": actor1,
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if inter2 == inter_codes()["Civilians"] else "",
        "iso": iso_numeric(row.country),
        "region": place["region"],
        "country": place["country"],
        "admin1": row.admin1 or "",
        "admin2": admin2_of(row.country, row.latitude, row.longitude) if row.location_name else "",
        "admin3": "",
        "location": row.location_name or row.admin1 or place["country"],
        "latitude": round(row.latitude, 4) if pd.notna(row.latitude) else None,
        "longitude": round(row.longitude, 4) if pd.notna(row.longitude) else None,
        "geo_precision": precision_codes("geo_precision").get(row.location_precision, 3),
        "source": "; ".join(row.outlets if row.outlets is not None else []),
        "source_scale": "",
        "notes": note(row.evidence),
        "fatalities": int(row.fatalities) if pd.notna(row.fatalities) else 0,
        "tags": "",
        "timestamp": timestamp,
    }


def acled_frame(con: duckdb.DuckDBPyConnection, selection: Selection) -> tuple[pd.DataFrame, Counter]:
    """The ACLED rows of the selection, and how many rows were left out for which reason."""
    rows = read_rows(con, selection).astype(object).where(lambda f: f.notna(), None)
    category1 = actor_categories(con, rows, 1)
    category2 = actor_categories(con, rows, 2)
    rows, category1, category2 = in_acled_order(con, rows, category1, category2)
    timestamp = load_time(con)
    records, left_out = [], Counter()
    for row, first, second in zip(rows.itertuples(index=False), category1, category2, strict=True):
        reason = left_out_reason(row)
        if reason:
            left_out[reason] += 1
        else:
            records.append(acled_record(row, first, second, timestamp))
    frame = pd.DataFrame.from_records(records, columns=ACLED_COLUMNS)
    if frame["event_id_cnty"].duplicated().any():  # 52-bit hashes: not expected below billions of rows
        raise ExportError("two rows got the same event_id_cnty; please report this")
    frame[INTEGER_COLUMNS] = frame[INTEGER_COLUMNS].astype("int64")
    frame[FLOAT_COLUMNS] = frame[FLOAT_COLUMNS].astype("float64")
    return frame, left_out
