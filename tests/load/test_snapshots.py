"""Parquet snapshots: one Hive partition per day and table, renamed into place, no temporaries left."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from sitrep.load import snapshots, warehouse
from sitrep.model import Document, Rejection
from tests.helpers import event_record


def _event(event_id: str) -> dict:
    return event_record(
        event_id,
        "doc",
        event_date="2024-06-20",
        event_type="ASSAULT",
        actor1_name="Russian forces",
        location_name="Kharkiv",
        country="UKR",
        weapon="drone",
        evidence="Drones struck Kharkiv.",
        evidence_start=0,
        evidence_end=22,
        confidence=0.5,
    )


def engine(sql: str) -> list[tuple]:
    """A query from a separate, plain DuckDB (any engine reading the files)."""
    with duckdb.connect() as other:
        return other.execute(sql).fetchall()


@pytest.fixture()
def loaded(tmp_path: Path):
    con = warehouse.connect(tmp_path / "wh" / "sitrep.duckdb")
    warehouse.ensure_schema(con)
    doc = Document("doc", "Drones struck Kharkiv.\n", datetime(2024, 6, 20, tzinfo=UTC), content_hash="h")
    con.execute("BEGIN TRANSACTION")
    warehouse.load_batch(con, [doc], [_event("e1"), _event("e2")], [("doc.txt", "doc", "h")])
    warehouse.record_rejections(con, "run-0", [Rejection("ingest", "x.png", "binary", "binary file")])
    warehouse.record_checks(
        con,
        [
            {
                "run_id": "run-0",
                "suite": "events",
                "expectation": "e",
                "column_name": None,
                "success": True,
                "element_count": 2,
                "unexpected_count": 0,
                "checked_at": datetime(2024, 6, 20, tzinfo=UTC),
            }
        ],
    )
    warehouse.start_run(con, "run-0")
    con.execute("COMMIT")
    yield con, tmp_path / "wh" / "snapshots"
    con.close()


def test_every_table_gets_a_hive_partition_file_readable_by_any_engine(loaded):
    con, root = loaded
    written = snapshots.write_snapshots(con, root, date(2024, 6, 21), "run-1")
    assert sorted(written) == sorted(
        root / t / "snapshot_date=2024-06-21" / "data.parquet" for t in warehouse.STAR_TABLES
    )
    for table in warehouse.STAR_TABLES:
        live = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        (snap,) = engine(
            f"SELECT count(*), min(snapshot_date)::VARCHAR FROM read_parquet('{root}/{table}/**/*.parquet', "
            "hive_partitioning = true)"
        )
        assert live > 0 and snap == (live, "2024-06-21"), table
    assert sorted(engine(f"SELECT event_id FROM read_parquet('{root}/fact_event/*/*.parquet')")) == [
        ("e1",),
        ("e2",),
    ]
    assert not list(root.rglob("*.tmp"))


def test_a_second_snapshot_the_same_day_replaces_the_file_and_another_day_adds_one(loaded):
    con, root = loaded
    snapshots.write_snapshots(con, root, date(2024, 6, 21), "run-1")
    snapshots.write_snapshots(con, root, date(2024, 6, 21), "run-2")
    snapshots.write_snapshots(con, root, date(2024, 6, 22), "run-3")
    days = engine(
        f"SELECT snapshot_date::VARCHAR, count(*) FROM read_parquet('{root}/fact_event/**/*.parquet', "
        "hive_partitioning = true) GROUP BY 1 ORDER BY 1"
    )
    assert days == [("2024-06-21", 2), ("2024-06-22", 2)]
    assert not list(root.rglob("*.tmp"))


def test_stale_temporaries_are_removed_and_counted(loaded):
    con, root = loaded
    snapshots.write_snapshots(con, root, date(2024, 6, 21), "run-1")
    partition = root / "fact_event" / "snapshot_date=2024-06-21"
    planted = partition / ".data.parquet.killed-run.tmp"
    planted.write_bytes(b"half a parquet file")
    assert snapshots.remove_stale_temporaries(root) == 1
    assert not planted.exists()
    assert (partition / "data.parquet").exists()
    assert snapshots.remove_stale_temporaries(root) == 0
    assert snapshots.remove_stale_temporaries(root / "nowhere") == 0


def test_a_path_with_a_quote_is_written_safely(tmp_path, loaded):
    con, _ = loaded
    root = tmp_path / "o'brien" / "snapshots"
    written = snapshots.write_snapshots(con, root, date(2024, 6, 21), "run-1")
    assert all(path.exists() for path in written)
