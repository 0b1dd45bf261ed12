"""One writer at a time; a lock never outlives its process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.load.lock import RunInProgress, RunLock, flow_lock, holding

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


def test_lock_can_be_taken_again_after_release(tmp_path):
    path = tmp_path / "sitrep.duckdb.lock"
    first = RunLock(path).acquire()
    first.release()
    first.release()  # releasing twice is harmless
    with RunLock(path):
        pass
    RunLock(path).acquire().release()


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


def test_the_flow_uses_the_lock_its_caller_holds_for_the_run_and_others_are_still_refused(tmp_path):
    path = tmp_path / "wh" / "sitrep.duckdb.lock"
    with holding(path):
        with flow_lock(path):  # the flow inside `sitrep run`: no second flock of its own
            with pytest.raises(RunInProgress):
                RunLock(path).acquire()  # anyone else, even in this process, is refused
        with pytest.raises(RunInProgress):
            RunLock(path).acquire()  # the flow's end does not release the caller's lock
    with flow_lock(path):  # nobody holds it for a run: the flow takes its own
        with pytest.raises(RunInProgress):
            RunLock(path).acquire()
    RunLock(path).acquire().release()


def test_holding_refuses_at_once_when_another_process_writes(tmp_path):
    path = tmp_path / "sitrep.duckdb.lock"
    holder = start_holder(path, tmp_path)
    try:
        with pytest.raises(RunInProgress, match=f"pid {holder.pid}"):
            with holding(path):
                pytest.fail("held a lock another process holds")
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
