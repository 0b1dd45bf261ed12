"""`sitrep sql` cannot be used to exhaust the machine: a time limit, a memory limit, a private spill
folder, Ctrl-C as one line, and the README's `sitrep sql "$(cat file.sql)"` with a leading comment.

Limits that act on the whole process (memory, signals) are tested through a real `sitrep` process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app, query_arguments_as_text
from sitrep.config import SQL_DIR, Settings
from sitrep.query_limits import SqlLimits, parse_size
from tests.helpers import build_warehouse

ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT count(*) FROM r"
runner = CliRunner()


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return build_warehouse(tmp_path_factory.mktemp("limits"), with_snapshots=True)


def sitrep_process(settings: Settings, *args: str, env: dict | None = None, **popen) -> subprocess.Popen:
    command = [sys.executable, "-m", "sitrep.cli", "sql", "--warehouse", str(settings.warehouse), *args]
    return subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def test_sizes_parse_in_decimal_and_binary_units():
    assert parse_size("2GB") == 2 * 1000**3
    assert parse_size("512 MiB") == 512 * 1024**2
    assert parse_size("1.5gb") == 1_500_000_000
    assert parse_size("1000") == 1000
    with pytest.raises(ValueError, match="not a size"):
        parse_size("lots")


def test_an_endless_query_stops_at_its_time_limit_with_one_line(settings):
    started = time.monotonic()
    result = runner.invoke(app, ["sql", "--warehouse", str(settings.warehouse), "--timeout", "1", ENDLESS])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["sitrep: query stopped after 1 s (--timeout 1)"]


@pytest.mark.e2e  # a real `sitrep` process (2-7 s each on this machine)
def test_a_query_over_the_memory_limit_ends_with_one_line(settings):
    process = sitrep_process(
        settings, "select length(repeat('x', 3000000000))", env={"SITREP_SQL_MEMORY": "500MB"}
    )
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert err.strip().splitlines() == [
        "sitrep: query stopped: it needs more than 500 MB of memory (SITREP_SQL_MEMORY sets the limit); "
        "select fewer rows or columns, or aggregate first"
    ]
    assert out == ""


def test_a_bad_memory_setting_is_one_line(settings):
    result = runner.invoke(
        app, ["sql", "--warehouse", str(settings.warehouse), "select 1"], env={"SITREP_SQL_MEMORY": "lots"}
    )
    assert result.exit_code == 2
    assert "SITREP_SQL_MEMORY" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_spill_goes_to_a_private_capped_folder_outside_the_warehouse(settings):
    spilled = settings.warehouse.with_name(settings.warehouse.name + ".tmp")
    spilled.mkdir(exist_ok=True)
    (spilled / "other-process.block").write_text("what another process spilled")
    result = runner.invoke(
        app,
        [
            "sql",
            "--warehouse",
            str(settings.warehouse),
            "--format",
            "json",
            "select current_setting('temp_directory') as t, current_setting('allowed_directories') as a,"
            " current_setting('max_temp_directory_size') as m",
        ],
        env={"SITREP_SQL_TEMP_SPACE": "100MB"},
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert Path(row["t"]).name.startswith("sitrep-sql-")
    assert row["a"] == [row["t"] + "/"]  # only its own, empty, spill folder
    assert row["m"] == "95.0 MiB"  # 100 MB, in whole MiB
    denied = runner.invoke(
        app, ["sql", "--warehouse", str(settings.warehouse), f"select * from read_text('{spilled}/*')"]
    )
    assert denied.exit_code == 1 and "other-process" not in denied.output


def test_the_spill_folder_is_created_private_and_empty():
    folder = SqlLimits().connection_config()["temp_directory"]
    assert oct(os.stat(folder).st_mode & 0o777) == "0o700"
    assert Path(folder).parent == Path(tempfile.gettempdir())


@pytest.mark.e2e  # a real `sitrep` process (2-7 s each on this machine)
def test_ctrl_c_during_a_query_is_one_line_and_exit_130(settings):
    process = sitrep_process(settings, "--timeout", "60", ENDLESS)
    time.sleep(4)  # start-up, then the query runs
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert time.monotonic() - sent < 10
    assert process.returncode == 130
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0] in ("sitrep: query interrupted", "sitrep: interrupted"), err


def test_a_query_argument_starting_with_a_comment_is_not_an_option():
    query = (SQL_DIR / "analysis" / "casualties_by_admin1.sql").read_text()
    assert query.startswith("--")
    argv = ["sitrep", "sql", query, "--format", "csv"]
    assert query_arguments_as_text(argv) == ["sitrep", "sql", "\n" + query, "--format", "csv"]
    assert query_arguments_as_text(["sitrep", "run", "--inbox", "x y"]) == ["sitrep", "run", "--inbox", "x y"]


@pytest.mark.e2e  # a real `sitrep` process (2-7 s each on this machine)
def test_the_readme_example_with_cat_of_an_analysis_file_runs(settings):
    query = (SQL_DIR / "analysis" / "casualties_by_admin1.sql").read_text()
    process = sitrep_process(settings, query, "--format", "csv")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.splitlines()[0].split(",")[:2] == ["country", "admin1"]
