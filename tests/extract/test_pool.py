"""The extract stage on worker processes (sitrep.extract.pool): the same events in the same order as one
process, the same quarantine rows for a document the coder fails on or that runs out of time, and small
runs kept in process. Real extractor, real worker processes (spawn)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

from bench.corpus import generate
from sitrep.config import SettingsError, default_workers, settings_from_env
from sitrep.extract.batch import extract_documents
from sitrep.extract.pool import extract_all, pool_batches, workers_for
from sitrep.ingest.documents import build_document
from sitrep.model import Document, Segment


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Document]:
    folder = tmp_path_factory.mktemp("generated")
    published = datetime(2024, 6, 20, tzinfo=UTC)
    return [
        build_document(path.stem, path.read_text(encoding="utf-8"), published, source=path.name)
        for path in generate(folder, 40, seed=11)
    ]


def broken_document() -> Document:
    # A passage but no text at all: the real extractor raises on it (as in tests/extract/test_batch.py).
    return Document("broken", None, None, source="inbox/broken.txt", segments=[Segment(0, 0, 10, None)])  # type: ignore[arg-type]


def test_two_workers_give_the_events_of_one_process_in_the_same_order(documents):
    expected, _ = extract_documents(documents, 30)
    batches_seen = []

    pooled = extract_all(
        documents, 30, batch_size=200, workers=2, pool_from=0, on_batch=lambda *a: batches_seen.append(a)
    )

    assert pooled.workers == 2
    assert len(expected) > 40
    assert pooled.events == expected  # every field, in order
    assert pooled.rejected == []
    # 40 documents on 2 workers: batches of 5 (four a worker at least), reported in order
    assert [done for done, _, _ in batches_seen] == list(range(1, 9))
    assert batches_seen[-1] == (8, 8, len(expected))
    assert pooled.worker_cpu_seconds > 0  # the workers' own CPU, start-up included


def test_a_document_the_coder_fails_on_in_a_worker_is_quarantined_as_in_process(documents):
    inputs = [documents[0], broken_document(), documents[1]]
    expected_events, expected_rejected = extract_documents(inputs, 30)

    pooled = extract_all(inputs, 30, batch_size=200, workers=2, pool_from=0)

    assert pooled.workers == 2
    assert pooled.events == expected_events
    assert pooled.rejected == expected_rejected
    (rejection,) = pooled.rejected
    assert (rejection.stage, rejection.source, rejection.reason) == ("extract", "broken", "extractor_error")
    assert rejection.detail.startswith("inbox/broken.txt: the event coder failed on this text (")


def test_a_document_over_its_budget_in_a_worker_is_quarantined_for_timeout(documents):
    # a budget no document can meet: every one is left out, with the same rows as in process
    inputs = documents[:4]
    _, expected = extract_documents(inputs, 1e-9)

    pooled = extract_all(inputs, 1e-9, batch_size=200, workers=2, pool_from=0)

    assert pooled.events == []
    assert pooled.rejected == expected
    assert [r.reason for r in pooled.rejected] == ["timeout"] * 4
    assert [r.source for r in pooled.rejected] == [d.document_id for d in inputs]


def test_a_small_run_stays_in_process(documents):
    assert workers_for(5, workers=2, pool_from=300) == 1
    assert workers_for(300, workers=2, pool_from=300) == 2
    assert workers_for(1000, workers=1, pool_from=300) == 1
    assert workers_for(3, workers=8, pool_from=0) == 3  # never more workers than documents

    result = extract_all(documents[:5], 30, batch_size=2, workers=2, pool_from=300)

    assert (result.workers, result.worker_cpu_seconds, result.batches) == (1, 0.0, 3)
    assert result.events == extract_documents(documents[:5], 30)[0]


def test_pool_batches_keep_the_order_and_give_each_worker_four_at_least(documents):
    batches = pool_batches(documents, batch_size=200, workers=2)
    assert len(batches) == 8
    assert [d for batch in batches for d in batch] == documents
    assert max(map(len, pool_batches(documents, batch_size=3, workers=2))) == 3  # batch_size still caps


def test_the_worker_count_comes_from_SITREP_WORKERS_unless_given(monkeypatch):
    monkeypatch.delenv("SITREP_WORKERS", raising=False)
    assert settings_from_env().workers == default_workers() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("SITREP_WORKERS", "1")
    assert settings_from_env().workers == 1
    assert settings_from_env(workers=3).workers == 3  # `sitrep run --workers 3` wins
    monkeypatch.setenv("SITREP_WORKERS", "none")
    with pytest.raises(SettingsError, match="SITREP_WORKERS='none' is not a positive whole number"):
        settings_from_env()


class DiesInTheWorker(Document):
    """A document whose unpickling ends the worker process that receives it (as the kernel's OOM killer
    would); in this process it is an ordinary document."""

    def __reduce__(self):
        return (os._exit, (3,))


def test_when_a_worker_dies_the_batches_not_received_are_extracted_in_process(documents, caplog):
    first = documents[0]
    fatal = DiesInTheWorker(
        first.document_id, first.text, first.published_at, source=first.source, segments=first.segments
    )
    inputs = [fatal, *documents[1:8]]
    expected, _ = extract_documents(inputs, 30)

    result = extract_all(inputs, 30, batch_size=200, workers=2, pool_from=0)

    assert result.events == expected
    assert result.workers == 1  # no worker finished a batch
    assert "the worker pool broke" in caplog.text
