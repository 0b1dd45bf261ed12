"""A warehouse written by an earlier sitrep is upgraded in place: filled-in location names are NULL again,
factuality moves out of event_mode into fact_event.factuality, and new loads go on as usual."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from sitrep.config import SQL_DIR
from sitrep.load import warehouse
from sitrep.load.keys import surrogate_key
from sitrep.model import Document
from tests.helpers import drone_strike_event

# The two tables as the previous schema had them (location_name NOT NULL, no factuality).
OLD_TABLES = """
CREATE TABLE dim_location (location_key BIGINT PRIMARY KEY, location_name VARCHAR NOT NULL, admin1 VARCHAR,
    country VARCHAR, latitude DOUBLE, longitude DOUBLE, location_precision VARCHAR);
CREATE TABLE fact_event (event_id VARCHAR PRIMARY KEY, date_key INTEGER NOT NULL, actor1_key BIGINT NOT NULL,
    actor2_key BIGINT NOT NULL, location_key BIGINT NOT NULL, event_type_key BIGINT NOT NULL,
    weapon_key BIGINT NOT NULL, document_key BIGINT NOT NULL, date_precision VARCHAR, fatalities INTEGER,
    injuries INTEGER, missing INTEGER, quantity DOUBLE, quantity_unit VARCHAR, intercepted DOUBLE,
    is_aggregate BOOLEAN NOT NULL DEFAULT false, evidence VARCHAR, evidence_start INTEGER,
    evidence_end INTEGER, confidence DOUBLE);
