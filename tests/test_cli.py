"""The `sitrep` command line: help with examples, JSON-lines extraction, and one-line errors without tracebacks."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

import duckdb
import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.config import Settings
from sitrep.load import warehouse
from sitrep.load.lock import RunLock
from sitrep.model import EVENT_COLUMNS
from tests.helpers import build_warehouse, one_line_failure

runner = CliRunner()
COMMANDS = ["run", "serve", "sql", "report", "extract", "eval", "forget", "export"]
ARTICLE = (
    "Kupiansk shelled\n\n3 May 2024\n\n"
    "On 3 May 2024, Russian forces shelled the town of Kupiansk in Kharkiv region. Two civilians were killed "
    "and five were wounded, the regional governor said.\n"
)


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200", "TERMINAL_WIDTH": "200"})


def event_lines(text: str) -> list[dict]:
    events = [json.loads(line) for line in text.splitlines() if line.strip()]
    for event in events:
        assert list(event) == EVENT_COLUMNS
    return events


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert f"Example: sitrep {command}" in result.output


def test_no_command_shows_the_commands():
    result = invoke()
    for command in COMMANDS:
        assert command in result.output


def test_extract_of_a_text_file_prints_event_lines_with_the_mart_columns(tmp_path):
    pytest.importorskip("sitrep.extract.run")
    path = tmp_path / "kupiansk.txt"
    path.write_text(ARTICLE)
    result = invoke("extract", str(path))
    assert result.exit_code == 0, result.output
    events = event_lines(result.stdout)
    assert result.stderr.strip().splitlines()[-1] == f"sitrep: {len(events)} events"
    assert {e["document_id"] for e in events} <= {"kupiansk"}
    for event in events:
        assert ARTICLE[event["evidence_start"] : event["evidence_end"]] == event["evidence"]


def test_extract_reads_a_one_line_report_without_a_final_full_stop(tmp_path):
    pytest.importorskip("sitrep.extract.run")
    line = "On 14 July 2023, Ukrainian forces shot down six Shahed drones in the Dnipro region"
    path = tmp_path / "dnipro.txt"
    path.write_text(line)
    result = invoke("extract", str(path))
    assert result.exit_code == 0, result.output
    (event,) = event_lines(result.stdout)
    assert (event["event_date"], event["actor1_name"], event["admin1"]) == (
        "2023-07-14",
        "Ukrainian forces",
        "Dnipropetrovsk",
    )
    assert event["evidence"] == line


def test_extract_is_repeatable(tmp_path):
    pytest.importorskip("sitrep.extract.run")
    path = tmp_path / "kupiansk.txt"
    path.write_text(ARTICLE)
    assert invoke("extract", str(path)).stdout == invoke("extract", str(path)).stdout


def test_extract_of_jsonl_prints_event_lines_and_reports_skipped_records(tmp_path):
    pytest.importorskip("sitrep.extract.run")
    source = tmp_path / "news.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps(
                    {"id": "r1", "text": ARTICLE, "published_at": "2024-05-03T18:00:00Z", "title": "Kupiansk"}
                ),
                "{broken",
                json.dumps(
                    {
                        "id": "r2",
                        "text": "Talks resumed in the capital. No statement followed.",
                        "published_at": "2024-05-04",
                    }
                ),
                json.dumps({"id": "r3"}),
            ]
        )
        + "\n"
    )
    result = invoke("extract", "--jsonl", str(source))
    assert result.exit_code == 0, result.output
    events = event_lines(result.stdout)
    assert {e["document_id"] for e in events} <= {"r1", "r2"}
    messages = result.stderr.strip().splitlines()
    assert any(m.startswith(f"sitrep: skipped {source}:2") for m in messages)
    assert f"sitrep: skipped {source}:4: record 'r3' has no text (or it is empty)" in messages
    assert messages[-1] == f"sitrep: {len(events)} events, 2 inputs skipped"


def test_extract_of_jsonl_skips_bad_records_by_file_and_line_and_keeps_the_rest(tmp_path):
    text = "Russian forces shelled Kupiansk on 3 May 2024, killing two civilians."
    source = tmp_path / "awkward.jsonl"
    lines = [
        json.dumps({"id": 0, "text": text}),  # 0 is an id like any other
        '{"id": ' + "7" * 5000 + ', "text": "x"}',  # more digits than Python converts
        json.dumps({"id": "dup", "text": text}),
        json.dumps({"id": "dup", "text": text}),
        json.dumps({"id": "last", "text": text}),
    ]
    source.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")  # with a UTF-8 BOM
    result = invoke("extract", "--jsonl", str(source))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert {e["document_id"] for e in event_lines(result.stdout)} == {"0", "dup", "last"}
    messages = result.stderr.strip().splitlines()
    assert messages[:2] == [
        f"sitrep: skipped {source}:2: not valid JSON: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits",
        f"sitrep: skipped {source}:4: id 'dup' was already used on line 3",
    ]
    assert messages[-1].endswith("events, 2 inputs skipped")


def test_extract_writes_to_out_file_instead_of_stdout(tmp_path):
    pytest.importorskip("sitrep.extract.run")
    path = tmp_path / "kupiansk.txt"
    path.write_text(ARTICLE)
    out = tmp_path / "events.jsonl"
    result = invoke("extract", str(path), "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(event_lines(out.read_text())) == int(result.stderr.split()[-2])


def test_extract_skips_a_binary_file_with_its_reason(tmp_path):
    pytest.importorskip("sitrep.extract.run")
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = invoke("extract", str(image))
    assert result.exit_code == 0 and result.stdout == ""
    assert f"sitrep: skipped {image}: binary content (PNG image), not text" in result.stderr


def test_extract_of_a_missing_file_fails_with_one_line(tmp_path):
    pytest.importorskip("sitrep.extract.run")
    line = one_line_failure(invoke("extract", str(tmp_path / "nope.txt")), code=2)
    assert line == f"sitrep: no such file: {tmp_path / 'nope.txt'}"


def test_extract_of_a_missing_jsonl_fails_with_one_line(tmp_path):
    pytest.importorskip("sitrep.extract.run")
    assert "no such file" in one_line_failure(
        invoke("extract", "--jsonl", str(tmp_path / "nope.jsonl")), code=2
    )


def test_extract_without_inputs_fails_with_one_line():
    assert "give text files" in one_line_failure(invoke("extract"), code=2)


def test_eval_of_a_missing_gold_file_fails_with_one_line(tmp_path):
    line = one_line_failure(invoke("eval", str(tmp_path / "gold.jsonl")), code=2)
    assert line == f"sitrep: no such gold file: {tmp_path / 'gold.jsonl'}"


def test_run_with_a_missing_inbox_fails_with_one_line(tmp_path):
    result = invoke("run", "--inbox", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert "is not a folder" in one_line_failure(result, code=1)


@pytest.mark.parametrize("dask_args", [["--dask"], ["--dask-address", "tcp://127.0.0.1:8786"]])
def test_run_takes_dask_as_a_bare_flag_or_with_an_address(tmp_path, dask_args):
    # a bare --dask once failed with "Option '--dask' requires an argument" before anything ran
    result = invoke(
        "run", *dask_args, "--inbox", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb")
    )
    assert "is not a folder" in one_line_failure(result, code=1)


def test_run_while_another_run_holds_the_lock_exits_3_at_once(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings(warehouse=tmp_path / "wh" / "sitrep.duckdb", inbox=inbox)
    with RunLock(settings.lock_file):
        result = invoke("run", "--inbox", str(inbox), "--warehouse", str(settings.warehouse))
    assert f"pid {os.getpid()}" in one_line_failure(result, code=3)
    assert not settings.warehouse.exists()


def test_forget_removes_a_document_and_says_how_many_events(tmp_path):
    settings = build_warehouse(tmp_path)
    result = invoke("forget", "doc", "--warehouse", str(settings.warehouse))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "forgot document doc: 2 events removed"
    with warehouse.connect(settings.warehouse, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM fact_event").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM dim_document").fetchone() == (0,)
    assert "no document 'doc'" in one_line_failure(
        invoke("forget", "doc", "--warehouse", str(settings.warehouse))
    )


def test_forget_rewrites_todays_snapshots_without_the_document(tmp_path):
    from sitrep.load import snapshots

    settings = build_warehouse(tmp_path)
    today = datetime.now(UTC).date()
    with warehouse.connect(settings.warehouse) as con:
        snapshots.write_snapshots(con, settings.snapshots_dir, today, "run-1")
    partition = f"snapshot_date={today.isoformat()}/{snapshots.SNAPSHOT_FILE}"
    facts = settings.snapshots_dir / "fact_event" / partition
    documents = settings.snapshots_dir / "dim_document" / partition
    count = "SELECT count(*) FROM read_parquet(?)"
    with duckdb.connect() as reader:
        assert reader.execute(count, [str(facts)]).fetchone() == (2,)
    result = invoke("forget", "doc", "--warehouse", str(settings.warehouse))
    assert result.exit_code == 0, result.output
    assert f"snapshots of {today.isoformat()} rewritten" in result.stdout
    with duckdb.connect() as reader:
        assert reader.execute(count, [str(facts)]).fetchone() == (0,)
        assert reader.execute(count, [str(documents)]).fetchone() == (0,)
    assert not list(settings.snapshots_dir.rglob("*.tmp"))


def test_forget_says_in_one_line_when_the_snapshots_cannot_be_rewritten(tmp_path):
    settings = build_warehouse(tmp_path)
    settings.snapshots_dir.write_text("a file where the snapshot folder should be")
    result = invoke("forget", "doc", "--warehouse", str(settings.warehouse))
    # the forget itself succeeded (stdout says so); the snapshot failure is one line on stderr, exit 1
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("sitrep: ") and "snapshots of" in line and "still hold it" in line
    assert result.stdout.splitlines() == ["forgot document doc: 2 events removed"]


def test_forget_without_a_warehouse_fails_with_one_line(tmp_path):
    assert "no warehouse at" in one_line_failure(
        invoke("forget", "doc", "--warehouse", str(tmp_path / "w.duckdb"))
    )


def test_forget_while_a_run_holds_the_lock_exits_3(tmp_path):
    settings = build_warehouse(tmp_path)
    with RunLock(settings.lock_file):
        one_line_failure(invoke("forget", "doc", "--warehouse", str(settings.warehouse)), code=3)
    with warehouse.connect(settings.warehouse, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM fact_event").fetchone() == (2,)


def test_report_names_the_latest_run_and_its_failed_checks(tmp_path):
    settings = build_warehouse(tmp_path)
    result = invoke("report", "--warehouse", str(settings.warehouse), "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "latest run run-1: succeeded"
    assert "  Data Docs (HTML): /r/index.html" in lines
    assert "  checks: 5 passed, 1 failed; quarantined: 1" in lines
    assert lines[-2:] == [
        "suite,expectation,unexpected_count,detail",
        "events,not_null(confidence),1,every event has a confidence score. 1 of 2 events fails: doc.txt: no score",
    ]


def test_report_as_a_table_says_each_failed_check_and_new_quarantine_row_in_full(tmp_path):
    settings = build_warehouse(tmp_path)
    result = invoke("report", "--warehouse", str(settings.warehouse))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == [
        "  failed events not_null(confidence), 1 row: every event has a confidence score. 1 of 2 events fails: "
        "doc.txt: no score",
        "  new in quarantine: x.png: binary content (PNG image), not text",
    ]


def test_report_without_a_warehouse_fails_with_one_line(tmp_path):
    assert "no warehouse at" in one_line_failure(invoke("report", "--warehouse", str(tmp_path / "w.duckdb")))


def test_extract_reads_a_sources_toml_beside_the_files(tmp_path):
    from sitrep.extract_cli import documents_from_files

    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sources.toml").write_text(
        '["a.txt"]\ntitle = "Kupiansk"\npublished_at = 2024-05-03T18:00:00+03:00\n'
    )
    (document,) = documents_from_files([str(tmp_path / "a.txt")])
    assert (document.document_id, document.title, document.date_source) == ("a", "Kupiansk", "metadata")
    assert document.published_at == datetime(2024, 5, 3, 15, 0, tzinfo=UTC)


def test_extract_takes_a_zone_less_metadata_time_as_utc_like_the_flow(tmp_path):
    from sitrep.extract_cli import documents_from_files

    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sources.toml").write_text('["a.txt"]\npublished_at = 2024-05-03T18:00:00\n')
    (document,) = documents_from_files([str(tmp_path / "a.txt")])
    assert document.published_at == datetime(2024, 5, 3, 18, 0, tzinfo=UTC)


def test_sql_on_a_file_that_is_not_a_warehouse_says_so(tmp_path):
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("not a database\n")
    line = one_line_failure(invoke("sql", "SELECT 1", "--warehouse", str(bogus), "--wait", "0.3"))
    assert "not a valid DuckDB database" in line and "running" not in line


def test_forget_on_a_file_that_is_not_a_warehouse_fails_with_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(warehouse.connect, "__defaults__", (False, 0.0))  # no 30 s retry for this test
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("not a database\n")
    assert "not a valid DuckDB database" in one_line_failure(
        invoke("forget", "doc", "--warehouse", str(bogus))
    )


def test_extract_survives_records_with_lone_surrogates(tmp_path):
    source = tmp_path / "odd.jsonl"
    source.write_text(
        '{"id": "s\\udc00", "text": "Russian forces shelled Kupiansk on 3 May 2024, killing two civilians."}\n'
        '{"id": "ok", "text": "Russian forces shelled Kupiansk on 3 May 2024, killing two civilians."}\n'
    )
    result = invoke("extract", "--jsonl", str(source))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert {e["document_id"] for e in event_lines(result.stdout)} <= {"ok", "s\ufffd"}


def test_serve_refuses_a_missing_inbox_exactly_as_run_does(tmp_path):
    options = ("--inbox", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"))
    refused_by_run = one_line_failure(invoke("run", *options), code=1)
    assert one_line_failure(invoke("serve", *options), code=1) == refused_by_run
    assert not (tmp_path / "prefect").exists()  # refused before any Prefect server started


@pytest.mark.parametrize("command", ["run", "serve"])
def test_a_prefect_api_url_where_no_server_answers_fails_with_one_line(tmp_path, command):
    from sitrep.prefect_server import free_port

    url = f"http://127.0.0.1:{free_port()}/api"
    result = runner.invoke(
        app,
        [command, "--inbox", str(tmp_path), "--warehouse", str(tmp_path / "w.duckdb")],
        env={"PREFECT_API_URL": url},
    )
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    # run says what it starts before it looks for Prefect; the error is then one line
    assert (
        result.stderr.strip().splitlines()[-1]
        == f"sitrep: no Prefect server answers at PREFECT_API_URL={url}"
    )


def test_serve_with_both_cron_and_interval_fails_with_one_line():
    assert "not both" in one_line_failure(invoke("serve", "--cron", "0 * * * *", "--interval", "60"), 2)


@pytest.mark.e2e  # `sitrep serve` imports Prefect (3-4 s), which nothing else in the fast loop does
def test_serve_with_an_invalid_cron_fails_with_one_line():
    assert "not a valid cron expression" in one_line_failure(invoke("serve", "--cron", "every tuesday"), 2)


def test_a_bad_snapshot_retention_is_one_line_and_exit_2(tmp_path):
    result = runner.invoke(
        app,
        ["sql", "select 1", "--warehouse", str(tmp_path / "wh.duckdb")],
        env={"SITREP_SNAPSHOT_DAYS": "a week"},
    )
    line = one_line_failure(result, 2)
    assert line == "sitrep: SITREP_SNAPSHOT_DAYS='a week' is not a whole number of 0 or more"
