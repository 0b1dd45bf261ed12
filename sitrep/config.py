"""Paths, environment variables and defaults, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
# sql/ and expectations/ sit at the top of the repository; pyproject.toml installs them as the package
# data sitrep.sql and sitrep.expectations, so an installed sitrep finds its own copies from any folder.
SQL_DIR = Path(str(files("sitrep.sql")))
EXPECTATIONS_DIR = Path(str(files("sitrep.expectations")))

DEFAULT_WAREHOUSE = Path("warehouse/sitrep.duckdb")
DEFAULT_INBOX = Path("seeds")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # files above this are quarantined, not read
DEFAULT_BATCH_SIZE = 200  # documents per extract task: big enough to amortise task overhead
# Seconds one document may take in the extractor before it is quarantined (reason "timeout"). The
# extractor reads about 100,000 words a second: a long article takes milliseconds, and 30 s is some
# three million words, more than any news text.
DEFAULT_DOC_SECONDS = 30.0
# A run of fewer new documents extracts in the flow's own process: starting a worker process and loading
# the lexicons in it (1-2 s of CPU each) costs more than a few hundred documents take to extract.
DEFAULT_POOL_FROM = 300
SOURCES_FILE = "sources.toml"  # optional metadata sidecar in the inbox
DEFAULT_SQL_TIMEOUT = 60.0  # seconds one `sitrep sql` query may run (--timeout)
DEFAULT_SNAPSHOT_DAYS = 30  # daily snapshot folders kept (SITREP_SNAPSHOT_DAYS; 0 keeps every day)


class SettingsError(ValueError):
    """An environment variable that cannot be used; the message names it and says what it takes."""


def default_workers() -> int:
    """The cores this process may use (its CPU affinity, which a container or `taskset` can narrow)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class Settings:
    warehouse: Path
    inbox: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = DEFAULT_BATCH_SIZE
    snapshot_days: int = DEFAULT_SNAPSHOT_DAYS
    doc_seconds: float = DEFAULT_DOC_SECONDS
    # processes that extract (SITREP_WORKERS, `sitrep run --workers`; 1: the flow's own process)
    workers: int = field(default_factory=default_workers)
    pool_from: int = DEFAULT_POOL_FROM  # fewer new documents than this: extract in process

    @property
    def warehouse_dir(self) -> Path:
        return self.warehouse.parent

    @property
    def snapshots_dir(self) -> Path:
        return self.warehouse_dir / "snapshots"

    @property
    def reports_dir(self) -> Path:
        return self.warehouse_dir / "reports"

    @property
    def lock_file(self) -> Path:
        return self.warehouse.with_name(self.warehouse.name + ".lock")


def _positive(name: str, default: float, kind: type = int) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = 0
    if not value > 0:
        noun = "whole number" if kind is int else "number"
        raise SettingsError(f"{name}={raw!r} is not a positive {noun} (default: {kind(default)})")
    return value


def doc_seconds_from_env() -> float:
    """SITREP_DOC_SECONDS: the extractor's time budget per document."""
    return _positive("SITREP_DOC_SECONDS", DEFAULT_DOC_SECONDS, float)


def settings_from_env(
    warehouse: str | Path | None = None, inbox: str | Path | None = None, workers: int | None = None
) -> Settings:
    """Explicit arguments win over SITREP_* environment variables, which win over defaults. Raises
    SettingsError for a number that is not one."""
    return Settings(
        warehouse=Path(warehouse or os.environ.get("SITREP_WAREHOUSE") or DEFAULT_WAREHOUSE),
        inbox=Path(inbox or os.environ.get("SITREP_INBOX") or DEFAULT_INBOX),
        max_bytes=_positive("SITREP_MAX_BYTES", DEFAULT_MAX_BYTES),
        batch_size=_positive("SITREP_BATCH_SIZE", DEFAULT_BATCH_SIZE),
        snapshot_days=_whole_number("SITREP_SNAPSHOT_DAYS", DEFAULT_SNAPSHOT_DAYS),
        doc_seconds=doc_seconds_from_env(),
        workers=workers or _positive("SITREP_WORKERS", default_workers()),
    )


def _whole_number(name: str, default: int) -> int:
    raw = (os.environ.get(name) or "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise SettingsError(f"{name}={raw!r} is not a whole number of 0 or more")
    return int(raw)
