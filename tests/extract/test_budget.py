"""A document's time budget: past it the extractor stops with DocumentTimeout, and the extract task
turns that into a quarantine row with reason "timeout" while the other documents of the batch load."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sitrep.config import DEFAULT_DOC_SECONDS, SettingsError, doc_seconds_from_env, settings_from_env
from sitrep.extract.batch import extract_documents
from sitrep.extract.budget import DocumentTimeout
from sitrep.extract.run import extract_document
from sitrep.ingest.documents import build_document

ANCHOR = datetime(2024, 6, 5, 12, tzinfo=UTC)
SHORT = "Russian forces shelled Nikopol on Monday, killing 3 civilians, the governor said.\n"
# 20,000 sentences: seconds of work, far over the budgets below on any machine
LONG = "Russian drones struck Kharkiv on Monday, killing 2 people. " * 20_000 + "\n"


def document(doc_id: str, text: str):
    return build_document(doc_id, text, ANCHOR, source=f"inbox/{doc_id}.txt")


def test_a_document_over_its_budget_raises_document_timeout():
    with pytest.raises(DocumentTimeout) as caught:
        extract_document(document("long", LONG), seconds=0.001)
    assert caught.value.document_id == "long"
    assert caught.value.seconds == 0.001


def test_a_budget_the_document_stays_within_changes_nothing():
    doc = document("short", SHORT)
    assert extract_document(doc, seconds=DEFAULT_DOC_SECONDS) == extract_document(doc)
    assert [e["fatalities"] for e in extract_document(doc, seconds=DEFAULT_DOC_SECONDS)] == [3]


def test_the_extract_task_quarantines_a_document_over_its_budget_and_keeps_the_others():
    short, long = document("short", SHORT), document("long", LONG)
    events, rejected = extract_documents([short, long], 0.2)  # the short one takes a few milliseconds
    assert {e["document_id"] for e in events} == {"short"}
    assert len(rejected) == 1
    row = rejected[0]
    assert (row.stage, row.source, row.reason, row.content_hash) == (
        "extract",
        "long",
        "timeout",
        long.content_hash,
    )
    assert row.detail.startswith(
        "inbox/long.txt: extraction took longer than the budget of 0.2 s per document"
    )
    assert "SITREP_DOC_SECONDS" in row.detail


def test_the_budget_comes_from_SITREP_DOC_SECONDS(monkeypatch):
    monkeypatch.delenv("SITREP_DOC_SECONDS", raising=False)
    assert settings_from_env().doc_seconds == DEFAULT_DOC_SECONDS == 30
    monkeypatch.setenv("SITREP_DOC_SECONDS", "2.5")
    assert settings_from_env().doc_seconds == 2.5
    assert doc_seconds_from_env() == 2.5


@pytest.mark.parametrize("value", ["abc", "0", "-3", "nan"])
def test_a_budget_that_is_not_a_positive_number_is_refused(monkeypatch, value):
    monkeypatch.setenv("SITREP_DOC_SECONDS", value)
    with pytest.raises(SettingsError, match=f"SITREP_DOC_SECONDS='{value}' is not a positive number"):
        settings_from_env()
