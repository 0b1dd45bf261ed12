"""How long each stage of a run took, kept with the run (table etl_stage) so that a slow run can be
taken apart afterwards: `sitrep sql "SELECT * FROM etl_stage WHERE run_id = ..."`.

Wall seconds, CPU seconds of the sitrep process (all its threads, and for extract the worker processes
it started: SITREP_WORKERS; the Prefect API server is a child process and is not counted, nor are Dask
workers under --dask), how many items the stage handled and, for extract, how many processes extracted.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# stage -> what its `items` count
STAGE_ITEMS = {
    "begin": "documents already loaded",
    "ingest": "documents new or changed",
    "extract": "events extracted",
    "validate": "rows checked (documents and events); 0 when nothing is new",
    "load": "events loaded",
    "happenings": "events clustered again; 0 when nothing changed",
    "snapshot": "Parquet files written; unchanged tables are not written again",
}


@dataclass
class StageTime:
    stage: str
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    items: int | None = None
    workers: int | None = None  # extract: processes that extracted (1: the flow's own); None elsewhere

    def without(self, part: StageTime) -> StageTime:
        """This stage's time less a part timed inside it (load without the happenings it ran)."""
        return StageTime(
            self.stage,
            round(self.seconds - part.seconds, 3),
            round(self.cpu_seconds - part.cpu_seconds, 3),
            self.items,
            self.workers,
        )


@contextmanager
def timed(stage: str) -> Iterator[StageTime]:
    record = StageTime(stage)
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield record
    finally:
        record.seconds = round(time.perf_counter() - wall, 3)
        record.cpu_seconds = round(time.process_time() - cpu, 3)
