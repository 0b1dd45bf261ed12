"""The extract stage on a 2-worker local Dask cluster loads exactly the rows of the default run."""

from __future__ import annotations

from pathlib import Path

import duckdb

from bench.corpus import generate
from tests.helpers import LOADED_TABLES, copy_seeds


def rows(path: Path) -> dict[str, list]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in LOADED_TABLES}


def test_dask_run_gives_the_same_warehouse_as_the_default_run(prefect_harness, tmp_path):
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    inbox = copy_seeds(tmp_path)
    generate(inbox / "generated", 60, seed=7)
    default = Settings(tmp_path / "default" / "sitrep.duckdb", inbox, batch_size=20)
    on_dask = Settings(tmp_path / "dask" / "sitrep.duckdb", inbox, batch_size=20)

    assert run_pipeline(default)["status"] == "succeeded"
    summary = run_pipeline(on_dask, use_dask=True)
    assert summary["status"] == "succeeded"
    assert summary["documents_new"] == 62
    expected = rows(default.warehouse)
    assert len(expected["fact_event"]) > 0
    assert rows(on_dask.warehouse) == expected
