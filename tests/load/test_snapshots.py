"""Parquet snapshots: one Hive partition per day and table plus a latest file per table, renamed into
place, no temporaries left, history older than the retention removed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from sitrep.load import snapshots, warehouse
from sitrep.model import Document
from tests.helpers import build_warehouse, shelling_event


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
        [root / t / "snapshot_date=2024-06-21" / "data.parquet" for t in warehouse.STAR_TABLES]
        + [root / "latest" / f"{t}.parquet" for t in warehouse.STAR_TABLES]
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


def _add_event(con, event_id: str) -> None:
    doc = Document("doc2", "Shelling hit Kupiansk.\n", datetime(2024, 6, 22, tzinfo=UTC), content_hash="h2")
    event = shelling_event(event_id, "2024-06-22", None) | {"document_id": "doc2"}
    con.execute("BEGIN TRANSACTION")
    warehouse.load_batch(con, [doc], [event], [("doc2.txt", "doc2", "h2")])
    con.execute("COMMIT")


def test_latest_holds_each_event_once_however_many_days_are_kept(loaded):
    con, root = loaded
    snapshots.write_snapshots(con, root, date(2024, 6, 21), "run-1")
    _add_event(con, "e3")
    snapshots.write_snapshots(con, root, date(2024, 6, 22), "run-2")
    history = engine(f"SELECT count(*) FROM read_parquet('{root}/fact_event/**/*.parquet')")
    latest = snapshots.latest_path(root, "fact_event")
    assert latest == root / "latest" / "fact_event.parquet"
    assert history == [(5,)]  # 2 events on the 21st + 3 on the 22nd: every event once per day
    assert sorted(engine(f"SELECT event_id FROM read_parquet('{latest}')")) == [("e1",), ("e2",), ("e3",)]
    for table in warehouse.STAR_TABLES:
        live = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert engine(f"SELECT count(*) FROM read_parquet('{snapshots.latest_path(root, table)}')") == [
            (live,)
        ]
    assert not list(root.rglob("*.tmp"))


def test_a_killed_latest_write_leaves_a_temporary_that_the_next_run_removes(loaded):
    con, root = loaded
    snapshots.write_snapshots(con, root, date(2024, 6, 21), "run-1")
    planted = root / "latest" / ".fact_event.parquet.killed-run.tmp"
    planted.write_bytes(b"half a parquet file")
    assert snapshots.remove_stale_temporaries(root) == 1
    assert not planted.exists() and snapshots.latest_path(root, "fact_event").exists()


def _days(root: Path, table: str = "fact_event") -> list[str]:
    return sorted(p.name.removeprefix("snapshot_date=") for p in (root / table).iterdir())


def test_retention_removes_daily_folders_older_than_the_setting(loaded):
    con, root = loaded
    for day in (date(2024, 5, 1), date(2024, 5, 23), date(2024, 5, 22), date(2024, 6, 21)):
        snapshots.write_snapshots(con, root, day, f"run-{day}")
    (root / "fact_event" / "notes").mkdir()  # not a snapshot folder: left alone
    assert snapshots.prune_snapshots(root, date(2024, 6, 21), 0) == []  # 0 keeps every day
    removed = snapshots.prune_snapshots(root, date(2024, 6, 21), 30)
    # 30 days: 2024-05-23 .. 2024-06-21
    assert sorted({p.name for p in removed}) == ["snapshot_date=2024-05-01", "snapshot_date=2024-05-22"]
    assert len(removed) == 2 * len(warehouse.STAR_TABLES)
    assert _days(root) == ["2024-05-23", "2024-06-21", "notes"]
    assert [p.name for p in snapshots.prune_snapshots(root, date(2024, 6, 21), 1)] == [
        "snapshot_date=2024-05-23"
    ] * len(warehouse.STAR_TABLES)
    assert _days(root, "dim_actor") == ["2024-06-21"]
    assert all(snapshots.latest_path(root, t).exists() for t in warehouse.STAR_TABLES)
    assert snapshots.prune_snapshots(root / "nowhere", date(2024, 6, 21), 1) == []


def test_the_retention_comes_from_sitrep_snapshot_days(monkeypatch):
    from sitrep.config import DEFAULT_SNAPSHOT_DAYS, SettingsError, settings_from_env

    monkeypatch.delenv("SITREP_SNAPSHOT_DAYS", raising=False)
    assert settings_from_env().snapshot_days == DEFAULT_SNAPSHOT_DAYS == 30
    monkeypatch.setenv("SITREP_SNAPSHOT_DAYS", "7")
    assert settings_from_env().snapshot_days == 7
    for bad in ("-1", "a week", "1.5"):
        monkeypatch.setenv("SITREP_SNAPSHOT_DAYS", bad)
        with pytest.raises(SettingsError, match="SITREP_SNAPSHOT_DAYS"):
            settings_from_env()
