"""A run killed at any stage leaves the last good state; the next run finishes the work. One writer at a time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.helpers import LOADED_TABLES, REPO, copy_seeds, warehouse_fingerprint

EXTRA_TEXT = (
    "On 3 May 2024, Russian forces shelled the town of Kupiansk in Kharkiv region. Two civilians were killed "
    "and five were wounded, the regional governor said.\n"
)


def fingerprint(path: Path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        return warehouse_fingerprint(con)


def snapshot_fingerprint(snapshots: Path) -> dict:
    """Per table, its day's partition and its latest file (they must agree)."""
    state = {}
    for table in LOADED_TABLES:
        files = sorted((snapshots / table).glob("snapshot_date=*/data.parquet"))
        assert len(files) == 1, f"{table}: {files}"
        for file, key in ((files[0], table), (snapshots / "latest" / f"{table}.parquet", f"latest/{table}")):
            state[key] = duckdb.sql(
                f"SELECT count(*), coalesce(sum(hash(t)), 0)::VARCHAR FROM read_parquet('{file}', hive_partitioning = false) t"
            ).fetchall()[0]
        assert state[f"latest/{table}"] == state[table], table
    return state


def sitrep(args: list[str], env_extra: dict | None = None, wait: bool = True):
    from prefect.settings import get_current_settings

    env = {**os.environ, "PREFECT_API_URL": str(get_current_settings().api.url), **(env_extra or {})}
    command = [sys.executable, "-m", "sitrep.cli", *args]
    if not wait:
        return subprocess.Popen(
            command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def reference(prefect_harness, tmp_path_factory):
    """The state a clean history reaches: seeds, then seeds plus one more text."""
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    root = tmp_path_factory.mktemp("reference")
    inbox = copy_seeds(root)
    settings = Settings(root / "wh" / "sitrep.duckdb", inbox)
    run_pipeline(settings)
    before = fingerprint(settings.warehouse)
    first_state = root / "after_first_run"
    shutil.copytree(settings.warehouse_dir, first_state)  # each test starts from a copy: no extra flow run
    (inbox / "kupiansk.txt").write_text(EXTRA_TEXT)
    run_pipeline(settings)
    return before, fingerprint(settings.warehouse), snapshot_fingerprint(settings.snapshots_dir), first_state


@pytest.mark.parametrize("stage", ["ingest", "extract", "validate", "load", "commit", "snapshot", "finish"])
def test_run_killed_at_a_stage_leaves_last_good_state_and_next_run_completes(reference, tmp_path, stage):
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    state_before, state_after, snapshots_after, first_state = reference
    inbox = copy_seeds(tmp_path)
    settings = Settings(tmp_path / "wh" / "sitrep.duckdb", inbox)
    shutil.copytree(first_state, settings.warehouse_dir)
    assert fingerprint(settings.warehouse) == state_before
    (inbox / "kupiansk.txt").write_text(EXTRA_TEXT)

    killed = sitrep(
        ["run", "--inbox", str(inbox), "--warehouse", str(settings.warehouse)], {"SITREP_TEST_KILL_AT": stage}
    )
    assert killed.returncode == -9, killed.stderr[-2000:]
    committed = stage in ("snapshot", "finish")
    assert fingerprint(settings.warehouse) == (state_after if committed else state_before)
    # only whole files under their final names: a day's partition or a table's latest file
    assert all(
        p.name == "data.parquet" or p.parent.name == "latest"
        for p in settings.snapshots_dir.rglob("*.parquet")
    )

    summary = run_pipeline(settings)
    assert summary["status"] == "succeeded"
    assert fingerprint(settings.warehouse) == state_after
    assert snapshot_fingerprint(settings.snapshots_dir) == snapshots_after
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        statuses = [r[0] for r in con.execute("SELECT status FROM etl_run ORDER BY started_at").fetchall()]
    assert statuses == ["succeeded", "abandoned", "succeeded"]
    assert not list(settings.snapshots_dir.rglob("*.tmp"))


def test_second_run_and_readers_during_a_run(reference, tmp_path):
    from sitrep.config import Settings

    inbox = copy_seeds(tmp_path)
    settings = Settings(tmp_path / "wh" / "sitrep.duckdb", inbox)
    shutil.copytree(reference[3], settings.warehouse_dir)
    (inbox / "kupiansk.txt").write_text(EXTRA_TEXT)
    before = fingerprint(settings.warehouse)

    # A run that holds the warehouse open inside its load transaction for a while.
    marker = tmp_path / "paused"
    slow = sitrep(
        ["run", "--inbox", str(inbox), "--warehouse", str(settings.warehouse)],
        {"SITREP_TEST_PAUSE_AT": "commit:15", "SITREP_TEST_PAUSE_MARKER": str(marker)},
        wait=False,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            if time.monotonic() > deadline or slow.poll() is not None:
                pytest.fail("the slow run never reached its load transaction")
            time.sleep(0.2)

        started = time.monotonic()
        second = sitrep(["run", "--inbox", str(inbox), "--warehouse", str(settings.warehouse)])
        assert second.returncode == 3
        assert "another sitrep run" in second.stderr and "Traceback" not in second.stderr
        assert time.monotonic() - started < 30

        reader = sitrep(
            [
                "sql",
                "select count(*) as n from mart.events",
                "--warehouse",
                str(settings.warehouse),
                "--wait",
                "1",
                "--format",
                "csv",
            ]
        )
        assert reader.returncode == 0, reader.stderr
        assert "answering from the snapshot" in reader.stderr
        assert reader.stdout.splitlines()[1] == str(before["fact_event"][0])
    finally:
        out, err = slow.communicate(timeout=300)
    assert slow.returncode == 0, err[-2000:]
