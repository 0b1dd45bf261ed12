"""Prefect tasks: thin wrappers around the stages' pure functions, with the I/O they need.

Inputs are large (documents, events), so input-hash caching is off; results stay in memory.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from sitrep.config import Settings
from sitrep.ingest.inbox import IngestResult, RejectedBefore, ingest_inbox
from sitrep.load import snapshots, warehouse
from sitrep.model import Document, Rejection
from sitrep.stage_hooks import stage_boundary
from sitrep.stage_times import StageTime, timed
from sitrep.validate.checks import CheckOutcome, run_checks
from sitrep.validate.frames import documents_for_checks, events_for_checks


@task(name="begin-run", cache_policy=NO_CACHE, persist_result=False)
def begin_run(
    settings: Settings, run_id: str
) -> tuple[dict[str, str], RejectedBefore, dict[str, frozenset[int]]]:
    """Schema, stale-run cleanup and run registration; returns the content hashes already loaded,
    what earlier runs refused and the loaded texts' shingles (to find near-copies)."""
    with warehouse.connect(settings.warehouse) as con:
        warehouse.ensure_schema(con)
        warehouse.abandon_stale_runs(con)
        warehouse.start_run(con, run_id)
        known = warehouse.known_hashes(con)
        files, contents = warehouse.rejected_before(con)
        signatures = warehouse.known_shingles(con)
    snapshots.remove_stale_temporaries(settings.snapshots_dir)
    return known, RejectedBefore(frozenset(files), frozenset(contents)), signatures


@task(name="ingest", cache_policy=NO_CACHE, persist_result=False)
def ingest(
    settings: Settings,
    known: dict[str, str],
    rejected_before: RejectedBefore,
    signatures: dict[str, frozenset[int]] | None = None,
) -> IngestResult:
    return ingest_inbox(settings.inbox, known, settings.max_bytes, rejected_before, signatures)


@task(name="extract-batch", cache_policy=NO_CACHE, persist_result=False, retries=0)
def extract_batch(documents: list[Document], doc_seconds: float) -> tuple[list[dict], list[Rejection]]:
    """Events of a batch of documents. A document the extractor fails on, or that takes longer than
    `doc_seconds`, is quarantined (reason "timeout"), not fatal."""
    from sitrep.extract.batch import extract_documents  # here: only a run that extracts imports the extractor

    return extract_documents(documents, doc_seconds)


@task(name="extract", cache_policy=NO_CACHE, persist_result=False, retries=0)
def extract(documents: list[Document], settings: Settings, on_batch=None):
    """Events of all new documents, batch by batch on `settings.workers` processes (sitrep.extract.pool;
    a small run stays in this process). A document the extractor fails on, or that takes longer than
    `doc_seconds`, is quarantined (reason "timeout"), not fatal."""
    from sitrep.extract.pool import extract_all

    return extract_all(
        documents, settings.doc_seconds, settings.batch_size, settings.workers, settings.pool_from, on_batch
    )


@task(name="validate", cache_policy=NO_CACHE, persist_result=False)
def validate(
    documents: list[Document], events: list[dict], reports_dir: Path, run_id: str
) -> dict[str, CheckOutcome]:
    outcome = run_checks(
        {"documents": documents_for_checks(documents), "events": events_for_checks(events, documents)},
        {"documents": "document_id", "events": "event_id"},
        reports_dir,
        run_id,
    )
    # A refused document keeps its content hash: later runs skip the same text (see rejected_before).
    hashes = {d.document_id: d.content_hash for d in documents}
    refused = outcome["documents"]
    refused.rejections = [replace(r, content_hash=hashes.get(r.source, "")) for r in refused.rejections]
    return outcome


def no_checks(run_id: str) -> dict[str, CheckOutcome]:
    """A run with nothing new: every expectation holds on zero rows (recorded without starting GX)."""
    import pandas as pd

    from sitrep.validate.suites import expectation_label, suite_spec
    from sitrep.validate.wording import rule_sentence

    checked_at = datetime.now(UTC)
    outcomes = {}
    for name in ("documents", "events"):
        rows = [
            {
                "run_id": run_id,
                "suite": name,
                "expectation": expectation_label(e["type"], e["kwargs"]),
                "column_name": e["kwargs"].get("column") or e["kwargs"].get("column_A"),
                "success": True,
                "element_count": 0,
                "unexpected_count": 0,
                "detail": f"{rule_sentence(name, e['type'], e['kwargs'])}. No new {name} to check",
                "checked_at": checked_at,
            }
            for e in suite_spec(name)["expectations"]
        ]
        outcomes[name] = CheckOutcome(pd.DataFrame({"event_id": [], "document_id": []}), [], rows)
    return outcomes


@task(name="load", cache_policy=NO_CACHE, persist_result=False)
def load(
    settings: Settings,
    run_id: str,
    documents: list[Document],
    events: list[dict],
    sources: list[tuple],
    rejections: list[Rejection],
    dq_rows: list[dict],
    counts: dict,
    shingles: dict[str, frozenset[int]] | None = None,
) -> tuple[int, StageTime]:
    """Everything of the run in one transaction: a crash before COMMIT leaves the last good state.
    Returns the fact rows written and the time the happenings took (a part of this task's)."""
    from sitrep.load.happenings import refresh_happenings

    with warehouse.connect(settings.warehouse) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            written, replaced = warehouse.load_rows(con, documents, events, sources, shingles)
            with timed("happenings") as clustering:
                clustering.items = refresh_happenings(con, replaced)
            warehouse.record_rejections(con, run_id, rejections)
            warehouse.record_checks(con, dq_rows)
            counts["events_loaded"] = written
            # 'loaded' until the snapshots are written; a run killed in between is marked abandoned
            # by the next run, which rewrites the snapshots from the committed data.
            warehouse.finish_run(con, run_id, "loaded", counts)
            stage_boundary("commit")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return written, clustering


@task(name="snapshot", cache_policy=NO_CACHE, persist_result=False)
def snapshot(
    settings: Settings, run_id: str, day: date, counts: dict, stages: list[StageTime] | None = None
) -> tuple[list[Path], list[Path]]:
    """Write the Parquet snapshots, mark the run succeeded with its stage times, then drop the history
    past the retention. Returns (files written, daily folders removed)."""
    with warehouse.connect(settings.warehouse) as con:
        with timed("snapshot") as snapshot_time:
            written = snapshots.write_snapshots(con, settings.snapshots_dir, day, run_id)
            snapshot_time.items = len(written)
        stage_boundary("finish")
        con.execute("BEGIN TRANSACTION")
        try:
            warehouse.record_stages(con, run_id, [*(stages or []), snapshot_time])
            warehouse.finish_run(con, run_id, "succeeded", counts)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    removed = snapshots.prune_snapshots(settings.snapshots_dir, day, settings.snapshot_days)
    return written, removed
