"""Keep dim_happening / happening_event in step with fact_event, inside the caller's transaction.

Only the blocks a change touches are clustered again. A segment is a run of events of one block (family,
country) whose date intervals lie within the slack of each other: no matching pair crosses a segment's
edge, so clustering a segment alone gives what clustering everything would. The segments re-clustered
are those holding a new event, a member of a happening that lost an event, or an event near a removed
one; every other happening keeps its row and its members.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from sitrep.happen import happenings_table
from sitrep.happen.frame import prepare
from sitrep.happen.rules import load_rules
from sitrep.happen.tolls import HAPPENING_COLUMNS

LIGHT_COLUMNS = "event_id, event_type, event_mode, country, event_date, date_precision, is_aggregate"


def light_events(con: duckdb.DuckDBPyConnection, document_ids: list[str] | None = None) -> pd.DataFrame:
    """The columns that place an event in a segment, for some documents (None: every event)."""
    sql = f"SELECT {LIGHT_COLUMNS} FROM mart.events"
    if document_ids is None:
        return con.execute(sql).df()
    con.register("light_documents", pd.DataFrame({"document_id": list(document_ids)}, dtype=object))
    try:
        return con.execute(sql + " SEMI JOIN light_documents USING (document_id)").df()
    finally:
        con.unregister("light_documents")


def segments(frame: pd.DataFrame, slack_days: float) -> np.ndarray:
    """A segment number per row of a prepared frame (undated events are each their own segment)."""
    order = frame.sort_values(["block", "lo"], kind="stable", na_position="last").index.to_numpy()
    blocks = frame["block"].to_numpy(object)[order]
    lo, hi = frame["lo"].to_numpy(float)[order], frame["hi"].to_numpy(float)[order]
    # Running furthest end within each block: a new segment starts where the next start lies beyond it.
    reach = np.empty(len(order))
    start = np.ones(len(order), dtype=bool)
    for n in range(len(order)):
        undated = np.isnan(lo[n])
        if n and not undated and blocks[n] == blocks[n - 1] and not np.isnan(reach[n - 1]):
            start[n] = lo[n] > reach[n - 1] + slack_days
            reach[n] = hi[n] if start[n] else max(reach[n - 1], hi[n])
        else:
            reach[n] = hi[n]
    label = np.empty(len(frame), dtype=np.int64)
    label[order] = np.cumsum(start) - 1
    return label


def _near_removed(frame: pd.DataFrame, removed: pd.DataFrame, slack_days: float) -> np.ndarray:
    """Rows whose interval lies within the slack of a removed event's interval in the same block."""
    near = np.zeros(len(frame), dtype=bool)
    for block, gone in removed[removed["lo"].notna()].groupby("block"):
        same = (frame["block"] == block).to_numpy()
        for lo, hi in zip(gone["lo"], gone["hi"], strict=True):
            near |= (
                same
                & (frame["lo"] <= hi + slack_days).to_numpy()
                & (frame["hi"] >= lo - slack_days).to_numpy()
            )
    return near


