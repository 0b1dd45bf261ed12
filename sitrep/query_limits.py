"""Limits that keep one `sitrep sql` query from exhausting the machine: time, memory and spill space.

- Time: the query runs on a worker thread; the main thread keeps the clock and receives Ctrl-C, and
  either way interrupts the connection's query (DuckDB's `interrupt()`). The two are told apart so
  each gets its own one-line message.
- Memory: DuckDB's `memory_limit` bounds its buffer pool, but some operators (a 2 GB `repeat()`) allocate
  outside it, so the process's data segment gets a soft cap as well (RLIMIT_DATA, restored afterwards).
- Spill: DuckDB's default temp folder sits beside the database file (or `.tmp/` in the current folder)
  and is added to `allowed_directories`, so a query could read what other processes spilled there or
  fill that disk. Each process gets a new private folder (mode 0700, removed at exit) with a size cap.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import resource
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import duckdb

from sitrep.config import DEFAULT_SQL_TIMEOUT as DEFAULT_TIMEOUT_SECONDS

DEFAULT_MEMORY = "2GB"  # SITREP_SQL_MEMORY
DEFAULT_TEMP_SPACE = "1GB"  # SITREP_SQL_TEMP_SPACE
# Python, DuckDB's code and its allocations outside the buffer pool need room above memory_limit.
_PROCESS_HEADROOM = 1024**3
T = TypeVar("T")

_UNITS = {"": 1, "b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "tb": 1000**4}
_UNITS |= {"kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4}


class QueryInterrupted(Exception):
    """The user pressed Ctrl-C while a query ran."""


class QueryTimedOut(Exception):
    """The query ran longer than its time limit."""


def parse_size(text: str) -> int:
    """'2GB', '512MB', '1.5GiB' or a number of bytes -> bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text or "")
    if not match or match.group(2).lower() not in _UNITS:
        raise ValueError(f"{text!r} is not a size (examples: 2GB, 512MB, 1GiB)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def human_size(size: int) -> str:
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} bytes"


@dataclass(frozen=True)
class SqlLimits:
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    memory_bytes: int = parse_size(DEFAULT_MEMORY)
    temp_bytes: int = parse_size(DEFAULT_TEMP_SPACE)

    @classmethod
    def from_env(cls, timeout_seconds: float | None = None) -> SqlLimits:
        """SITREP_SQL_MEMORY and SITREP_SQL_TEMP_SPACE (sizes), explicit timeout or the default."""
        return cls(
            timeout_seconds=DEFAULT_TIMEOUT_SECONDS if timeout_seconds is None else timeout_seconds,
            memory_bytes=parse_size(os.environ.get("SITREP_SQL_MEMORY") or DEFAULT_MEMORY),
            temp_bytes=parse_size(os.environ.get("SITREP_SQL_TEMP_SPACE") or DEFAULT_TEMP_SPACE),
        )

    def connection_config(self) -> dict[str, str]:
        """DuckDB settings for a reader: buffer pool limit, the process's private spill folder, its cap."""
        return {
            "memory_limit": f"{max(self.memory_bytes // 1024**2, 64)}MiB",
            "temp_directory": private_spill_folder(),
            "max_temp_directory_size": f"{max(self.temp_bytes // 1024**2, 1)}MiB",
        }


@functools.cache
def private_spill_folder() -> str:
    """One folder per process (DuckDB refuses a second connection to a file with other settings),
    created 0700 so no other user reads it, empty at start, removed at exit."""
    folder = tempfile.mkdtemp(prefix="sitrep-sql-")
    atexit.register(shutil.rmtree, folder, True)
    return folder


@contextmanager
def capped_process_memory(limits: SqlLimits) -> Iterator[None]:
    """Lower the soft data-segment limit for the duration of a query (the hard limit is untouched,
    so it can be raised back: the CLI also runs inside test processes)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    cap = limits.memory_bytes + _PROCESS_HEADROOM
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:
        yield  # already tighter
        return
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def run_limited(con: duckdb.DuckDBPyConnection, work: Callable[[], T], seconds: float) -> T:
    """Run `work` (a query and the writing of its rows) on a worker thread while this thread waits.

    The waiting thread is where Python delivers Ctrl-C (a thread blocked inside DuckDB does not see
    it reliably), and it also keeps the clock: either way it interrupts the connection's query, and
    the worker's error becomes QueryInterrupted or QueryTimedOut.
    """
    outcome: dict[str, object] = {}

    def worker() -> None:
        try:
            outcome["value"] = work()
        except BaseException as err:  # handed to the waiting thread
            outcome["error"] = err

    thread = threading.Thread(target=worker, name="sitrep-sql", daemon=True)
    deadline = time.monotonic() + seconds if seconds and seconds > 0 else None
    stopped_by: list[str] = []

    def stop(reason: str) -> None:
        if not stopped_by:
            stopped_by.append(reason)
            con.interrupt()

    # Our own handler, not KeyboardInterrupt: a KeyboardInterrupt could land anywhere after the query,
    # even inside the error message's printing.
    previous = signal.signal(signal.SIGINT, lambda *_: stop("ctrl-c"))
    try:
        thread.start()
        while thread.is_alive():
            thread.join(0.1)
            if deadline is not None and time.monotonic() > deadline:
                stop("timeout")
    finally:
        signal.signal(signal.SIGINT, previous)
    error = outcome.get("error")
    interrupted = isinstance(error, duckdb.InterruptException | KeyboardInterrupt) or (
        isinstance(error, RuntimeError) and "interrupted" in str(error).lower()
    )
    if stopped_by == ["timeout"] and (interrupted or error is None):
        raise QueryTimedOut(f"the query ran longer than {seconds:g} s and was stopped")
    if stopped_by == ["ctrl-c"] or interrupted:
        raise QueryInterrupted("query interrupted")
    if error is not None:
        raise error
    return outcome["value"]  # type: ignore[return-value]
