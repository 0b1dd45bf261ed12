"""`sitrep serve` registers a scheduled deployment through Prefect and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.helpers import REPO


def test_serve_starts_a_scheduled_deployment_and_stops_on_ctrl_c(prefect_harness, tmp_path):
    from prefect.settings import get_current_settings

    env = {**os.environ, "PREFECT_API_URL": str(get_current_settings().api.url)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitrep.cli",
            "serve",
            "--cron",
            "0 * * * *",
            "--inbox",
            str(REPO / "seeds"),
            "--warehouse",
            str(tmp_path / "wh" / "sitrep.duckdb"),
            "--name",
            "serve-test",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        deployment = None
        while time.monotonic() < deadline and deployment is None:
            time.sleep(1)
            assert server.poll() is None, server.stdout.read()
            deployment = _deployment("sitrep-run/serve-test")
        assert deployment is not None, "no deployment registered"
        schedules = [s.schedule for s in deployment.schedules]
        assert any(getattr(s, "cron", None) == "0 * * * *" for s in schedules)
        assert deployment.parameters["inbox"] == str(REPO / "seeds")
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=60)
    assert server.returncode == 0, output[-2000:]
    assert "Traceback" not in output
    assert "stopped" in output


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
