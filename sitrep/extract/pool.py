"""The extract stage on every core: the batches of a run go to a pool of worker processes, each loading
the lexicons and the gazetteer once, and come back in the order they were sent, so the events are the
same list, in the same order, as one process gives.

Workers are forked from a fork server ('forkserver'), not from this process: the flow runs Prefect's
threads, and a process forked while other threads hold locks can hang. The server is a fresh interpreter
that loads the extractor's tables once (sitrep/extract/warm.py, 1.4 s of CPU); the workers forked from it
start with them loaded, and a later run in the same process (`sitrep serve`) finds the server ready. A
run of fewer than `pool_from` documents stays in this process: starting the pool costs more than such a
run's extraction. Plain Python (no Prefect), so the tests call it as it is.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import multiprocessing.context
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from sitrep.model import Document, Rejection

log = logging.getLogger(__name__)

_SERVERS_COUNTED: set[int] = set()  # fork servers whose loading CPU a run has counted already


@dataclass
class Extracted:
    """What the extract stage hands on, with how it ran."""

    events: list[dict] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    workers: int = 1  # processes that extracted (1: this one)
    worker_cpu_seconds: float = 0.0  # CPU of the worker processes, start-up included (0 in process)
    batches: int = 0  # batches received so far


def workers_for(documents: int, workers: int, pool_from: int) -> int:
    """How many processes a run of `documents` gets: 1 (this process) below `pool_from` documents."""
    return 1 if workers <= 1 or documents < max(pool_from, 2) else min(workers, documents)


def pool_batches(documents: list[Document], batch_size: int, workers: int) -> list[list[Document]]:
    """Batches of at most `batch_size`, at least four per worker: the last batches then end close
    together instead of one worker finishing a long batch alone."""
    size = max(1, min(batch_size, math.ceil(len(documents) / (4 * workers))))
    return [documents[i : i + size] for i in range(0, len(documents), size)]


def extract_all(
    documents: list[Document],
    doc_seconds: float,
    batch_size: int,
    workers: int,
    pool_from: int,
    on_batch: Callable[[int, int, int], None] | None = None,
) -> Extracted:
    """Events and quarantine rows of `documents`, on `workers` processes (see workers_for). on_batch
    is told (batches done, batches in all, events so far) after each batch, in order."""
    from sitrep.extract.batch import extract_documents

    count = workers_for(len(documents), workers, pool_from)
    result = Extracted(workers=count)
    if count == 1:
        batches = [documents[i : i + batch_size] for i in range(0, len(documents), batch_size)]
        results: Iterator = (extract_documents(batch, doc_seconds) for batch in batches)
        _collect(result, results, len(batches), on_batch)
        return result
    batches = pool_batches(documents, batch_size, count)
    worker_cpu: dict[int, float] = {}
    try:
        with ProcessPoolExecutor(count, _start_method(), initializer=warm_up) as pool:
            answers = pool.map(_worker_batch, batches, [doc_seconds] * len(batches))
            _collect(result, (_note_cpu(answer, worker_cpu) for answer in answers), len(batches), on_batch)
    except BrokenProcessPool as err:
        # A worker died (killed for memory, or it could not start: spawn re-imports the main script,
        # which a `python -` session does not have). The batches not received are extracted here.
        done = result.batches
        result.workers = result.workers if done else 1  # no worker finished a batch
        log.warning(
            "extract: the worker pool broke (%s); %d batches left run in process", err, len(batches) - done
        )
        answers = (extract_documents(batch, doc_seconds) for batch in batches[done:])
        _collect(result, answers, len(batches), on_batch, start=done + 1)
    result.worker_cpu_seconds = round(sum(worker_cpu.values()), 3)
    return result


def _collect(result: Extracted, answers: Iterator, total: int, on_batch, start: int = 1) -> None:
    for done, (events, rejected) in enumerate(answers, start=start):
        result.events.extend(events)
        result.rejected.extend(rejected)
        result.batches = done
        if on_batch is not None:
            on_batch(done, total, len(result.events))


def _start_method() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")  # no fork server on this system: each worker loads
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sitrep.extract.warm"])  # read when the server starts (once)
    return context


def _note_cpu(answer: tuple, worker_cpu: dict[int, float]) -> tuple[list[dict], list[Rejection]]:
    events, rejected, pid, cpu_so_far, server, server_cpu = answer
    worker_cpu[pid] = max(worker_cpu.get(pid, 0.0), cpu_so_far)
    if server_cpu and server not in _SERVERS_COUNTED:
        _SERVERS_COUNTED.add(server)
        worker_cpu[server] = server_cpu
    return events, rejected


def warm_up() -> None:
    """Worker initializer: the extractor's tables, loaded already when the fork server loaded them."""
    import sitrep.extract.warm  # noqa: F401 - importing it loads the tables


def _worker_batch(documents: list[Document], doc_seconds: float) -> tuple:
    """One batch in a worker: its events and quarantine rows (extract_documents quarantines a document
    the coder fails on, as in process), the worker's id and its CPU seconds so far, and the fork server's
    id and the CPU it spent loading the tables (0 when this worker loaded them itself: its own clock
    has them). Worker CPU is not the parent's, so the stage adds it from here."""
    from sitrep.extract import warm
    from sitrep.extract.batch import extract_documents

    events, rejected = extract_documents(documents, doc_seconds)
    server_cpu = warm.LOAD_CPU_SECONDS if warm.LOADED_IN != os.getpid() else 0.0
    return events, rejected, os.getpid(), time.process_time(), os.getppid(), server_cpu
