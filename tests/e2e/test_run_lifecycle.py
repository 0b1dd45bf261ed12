"""`sitrep run` as a process: no child outlives it, even killed; two runs started together do not wait
on each other's Prefect start-up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

from tests.helpers import REPO, alive


def start_run(inbox: Path, warehouse: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli", "run", "--inbox", str(inbox), "--warehouse", str(warehouse)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_run_killed_with_sigkill_leaves_no_child_process(tmp_path):
    """Prefect's own temporary API server outlived a killed run (still alive minutes later)."""
    inbox = tmp_path / "inbox"
    shutil.copytree(REPO / "seeds", inbox)
    marker = tmp_path / "paused"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}  # the run starts its own API
    env.update(SITREP_TEST_PAUSE_AT="extract:120", SITREP_TEST_PAUSE_MARKER=str(marker))
    run = start_run(inbox, tmp_path / "wh" / "sitrep.duckdb", env)
    tree: set[int] = set()
    try:
        deadline = time.monotonic() + 240
        while not marker.exists():
            assert run.poll() is None, run.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the run never reached extract"
            tree |= {child.pid for child in psutil.Process(run.pid).children(recursive=True)}
            time.sleep(0.2)
        tree |= {child.pid for child in psutil.Process(run.pid).children(recursive=True)}
    finally:
        run.kill()
        run.communicate(timeout=30)
    assert tree, "the run started no child: nothing to check"
    deadline = time.monotonic() + 5
    while alive(tree) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert alive(tree) == []


def test_two_runs_started_together_one_loads_and_the_other_leaves_at_once(prefect_harness, tmp_path):
    from prefect.settings import get_current_settings

    inbox = tmp_path / "inbox"
    shutil.copytree(REPO / "seeds", inbox)
    warehouse = tmp_path / "wh" / "sitrep.duckdb"
    env = {**os.environ, "PREFECT_API_URL": str(get_current_settings().api.url)}
    started = time.monotonic()
    runs = [start_run(inbox, warehouse, env) for _ in range(2)]
    ended: dict[int, float] = {}
    while len(ended) < 2 and time.monotonic() - started < 300:
        for index, run in enumerate(runs):
            if index not in ended and run.poll() is not None:
                ended[index] = time.monotonic() - started
        time.sleep(0.05)
    outputs = [run.communicate(timeout=60) for run in runs]
    codes = sorted(run.returncode for run in runs)
    assert codes == [0, 3], [err[-2000:] for _, err in outputs]
    loser = next(i for i, run in enumerate(runs) if run.returncode == 3)
    winner = 1 - loser
    assert ended[loser] < 2, f"the second run took {ended[loser]:.1f} s to give up"
    lines = outputs[loser][1].strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sitrep: another sitrep run (pid "), lines
    assert f"(pid {runs[winner].pid})" in lines[0]
    assert outputs[loser][0] == ""
    assert "succeeded" in outputs[winner][0]
