"""The `sitrep` command line. Parses arguments, calls the pipeline or a stage, prints.

Errors a user can cause print one line and exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from sitrep.config import (
    DEFAULT_INBOX,
    DEFAULT_WAREHOUSE,
    ConfigError,
    Settings,
    doc_seconds_from_env,
    settings_from_env,
)

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# The temporary API server needs longer than Prefect's default on a busy 2-core machine or a first
# start (bytecode compilation).
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

app = typer.Typer(
    help="sitrep: news text about wars and geopolitics -> a validated DuckDB event warehouse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

WarehouseOption = Annotated[
    Path | None,
    typer.Option(
        "--warehouse", envvar="SITREP_WAREHOUSE", help=f"DuckDB file [default: {DEFAULT_WAREHOUSE}]"
    ),
]
InboxOption = Annotated[
    Path | None,
    typer.Option("--inbox", envvar="SITREP_INBOX", help=f"Folder of source texts [default: {DEFAULT_INBOX}]"),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | csv | json")]


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"sitrep: {message}", err=True)
    raise typer.Exit(code)


def _settings(warehouse: Path | None, inbox: Path | None) -> Settings:
    """settings_from_env, with a bad SITREP_* number as one line and exit code 2."""
    try:
        return settings_from_env(warehouse, inbox)
    except ConfigError as err:
        fail(str(err), 2)


@app.command()
def run(
    warehouse: WarehouseOption = None,
    inbox: InboxOption = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            envvar="SITREP_DASK_ADDRESS",
            flag_value="local",
            help="Run extraction on Dask: --dask for a local 2-worker cluster, --dask tcp://HOST:PORT for a cluster",
        ),
    ] = None,
) -> None:
    """Run the pipeline once over the inbox.

    Example: sitrep run --inbox seeds --warehouse warehouse/sitrep.duckdb
    """
    from sitrep.load.lock import RunInProgress, check_free

    settings = _settings(warehouse, inbox)
    if not settings.inbox.is_dir():
        fail(f"inbox {settings.inbox} is not a folder")
    try:
        check_free(settings.lock_file)  # fail fast, before Prefect's start-up
    except RunInProgress as err:
        fail(str(err), code=3)
    typer.echo(f"sitrep: running over {settings.inbox} into {settings.warehouse} ...", err=True)
    from sitrep.flows.pipeline import run_pipeline

    try:
        summary = run_pipeline(
            settings, dask_address=None if dask in (None, "local") else dask, use_dask=dask is not None
        )
    except RunInProgress as err:
        fail(str(err), code=3)
    typer.echo(
        "\n".join(
            [
                f"run {summary['run_id']}: {summary['status']}",
                f"  documents   {summary['documents_seen']} seen, {summary['documents_new']} new or changed,"
                f" {summary['documents_unchanged']} unchanged",
                f"  events      {summary['events_extracted']} extracted, {summary['events_loaded']} loaded",
                f"  quarantined {summary['quarantined']}",
                f"  checks      {summary['checks_passed']} passed, {summary['checks_failed']} failed",
                f"  report      {summary['report']}  (Data Docs: {summary['data_docs']})",
            ]
        )
    )


@app.command()
def serve(
    cron: Annotated[
        str, typer.Option("--cron", help="Cron schedule, e.g. '0 * * * *' for hourly")
    ] = "0 * * * *",
    warehouse: WarehouseOption = None,
    inbox: InboxOption = None,
    name: Annotated[str, typer.Option(help="Deployment name")] = "sitrep-scheduled",
) -> None:
    """Serve the pipeline on a schedule through Prefect (Ctrl-C stops it).

    Example: sitrep serve --cron "0 * * * *" --inbox /data/inbox
    """
    from prefect.client.schemas.schedules import CronSchedule

    from sitrep.flows.pipeline import flow_parameters, sitrep_flow

    try:
        CronSchedule(cron=cron)
    except ValueError:  # pydantic's ValidationError is a ValueError
        fail(f"--cron {cron!r} is not a valid cron expression (five fields, e.g. '0 * * * *' for hourly)", 2)
    settings = _settings(warehouse, inbox)
    typer.echo(f"sitrep: serving {name} on '{cron}' over {settings.inbox}; Ctrl-C stops", err=True)
    try:
        sitrep_flow.serve(name=name, cron=cron, parameters=flow_parameters(settings))
    except KeyboardInterrupt:
        pass  # Prefect usually handles Ctrl-C itself and returns
    typer.echo("sitrep: stopped", err=True)


@app.command()
def sql(
    query: Annotated[str | None, typer.Argument(help="A SELECT statement")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-F", help="Read the query from this file (- for stdin)")
    ] = None,
    warehouse: WarehouseOption = None,
    fmt: FormatOption = "table",
    limit: Annotated[
        int | None, typer.Option(help="Rows to print [default: 100 for table, all for csv/json]")
    ] = None,
    wait: Annotated[
        float, typer.Option(help="Seconds to wait for a running load before reading snapshots")
    ] = 10.0,
) -> None:
    """Query the warehouse, read-only.

    Example: sitrep sql "select event_type, count(*) from mart.events group by 1" --format csv ;
    sitrep sql --file sql/analysis/casualties_by_admin1.sql
    """
    from sitrep.output import FORMATS, write_rows
    from sitrep.query import QueryError, open_reader, run_query

    if file is not None:
        if query:
            fail("give the query as an argument or with --file, not both", 2)
        if str(file) != "-" and not file.is_file():
            fail(f"no such file: {file}", 2)
        query = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    if not query or not query.strip():
        fail('no query given: sitrep sql "SELECT ..." or --file FILE', 2)
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}", 2)
    settings = _settings(warehouse, None)
    try:
        con, note = open_reader(settings, wait)
        if note:
            typer.echo(f"sitrep: {note}", err=True)
        columns, batches = run_query(con, query)
        shown = write_rows(
            columns, batches, fmt, limit=limit if limit is not None else (100 if fmt == "table" else None)
        )
    except QueryError as err:
        fail(str(err))
    if fmt == "table":
        typer.echo(
            f"({shown} rows{'' if limit else ', --limit to see more' if shown == 100 else ''})", err=True
        )


@app.command()
def report(warehouse: WarehouseOption = None, fmt: FormatOption = "table") -> None:
    """Where the latest data-quality report is, and its summary.

    Example: sitrep report
    """
    from sitrep.output import write_rows
    from sitrep.query import QueryError, open_reader, run_query

    settings = _settings(warehouse, None)
    try:
        con, note = open_reader(settings)
        columns, batches = run_query(
            con,
            "SELECT run_id, status, started_at, ended_at, documents_seen, events_loaded, quarantined, checks_passed, "
            "checks_failed, report_path FROM etl_run WHERE status <> 'running' ORDER BY started_at DESC LIMIT 1",
        )
        rows = [row for batch in batches for row in batch]
        if not rows:
            fail("no finished run yet: run `sitrep run` first")
        run_id = rows[0][0]
        typer.echo(f"latest run {run_id}: {rows[0][1]}" + (f"  ({note})" if note else ""))
        typer.echo(f"  Data Docs (HTML): {rows[0][9]}")
        typer.echo(f"  summary (markdown): {settings.reports_dir / 'latest.md'}")
        typer.echo(f"  checks: {rows[0][7]} passed, {rows[0][8]} failed; quarantined: {rows[0][6]}")
        failed_columns, failed = run_query(
            con,
            f"SELECT suite, expectation, unexpected_count FROM dq_result WHERE run_id = '{run_id}' AND NOT success",
        )
        write_rows(failed_columns, failed, fmt)
    except QueryError as err:
        fail(str(err))


@app.command()
def extract(
    files: Annotated[list[str] | None, typer.Argument(help="Text files; - reads standard input")] = None,
    jsonl: Annotated[
        Path | None, typer.Option("--jsonl", help='JSON lines: {"id","text","published_at","title","source"}')
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the JSON lines here instead of stdout")
    ] = None,
) -> None:
    """Events of the given texts as JSON lines (the columns of mart.events), no database.

    Example: sitrep extract seeds/*.txt ;  sitrep extract --jsonl news.jsonl --out events.jsonl
    """
    from sitrep.extract_cli import extract_to_stream

    if not files and jsonl is None:
        fail("give text files, - for standard input, or --jsonl FILE", 2)
    try:
        seconds = doc_seconds_from_env()
    except ConfigError as err:
        fail(str(err), 2)
    stream = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        events, problems = extract_to_stream(files or [], jsonl, stream, seconds)
    except FileNotFoundError as err:
        fail(str(err), 2)
    finally:
        if out:
            stream.close()
    for problem in problems:
        typer.echo(f"sitrep: skipped {problem.source}: {problem.detail}", err=True)
    typer.echo(
        f"sitrep: {events} events" + (f", {len(problems)} inputs skipped" if problems else ""), err=True
    )


@app.command(name="eval")
def evaluate(
    gold: Annotated[
        Path, typer.Argument(help="Gold JSON lines: one document with its hand-coded events per line")
    ],
    fmt: FormatOption = "table",
    examples: Annotated[int, typer.Option(help="Missed/invented events to list")] = 20,
) -> None:
    """Score the extractor against a gold file: precision, recall, F1, per-field accuracy.

    Example: sitrep eval tests/gold/dev.jsonl
    """
    from sitrep.evaluate import evaluate_file
    from sitrep.evaluate_report import format_report, report_to_dict
    from sitrep.extract_cli import extract_records

    if not gold.exists():
        fail(f"no such gold file: {gold}", 2)
    try:
        result = evaluate_file(gold, extract_records)
    except ValueError as err:
        fail(str(err), 2)
    if fmt == "json":
        typer.echo(json.dumps(report_to_dict(result), indent=2, default=str))
    else:
        typer.echo(format_report(result, max_examples=examples))


@app.command()
def forget(
    document_id: Annotated[str, typer.Argument(help="The document whose events to remove")],
    warehouse: WarehouseOption = None,
) -> None:
    """Remove a document and its events from the warehouse (removed files keep their events otherwise).

    Example: sitrep forget 000_297ce01fbae54819
    """
    from sitrep.load import warehouse as warehouse_db
    from sitrep.load.lock import RunInProgress, RunLock

    settings = _settings(warehouse, None)
    if not settings.warehouse.exists():
        fail(f"no warehouse at {settings.warehouse}")
    import duckdb

    try:
        with RunLock(settings.lock_file), warehouse_db.connect(settings.warehouse) as con:
            removed = warehouse_db.forget_document(con, document_id)
    except RunInProgress as err:
        fail(str(err), 3)
    except duckdb.Error as err:
        fail(f"cannot change {settings.warehouse}: {str(err).strip().splitlines()[0]}")
    if removed is None:
        fail(f"no document {document_id!r} in {settings.warehouse}")
    typer.echo(f"forgot document {document_id}: {removed} events removed")


def _send_prefect_logs() -> None:
    """Send the flow's queued log records while Prefect's temporary API server still runs. At exit the
    server stops first, and logging's final flush then waits out the log worker's 5 s timeout."""
    handlers = sys.modules.get("prefect.logging.handlers")  # only a command that ran a flow loaded it
    if handlers is not None:
        handlers.APILogWorker.drain_all(timeout=5)


def main() -> None:
    code = 0
    try:
        app(standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    _send_prefect_logs()
    # Run the atexit handlers (Prefect stops its temporary server there), then leave without the
    # interpreter's module teardown, where duckdb's bindings print spurious "leaked instance" warnings
    # after a flow run.
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
