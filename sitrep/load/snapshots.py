"""Parquet snapshots of the star schema, Hive-partitioned by snapshot date, written atomically.

Each table's partition is one file, written under a temporary name that readers' `*.parquet` globs do
not match and then renamed into place: a crash leaves either the previous file or the new one.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import duckdb

from sitrep.load.warehouse import STAR_TABLES

SNAPSHOT_FILE = "data.parquet"


def write_snapshots(
    con: duckdb.DuckDBPyConnection, snapshots_dir: Path, day: date, run_id: str
) -> list[Path]:
    written = []
    for table in STAR_TABLES:
        partition = snapshots_dir / table / f"snapshot_date={day.isoformat()}"
        partition.mkdir(parents=True, exist_ok=True)
        final = partition / SNAPSHOT_FILE
        temporary = partition / f".{SNAPSHOT_FILE}.{run_id}.tmp"
        con.execute(
            f"COPY (SELECT * FROM {table}) TO '{_quote(temporary)}' (FORMAT parquet, COMPRESSION zstd)"
        )
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, final)
        written.append(final)
    return written


def remove_stale_temporaries(snapshots_dir: Path) -> int:
    """Temporary files of a killed run: never visible to readers, but they take space."""
    removed = 0
    if snapshots_dir.exists():
        for path in snapshots_dir.rglob(f".{SNAPSHOT_FILE}.*.tmp"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
