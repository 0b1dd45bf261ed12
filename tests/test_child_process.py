"""Children that cannot outlive sitrep: the kernel kills them with their parent; a stop reaches the group."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil

from sitrep.child_process import start_group, stop_group

PARENT = """
import os, subprocess, sys, time
from sitrep.child_process import start_group
child = start_group(["sleep", "60"], dict(os.environ), subprocess.DEVNULL)
print(child.pid, flush=True)
time.sleep(60)
"""


def gone_within(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not [
            p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE
        ]:
            return True
        time.sleep(0.05)
    return False


def test_a_child_dies_when_its_parent_is_killed_with_sigkill():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    child_pid = int(parent.stdout.readline())
    assert psutil.Process(child_pid).ppid() == parent.pid
    parent.kill()
    parent.wait(timeout=10)
    assert gone_within([child_pid], 5), "the child outlived its parent"


def test_a_child_leads_its_own_process_group_so_terminal_ctrl_c_misses_it():
    child = start_group(["sleep", "60"], dict(os.environ), subprocess.DEVNULL)
    try:
        assert os.getpgid(child.pid) == child.pid != os.getpgrp()
    finally:
        stop_group(child, 5)


def test_stopping_a_group_stops_what_its_leader_started_too():
    child = start_group(["sh", "-c", "sleep 60 & sleep 61 & wait"], dict(os.environ), subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while len(psutil.Process(child.pid).children()) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    grandchildren = [p.pid for p in psutil.Process(child.pid).children()]
    stop_group(child, 5)
    assert child.returncode == -signal.SIGTERM
    assert gone_within(grandchildren, 5)
