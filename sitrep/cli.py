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
    DEFAULT_SQL_TIMEOUT,
    DEFAULT_WAREHOUSE,
    Settings,
    SettingsError,
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


_explained = False  # a command printed why it stopped (so main() does not add a second line)


def fail(message: str, code: int = 1) -> None:
    global _explained
    _explained = True
    typer.echo(f"sitrep: {message}", err=True)
    raise typer.Exit(code)


def _settings(warehouse: str | Path | None, inbox: str | Path | None, workers: int | None = None) -> Settings:
    try:
        return settings_from_env(warehouse, inbox, workers)
    except SettingsError as err:
        fail(str(err), 2)
        raise  # fail() raises; this keeps type checkers sure nothing falls through


@app.command()
def run(
    warehouse: WarehouseOption = None,
    inbox: InboxOption = None,
    dask: Annotated[
        bool,
        typer.Option(
            "--dask", help="Run extraction on a local 2-worker Dask cluster (about 25 s of start-up)."
        ),
    ] = False,
    dask_address: Annotated[
        str | None,
        typer.Option(
            "--dask-address",
            envvar="SITREP_DASK_ADDRESS",
            metavar="tcp://HOST:PORT",
            help="Run extraction on an existing Dask cluster (implies --dask).",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes that extract (SITREP_WORKERS) [default: the number of CPUs; 1: the run's own "
            "process; runs under 300 new documents always extract in process].",
        ),
    ] = None,
) -> None:
    """Run the pipeline once over the inbox.

    Example: sitrep run --inbox seeds --warehouse warehouse/sitrep.duckdb
    """
    from sitrep.load.lock import RunInProgress, holding
    from sitrep.prefect_server import ServerError, prefect_api

    settings = _settings(warehouse, inbox, workers)
    if not settings.inbox.is_dir():
        fail(f"inbox {settings.inbox} is not a folder")
    try:
        # The lock first, held for the whole run: a second run leaves at once, before Prefect starts.
        # Without PREFECT_API_URL, Prefect's temporary API server is ours (prefect_server.py), so it
        # dies with this process even if it is killed.
        with holding(settings.lock_file):
            typer.echo(f"sitrep: running over {settings.inbox} into {settings.warehouse} ...", err=True)
            with prefect_api(None, ephemeral=True):
                from sitrep.flows.pipeline import run_pipeline

                try:
                    summary = run_pipeline(
                        settings,
                        dask_address=dask_address,
                        use_dask=dask or dask_address is not None,
                    )
                finally:
                    _send_prefect_logs()  # while the API server still runs
    except RunInProgress as err:
        fail(str(err), code=3)
    except ServerError as err:
        fail(str(err))
    from sitrep.run_notes import terminal_lines

    typer.echo("\n".join(terminal_lines(summary)))


@app.command()
def serve(
    cron: Annotated[
        str | None, typer.Option("--cron", help="Cron schedule [default: '0 * * * *', hourly]")
    ] = None,
    interval: Annotated[
        int | None,
        typer.Option("--interval", min=1, help="Run every N seconds instead of on a cron schedule"),
    ] = None,
    warehouse: WarehouseOption = None,
    inbox: InboxOption = None,
    name: Annotated[str, typer.Option(help="Deployment name")] = "sitrep-scheduled",
) -> None:
    """Serve the pipeline on a schedule through Prefect (Ctrl-C stops it).

    Without PREFECT_API_URL, starts a local Prefect server (database under the warehouse folder) and
    stops it on exit. Example: sitrep serve --cron "0 * * * *" --inbox /data/inbox
    """
    settings = _settings(warehouse, inbox)
    if not settings.inbox.is_dir():
        fail(f"inbox {settings.inbox} is not a folder")
    if cron is not None and interval is not None:
        fail("give --cron or --interval, not both", 2)
    if interval is None:
        cron = cron or "0 * * * *"
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=cron)
        except ValueError:  # pydantic's ValidationError is a ValueError
            fail(
                f"--cron {cron!r} is not a valid cron expression (five fields, e.g. '0 * * * *' for hourly)",
                2,
            )
    from sitrep.prefect_server import ServerError, prefect_api
    from sitrep.serving import RunnerStopped, serve_scheduled

    schedule = f"every {interval} s" if interval else f"'{cron}'"
    try:
        with prefect_api(settings.warehouse_dir / "prefect") as server:
            where = f"local Prefect server, UI at {server.url}" if server else os.environ["PREFECT_API_URL"]
            typer.echo(
                f"sitrep: serving {name} on {schedule} over {settings.inbox} ({where}); Ctrl-C stops",
                err=True,
            )
            serve_scheduled(settings, name, cron, interval)
    except KeyboardInterrupt:
        pass  # Ctrl-C while the server was starting
    except (ServerError, RunnerStopped) as err:
        fail(str(err))
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
    timeout: Annotated[
        float, typer.Option(help="Stop the query after this many seconds (0: no limit)")
    ] = DEFAULT_SQL_TIMEOUT,
) -> None:
    """Query the warehouse, read-only, within a time limit (--timeout) and a memory limit
    (SITREP_SQL_MEMORY, default 2GB; spill space SITREP_SQL_TEMP_SPACE, default 1GB).

    Example: sitrep sql "select event_type, count(*) from mart.events group by 1" --format csv ;
    sitrep sql --file sql/analysis/casualties_by_admin1.sql
    """
    from sitrep.output import FORMATS, write_rows
    from sitrep.query import QueryError, QueryOutOfMemory, open_reader, run_query
    from sitrep.query_limits import (
        QueryInterrupted,
        QueryTimedOut,
        SqlLimits,
        capped_process_memory,
        human_size,
        run_limited,
    )

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
    try:
        limits = SqlLimits.from_env(timeout)
    except ValueError as err:
        fail(f"SITREP_SQL_MEMORY / SITREP_SQL_TEMP_SPACE: {err}", 2)
    settings = _settings(warehouse, None)
    shown = 0
    con = None
    try:
        con, note = open_reader(settings, wait, limits)
        if note:
            typer.echo(f"sitrep: {note}", err=True)

        def query_and_print() -> int:
            columns, batches = run_query(con, query)
            return write_rows(
                columns, batches, fmt, limit=limit if limit is not None else (100 if fmt == "table" else None)
            )

        with capped_process_memory(limits):
            shown = run_limited(con, query_and_print, limits.timeout_seconds)
    except QueryTimedOut:
        fail(f"query stopped after {limits.timeout_seconds:g} s (--timeout {limits.timeout_seconds:g})")
    except QueryInterrupted:
        fail("query interrupted", 130)
    except QueryOutOfMemory:
        fail(
            f"query stopped: it needs more than {human_size(limits.memory_bytes)} of memory "
            "(SITREP_SQL_MEMORY sets the limit); select fewer rows or columns, or aggregate first"
        )
    except QueryError as err:
        fail(str(err))
    finally:
        if con is not None:
            con.close()
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
            "SELECT suite, expectation, unexpected_count, detail FROM dq_result "
            f"WHERE run_id = '{run_id}' AND NOT success",
        )
        if fmt != "table":
            write_rows(failed_columns, failed, fmt)
            return
        # A table would cut the sentences that say what failed: one line each instead.
        for suite, expectation, unexpected, detail in (row for batch in failed for row in batch):
            typer.echo(
                f"  failed {suite} {expectation}, {unexpected} row{'' if unexpected == 1 else 's'}: {detail}"
            )
        _, quarantined = run_query(
            con, f"SELECT detail FROM quarantine WHERE run_id = '{run_id}' ORDER BY recorded_at, source"
        )
        for (detail,) in (row for batch in quarantined for row in batch):
            typer.echo(f"  new in quarantine: {' '.join(str(detail).split())}")
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
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Say why each event is coded so: its trigger and lexicon entry, and for each field the "
            "value, the rule (sitrep/data/rules.tsv) and the words that set it",
        ),
    ] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="json (JSON lines; the default) | text (with --explain, the default)"
        ),
    ] = None,
) -> None:
    """Events of the given texts as JSON lines (the columns of mart.events), no database. With --explain,
    why each field has its value (--format json: an "explain" object on each line).

    Example: sitrep extract seeds/*.txt ;  sitrep extract --jsonl news.jsonl --out events.jsonl ;
    sitrep extract report.txt --explain
    """
    from sitrep.extract_cli import extract_to_stream

    if not files and jsonl is None:
        fail("give text files, - for standard input, or --jsonl FILE", 2)
    fmt = fmt or ("text" if explain else "json")
    if fmt not in ("json", "text") or (fmt == "text" and not explain):
        fail(f"--format {fmt}: use json, or text with --explain", 2)
    try:
        seconds = doc_seconds_from_env()
    except SettingsError as err:
        fail(str(err), 2)
    stream = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        events, problems = extract_to_stream(files or [], jsonl, stream, seconds, explain, fmt)
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
        Path | None,
        typer.Argument(help="Gold JSON lines: one document with its hand-coded events per line"),
    ] = None,
    fmt: FormatOption = "table",
    examples: Annotated[int, typer.Option(help="Missed/invented events to list")] = 20,
    diff: Annotated[
        str | None,
        typer.Option(
            "--diff",
            metavar="BASE",
            help="Compare the extractor of git ref BASE with the working tree's on the gold texts (GOLD, "
            "else every tests/gold/*.jsonl but the blind sets): events added, removed, changed",
        ),
    ] = None,
) -> None:
    """Score the extractor against a gold file: precision, recall, F1, per-field accuracy. With --diff
    BASE, what the extractor's changes since BASE do to its output.

    Example: sitrep eval tests/gold/dev.jsonl ;  sitrep eval --diff main
    """
    if diff is not None:
        _eval_diff(diff, gold, fmt, examples)
        return
    if gold is None:
        fail("give a gold file (or --diff BASE)", 2)
    from sitrep.evaluate import load_gold, score
    from sitrep.evaluate_acled import acled_to_dict, format_acled, has_acled, score_acled
    from sitrep.evaluate_happenings import (
        evaluate_happenings,
        format_happenings,
        happenings_to_dict,
        has_happenings,
    )
    from sitrep.evaluate_report import format_report, report_to_dict
    from sitrep.extract_cli import extract_records

    if not gold.exists():
        fail(f"no such gold file: {gold}", 2)
    try:
        records = load_gold(gold)
        predicted = extract_records(records)
        result = score(records, predicted)
        # Gold events that carry happening_id also score the grouping into happenings (sitrep/happen).
        happenings = evaluate_happenings(gold, records, predicted) if has_happenings(records) else None
        # Gold events that carry ACLED types also score the ACLED coding (sitrep/data/crosswalk.tsv).
        acled = score_acled(records, predicted) if has_acled(records) else None
    except ValueError as err:
        fail(str(err), 2)
    if fmt == "json":
        out = report_to_dict(result)
        if acled is not None:
            out["acled"] = acled_to_dict(acled)
        if happenings is not None:
            out["happenings"] = happenings_to_dict(happenings)
        typer.echo(json.dumps(out, indent=2, default=str))
    else:
        after_fields = format_acled(acled) if acled is not None else None
        typer.echo(format_report(result, max_examples=examples, after_fields=after_fields))
        if happenings is not None:
            typer.echo("\n" + format_happenings(happenings))


