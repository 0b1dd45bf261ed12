"""`sitrep sql`: read-only and sandboxed, streamed output in three formats, and readers that never block forever."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.config import Settings
from sitrep.output import write_rows
from sitrep.query import QueryError, _snapshot_reader, open_reader, run_query
from tests.helpers import build_warehouse, one_line_failure

runner = CliRunner()


def test_write_rows_writes_to_the_current_stdout(monkeypatch):
    buffer = io.StringIO()
    monkeypatch.setattr(sys, "stdout", buffer)
    write_rows(["n"], [[(1,)]], "csv")
    assert buffer.getvalue().splitlines() == ["n", "1"]


REFUSED = [
    "INSERT INTO dim_weapon VALUES (99, 'catapult')",
    "UPDATE dim_weapon SET weapon = 'x'",
    "DELETE FROM fact_event",
    "DROP TABLE fact_event",
    "CREATE TABLE stolen AS SELECT * FROM fact_event",
    "ATTACH '{tmp}/other.duckdb' AS other",
    "COPY fact_event TO '{tmp}/leak.csv'",
    "COPY (SELECT * FROM fact_event) TO '{tmp}/leak.parquet' (FORMAT parquet)",
    "EXPORT DATABASE '{tmp}/dump'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_csv_auto('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM query('COPY fact_event TO ''{tmp}/leak2.csv''')",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "RESET enable_external_access",
    "PRAGMA enable_profiling",
    "SELECT 1; DROP TABLE fact_event",
    "CHECKPOINT",
    "",
    "SELEC 1",
]


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return build_warehouse(tmp_path_factory.mktemp("query"), with_snapshots=True)


def sitrep_sql(settings: Settings, *args: str):
    return runner.invoke(app, ["sql", *args, "--warehouse", str(settings.warehouse)])


@pytest.mark.parametrize("statement", REFUSED)
def test_refused_statement_fails_with_one_line_and_changes_nothing(settings, statement, tmp_path):
    before = json.loads(
        sitrep_sql(settings, "SELECT count(*) AS n FROM fact_event", "--format", "json").stdout
    )
    one_line_failure(sitrep_sql(settings, statement.format(tmp=tmp_path)))
    after = json.loads(
        sitrep_sql(settings, "SELECT count(*) AS n FROM fact_event", "--format", "json").stdout
    )
    assert before == after == [{"n": 2}]
    assert list(tmp_path.iterdir()) == []  # nothing was written outside


@pytest.mark.parametrize("statement", REFUSED)
def test_refused_statement_raises_query_error_on_the_snapshot_reader_too(settings, statement, tmp_path):
    con, note = _snapshot_reader(settings.snapshots_dir)
    assert "snapshot of 2024-06-21" in note
    with pytest.raises(QueryError) as caught:
        list(run_query(con, statement.format(tmp=tmp_path))[1])
    assert "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_write_statements_are_named_in_the_error(settings):
    line = one_line_failure(sitrep_sql(settings, "DELETE FROM fact_event"))
    assert "DELETE statements are not allowed" in line and "read-only" in line


def test_file_access_is_refused_by_the_sandbox(settings):
    line = one_line_failure(sitrep_sql(settings, "SELECT * FROM read_csv('/etc/passwd')"))
    assert "/etc/passwd" in line and "disabled" in line


def test_select_in_csv_format_parses_back(settings):
    result = sitrep_sql(
        settings,
        "SELECT event_id, event_date, fatalities, admin1 FROM mart.events ORDER BY 1",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["event_id", "event_date", "fatalities", "admin1"],
        ["e1", "2024-06-19", "2", "Kharkiv"],
        ["e2", "2024-06-20", "", "Kharkiv"],
    ]


def test_select_in_json_format_parses_back(settings):
    result = sitrep_sql(
        settings,
        "SELECT event_id, event_date, fatalities, latitude FROM mart.events ORDER BY 1",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"event_id": "e1", "event_date": "2024-06-19", "fatalities": 2, "latitude": None},
        {"event_id": "e2", "event_date": "2024-06-20", "fatalities": None, "latitude": None},
    ]


def test_empty_result_is_valid_json_and_csv(settings):
    query = "SELECT event_id FROM mart.events WHERE false"
    assert json.loads(sitrep_sql(settings, query, "--format", "json").stdout) == []
    assert sitrep_sql(settings, query, "--format", "csv").stdout.splitlines() == ["event_id"]


def test_select_in_table_format_shows_header_rows_and_nulls(settings):
    result = sitrep_sql(settings, "SELECT event_id, fatalities FROM mart.events ORDER BY 1")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].split("|")[1:3] == [" event_id ", " fatalities "]
    assert [line.split("|")[1].strip() for line in lines[3:5]] == ["e1", "e2"]
    assert lines[4].split("|")[2].strip() == "NULL"
    assert result.stderr.strip() == "(2 rows)"


def test_table_shows_100_rows_unless_limit_says_otherwise(settings):
    query = "SELECT range AS n FROM range(250)"
    table = sitrep_sql(settings, query)
    assert table.exit_code == 0
    assert len(table.stdout.splitlines()) == 100 + 4  # rule, header, rule, rows, rule
    assert "100 rows" in table.stderr and "--limit" in table.stderr
    assert len(sitrep_sql(settings, query, "--limit", "7").stdout.splitlines()) == 7 + 4
    assert len(sitrep_sql(settings, query, "--format", "csv").stdout.splitlines()) == 250 + 1
    assert len(json.loads(sitrep_sql(settings, query, "--format", "json").stdout)) == 250
    assert len(sitrep_sql(settings, query, "--format", "csv", "--limit", "3").stdout.splitlines()) == 3 + 1


def test_unknown_format_fails_with_one_line(settings):
    line = one_line_failure(sitrep_sql(settings, "SELECT 1", "--format", "xml"))
    assert "xml" in line


def test_large_csv_result_is_written_completely(settings, tmp_path):
    result = sitrep_sql(settings, "SELECT range AS n FROM range(1000000)", "--format", "csv")
    assert result.exit_code == 0
    out = tmp_path / "big.csv"
    out.write_text(result.stdout)
    with out.open() as handle:
        lines = handle.read().splitlines()
    assert len(lines) == 1_000_001 and lines[0] == "n" and lines[-1] == "999999"


def test_a_limited_query_over_a_huge_result_streams_instead_of_materialising(settings):
    con, _ = open_reader(settings)
    guard = threading.Timer(30, con.interrupt)  # a materialised billion rows would never finish
    guard.start()
    try:
        columns, batches = run_query(con, "SELECT range AS n, repeat('x', 40) AS pad FROM range(1000000000)")
        out = io.StringIO()
        assert write_rows(columns, batches, "csv", out, limit=5) == 5
    finally:
        guard.cancel()
    assert out.getvalue().splitlines() == ["n,pad", *[f"{i},{'x' * 40}" for i in range(5)]]


def batches_that_explode_after(good_batches: int, size: int = 10):
    for number in range(good_batches):
        yield [(number * size + i,) for i in range(size)]
    raise AssertionError(f"batch {good_batches + 1} was pulled: the output did not stop at its limit")


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_write_rows_pulls_no_batch_beyond_the_limit(fmt):
    out = io.StringIO()
    assert write_rows(["n"], batches_that_explode_after(3), fmt, out, limit=25) == 25
    assert "24" in out.getvalue() and "25" not in out.getvalue().replace("| 25", "")


def test_write_rows_stops_at_a_limit_on_a_batch_boundary():
    assert write_rows(["n"], batches_that_explode_after(2), "csv", io.StringIO(), limit=20) == 20


def test_run_query_returns_columns_before_any_row_is_fetched(settings):
    con, _ = open_reader(settings)
    columns, batches = run_query(
        con, "SELECT event_id, fatalities FROM mart.events ORDER BY event_id", batch_rows=1
    )
    assert columns == ["event_id", "fatalities"]
    assert [batch for batch in batches] == [[("e1", 2)], [("e2", None)]]


def test_explain_is_allowed(settings):
    result = sitrep_sql(settings, "EXPLAIN SELECT * FROM mart.events", "--format", "csv")
    assert result.exit_code == 0 and "physical_plan" in result.stdout


def test_missing_warehouse_fails_with_one_line(tmp_path):
    result = runner.invoke(app, ["sql", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb")])
    assert "no warehouse at" in one_line_failure(result)


HOLD_WRITE = """
import sys, time
from pathlib import Path
import duckdb
con = duckdb.connect(sys.argv[1])
Path(sys.argv[2]).touch()
time.sleep(60)
"""


def hold_for_writing(path: Path, ready: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD_WRITE, str(path), str(ready)])
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert process.poll() is None and time.monotonic() < deadline, "the writer did not open the warehouse"
        time.sleep(0.05)
    return process


@pytest.fixture()
def busy(tmp_path):
    """Start a process holding a read-write connection on a warehouse (built by the test), stop it after."""
    processes = []

    def start(settings: Settings) -> None:
        processes.append(hold_for_writing(settings.warehouse, tmp_path / f"ready-{len(processes)}"))

    yield start
    for process in processes:
        process.kill()
        process.wait(timeout=30)


def test_reader_falls_back_to_the_snapshots_while_a_writer_holds_the_warehouse(tmp_path, busy):
    settings = build_warehouse(tmp_path / "w", with_snapshots=True)
    busy(settings)
    started = time.monotonic()
    con, note = open_reader(settings, wait_seconds=0.5)
    assert time.monotonic() - started < 10
    assert note == "the warehouse is busy (a run is writing): answering from the snapshot of 2024-06-21"
    _, batches = run_query(con, "SELECT event_id FROM mart.events ORDER BY 1")
    assert [row for batch in batches for row in batch] == [("e1",), ("e2",)]
    result = runner.invoke(
        app,
        [
            "sql",
            "SELECT count(*) AS n FROM mart.events",
            "--warehouse",
            str(settings.warehouse),
            "--wait",
            "0.5",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"n": 2}]
    assert "answering from the snapshot of 2024-06-21" in result.stderr


def test_reader_without_snapshots_fails_with_a_clear_message_while_a_writer_holds_the_warehouse(
    tmp_path, busy
):
    settings = build_warehouse(tmp_path / "w", with_snapshots=False)
    busy(settings)
    with pytest.raises(QueryError, match="locked by a running `sitrep run` and has no snapshots yet"):
        open_reader(settings, wait_seconds=0.5)
    result = runner.invoke(app, ["sql", "SELECT 1", "--warehouse", str(settings.warehouse), "--wait", "0.5"])
    assert "no snapshots yet" in one_line_failure(result)


def test_snapshot_reader_is_sandboxed_to_the_snapshot_folder(settings):
    con, _ = _snapshot_reader(settings.snapshots_dir)
    with pytest.raises(QueryError):
        list(run_query(con, "SELECT * FROM read_csv('/etc/passwd')")[1])
    _, batches = run_query(con, "SELECT count(*) FROM fact_event")
    assert list(batches) == [[(2,)]]


def test_snapshot_tables_have_the_same_columns_as_the_live_tables(settings):
    live, _ = open_reader(settings)
    snap, _ = _snapshot_reader(settings.snapshots_dir)
    for table in ["fact_event", "dim_document", "dim_weapon"]:
        assert run_query(snap, f"SELECT * FROM {table}")[0] == run_query(live, f"SELECT * FROM {table}")[0], (
            table
        )


def test_an_error_while_rows_stream_is_one_line(settings):
    query = "SELECT CAST(CASE WHEN range < 25000 THEN '1' ELSE 'x' END AS INTEGER) AS n FROM range(30000)"
    result = sitrep_sql(settings, query, "--format", "csv")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("sitrep: ") and "'x'" in errors[0]


def test_snapshots_answer_when_the_warehouse_file_is_gone(tmp_path):
    settings = build_warehouse(tmp_path / "w", with_snapshots=True)
    settings.warehouse.rename(settings.warehouse.with_suffix(".moved"))
    con, note = open_reader(settings, wait_seconds=0)
    assert "snapshot of 2024-06-21" in note
    assert list(run_query(con, "SELECT count(*) FROM mart.events")[1]) == [[(2,)]]


def test_query_from_a_file_with_leading_comments(settings, tmp_path):
    query = tmp_path / "q.sql"
    query.write_text("-- a comment first, as in sql/analysis/\nSELECT count(*) AS n FROM mart.events;\n")
    result = sitrep_sql(settings, "--file", str(query), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "n"


def test_query_and_file_together_are_refused(settings, tmp_path):
    query = tmp_path / "q.sql"
    query.write_text("SELECT 1")
    assert "not both" in one_line_failure(sitrep_sql(settings, "SELECT 2", "--file", str(query)))