def refresh_happenings(
    con: duckdb.DuckDBPyConnection, removed: pd.DataFrame | None = None, everything: bool = False
) -> int:
    """Re-cluster the segments touched since the last refresh; returns how many events were clustered.

    `removed`: light_events() of the events deleted since (captured before deleting them). Events with
    no happening yet (new ones, or a warehouse older than happenings) count as touched.
    """
    if not everything and (removed is None or removed.empty) and _in_step(con):
        return 0  # nothing new, nothing removed: every segment is as it was clustered (a no-op rerun)
    rules = load_rules()
    slack = rules.reach_days()
    current = prepare(light_events(con), rules)
    if current.empty:
        con.execute("DELETE FROM happening_event")
        con.execute("DELETE FROM dim_happening")
        return 0
    current["segment"] = segments(current, slack)
    members = con.execute("SELECT event_id, happening_id FROM happening_event").df()
    gone_ids = set(members["event_id"]) - set(current["event_id"])
    lost = set(members.loc[members["event_id"].isin(gone_ids), "happening_id"])
    touched = ~current["event_id"].isin(members["event_id"]).to_numpy()
    touched |= (
        current["event_id"].isin(members.loc[members["happening_id"].isin(lost), "event_id"]).to_numpy()
    )
    if removed is not None and len(removed):
        touched |= _near_removed(current, prepare(removed, rules), slack)
    if everything:
        touched[:] = True
    wanted = current.loc[current["segment"].isin(current.loc[touched, "segment"]), "event_id"]
    con.register("wanted_events", pd.DataFrame({"event_id": wanted.to_numpy(object)}))
    try:
        events = con.execute(_load_sql()).df() if len(wanted) else pd.DataFrame()
    finally:
        con.unregister("wanted_events")
    stale = pd.DataFrame({"event_id": sorted(set(wanted) | gone_ids)}, dtype=object)
    con.register("stale_events", stale)
    try:
        con.execute("DELETE FROM happening_event WHERE event_id IN (SELECT event_id FROM stale_events)")
    finally:
        con.unregister("stale_events")
    if len(events):
        links, rows = happenings_table(events, rules)
        con.register("new_links", links)
        con.register("new_happenings", rows.reindex(columns=HAPPENING_COLUMNS))
        try:
            con.execute("INSERT INTO happening_event SELECT event_id, happening_id FROM new_links")
            con.execute(
                "INSERT OR REPLACE INTO dim_happening SELECT * REPLACE ("
                "CAST(event_date AS DATE) AS event_date, CAST(latitude AS DOUBLE) AS latitude, "
                "CAST(longitude AS DOUBLE) AS longitude, CAST(fatalities AS INTEGER) AS fatalities, "
                "CAST(fatalities_min AS INTEGER) AS fatalities_min, CAST(fatalities_max AS INTEGER) AS fatalities_max, "
                "CAST(injuries AS INTEGER) AS injuries, CAST(first_reported AS TIMESTAMPTZ) AS first_reported, "
                "CAST(last_reported AS TIMESTAMPTZ) AS last_reported) FROM new_happenings"
            )
        finally:
            con.unregister("new_links")
            con.unregister("new_happenings")
    con.execute(
        "DELETE FROM dim_happening h WHERE NOT EXISTS (SELECT 1 FROM happening_event e WHERE e.happening_id = h.happening_id)"
    )
    return len(events)


def _in_step(con: duckdb.DuckDBPyConnection) -> bool:
    """Every event has its happening and every happening and link its events: nothing to re-cluster."""
    ((strays,),) = con.execute(  # fetchall: a result left unread blocks the connection's next statement
        "SELECT (SELECT count(*) FROM mart.events ANTI JOIN happening_event USING (event_id)) "
        "+ (SELECT count(*) FROM happening_event ANTI JOIN mart.events USING (event_id)) "
        "+ (SELECT count(*) FROM dim_happening h ANTI JOIN happening_event USING (happening_id))"
    ).fetchall()
    return not strays


def _load_sql() -> str:
    from sitrep.load.warehouse import sql_file

    return sql_file("load/happening_events.sql")


def consistency(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Counts that are all zero in a sound warehouse."""
    checks = {
        "events_without_happening": "SELECT count(*) FROM fact_event f ANTI JOIN happening_event h USING (event_id)",
        "links_without_event": "SELECT count(*) FROM happening_event h ANTI JOIN fact_event f USING (event_id)",
        "happenings_without_events": "SELECT count(*) FROM dim_happening d ANTI JOIN happening_event h USING (happening_id)",
        "links_without_happening": "SELECT count(*) FROM happening_event h ANTI JOIN dim_happening d USING (happening_id)",
    }
    return {name: con.execute(sql).fetchone()[0] for name, sql in checks.items()}
