"""Helpers shared by several test modules: hand-built event records and the star tables runs are compared on.

Imported as `from tests.helpers import ...`: pytest runs from the repository root (`python -m pytest`, as in
the Makefile), which puts the root on sys.path, and tests/ is a namespace package.
"""

from __future__ import annotations

import duckdb

from sitrep.load.warehouse import STAR_TABLES
from sitrep.model import EVENT_COLUMNS

# Star tables that log the runs themselves (run ids, times): they differ between runs by design.
RUN_LOG_TABLES = ("etl_run", "quarantine", "dq_result")
# Star tables holding the loaded data (dimensions, facts, document names): two runs over the same
# inputs must leave them equal.
LOADED_TABLES = [table for table in STAR_TABLES if table not in RUN_LOG_TABLES]


def event_record(event_id: str, document_id: str = "doc", **values) -> dict:
    """An event dict keyed by exactly EVENT_COLUMNS, in order: the given values, None elsewhere."""
    unknown = sorted(set(values) - set(EVENT_COLUMNS))
    if unknown:
        raise KeyError(f"not event columns: {', '.join(unknown)}")
    record = dict.fromkeys(EVENT_COLUMNS)
    record.update(event_id=event_id, document_id=document_id, **values)
    return record


def drone_strike_event(event_id: str, document_id: str, **values) -> dict:
    """A fully coded event (a Russian drone strike on Kharkiv, 2024-06-20); keyword values override fields."""
    return event_record(
        event_id,
        document_id,
        **{
            "event_date": "2024-06-20",
            "date_precision": "day",
            "event_type": "ASSAULT",
            "event_mode": "drone",
            "factuality": "happened",
            "actor1_name": "Russian forces",
            "actor1_country": "RUS",
            "actor1_type": "state_forces",
            "actor2_name": "civilians",
            "actor2_country": "UKR",
            "actor2_type": "civilians",
            "location_name": "Kharkiv",
            "admin1": "Kharkiv",
            "country": "UKR",
            "latitude": 49.99,
            "longitude": 36.23,
            "location_precision": "place",
            "fatalities": 2,
            "injuries": 5,
            "weapon": "drone",
            "is_aggregate": False,
            "cameo_code": "19",
            "acled_event_type": "Explosions/Remote violence",
            "acled_sub_event_type": "Air/drone strike",
            "evidence": "Drones struck Kharkiv, killing two.",
            "evidence_start": 0,
            "evidence_end": 35,
            "confidence": 0.8,
            **values,
        },
    )


def warehouse_fingerprint(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    """Row count and order-free content hash of each loaded table, and of the quarantine's refusals."""
    state = {
        table: con.execute(f"SELECT count(*), coalesce(sum(hash(t)), 0)::VARCHAR FROM {table} t").fetchone()
        for table in LOADED_TABLES
    }
    state["quarantine"] = con.execute(
        "SELECT count(*), coalesce(sum(hash(stage, source, reason, detail)), 0)::VARCHAR FROM quarantine"
    ).fetchone()
    return state
