"""Test-only hooks at stage boundaries, driven by environment variables (no effect when unset).

SITREP_TEST_KILL_AT=<stage>   the process kills itself with SIGKILL when it reaches <stage>
SITREP_TEST_PAUSE_AT=<stage>:<seconds>   it sleeps there (to test concurrent runs and readers),
SITREP_TEST_PAUSE_MARKER=<file>   ... after creating this file, so a test knows it got there
Stages: ingest, extract, validate, load, commit (inside the load transaction), snapshot,
finish (snapshots written, run not yet marked succeeded).
"""

from __future__ import annotations

import os
import signal
import time


def stage_boundary(stage: str) -> None:
    if os.environ.get("SITREP_TEST_KILL_AT") == stage:
        os.kill(os.getpid(), signal.SIGKILL)
    pause = os.environ.get("SITREP_TEST_PAUSE_AT", "")
    if pause.partition(":")[0] == stage:
        marker = os.environ.get("SITREP_TEST_PAUSE_MARKER")
        if marker:
            open(marker, "w").close()
        time.sleep(float(pause.partition(":")[2] or 5))
