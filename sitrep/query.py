"""Read-only, sandboxed access to the warehouse for `sitrep sql` and `sitrep report`.

The connection is read-only, cannot touch the host's files (external access off), and its configuration
is locked, so a query cannot re-enable any of it. Time, memory and spill space are bounded by
sitrep/query_limits.py. While a run holds the write lock, readers retry for a
bounded time and then answer from the latest Parquet snapshots, saying so.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from sitrep.config import Settings
from sitrep.load.warehouse import STAR_TABLES, create_views
from sitrep.query_limits import SqlLimits

ALLOWED_STATEMENTS = {"SELECT", "EXPLAIN"}
_SANDBOX = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "lock_configuration": True,
}


class QueryError(Exception):
    """A one-line, user-facing reason a query cannot run."""


def check_statements(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as err:
        raise QueryError(first_line(err)) from None
    if not statements:
        raise QueryError("no SQL statement given")
    for statement in statements:
        kind = statement.type.name
        if kind not in ALLOWED_STATEMENTS:
            raise QueryError(
                f"{kind} statements are not allowed: sitrep sql is read-only (SELECT and EXPLAIN only)"
            )


def is_lock_conflict(err: BaseException) -> bool:
    """DuckDB's error when another process holds the file: the only error worth waiting out."""
    return "lock" in str(err).lower()


def first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return text.replace("Permission Error: ", "").replace("Invalid Input Error: ", "")


def open_reader(
    settings: Settings, wait_seconds: float = 10.0, limits: SqlLimits | None = None
) -> tuple[duckdb.DuckDBPyConnection, str]:
    """A sandboxed connection and a note on where it reads from ('' for the live warehouse)."""
    limits = limits or SqlLimits()
    if not settings.warehouse.exists():
        if _latest_snapshot(settings.snapshots_dir):
            return _snapshot_reader(settings.snapshots_dir, limits)
        raise QueryError(f"no warehouse at {settings.warehouse}: run `sitrep run` first")
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            # DuckDB applies the settings in this order: external access must be off before the spill
            # folder is set (else it refuses the folder), and the configuration is locked last.
            config = _SANDBOX | limits.connection_config()
            config["lock_configuration"] = config.pop("lock_configuration")
            return duckdb.connect(str(settings.warehouse), read_only=True, config=config), ""
        except duckdb.Error as err:
            if not (isinstance(err, duckdb.IOException) and is_lock_conflict(err)):
                raise QueryError(f"cannot open {settings.warehouse}: {first_line(err)}") from None
            if time.monotonic() >= deadline:
                if _latest_snapshot(settings.snapshots_dir):
                    return _snapshot_reader(settings.snapshots_dir, limits)
                raise QueryError(
                    f"the warehouse is locked by a running `sitrep run` and has no snapshots yet ({first_line(err)})"
                ) from None
            time.sleep(0.25)


def _latest_snapshot(snapshots_dir: Path) -> str | None:
    days = (
        sorted(
            p.name.split("=", 1)[1]
            for p in (snapshots_dir / "fact_event").glob("snapshot_date=*")
            if (p / "data.parquet").exists()
        )
        if snapshots_dir.exists()
        else []
    )
    return days[-1] if days else None


def _snapshot_reader(
    snapshots_dir: Path, limits: SqlLimits | None = None
) -> tuple[duckdb.DuckDBPyConnection, str]:
    day = _latest_snapshot(snapshots_dir)
    limits = limits or SqlLimits()
    con = duckdb.connect(":memory:", config=limits.connection_config())
    root = str(snapshots_dir.resolve()).replace("'", "''")
    for table in STAR_TABLES:
        con.execute(
            f"CREATE VIEW {table} AS SELECT * FROM read_parquet("
            f"'{root}/{table}/snapshot_date={day}/data.parquet', hive_partitioning = false)"
        )
    create_views(con)
    # Views are bound; now shut the door: only the snapshot folder stays readable, settings locked.
    con.execute(f"SET allowed_directories = ['{root}/']")
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET lock_configuration = true")
    return con, f"the warehouse is busy (a run is writing): answering from the snapshot of {day}"


def run_query(
    con: duckdb.DuckDBPyConnection, sql: str, batch_rows: int = 10_000
) -> tuple[list[str], Iterator[list[tuple]]]:
    """Column names and an iterator over row batches: results stream, they are never all in memory."""
    check_statements(con, sql)
    try:
        cursor = con.execute(sql)
    except duckdb.InterruptException:
        raise  # a timeout or Ctrl-C: query_limits.time_limited tells which
    except (duckdb.Error, MemoryError) as err:
        raise _query_error(con, err) from None
    columns = [d[0] for d in cursor.description or []]

    def batches() -> Iterator[list[tuple]]:
        while True:
            try:
                rows = cursor.fetchmany(batch_rows)
            except duckdb.InterruptException:
                raise
            except (duckdb.Error, MemoryError) as err:
                raise _query_error(con, err) from None
            if not rows:
                return
            yield rows

    return columns, batches()


class QueryOutOfMemory(QueryError):
    """The query needed more memory than its limit."""


def _query_error(con: duckdb.DuckDBPyConnection, err: BaseException) -> QueryError:
    if isinstance(err, duckdb.OutOfMemoryException | MemoryError):
        return QueryOutOfMemory("the query needs more memory than its limit")
    return QueryError(first_line(err))
