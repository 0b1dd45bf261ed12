"""Shared fixtures: one Prefect test harness for the whole session (its API server costs ~8 s to start)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("TQDM_DISABLE", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

E2E_DIR = Path(__file__).resolve().parent / "e2e"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under `-m "not e2e"` the tests/e2e/ folder is not imported at all: every test in it is deselected
    anyway, and importing its modules costs the fast loop CPU in every process (and in every xdist worker)."""
    if collection_path == E2E_DIR and " ".join(config.option.markexpr.split()) == "not e2e":
        return True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e/ and every test that starts Prefect is `e2e`, so that
    `pytest -m "not e2e"` is the fast loop (unit and component tests, no flow runs)."""
    for item in items:
        if "e2e" in item.path.parts or "prefect_harness" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)
    # The tests sharing the session's Great Expectations run (tests/validate/conftest.py) go first: under
    # `make test-fast` (xdist worksteal) the first worker starts with them and work is only ever taken
    # from a worker's tail, so GX runs once, not once per worker.
    items.sort(key=lambda item: "checked" not in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture()
def seed_inbox(tmp_path: Path) -> Path:
    """A private copy of seeds/ that a test may add files to."""
    from tests.helpers import copy_seeds  # not at the top: conftest stays light, before the env is set

    return copy_seeds(tmp_path)


@pytest.fixture()
def make_settings(tmp_path: Path):
    from sitrep.config import Settings

    def build(inbox: Path, **overrides) -> Settings:
        return Settings(warehouse=tmp_path / "wh" / "sitrep.duckdb", inbox=inbox, **overrides)

    return build


@pytest.fixture()
def run_flow(prefect_harness):
    """Run the real Prefect flow once; returns its summary."""
    from sitrep.flows.pipeline import run_pipeline

    return run_pipeline
