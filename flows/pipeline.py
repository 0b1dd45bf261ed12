"""The Prefect flow: wires the stages, holds no logic of its own."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote
from sitrep.flows import tasks

from sitrep.config import (
    DEFAULT_DOC_SECONDS,
    DEFAULT_POOL_FROM,
    DEFAULT_SNAPSHOT_DAYS,
    Settings,
    default_workers,
)
from sitrep.extract.pool import Extracted
from sitrep.ingest.inbox import RejectedBefore
from sitrep.load import warehouse as warehouse_db
from sitrep.load.lock import flow_lock
from sitrep.report import summary_markdown, write_latest
from sitrep.run_notes import document_notes, quarantine_notes
from sitrep.stage_hooks import stage_boundary
from sitrep.stage_times import StageTime, timed


def batches(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] if items else []


# Big payloads (documents, events) go into tasks wrapped in `quote`: otherwise Prefect walks every
# object of them looking for upstream futures, which cost more than the work itself (10,000 documents:
# ~20 s before validate, ~20 s before load). Extract is one task that sends the batches to a pool of
# worker processes (sitrep/extract/pool.py, SITREP_WORKERS): threads share one core under the GIL, and
# Prefect's ProcessPoolTaskRunner starts Prefect in every worker (a 10,000-document run did not finish in
# 10 minutes). One task instead of one per batch also spares the API server 50 task runs.
@flow(
    name="sitrep-run",
    log_prints=True,
    validate_parameters=False,
    task_runner=ThreadPoolTaskRunner(max_workers=1),
)
def sitrep_flow(
    warehouse: str,
    inbox: str,
    max_bytes: int,
    batch_size: int,
    snapshot_days: int = DEFAULT_SNAPSHOT_DAYS,
    doc_seconds: float = DEFAULT_DOC_SECONDS,
    workers: int | None = None,
    pool_from: int = DEFAULT_POOL_FROM,
) -> dict:
    """Inbox -> documents -> events -> checks -> DuckDB star schema -> Parquet snapshots.

    Parameters are primitives so that a served (scheduled) deployment can carry them.
    """
    settings = Settings(
        Path(warehouse),
        Path(inbox),
        max_bytes,
        batch_size,
        snapshot_days=snapshot_days,
        doc_seconds=doc_seconds,
        workers=workers or default_workers(),
        pool_from=pool_from,
    )
    log = get_run_logger()
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    with flow_lock(settings.lock_file):
        with timed("begin") as begin:
            known, rejected_before, signatures = tasks.begin_run(settings, run_id)
            begin.items = len(known)
        counts: dict = {}
        try:
            summary = _run_stages(settings, run_id, known, rejected_before, signatures, counts, log, [begin])
        except BaseException as err:
            _mark_failed(settings, run_id, counts, err)
            raise
    return summary


def _run_stages(
    settings: Settings,
    run_id: str,
    known: dict[str, str],
    rejected_before: RejectedBefore,
    signatures: dict[str, frozenset[int]],
    counts: dict,
    log,
    stages: list[StageTime],
) -> dict:
    stage_boundary("ingest")
    with timed("ingest") as ingest_time:
        ingested = tasks.ingest(settings, quote(known), quote(rejected_before), quote(signatures))
        ingest_time.items = len(ingested.documents)
    stages.append(ingest_time)
    # A file refused by an earlier run and unchanged since is unchanged, not refused again.
    unchanged = len(ingested.unchanged) + len(ingested.rejected_before)
    counts.update(
        documents_seen=len(ingested.documents) + unchanged + ingested.files_refused,
        documents_new=len(ingested.documents),
        documents_unchanged=unchanged,
    )
    log.info(
        "ingest: %d new or changed, %d unchanged (%d of them refused before), %d rejected, "
        "%d near-copies of other documents",
        len(ingested.documents),
        unchanged,
        len(ingested.rejected_before),
        len(ingested.rejected),
        sum(1 for s in ingested.sources if s.similarity is not None),
    )

    stage_boundary("extract")
    with timed("extract") as extract_time:
        if _on_threads():
            # nothing new (a no-op rerun): no task to start
            extracted = (
                tasks.extract(quote(ingested.documents), settings, _log_batch(log))
                if ingested.documents
                else Extracted(workers=1)
            )
            events, worker_cpu = extracted.events, extracted.worker_cpu_seconds
            rejections = list(ingested.rejected) + extracted.rejected
            extract_time.workers = extracted.workers
        else:
            events, rejections, worker_cpu = [], list(ingested.rejected), 0.0
            futures = [
                tasks.extract_batch.submit(batch, settings.doc_seconds)
                for batch in batches(ingested.documents, settings.batch_size)
            ]
            for done, future in enumerate(futures, start=1):
                batch_events, batch_rejected = future.result()
                events.extend(batch_events)
                rejections.extend(batch_rejected)
                _log_batch(log)(done, len(futures), len(events))
        extract_time.items = len(events)
    # worker processes' CPU is not this process's: the stage's CPU seconds include it
    extract_time.cpu_seconds = round(extract_time.cpu_seconds + worker_cpu, 3)
    stages.append(extract_time)
    # a document that ran out of time is not loaded: the next run reads it again
    not_loaded = {r.source for r in rejections if r.stage == "extract" and r.reason == "timeout"}
    counts["events_extracted"] = len(events)

    stage_boundary("validate")
    with timed("validate") as validate_time:
        if not ingested.documents:
            # Nothing new to check: skip Great Expectations (its start-up dominates a no-op rerun).
            log.info("validate: no new documents, nothing to check")
            outcome = tasks.no_checks(run_id)
        else:
            outcome = tasks.validate(quote(ingested.documents), quote(events), settings.reports_dir, run_id)
        validate_time.items = len(ingested.documents) + len(events) if ingested.documents else 0
    stages.append(validate_time)
    bad_documents = {r.source for r in outcome["documents"].rejections} | not_loaded
    documents = [d for d in ingested.documents if d.document_id not in bad_documents]
    passing_ids = set(outcome["events"].passed["event_id"])
    good_events = [
        e for e in events if e["event_id"] in passing_ids and e["document_id"] not in bad_documents
    ]
    rejections += outcome["documents"].rejections + outcome["events"].rejections
    dq_rows = outcome["documents"].results + outcome["events"].results
    counts.update(
        quarantined=len(rejections),
        checks_passed=sum(o.checks_passed for o in outcome.values()),
        checks_failed=sum(o.checks_failed for o in outcome.values()),
        report_path=str(settings.reports_dir / "index.html"),
    )
    log.info("validate: %d checks passed, %d failed", counts["checks_passed"], counts["checks_failed"])

    stage_boundary("load")
    sources = [
        (s.path, s.document_id, s.content_hash, s.similarity)
        for s in ingested.sources
        if s.document_id not in bad_documents
    ]
    with timed("load") as load_time:
        written_rows, clustering = tasks.load(
            settings,
            run_id,
            quote(documents),
            quote(good_events),
            quote(sources),
            quote(rejections),
            dq_rows,
            counts,
            quote(ingested.shingles),
        )
        load_time.items = written_rows
    stages += [load_time.without(clustering), clustering]
    log.info("load: %d events loaded from %d documents", counts["events_loaded"], len(documents))
    log.info("happenings: %d events clustered again", clustering.items)

    stage_boundary("snapshot")
    written, removed = tasks.snapshot(settings, run_id, datetime.now(UTC).date(), counts, stages)
    log.info(
        "snapshot: %d Parquet files written under %s (unchanged tables are not rewritten); "
        "%d daily folders older than %d days removed",
        len(written),
        settings.snapshots_dir,
        len(removed),
        settings.snapshot_days,
    )

    summary = {
        "run_id": run_id,
        "status": "succeeded",
        **counts,
        "data_docs": counts["report_path"],
        "extract_workers": extract_time.workers,
        **document_notes(documents, events),
        "quarantine": quarantine_notes(rejections),
    }
    markdown = summary_markdown(summary, dq_rows)
    summary["report"] = str(write_latest(settings.reports_dir, markdown))
    create_markdown_artifact(
        markdown=markdown, key="sitrep-run-summary", description="sitrep run: counts and checks"
    )
    return summary


def _on_threads() -> bool:
    """The flow runs on its own threads (the default): extract is one task over the process pool. On
    Dask each batch is a task the runner ships to its workers (plain, not quoted: Dask sends it)."""
    context = FlowRunContext.get()
    return context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)


def _log_batch(log):
    def note(done: int, total: int, events: int) -> None:
        log.info("extract: batch %d/%d done, %d events so far", done, total, events)

    return note


def _mark_failed(settings: Settings, run_id: str, counts: dict, err: BaseException) -> None:
    try:
        with warehouse_db.connect(settings.warehouse) as con:
            warehouse_db.finish_run(con, run_id, "failed", counts, f"{type(err).__name__}: {err}")
    except Exception:  # noqa: BLE001 - the original error matters more; the next run marks it abandoned
        pass


def run_pipeline(settings: Settings, dask_address: str | None = None, use_dask: bool = False) -> dict:
    """Run the flow once, on threads by default or on a Dask cluster (local when no address is given)."""
    runner_flow = sitrep_flow
    if use_dask or dask_address:
        from prefect_dask import DaskTaskRunner

        runner = (
            DaskTaskRunner(address=dask_address)
            if dask_address
            else DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True})
        )
        runner_flow = sitrep_flow.with_options(task_runner=runner)
    return runner_flow(**flow_parameters(settings))


def flow_parameters(settings: Settings) -> dict:
    return {
        "warehouse": str(settings.warehouse),
        "inbox": str(settings.inbox),
        "max_bytes": settings.max_bytes,
        "batch_size": settings.batch_size,
        "snapshot_days": settings.snapshot_days,
        "doc_seconds": settings.doc_seconds,
        "workers": settings.workers,
        "pool_from": settings.pool_from,
    }