def _eval_diff(base: str, gold: Path | None, fmt: str, examples: int) -> None:
    from sitrep.evaluate_diff import DiffError, diff_to_dict, format_diff, run_diff

    if gold is not None and not gold.exists():
        fail(f"no such gold file: {gold}", 2)
    try:
        result = run_diff(base, gold, Path.cwd(), lambda m: typer.echo(f"sitrep: {m}", err=True))
    except DiffError as err:
        fail(str(err), 2)
    if fmt == "json":
        typer.echo(json.dumps(diff_to_dict(result), indent=2, default=str))
    else:
        typer.echo(format_diff(result, limit=max(examples, 1)))


@app.command()
def forget(
    document_id: Annotated[str, typer.Argument(help="The document whose events to remove")],
    warehouse: WarehouseOption = None,
) -> None:
    """Remove a document and its events from the warehouse and today's snapshots. While its file stays
    in the inbox unchanged, later runs skip it; a changed file is loaded again.

    Example: sitrep forget 000_297ce01fbae54819
    """
    from datetime import UTC, datetime

    from sitrep.load import snapshots
    from sitrep.load import warehouse as warehouse_db
    from sitrep.load.lock import RunInProgress, RunLock

    settings = _settings(warehouse, None)
    if not settings.warehouse.exists():
        fail(f"no warehouse at {settings.warehouse}")
    import duckdb

    today = datetime.now(UTC).date()
    stale_snapshots = None
    try:
        with RunLock(settings.lock_file), warehouse_db.connect(settings.warehouse) as con:
            removed = warehouse_db.forget_document(con, document_id)
            if removed is not None:
                try:
                    snapshots.write_snapshots(con, settings.snapshots_dir, today, "forget")
                except (duckdb.Error, OSError) as err:
                    stale_snapshots = str(err).strip().splitlines()[0]
    except RunInProgress as err:
        fail(str(err), 3)
    except duckdb.Error as err:
        fail(f"cannot change {settings.warehouse}: {str(err).strip().splitlines()[0]}")
    if removed is None:
        fail(f"no document {document_id!r} in {settings.warehouse}")
    typer.echo(f"forgot document {document_id}: {removed} events removed")
    if stale_snapshots:
        fail(f"the snapshots of {today.isoformat()} still hold it: {stale_snapshots}")
    typer.echo(f"snapshots of {today.isoformat()} rewritten; the same text in the inbox is not loaded again")


