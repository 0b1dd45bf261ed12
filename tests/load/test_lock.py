"""One writer at a time; a lock never outlives its process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.load.lock import RunInProgress, RunLock, check_free

HOLDER = """
import sys, time
from pathlib import Path
from sitrep.load.lock import RunLock
lock = RunLock(Path(sys.argv[1])).acquire()  # kept: a collected lock is released
Path(sys.argv[2]).touch()
time.sleep(120)
"""


def start_holder(lock_path: Path, tmp_path: Path) -> subprocess.Popen:
    ready = tmp_path / "holder-ready"
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path), str(ready)])
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert process.poll() is None, "the lock holder died before taking the lock"
        assert time.monotonic() < deadline, "the lock holder did not take the lock in 30 s"
        time.sleep(0.05)
    return process


def test_second_lock_on_the_same_path_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "wh" / "sitrep.duckdb.lock"
    with RunLock(path):
        with pytest.raises(RunInProgress) as caught:
            RunLock(path).acquire()
        message = str(caught.value)
        assert f"pid {os.getpid()}" in message
        assert "another sitrep run" in message and "sitrep.duckdb" in message
        with pytest.raises(RunInProgress):
            check_free(path)


def test_lock_can_be_taken_again_after_release(tmp_path):
    path = tmp_path / "sitrep.duckdb.lock"
    first = RunLock(path).acquire()
    first.release()
    first.release()  # releasing twice is harmless
    with RunLock(path):
        pass
    check_free(path)


def test_lock_held_by_another_process_is_refused_and_freed_when_it_is_killed(tmp_path):
    path = tmp_path / "sitrep.duckdb.lock"
    holder = start_holder(path, tmp_path)
    try:
        with pytest.raises(RunInProgress, match=f"pid {holder.pid}"):
            RunLock(path).acquire()
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    assert path.exists()  # the file stays; the lock on it died with the process
    with RunLock(path):
        pass
