"""build_document: the publication time comes from metadata, else the dateline, else the file's time."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

from sitrep.ingest.documents import build_document

FILE_TIME = datetime(2021, 2, 3, 4, 5, tzinfo=UTC)
WITH_DATELINE = (
    "Weekly Frontline Digest\n\n14 June 2024, 14:43\n\n"
    "A convoy was struck near the river crossing. Two trucks burned.\n"
)


def test_metadata_time_is_used_and_not_inferred():
    published = datetime(2024, 1, 9, 10, 0, tzinfo=UTC)
    document = build_document("d", WITH_DATELINE, published, fallback_time=FILE_TIME)
    assert (document.published_at, document.date_inferred, document.date_source) == (
        published,
        False,
        "metadata",
    )


def test_document_without_metadata_takes_its_dateline():
    document = build_document("d", WITH_DATELINE, None, fallback_time=FILE_TIME)
    assert document.published_at == datetime(2024, 6, 14, 14, 43, tzinfo=UTC)
    assert document.date_inferred is True
    assert document.date_source == "dateline"
    assert [document.segment_text(s) for s in document.segments] == [
        "A convoy was struck near the river crossing. Two trucks burned."
    ]
    assert document.segments[0].anchor_time == document.published_at


def test_dateline_with_zone_keeps_the_zone():
    document = build_document("d", "March 2, 2023 at 09:15 EET\n\nSirens sounded in the city.\n", None)
    assert document.published_at == datetime(2023, 3, 2, 9, 15, tzinfo=timezone(timedelta(hours=2)))


def test_document_without_metadata_or_dateline_takes_the_file_time():
    document = build_document(
        "d", "A convoy was struck near the river crossing.\n", None, fallback_time=FILE_TIME
    )
    assert (document.published_at, document.date_inferred, document.date_source) == (
        FILE_TIME,
        True,
        "file_time",
    )


def test_date_deep_in_the_text_is_not_a_dateline():
    text = "A convoy was struck near the river crossing. " * 20 + "It recalled the attack of 3 May 2019.\n"
    document = build_document("d", text, None, fallback_time=FILE_TIME)
    assert document.date_source == "file_time" and document.published_at == FILE_TIME


def test_content_hash_is_the_sha256_of_the_decoded_text_and_text_keeps_its_length():
    text = "Talks\u00a0resumed\u200b today. Both sides attended.\n"
    document = build_document("d", text, None)
    assert document.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert len(document.text) == len(text)
    assert document.text == "Talks resumed  today. Both sides attended.\n"


def test_metadata_fields_are_carried():
    document = build_document(
        "d",
        "Talks resumed today.\n",
        None,
        title="T",
        source="a.txt",
        publisher="P",
        url="https://example.org/a",
    )
    assert (document.title, document.source, document.publisher, document.url) == (
        "T",
        "a.txt",
        "P",
        "https://example.org/a",
    )


def test_one_megabyte_line_without_sentence_breaks_is_built():
    text = ("word " * 210_000)[:1_000_000] + "\n"
    document = build_document("huge", text, None, fallback_time=FILE_TIME)
    assert len(document.text) == len(text)
    # one paragraph with no sentence end reads as a heading: nothing to extract, but no hang either
    assert all(0 <= s.start < s.end <= len(text) for s in document.segments)
