"""A local Prefect API server that lives and dies with the sitrep command that started it.

`sitrep serve` needs a real server: Prefect refuses to schedule against its ephemeral API ("Cannot
schedule flows on an ephemeral server"), so without PREFECT_API_URL serve starts one here, with its
scheduler, its UI and its database under the warehouse folder. `sitrep run` starts the same kind of
child in Prefect's ephemeral mode (no UI, no scheduler), in place of Prefect's own temporary server,
which outlives a run killed with SIGKILL.

The child runs uvicorn on Prefect's app (what `prefect server start` runs), as a child_process group:
Ctrl-C reaches sitrep only, sitrep stops the server last, and the kernel kills it if sitrep dies.
This module imports no Prefect: it runs before Prefect reads its settings.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitrep.child_process import start_group, stop_group

STARTUP_TIMEOUT_S = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 180)
STOP_GRACE_S = 4.0  # uvicorn stops in under a second; Ctrl-C on serve must be done in 10 s


class ServerError(RuntimeError):
    """The local Prefect server did not come up (the message says why, in one line)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(api_url: str, timeout_s: float) -> bool:
    """Whether a Prefect API answers its health check at `api_url` (".../api")."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout_s) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


class LocalServer:
    """`with LocalServer(home) as server:` a Prefect API at server.api_url until the block ends.

    home: the server's PREFECT_HOME (its SQLite database and log); None keeps the user's (~/.prefect).
    ephemeral: Prefect's ephemeral mode (API only: no UI, no scheduler), for one `sitrep run`.
    """

    def __init__(self, home: Path | None, ephemeral: bool = False) -> None:
        self.home = home
        self.ephemeral = ephemeral
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"

    def start(self) -> LocalServer:
        for attempt in range(3):
            self._launch()
            try:
                self._wait_healthy()
                return self
            except ServerError:
                # A server that exited at start most likely lost its free port to another process
                # before binding it: try another port.
                exited = self.process.poll() is not None
                self.stop()
                if not exited or attempt == 2:
                    raise
            except BaseException:
                self.stop()
                raise
        return self

    def _launch(self) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "PREFECT_SERVER_API_HOST": "127.0.0.1",
            "PREFECT_SERVER_API_PORT": str(self.port),
            "PREFECT__SERVER_FINAL": "1",
        }
        env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        env.pop("PREFECT_API_URL", None)  # the server is the API; a URL here would point it at another
        if self.ephemeral:
            env.update(PREFECT__SERVER_EPHEMERAL="1", PREFECT_SERVER_UI_ENABLED="0")
        log = subprocess.DEVNULL
        if self.home is not None:
            self.home.mkdir(parents=True, exist_ok=True)
            env["PREFECT_HOME"] = str(self.home)
            self.log_path = self.home / "server.log"
            log = self.log_path.open("ab")
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "prefect.server.api.server:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
            "--lifespan",
            "on",
        ]
        self.process = start_group(command, env, log)
        if log is not subprocess.DEVNULL:
            log.close()  # the child has its own copy

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                where = f"; see {self.log_path}" if self.log_path else ""
                raise ServerError(
                    f"the local Prefect server exited with code {self.process.returncode} at start{where}"
                )
            if answers(self.api_url, timeout_s=2):
                return
            time.sleep(0.2)
        raise ServerError(f"the local Prefect server did not answer within {STARTUP_TIMEOUT_S:.0f} s")

    def stop(self) -> None:
        """Stop the server's process group (SIGTERM, then SIGKILL); idempotent."""
        process, self.process = self.process, None
        if process is not None:
            stop_group(process, STOP_GRACE_S)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def prefect_api(home: Path | None, ephemeral: bool = False) -> Iterator[LocalServer | None]:
    """Use the Prefect server PREFECT_API_URL names; without one, a LocalServer for this block.

    Yields the LocalServer it started, or None when PREFECT_API_URL was set.
    """
    if url := os.environ.get("PREFECT_API_URL"):
        if not answers(url, timeout_s=10):  # else Prefect fails later, with pages of tracebacks
            raise ServerError(f"no Prefect server answers at PREFECT_API_URL={url}")
        yield None
        return
    with LocalServer(home, ephemeral) as server:
        os.environ["PREFECT_API_URL"] = server.api_url
        _refresh_prefect_settings()
        try:
            yield server
        finally:
            os.environ.pop("PREFECT_API_URL", None)
            _refresh_prefect_settings()


def _refresh_prefect_settings() -> None:
    """Prefect reads its settings from the environment once, at import: re-read them if imported."""
    context = sys.modules.get("prefect.context")
    if context is not None:
        context.refresh_global_settings_context()
