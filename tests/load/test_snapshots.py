"""Parquet snapshots: one Hive partition per day and table, renamed into place, no temporaries left."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from sitrep.load import snapshots, warehouse
from tests.helpers import build_warehouse


def engine(sql: str) -> list[tuple]:
    """A query from a separate, plain DuckDB (any engine reading the files)."""
    with duckdb.connect() as other:
        return other.execute(sql).fetchall()


@pytest.fixture()
def loaded(tmp_path: Path):
    """A hand-built warehouse with a row in every star table, open for writing, and its snapshot folder."""
    settings = build_warehouse(tmp_path)
    con = warehouse.connect(settings.warehouse)
    yield con, settings.snapshots_dir
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
