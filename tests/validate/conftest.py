"""One real Great Expectations run over small hand-made frames, shared by the tests of this folder
(GX takes seconds to start): two documents, one of them with nothing left to read, and three events,
one with a negative death toll and one with more missiles downed than launched."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.ingest.documents import build_document
from sitrep.model import Document
from tests.helpers import drone_strike_event

PUBLISHED = datetime(2024, 6, 20, tzinfo=UTC)


def documents() -> list[Document]:
    good = build_document("kharkiv", "Drones struck Kharkiv, killing two.\n", PUBLISHED, source="kharkiv.txt")
    hollow = build_document("hollow", "Photo: AP\n", PUBLISHED, source="news/hollow.html")
    hollow.segments = []  # only page furniture: nothing the coder can read
    return [good, hollow]


def events() -> list[dict]:
    return [
        drone_strike_event("e-good", "kharkiv"),
        drone_strike_event("e-negative", "kharkiv", fatalities=-3, evidence_start=40, evidence_end=80),
        drone_strike_event("e-downed", "kharkiv", quantity=5, intercepted=9, weapon="missile"),
    ]


@pytest.fixture(scope="session")
def checked(tmp_path_factory: pytest.TempPathFactory):
    """(outcomes by suite, reports folder) of one run_checks over documents() and events()."""
    from sitrep.validate.checks import run_checks
    from sitrep.validate.frames import documents_for_checks, events_for_checks

    reports: Path = tmp_path_factory.mktemp("reports")
    docs = documents()
    outcomes = run_checks(
        {"documents": documents_for_checks(docs), "events": events_for_checks(events(), docs)},
        {"documents": "document_id", "events": "event_id"},
        reports,
        "run-test",
    )
    return outcomes, reports
