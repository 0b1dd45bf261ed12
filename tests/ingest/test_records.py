"""JSON-lines records: good ones become Documents with a parsed published_at, bad ones a Rejection saying why."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from sitrep.ingest.records import document_from_record, documents_from_jsonl
from sitrep.ingest.timeparse import parse_published_at
from sitrep.model import Document, Rejection

TEXT = "Drones struck the river port overnight, the governor said.\n"


def line(**record) -> str:
    return json.dumps(record)


def test_bad_lines_are_rejected_with_their_reason_and_good_ones_kept_in_order():
    lines = [
        line(id="ok1", text=TEXT, published_at="2024-06-20"),
        "{not json",
        "[1, 2, 3]",
        line(id="no-text"),
        line(id="blank-text", text="   \n"),
        line(text=TEXT),
        line(id="bad-date", text=TEXT, published_at="someday soon"),
        line(id="future", text=TEXT, published_at="2999-01-01T00:00:00Z"),
        "",
        line(id="ok2", text=TEXT),
    ]
    items = list(documents_from_jsonl(lines, origin="news.jsonl"))
    summary = [(i.source, i.reason) if isinstance(i, Rejection) else ("doc", i.document_id) for i in items]
    assert summary == [
        ("doc", "ok1"),
        ("news.jsonl:2", "malformed_json"),
        ("news.jsonl:3", "malformed_json"),
        ("news.jsonl:4", "missing_text"),
        ("news.jsonl:5", "missing_text"),
        ("news.jsonl:6", "missing_id"),
        ("news.jsonl:7", "bad_published_at"),
        ("news.jsonl:8", "future_published_at"),
        ("doc", "ok2"),
    ]
    assert all(i.stage == "ingest" and i.detail for i in items if isinstance(i, Rejection))


def test_unparsable_date_says_what_was_expected():
    rejection = document_from_record({"id": "x", "text": TEXT, "published_at": "next Tuesday"}, "f:1")
    assert isinstance(rejection, Rejection)
    assert "next Tuesday" in rejection.detail and "not a date" in rejection.detail


def test_a_date_slightly_ahead_is_tolerated_as_clock_skew():
    now = datetime(2024, 6, 20, 12, 0, tzinfo=UTC)
    ahead = (now + timedelta(hours=6)).isoformat()
    document = document_from_record({"id": "x", "text": TEXT, "published_at": ahead}, "f:1", now=now)
    assert isinstance(document, Document)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-20", datetime(2024, 6, 20, tzinfo=UTC)),
        ("2024-06-20T14:45:00+03:00", datetime(2024, 6, 20, 11, 45, tzinfo=UTC)),
        ("2024-06-20T14:45:00Z", datetime(2024, 6, 20, 14, 45, tzinfo=UTC)),
        ("2024-06-20 14:45", datetime(2024, 6, 20, 14, 45, tzinfo=UTC)),
        ("20 June 2024", datetime(2024, 6, 20, tzinfo=UTC)),
    ],
)
def test_good_record_becomes_a_document_with_published_at_parsed(value, expected):
    record = {"id": "r1", "text": TEXT, "published_at": value, "title": "Port", "source": "wire"}
    document = document_from_record(record, "f:1")
    assert isinstance(document, Document)
    assert document.published_at == expected and document.published_at.tzinfo is not None
    assert (document.document_id, document.title, document.source) == ("r1", "Port", "wire")
    assert (document.date_inferred, document.date_source) == (False, "record")
    assert document.segments and document.segments[0].anchor_time == expected


def test_zone_of_the_record_is_kept_not_converted():
    assert parse_published_at("2024-06-20T14:45:00+03:00").utcoffset() == timedelta(hours=3)


def test_record_without_date_has_no_publication_time_unless_its_text_has_a_dateline():
    plain = document_from_record({"id": "a", "text": TEXT}, "f:1")
    dated = document_from_record({"id": "b", "text": "3 May 2024\n\n" + TEXT}, "f:2")
    assert plain.published_at is None and plain.date_inferred is True
    assert dated.published_at == datetime(2024, 5, 3, tzinfo=UTC) and dated.date_source == "dateline"


def test_numeric_id_becomes_a_string_and_nul_bytes_and_crlf_are_cleaned():
    document = document_from_record({"id": 42, "text": "Talks\x00 resumed.\r\nNo statement.\r\n"}, "f:1")
    assert document.document_id == "42"
    assert document.text == "Talks resumed.\nNo statement.\n"


def test_non_string_text_is_missing_text():
    assert document_from_record({"id": "a", "text": ["a", "list"]}, "f:1").reason == "missing_text"


def _utf8_clean(value: object) -> bool:
    try:
        str(value).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    "line",
    [
        '{"id": "s1", "text": "Talks resumed \\ud800 in the capital."}',
        '{"id": "s\\udc00", "text": "Shelling resumed near the port."}',
    ],
)
def test_lone_surrogates_never_reach_a_document(line):
    (item,) = documents_from_jsonl([line])
    if isinstance(item, Rejection):
        assert item.reason == "encoding" and _utf8_clean(item.source)
    else:
        assert _utf8_clean(item.document_id) and _utf8_clean(item.text)
        assert len(item.text) == len(json.loads(line)["text"])  # one-for-one: offsets stay valid
