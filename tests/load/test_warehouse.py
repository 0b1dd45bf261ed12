"""The DuckDB star: schema, idempotent loads, replaced (not duplicated) facts, keys that never dangle."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from sitrep.config import SQL_DIR
from sitrep.load import warehouse
from sitrep.load.keys import UNKNOWN_KEY, surrogate_key
from sitrep.load.warehouse import FACT_FOREIGN_KEYS, orphan_keys
from sitrep.model import EVENT_COLUMNS, MART_EVENT_COLUMNS, Document, Rejection
from tests.helpers import LOADED_TABLES, drone_strike_event, empty_warehouse

DIMENSIONS = {
    "dim_date": "date_key",
    "dim_actor": "actor_key",
    "dim_location": "location_key",
    "dim_event_type": "event_type_key",
    "dim_weapon": "weapon_key",
}


def document(
    document_id: str, text: str = "Drones struck Kharkiv, killing two. Five were hurt.\n"
) -> Document:
    return Document(
        document_id=document_id,
        text=text,
        published_at=datetime(2024, 6, 20, tzinfo=UTC),
        title=f"title of {document_id}",
        source=f"{document_id}.txt",
        content_hash=f"hash-{document_id}-{len(text)}",
    )


def batch_one() -> tuple[list[Document], list[dict], list[tuple[str, str, str]]]:
    docs = [document("doc-a"), document("doc-b")]
    events = [
        drone_strike_event("e1", "doc-a"),
        drone_strike_event(
            "e2",
            "doc-a",
            event_type="AID",
            event_mode=None,
            actor2_name=None,
            actor2_country=None,
            actor2_type=None,
            weapon=None,
            fatalities=None,
            injuries=None,
            quantity=7,
            quantity_unit="missiles",
            event_date=date(2024, 6, 19),
            cameo_code="07",
            acled_event_type=None,
            acled_sub_event_type=None,
        ),
        drone_strike_event(
            "e3",
            "doc-b",
            location_name=None,
            admin1=None,
            country=None,
            latitude=None,
            longitude=None,
            location_precision=None,
            event_date=None,
            date_precision=None,
            actor1_name=None,
            actor1_country=None,
            actor1_type=None,
        ),
    ]
    sources = [
        ("doc-a.txt", "doc-a", "hash-a"),
        ("copy-of-a.txt", "doc-a", "hash-a"),
        ("doc-b.txt", "doc-b", "hash-b"),
    ]
    return docs, events, sources


def load(con, docs, events, sources=()) -> int:
    con.execute("BEGIN TRANSACTION")
    written = warehouse.load_batch(con, docs, events, list(sources))
    con.execute("COMMIT")
    return written


def state(con) -> dict[str, list[tuple]]:
    return {
        table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in LOADED_TABLES
    }


@pytest.fixture()
def con(tmp_path: Path):
    connection = empty_warehouse(tmp_path / "wh" / "sitrep.duckdb")
    yield connection
    connection.close()


def test_schema_twice_is_harmless(con):
    load(con, *batch_one())
    before = state(con)
    warehouse.ensure_schema(con)
    assert state(con) == before


def test_every_dimension_has_its_unknown_member(con):
    for table, key in DIMENSIONS.items():
        assert con.execute(f"SELECT count(*) FROM {table} WHERE {key} = 0").fetchone()[0] == 1, table
    assert con.execute("SELECT actor_name FROM dim_actor WHERE actor_key = 0").fetchone() == ("unknown",)


def test_mart_events_columns_are_the_event_columns_in_order(con):
    assert [row[0] for row in con.execute("DESCRIBE mart.events").fetchall()] == MART_EVENT_COLUMNS


def test_load_writes_facts_and_the_dimension_rows_they_need(con):
    docs, events, sources = batch_one()
    assert load(con, docs, events, sources) == 3
    assert con.execute("SELECT count(*) FROM fact_event").fetchone()[0] == 3
    assert sorted(con.execute("SELECT actor_name FROM dim_actor").fetchall()) == [
        ("Russian forces",),
        ("civilians",),
        ("unknown",),
    ]
    assert con.execute("SELECT full_date, weekday FROM dim_date WHERE date_key = 20240620").fetchone() == (
        date(2024, 6, 20),
        "Thursday",
    )
    assert con.execute("SELECT date_key FROM dim_date ORDER BY 1").fetchall() == [
        (0,),
        (20240619,),
        (20240620,),
    ]
    assert sorted(con.execute("SELECT document_id, title FROM dim_document").fetchall()) == [
        ("doc-a", "title of doc-a"),
        ("doc-b", "title of doc-b"),
    ]
    assert sorted(con.execute("SELECT path, document_id FROM document_source").fetchall()) == [
        ("copy-of-a.txt", "doc-a"),
        ("doc-a.txt", "doc-a"),
        ("doc-b.txt", "doc-b"),
    ]
    assert orphan_keys(con) == dict.fromkeys(FACT_FOREIGN_KEYS, 0)


def test_missing_values_point_at_the_unknown_members(con):
    load(con, *batch_one())
    row = con.execute(
        "SELECT date_key, actor1_key, location_key FROM fact_event WHERE event_id = 'e3'"
    ).fetchone()
    assert row == (UNKNOWN_KEY, UNKNOWN_KEY, UNKNOWN_KEY)
    assert con.execute("SELECT actor2_key, weapon_key FROM fact_event WHERE event_id = 'e2'").fetchone() == (
        0,
        0,
    )


def test_mart_events_gives_back_what_was_loaded(con):
    docs, events, sources = batch_one()
    load(con, docs, events, sources)
    rows = {
        r[0]: dict(zip(MART_EVENT_COLUMNS, r, strict=True))
        for r in con.execute("SELECT * FROM mart.events").fetchall()
    }
    assert set(rows) == {"e1", "e2", "e3"}
    e1 = rows["e1"]
    for column in EVENT_COLUMNS:
        expected = events[0][column]
        if column == "event_date":
            expected = date(2024, 6, 20)
        assert e1[column] == expected, column
    assert (
        rows["e2"]["quantity"] == 7.0 and rows["e2"]["actor2_name"] is None and rows["e2"]["weapon"] is None
    )
    assert rows["e3"]["event_date"] is None and rows["e3"]["location_name"] is None
    assert rows["e3"]["actor1_name"] is None


def test_loading_the_same_batch_twice_gives_the_same_rows_and_keys(con):
    load(con, *batch_one())
    first = state(con)
    load(con, *batch_one())
    assert state(con) == first


def test_two_warehouses_from_the_same_inputs_have_the_same_keys(tmp_path):
    keys = []
    for name in ("one", "two"):
        with warehouse.connect(tmp_path / name / "w.duckdb") as c:
            warehouse.ensure_schema(c)
            load(c, *batch_one())
            keys.append(
                c.execute(
                    "SELECT event_id, date_key, actor1_key, actor2_key, location_key, event_type_key, weapon_key, "
                    "document_key FROM fact_event ORDER BY event_id"
                ).fetchall()
            )
    assert keys[0] == keys[1]
    assert keys[0][0][-1] == surrogate_key("doc-a")


def test_changed_document_replaces_its_old_facts(con):
    load(con, *batch_one())
    changed = document("doc-a", "Drones struck Kharkiv again. Nobody was hurt.\n")
    load(
        con,
        [changed],
        [drone_strike_event("e9", "doc-a", fatalities=0, injuries=0)],
        [("doc-a.txt", "doc-a", "hash-a2")],
    )
    by_doc = dict(
        con.execute(
            "SELECT d.document_id, list(f.event_id ORDER BY f.event_id) FROM fact_event f "
            "JOIN dim_document d USING (document_key) GROUP BY 1"
        ).fetchall()
    )
    assert by_doc == {"doc-a": ["e9"], "doc-b": ["e3"]}
    assert con.execute("SELECT count(*) FROM dim_document WHERE document_id = 'doc-a'").fetchone()[0] == 1
    assert con.execute("SELECT content_hash FROM dim_document WHERE document_id = 'doc-a'").fetchone()[0] == (
        changed.content_hash
    )
    assert con.execute("SELECT content_hash FROM document_source WHERE path = 'doc-a.txt'").fetchone() == (
        "hash-a2",
    )
    assert orphan_keys(con) == dict.fromkeys(FACT_FOREIGN_KEYS, 0)


def test_changed_document_with_no_events_left_loses_its_facts(con):
    load(con, *batch_one())
    load(con, [document("doc-b", "Nothing happened today.\n")], [])
    assert con.execute("SELECT event_id FROM fact_event ORDER BY 1").fetchall() == [("e1",), ("e2",)]


def test_a_failed_batch_leaves_nothing_behind(con):
    load(con, *batch_one())
    before = state(con)
    docs = [document("doc-c")]
    con.execute("BEGIN TRANSACTION")
    with pytest.raises(duckdb.Error):
        # The same event id twice violates the fact primary key: the whole batch must go.
        warehouse.load_batch(
            con, docs, [drone_strike_event("dup", "doc-c"), drone_strike_event("dup", "doc-c")], []
        )
    con.execute("ROLLBACK")
    assert state(con) == before


def test_forget_document_removes_its_events_and_names_and_says_how_many(con):
    load(con, *batch_one())
    assert warehouse.forget_document(con, "doc-a") == 2
    assert con.execute("SELECT event_id FROM fact_event").fetchall() == [("e3",)]
    assert con.execute("SELECT document_id FROM dim_document").fetchall() == [("doc-b",)]
    assert con.execute("SELECT path FROM document_source").fetchall() == [("doc-b.txt",)]
    assert warehouse.forget_document(con, "doc-a") is None
    assert orphan_keys(con) == dict.fromkeys(FACT_FOREIGN_KEYS, 0)


def test_a_forgotten_document_is_remembered_by_its_content_hash(con):
    docs, events, sources = batch_one()
    load(con, docs, events, sources)
    forgotten = next(d for d in docs if d.document_id == "doc-a")
    warehouse.forget_document(con, "doc-a")
    assert warehouse.rejected_before(con) == (set(), {forgotten.content_hash})
    assert con.execute("SELECT stage, source, reason FROM quarantine").fetchall() == [
        ("forget", "doc-a", "forgotten")
    ]


def test_known_hashes_are_the_loaded_content_hashes(con):
    docs, events, sources = batch_one()
    load(con, docs, events, sources)
    assert warehouse.known_hashes(con) == {d.document_id: d.content_hash for d in docs}


def test_the_same_rejection_is_quarantined_once(con):
    rejection = Rejection("ingest", "photo.txt", "binary", "binary file (PNG image), not text")
    assert warehouse.record_rejections(con, "run-1", [rejection]) == 1
    warehouse.record_rejections(con, "run-2", [rejection])
    assert con.execute("SELECT run_id, source, reason FROM quarantine").fetchall() == [
        ("run-1", "photo.txt", "binary")
    ]


def test_refused_files_and_refused_texts_are_remembered_by_their_content(con):
    warehouse.record_rejections(
        con,
        "run-1",
        [
            Rejection("ingest", "photo.txt", "binary", "binary file (PNG image), not text", "f1"),
            Rejection(
                "validate", "furniture", "expect_column_values_to_be_between(segments)", "failed", "t1"
            ),
            Rejection("validate", "event-9", "expect_column_values_to_not_be_null(event_date)", "failed"),
            Rejection("extract", "crashing", "extractor_error", "ValueError: boom", "t2"),
        ],
    )
    assert warehouse.rejected_before(con) == ({("photo.txt", "f1")}, {"t1"})
    assert con.execute("SELECT count(*) FROM quarantine WHERE content_hash IS NULL").fetchone() == (1,)


def test_a_quarantine_made_before_content_hashes_gains_the_column_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute(
            "CREATE TABLE quarantine (quarantine_id VARCHAR PRIMARY KEY, run_id VARCHAR NOT NULL, "
            "stage VARCHAR NOT NULL, source VARCHAR NOT NULL, reason VARCHAR NOT NULL, detail VARCHAR, "
            "recorded_at TIMESTAMPTZ NOT NULL)"
        )
        old.execute(
            "INSERT INTO quarantine VALUES ('q1', 'r0', 'ingest', 'a.txt', 'empty', 'the file is empty', now())"
        )
    with warehouse.connect(path) as con:
        warehouse.ensure_schema(con)
        rejection = Rejection("ingest", "a.txt", "empty", "the file is empty", "f1")
        warehouse.record_rejections(con, "r1", [rejection])
        rows = con.execute("SELECT run_id, content_hash FROM quarantine ORDER BY run_id").fetchall()
        assert rows == [("r0", None), ("r1", "f1")]
        assert warehouse.rejected_before(con) == ({("a.txt", "f1")}, set())


def test_stale_runs_are_marked_abandoned(con):
    warehouse.start_run(con, "r-running")
    warehouse.start_run(con, "r-loaded")
    warehouse.finish_run(con, "r-loaded", "loaded", {"events_loaded": 3})
    warehouse.start_run(con, "r-done")
    warehouse.finish_run(con, "r-done", "succeeded", {"events_loaded": 1})
    assert warehouse.abandon_stale_runs(con) == 2
    assert dict(con.execute("SELECT run_id, status FROM etl_run").fetchall()) == {
        "r-running": "abandoned",
        "r-loaded": "abandoned",
        "r-done": "succeeded",
    }


def test_a_place_named_only_by_its_region_stays_unnamed_in_the_mart(con):
    # the loader used to store the admin1 (or the country: "UKR") as the location's name
    region = drone_strike_event("r1", "doc-a", location_name=None, location_precision="admin1")
    country = drone_strike_event("r2", "doc-a", location_name=None, admin1=None, location_precision="country")
    load(con, [document("doc-a")], [region, country])
    rows = con.execute(
        "SELECT event_id, location_name, admin1, country FROM mart.events ORDER BY 1"
    ).fetchall()
    assert rows == [("r1", None, "Kharkiv", "UKR"), ("r2", None, None, "UKR")]


def test_the_ready_made_queries_count_happened_events_only(con):
    happened = drone_strike_event("h1", "doc-a", fatalities=2)
    planned = drone_strike_event("p1", "doc-a", fatalities=40, factuality="planned", evidence_start=40)
    load(con, [document("doc-a")], [happened, planned])
    casualties = con.execute((SQL_DIR / "analysis" / "casualties_by_admin1.sql").read_text()).fetchall()
    assert [(row[1], row[2], row[3]) for row in casualties] == [("Kharkiv", 1, 2)]
    per_day = con.execute((SQL_DIR / "analysis" / "events_per_day_by_type.sql").read_text()).fetchall()
    assert [(str(d), t, n) for d, t, n in per_day] == [("2024-06-20", "ASSAULT", 1)]
