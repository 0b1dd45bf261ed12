"""Bring a warehouse written by an earlier sitrep to the current schema, in place, once.

Each step checks whether it is needed (a NOT NULL still there, a column missing), so running it on
every start costs two catalogue look-ups. A fresh warehouse needs none of them.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd

from sitrep.extract.crosswalk import event_modes
from sitrep.load.keys import surrogate_key
from sitrep.model import NON_FACTUAL_MODES


def upgrade_schema(con: duckdb.DuckDBPyConnection, sql_text: Callable[[str], str]) -> list[str]:
    """Apply the upgrades this warehouse needs, all or nothing; returns what was done (for the log)."""
    steps = []
    if _column(con, "dim_location", "location_name") == "NO":
        steps.append(("dim_location.location_name may be NULL", _unfill_location_names))
    if _column(con, "fact_event", "factuality") is None:
        sql = sql_text("upgrade/fact_event_factuality.sql")
        steps.append(("fact_event.factuality added", lambda c: _add_factuality(c, sql)))
    if not steps:
        return []
    # one transaction: a step cut short would otherwise look done (its check passes) and never finish
    con.execute("BEGIN TRANSACTION")
    try:
        for _name, step in steps:
            step(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return [name for name, _step in steps]


def _column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> str | None:
    """is_nullable of the column ('YES' / 'NO'), None when the column does not exist."""
    row = con.execute(
        "SELECT is_nullable FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
        [table, column],
    ).fetchone()
    return row[0] if row else None


def _unfill_location_names(con: duckdb.DuckDBPyConnection) -> None:
    """Earlier loaders filled an empty location_name with the admin1 or country ("UKR"). Such a row's key
    is the hash of a NULL name, which tells exactly which rows were filled."""
    con.execute("ALTER TABLE dim_location ALTER COLUMN location_name DROP NOT NULL")
    rows = con.execute(
        "SELECT location_key, admin1, country, location_precision FROM dim_location "
        "WHERE location_key <> 0 AND location_name IS NOT NULL"
    ).fetchall()
    filled = [(key,) for key, *rest in rows if surrogate_key(None, *rest) == key]
    if filled:
        con.executemany("UPDATE dim_location SET location_name = NULL WHERE location_key = ?", filled)


def _add_factuality(con: duckdb.DuckDBPyConnection, statements: str) -> None:
    types = con.execute(
        "SELECT event_type_key, event_type, event_mode, cameo_code, acled_event_type, acled_sub_event_type "
        "FROM dim_event_type WHERE event_mode IN (SELECT unnest(?))",
        [list(NON_FACTUAL_MODES)],
    ).fetchall()
    # a threat's own mode is "threatened" (sitrep/data/lexicons/modes.tsv): that one is a mode
    modes = {(etype, mode) for (etype, _internal), mode in event_modes().items() if mode}
    pairs = pd.DataFrame(
        [
            (key, surrogate_key(etype, None, *rest), mode)
            for key, etype, mode, *rest in types
            if (etype, mode) not in modes
        ],
        columns=["old_key", "new_key", "factuality"],
    )
    con.register("staged_event_types", pairs)
    try:
        con.execute(statements)
    finally:
        con.unregister("staged_event_types")
