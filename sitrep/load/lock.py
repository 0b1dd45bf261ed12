"""One writer at a time: an exclusive, non-blocking lock beside the warehouse file.

flock locks belong to the open file and vanish with the process, so a run killed with SIGKILL never
leaves a stale lock behind; the pid written into the file is only for the error message.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class RunInProgress(RuntimeError):
    pass


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
            handle.seek(0)
            holder = handle.read().strip() or "another process"
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


def check_free(path: Path) -> None:
    """Raise RunInProgress now if a run holds the lock (lets the CLI fail before Prefect starts)."""
    RunLock(path).acquire().release()
