"""One writer at a time: an exclusive, non-blocking lock beside the warehouse file.

flock locks belong to the open file and vanish with the process, so a run killed with SIGKILL never
leaves a stale lock behind; the pid written into the file is only for the error message.

`sitrep run` takes the lock before Prefect starts (`holding`), so a second run leaves at once instead
of after Prefect's start-up; the flow, running in the same process, then uses that lock (`flow_lock`):
a second flock on a new open file would refuse it. A flow run started elsewhere (by `sitrep serve`, in
its own process) takes its own.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_HELD_FOR_RUN: dict[Path, int] = {}  # lock file -> pid of the process holding it for its run


class RunInProgress(RuntimeError):
    pass


def _holder_pid(handle) -> str:
    """The pid the holder wrote. A holder that has just taken the lock may not have written it yet
    (two runs started together), so look again for a moment before saying 'another process'."""
    for _ in range(20):
        handle.seek(0)
        holder = handle.read().strip()
        if holder:
            return holder
        time.sleep(0.01)
    return "another process"


class RunLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle = None

    def acquire(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder_pid(handle)
            handle.close()
            raise RunInProgress(
                f"another sitrep run (pid {holder}) is writing {self.path.with_suffix('')}; try again when it ends"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextmanager
def holding(path: Path) -> Iterator[None]:
    """Take the lock (RunInProgress at once if taken) and hold it for a flow run in this process."""
    with RunLock(path):
        _HELD_FOR_RUN[path.resolve()] = os.getpid()
        try:
            yield
        finally:
            _HELD_FOR_RUN.pop(path.resolve(), None)


@contextmanager
def flow_lock(path: Path) -> Iterator[None]:
    """The flow's lock: the one its caller holds for it in this process, else its own."""
    if _HELD_FOR_RUN.get(path.resolve()) == os.getpid():
        yield
        return
    with RunLock(path):
        yield
