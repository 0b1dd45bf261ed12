"""Parquet snapshots of the star schema: a daily history, Hive-partitioned by snapshot date, and the latest
state of each table in one file. All written atomically; history older than the retention is removed.

Every file is written under a temporary name that readers' `*.parquet` globs do not match and then
renamed into place: a crash leaves either the previous file or the new one.

    snapshots/<table>/snapshot_date=YYYY-MM-DD/data.parquet   one full copy per day (history)
    snapshots/latest/<table>.parquet                         the state after the last good run

A table whose content is the same as when its files were last written (same row count and sum of row
hashes, kept in latest/.signatures.json) and whose files of the day exist is not written again: a
no-op rerun rewrites only the run log and the check results.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb

from sitrep.load.warehouse import STAR_TABLES

SNAPSHOT_FILE = "data.parquet"
LATEST_DIR = "latest"
SIGNATURES_FILE = ".signatures.json"  # hidden: readers' *.parquet globs never see it
_PARTITION = re.compile(r"snapshot_date=(\d{4}-\d{2}-\d{2})")


def write_snapshots(
    con: duckdb.DuckDBPyConnection, snapshots_dir: Path, day: date, run_id: str
) -> list[Path]:
    """Each changed table's partition of `day` and its latest file; returns the paths written."""
    written = []
    latest = snapshots_dir / LATEST_DIR
    latest.mkdir(parents=True, exist_ok=True)
    before = _read_signatures(latest)
    now = {table: table_signature(con, table) for table in STAR_TABLES}
    partitions = {t: snapshots_dir / t / f"snapshot_date={day.isoformat()}" for t in STAR_TABLES}
    changed = [
        table
        for table in STAR_TABLES
        if before.get(table) != now[table]
        or not (partitions[table] / SNAPSHOT_FILE).exists()
        or not (latest / f"{table}.parquet").exists()
    ]
    for table in changed:
        partitions[table].mkdir(parents=True, exist_ok=True)
        written.append(_write(con, table, partitions[table] / SNAPSHOT_FILE, run_id))
    for table in changed:
        written.append(_write(con, table, latest / f"{table}.parquet", run_id))
    # after the files: a run killed in between leaves the old signatures, and the next run rewrites
    _write_signatures(latest, now, run_id)
    return written


def table_signature(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """Row count and the sum of the rows' hashes (any changed, added or removed row changes it)."""
    ((count, total),) = con.execute(f"SELECT count(*), sum(hash(t))::VARCHAR FROM {table} t").fetchall()
    return f"{count}:{total}"


def _read_signatures(latest: Path) -> dict[str, str]:
    try:
        return json.loads((latest / SIGNATURES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: every table is written


def _write_signatures(latest: Path, signatures: dict[str, str], run_id: str) -> None:
    temporary = latest / f"{SIGNATURES_FILE}.{run_id}.tmp"
    temporary.write_text(json.dumps(signatures, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(temporary, latest / SIGNATURES_FILE)


def latest_path(snapshots_dir: Path, table: str) -> Path:
    """The file holding the table as the last good run left it."""
    return snapshots_dir / LATEST_DIR / f"{table}.parquet"


def prune_snapshots(snapshots_dir: Path, today: date, keep_days: int) -> list[Path]:
    """Remove the daily folders older than `keep_days` days (today's counts as the first); 0 keeps all.

    Call after a successful run only, so the history is never cut while the newest day is missing.
    Folders whose name is no snapshot date are left alone.
    """
    if keep_days <= 0 or not snapshots_dir.is_dir():
        return []
    oldest_kept = today - timedelta(days=keep_days - 1)
    removed = []
    for table_dir in sorted(p for p in snapshots_dir.iterdir() if p.is_dir() and p.name != LATEST_DIR):
        for partition in sorted(table_dir.iterdir()):
            match = _PARTITION.fullmatch(partition.name)
            if not (match and partition.is_dir()):
                continue
            try:
                day = date.fromisoformat(match.group(1))
            except ValueError:
                continue
            if day < oldest_kept:
                shutil.rmtree(partition)
                removed.append(partition)
    return removed


def remove_stale_temporaries(snapshots_dir: Path) -> int:
    """Temporary files of a killed run: never visible to readers, but they take space."""
    removed = 0
    if snapshots_dir.exists():
        for pattern in (".*.parquet.*.tmp", f"{SIGNATURES_FILE}.*.tmp"):
            for path in snapshots_dir.rglob(pattern):
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def _write(con: duckdb.DuckDBPyConnection, table: str, final: Path, run_id: str) -> Path:
    temporary = final.with_name(f".{final.name}.{run_id}.tmp")
    con.execute(f"COPY (SELECT * FROM {table}) TO '{_quote(temporary)}' (FORMAT parquet, COMPRESSION zstd)")
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, final)
    return final


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