"""
CAMEO = ("19", "Explosions/Remote violence", "Air/drone strike")


def _old_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """What the previous loader left: a region-only place stored under its region's name, a planned
    strike and a threat with their factuality in event_mode."""
    con = warehouse.connect(path)
    con.execute(OLD_TABLES)
    for ddl in sorted((SQL_DIR / "ddl").glob("*.sql")):  # the other tables; these two exist already
        con.execute(ddl.read_text(encoding="utf-8"))
    assert con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE column_name = 'factuality'"
    ).fetchone() == (0,)
    region = surrogate_key(None, "Donetsk", "UKR", "admin1")
    named = surrogate_key("Kharkiv", "Kharkiv", "UKR", "place")
    con.execute(
        "INSERT INTO dim_location VALUES (?, 'Donetsk', 'Donetsk', 'UKR', 48.0, 37.8, 'admin1')", [region]
    )
    con.execute(
        "INSERT INTO dim_location VALUES (?, 'Kharkiv', 'Kharkiv', 'UKR', 50.0, 36.2, 'place')", [named]
    )
    types = {
        "happened": surrogate_key("ASSAULT", "aerial", *CAMEO),
        "planned": surrogate_key("ASSAULT", "planned", *CAMEO),
        "threat": surrogate_key("THREATEN", "threatened", None, None, None),
    }
    con.execute(
        "INSERT INTO dim_event_type VALUES (?, 'ASSAULT', 'aerial', ?, ?, ?)", [types["happened"], *CAMEO]
    )
    con.execute(
        "INSERT INTO dim_event_type VALUES (?, 'ASSAULT', 'planned', ?, ?, ?)", [types["planned"], *CAMEO]
    )
    con.execute(
        "INSERT INTO dim_event_type VALUES (?, 'THREATEN', 'threatened', NULL, NULL, NULL)", [types["threat"]]
    )
    con.execute("INSERT INTO dim_date VALUES (20240620, '2024-06-20', 2024, 6, 20, 25, 'Thursday')")
    con.execute(
        "INSERT INTO dim_document (document_key, document_id) VALUES (?, 'old')", [surrogate_key("old")]
    )
    for event_id, location, kind in (
        ("e1", region, "happened"),
        ("e2", named, "planned"),
        ("e3", 0, "threat"),
    ):
        con.execute(
            "INSERT INTO fact_event (event_id, date_key, actor1_key, actor2_key, location_key, event_type_key, "
            "weapon_key, document_key, evidence) VALUES (?, 20240620, 0, 0, ?, ?, 0, ?, 'old text')",
            [event_id, location, types[kind], surrogate_key("old")],
        )
    return con


def _mart(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "SELECT event_id, event_type, event_mode, factuality, location_name, admin1 FROM mart.events ORDER BY 1"
    ).fetchall()


def test_an_old_warehouse_is_upgraded_to_the_current_contract(tmp_path):
    con = _old_warehouse(tmp_path / "sitrep.duckdb")
    warehouse.ensure_schema(con)
    assert _mart(con) == [
        ("e1", "ASSAULT", "aerial", "happened", None, "Donetsk"),
        ("e2", "ASSAULT", None, "planned", "Kharkiv", "Kharkiv"),
        ("e3", "THREATEN", "threatened", "happened", None, None),
    ]
    # the planned strike now points at the member the loader would give it (a NULL mode)
    (key,) = con.execute("SELECT event_type_key FROM fact_event WHERE event_id = 'e2'").fetchone()
    assert key == surrogate_key("ASSAULT", None, *CAMEO)
    assert warehouse.orphan_keys(con) == dict.fromkeys(warehouse.FACT_FOREIGN_KEYS, 0)


def test_the_upgrade_runs_once_and_new_loads_follow_it(tmp_path):
    con = _old_warehouse(tmp_path / "sitrep.duckdb")
    warehouse.ensure_schema(con)
    state = con.execute("SELECT sum(hash(f)) FROM fact_event f").fetchone(), _mart(con)
    warehouse.ensure_schema(con)
    assert (con.execute("SELECT sum(hash(f)) FROM fact_event f").fetchone(), _mart(con)) == state
    doc = Document(
        "new", "Drones struck Kharkiv, killing two.", datetime(2024, 6, 20, tzinfo=UTC), content_hash="h"
    )
    event = drone_strike_event("e4", "new", factuality="planned", location_name=None)
    con.execute("BEGIN TRANSACTION")
    warehouse.load_batch(con, [doc], [event], [("new.txt", "new", "h")])
    con.execute("COMMIT")
    row = con.execute(
        "SELECT event_mode, factuality, location_name FROM mart.events WHERE event_id = 'e4'"
    ).fetchone()
    assert row == ("drone", "planned", None)


def test_an_upgrade_cut_short_leaves_the_old_warehouse_to_upgrade_again(tmp_path, monkeypatch):
    from sitrep.load import upgrade

    con = _old_warehouse(tmp_path / "sitrep.duckdb")

    def crash(_con, _statements):
        raise RuntimeError("killed mid-upgrade")

    monkeypatch.setattr(upgrade, "_add_factuality", crash)
    with pytest.raises(RuntimeError):
        warehouse.ensure_schema(con)
    # the first step (location names) was rolled back with the second: both are still to do
    assert con.execute(
        "SELECT location_name FROM dim_location WHERE location_precision = 'admin1'"
    ).fetchone() == ("Donetsk",)
    monkeypatch.undo()
    warehouse.ensure_schema(con)
    assert [row[4] for row in _mart(con)] == [None, "Kharkiv", None]


def test_an_old_warehouse_gains_the_acled_categories_and_new_loads_fill_them(tmp_path):
    # fact_event of the old schema has no inter1/inter2: sql/ddl/070_acled_inter.sql adds them
    con = _old_warehouse(tmp_path / "sitrep.duckdb")
    warehouse.ensure_schema(con)
    assert con.execute("SELECT inter1, inter2 FROM mart.events WHERE event_id = 'e1'").fetchone() == (
        None,
        None,
    )
    doc = Document(
        "new", "Drones struck Kharkiv, killing two.", datetime(2024, 6, 20, tzinfo=UTC), content_hash="h"
    )
    event = drone_strike_event("e4", "new", inter1="External/Other forces", inter2="Civilians")
    con.execute("BEGIN TRANSACTION")
    warehouse.load_batch(con, [doc], [event], [("new.txt", "new", "h")])
    con.execute("COMMIT")
    row = con.execute("SELECT inter1, inter2 FROM mart.events WHERE event_id = 'e4'").fetchone()
    assert row == ("External/Other forces", "Civilians")