@app.command(name="export")
def export(
    column_set: Annotated[str | None, typer.Option("--format", "-f", help="Column set: acled")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write: FILE.csv or FILE.parquet")
    ] = None,
    file_format: Annotated[
        str | None, typer.Option("--file-format", help="csv | parquet (default: from the --output extension)")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this date (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, typer.Option(help="Only this country: ISO3 code or name")] = None,
    unit: Annotated[
        str | None,
        typer.Option(help="happenings | events: one row per happening or per report (default: happenings)"),
    ] = None,
    warehouse: WarehouseOption = None,
    wait: Annotated[
        float, typer.Option(help="Seconds to wait for a running load before reading snapshots")
    ] = 10.0,
) -> None:
    """Write the warehouse in ACLED's columns, one row per happening (or per event), as CSV or Parquet,
    so that tools written for ACLED exports read it unchanged. The file is replaced whole, never half-written.

    Example: sitrep export --format acled --output ukraine.csv --country UKR --since 2024-06-01
    """
    import duckdb

    from sitrep.export.acled import PARQUET_SCHEMA, ExportError, Selection, acled_frame, has_happenings
    from sitrep.export.files import ExportFileError, write_atomic
    from sitrep.export.options import OptionError, export_request
    from sitrep.query import QueryError, first_line, open_reader

    try:
        request = export_request(column_set, output, file_format, since, until, country, unit)
    except OptionError as err:
        fail(str(err), 2)
    settings = _settings(warehouse, None)
    con = None
    try:
        con, note = open_reader(settings, wait)
        if note:
            typer.echo(f"sitrep: {note}", err=True)
        happenings = has_happenings(con)
        if unit == "happenings" and happenings is None:
            fail(
                "this warehouse has no happenings (it predates them): `sitrep run` upgrades it; or --unit events",
                2,
            )
        chosen = unit or ("happenings" if happenings else "events")
        typer.echo(f"sitrep: exporting {chosen} from {settings.warehouse} ...", err=True)
        frame, left_out = acled_frame(con, Selection(chosen, request.since, request.until, request.country))
    except (QueryError, ExportError) as err:
        fail(str(err))
    except duckdb.Error as err:
        fail(f"cannot read {settings.warehouse}: {first_line(err)}")
    finally:
        if con is not None:
            con.close()
    try:
        write_atomic(frame, request.output, request.file_format, PARQUET_SCHEMA)
    except ExportFileError as err:
        fail(str(err))
    skipped = sum(left_out.values())
    reasons = ", ".join(f"{n} {reason}" for reason, n in left_out.most_common())
    typer.echo(
        f"sitrep: wrote {len(frame)} rows to {output} (one per {chosen[:-1]}"
        + (f"; {skipped} left out: {reasons})" if skipped else ")"),
        err=True,
    )


def _send_prefect_logs() -> None:
    """Send the flow's queued log records while Prefect's temporary API server still runs. At exit the
    server stops first, and logging's final flush then waits out the log worker's 5 s timeout."""
    handlers = sys.modules.get("prefect.logging.handlers")  # only a command that ran a flow loaded it
    if handlers is not None:
        handlers.APILogWorker.drain_all(timeout=5)


def query_arguments_as_text(argv: list[str]) -> list[str]:
    """`sitrep sql "$(cat query.sql)"`: a query that starts with a `--` comment would be read as an
    option. An argument of `sql` that starts with '-' and holds whitespace is no option name: a newline
    in front keeps it an argument, and the SQL means the same."""
    if "sql" not in argv[1:2]:
        return argv
    return argv[:2] + [f"\n{a}" if a.startswith("-") and any(c.isspace() for c in a) else a for a in argv[2:]]


def main() -> None:
    code = 0
    sys.argv = query_arguments_as_text(sys.argv)
    try:
        app(standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    if code == 130 and not _explained:  # Ctrl-C outside a query or flow: typer exits 130 silently
        typer.echo("sitrep: interrupted", err=True)
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
