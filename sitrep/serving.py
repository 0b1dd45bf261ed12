"""`sitrep serve`: the Prefect runner (sitrep.flows.serve) as a child process group whose output is
relayed here, stopped within seconds on Ctrl-C or SIGTERM.

The runner has its own process group so that Ctrl-C at the terminal reaches this process alone:
Prefect's runner, interrupted itself, waits for a run in progress to end, and its shutdown chatter
(and that of a run it crashes) filled screens. Here the first Ctrl-C mutes the relay, sends SIGTERM
to the group (a run in progress is marked Crashed in Prefect; its etl_run row is marked abandoned by
the next run, as after any crash) and SIGKILL to what is left after a grace period.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from typing import IO

from sitrep.child_process import start_group, stop_group
from sitrep.config import Settings

RUNNER_GRACE_S = 4.0  # with the server's 4 s, Ctrl-C is done in under 10 s


class RunnerStopped(RuntimeError):
    """The runner ended by itself (its own output, relayed above, says why)."""


class _Relay(threading.Thread):
    """Copies the runner's output line by line until muted; then drains it unseen."""

    def __init__(self, source: IO[bytes], target: IO[str]) -> None:
        super().__init__(daemon=True)
        self.source, self.target, self.muted = source, target, False

    def run(self) -> None:
        for line in iter(self.source.readline, b""):
            if not self.muted:
                self.target.write(line.decode("utf-8", "replace"))
                self.target.flush()


def serve_scheduled(settings: Settings, name: str, cron: str | None, interval: int | None) -> None:
    """Serve until Ctrl-C or SIGTERM (returns) or until the runner ends by itself (RunnerStopped)."""
    arguments = {
        "warehouse": str(settings.warehouse),
        "inbox": str(settings.inbox),
        "name": name,
        "cron": cron,
        "interval": interval,
    }
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # SIGTERM stops like Ctrl-C
    process = relay = None
    try:
        process = start_group(
            [sys.executable, "-m", "sitrep.flows.serve", json.dumps(arguments)],
            dict(os.environ),
            subprocess.PIPE,
        )
        relay = _Relay(process.stdout, sys.stderr)
        relay.start()
        code = process.wait()
        relay.join(timeout=5)
        raise RunnerStopped(f"the Prefect runner stopped by itself (exit code {code})")
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C must not cut the stop short (nor print a traceback): ignore it from here on.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if relay is not None:
            relay.muted = True
        if process is not None:
            stop_group(process, RUNNER_GRACE_S)
