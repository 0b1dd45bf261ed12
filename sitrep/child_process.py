"""Child processes that cannot outlive the sitrep command that started them.

Each child leads its own process group, so Ctrl-C at the terminal reaches sitrep alone and sitrep
stops the whole group (the child and whatever it started) in order. Each is started with
PR_SET_PDEATHSIG: if sitrep dies, even by SIGKILL, the kernel kills the child too.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from pathlib import Path
from typing import IO

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent() -> None:
    """Runs in the child between fork and exec: SIGKILL when the thread that started it ends.

    (The kernel ties the signal to the parent *thread*: start children from the main thread.)
    """
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def start_group(
    command: list[str], env: dict[str, str], stdout: int | IO | None, cwd: Path | None = None
) -> subprocess.Popen:
    """Start `command` as the leader of a new process group tied to this process's life."""
    return subprocess.Popen(
        command,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )


def stop_group(process: subprocess.Popen, grace_s: float) -> None:
    """SIGTERM to the group, SIGKILL to what is left of it after `grace_s`, and reap the leader."""
    signal_group(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        pass
    # Members outlive their leader (a flow run process, multiprocessing's resource tracker); the
    # group id stays reserved while any member lives, so this reaches only what we started.
    signal_group(process.pid, signal.SIGKILL)
    process.wait()


def signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass
