"""The extract task's batch (sitrep.extract.batch, what the Prefect task runs): a document the coder fails on
is quarantined with its file name and the batch goes on."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.extract.batch import extract_documents
from sitrep.ingest.documents import build_document
from sitrep.model import Document, Segment


def test_a_document_the_coder_fails_on_is_quarantined_by_file_name_and_the_batch_goes_on():
    good = build_document(
        "kharkiv",
        "Russian drones struck Kharkiv on Tuesday, killing two civilians.\n",
        datetime(2024, 6, 20, tzinfo=UTC),
        source="kharkiv.txt",
    )
    # A malformed document (a passage but no text at all) makes the real extractor raise.
    broken = Document("broken", None, None, source="inbox/broken.txt", segments=[Segment(0, 0, 10, None)])  # type: ignore[arg-type]
    events, rejected = extract_documents([broken, good], doc_seconds=30)
    assert {event["document_id"] for event in events} == {"kharkiv"}
    (rejection,) = rejected
    assert (rejection.stage, rejection.source, rejection.reason) == ("extract", "broken", "extractor_error")
    assert rejection.detail.startswith("inbox/broken.txt: the event coder failed on this text (")
    assert rejection.detail.endswith("); the run went on without it")
