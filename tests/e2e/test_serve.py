"""`sitrep serve`: scheduled runs fire (with its own Prefect server or with PREFECT_API_URL's), and Ctrl-C
stops it within seconds, with one line, leaving no process behind."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil

from tests.helpers import REPO, alive

STOP_LIMIT_S = 10
RUN_COMPLETED = re.compile(r"Flow run '[^']+' - Finished in state Completed\(\)")


def start_serve(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    """In its own session, so that the test can press Ctrl-C as a terminal does: SIGINT to the group."""
    return subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli", "serve", *args],
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def descendants(pid: int) -> set[int]:
    try:
        return {child.pid for child in psutil.Process(pid).children(recursive=True)}
    except psutil.NoSuchProcess:
        return set()


def succeeded_runs(warehouse: Path) -> int:
    """Runs the warehouse records as succeeded; 0 while a run holds the file open for writing."""
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute("SELECT count(*) FROM etl_run WHERE status = 'succeeded'").fetchone()[0]
    except duckdb.Error:  # not created yet, or locked by the run writing it
        return 0


def ctrl_c(serve: subprocess.Popen, log: Path) -> tuple[float, list[str]]:
    """SIGINT to serve's process group; the seconds it took to exit and the lines it printed after."""
    printed = len(log.read_text().splitlines())
    started = time.monotonic()
    os.killpg(serve.pid, signal.SIGINT)
    try:
        serve.wait(timeout=60)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
    return time.monotonic() - started, log.read_text().splitlines()[printed:]


def test_serve_starts_its_own_prefect_server_runs_on_schedule_and_stops_on_ctrl_c(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(REPO / "seeds", inbox)
    warehouse = tmp_path / "wh" / "sitrep.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    log = tmp_path / "serve.log"
    serve = start_serve(["--interval", "10", "--inbox", str(inbox), "--warehouse", str(warehouse)], env, log)
    tree: set[int] = set()
    try:
        deadline = time.monotonic() + 300
        # Loaded, and the run's last line printed (so that what follows Ctrl-C is the stop alone).
        while succeeded_runs(warehouse) == 0 or not RUN_COMPLETED.search(log.read_text()):
            assert serve.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, (
                "no scheduled run loaded the warehouse in 300 s\n" + log.read_text()[-3000:]
            )
            tree |= descendants(serve.pid)
            time.sleep(1)
        tree |= descendants(serve.pid)
        elapsed, after = ctrl_c(serve, log)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
    output = log.read_text()
    assert "local Prefect server, UI at http://127.0.0.1:" in output.splitlines()[0]
    assert (warehouse.parent / "prefect" / "prefect.db").exists()  # the server's database is the warehouse's
    assert serve.returncode == 0, output[-3000:]
    assert elapsed < STOP_LIMIT_S, f"Ctrl-C took {elapsed:.1f} s"
    assert after == ["sitrep: stopped"], after
    assert "Traceback" not in output
    assert len(tree) >= 2, tree  # the server and the runner, at least: the check below has teeth
    time.sleep(1)
    assert alive(tree) == []


def test_serve_uses_the_server_prefect_api_url_names(prefect_harness, tmp_path):
    from prefect.settings import get_current_settings

    env = {**os.environ, "PREFECT_API_URL": str(get_current_settings().api.url)}
    log = tmp_path / "serve.log"
    serve = start_serve(
        [
            "--cron",
            "0 * * * *",
            "--inbox",
            str(REPO / "seeds"),
            "--warehouse",
            str(tmp_path / "wh" / "sitrep.duckdb"),
            "--name",
            "serve-test",
        ],
        env,
        log,
    )
    try:
        deadline = time.monotonic() + 120
        deployment = None
        while time.monotonic() < deadline and deployment is None:
            time.sleep(1)
            assert serve.poll() is None, log.read_text()
            deployment = _deployment("sitrep-run/serve-test")
        assert deployment is not None, "no deployment registered"
        schedules = [s.schedule for s in deployment.schedules]
        assert any(getattr(s, "cron", None) == "0 * * * *" for s in schedules)
        assert deployment.parameters["inbox"] == str(REPO / "seeds")
        elapsed, after = ctrl_c(serve, log)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
    output = log.read_text()
    assert env["PREFECT_API_URL"] in output.splitlines()[0]
    assert not (tmp_path / "wh" / "prefect").exists()  # no server of its own
    assert serve.returncode == 0, output[-2000:]
    assert elapsed < STOP_LIMIT_S and after == ["sitrep: stopped"], (elapsed, after)


def _deployment(name: str):
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    async def read():
        async with get_client() as client:
            try:
                return await client.read_deployment_by_name(name)
            except ObjectNotFound:
                return None

    return asyncio.run(read())
