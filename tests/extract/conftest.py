"""Helpers for the extractor tests: build a Document from a hand-written text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sitrep.model import Document, Segment

ANCHOR = datetime(2024, 6, 20, 12, 0, tzinfo=UTC)  # a Thursday


def make_doc(text: str, anchor: datetime | None = ANCHOR, doc_id: str = "t1") -> Document:
    """One segment over the whole text (what ingest gives an article)."""
    return Document(doc_id, text, anchor, segments=[Segment(0, 0, len(text), anchor)])


def make_blog(entries: list[tuple[datetime, str]], doc_id: str = "blog") -> Document:
    """A live blog: one segment per entry, each with its own time and entry number."""
    text, segments = "", []
    for i, (when, body) in enumerate(entries):
        start = len(text)
        text += body + "\n\n"
        segments.append(Segment(i, start, start + len(body), when, entry=i + 1))
    return Document(doc_id, text, entries[0][0], segments=segments)


@pytest.fixture
def extract():
    from sitrep.extract.run import extract_document

    def run(text: str, anchor: datetime | None = ANCHOR) -> list[dict]:
        return extract_document(make_doc(text, anchor))

    return run
