"""JSON-lines records {"id", "text", "published_at", "title", "source"} -> Documents, or rejections."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from sitrep.ingest.clean import replace_lone_surrogates
from sitrep.ingest.documents import build_document
from sitrep.ingest.timeparse import parse_published_at
from sitrep.model import Document, Rejection

# Clocks of sources and of this machine differ a little; more than this ahead is a wrong date.
_FUTURE_TOLERANCE = timedelta(days=1)


def documents_from_jsonl(lines: Iterable[str], origin: str = "-") -> Iterator[Document | Rejection]:
    """One Document per good record, one Rejection (stage ingest) per bad line, in input order.

    Every rejection's source is `origin:line`, so a skip message always says where to look. An id used
    by an earlier line is refused: two documents with one id would overwrite each other downstream.
    """
    now = datetime.now(UTC)
    first_line_of: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if number == 1:
            line = line.removeprefix("\ufeff")  # a UTF-8 byte-order mark, as some editors write
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except ValueError as err:  # JSONDecodeError, and integers longer than Python converts
            reason = err.msg if isinstance(err, json.JSONDecodeError) else str(err).split(";")[0]
            yield Rejection("ingest", where, "malformed_json", f"not valid JSON: {reason}")
            continue
        if not isinstance(record, dict):
            yield Rejection("ingest", where, "malformed_json", "not a JSON object")
            continue
        item = document_from_record(record, where, now)
        if isinstance(item, Document):
            if item.document_id in first_line_of:
                yield Rejection(
                    "ingest",
                    where,
                    "duplicate_id",
                    f"id {item.document_id!r} was already used on line {first_line_of[item.document_id]}",
                )
                continue
            first_line_of[item.document_id] = number
        yield item


def record_id(record: dict) -> str | None:
    """The record's id as text: a string or an integer (0 included); None when missing or unusable."""
    value = record.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return replace_lone_surrogates(str(value)).strip() or None


def document_from_record(record: dict, where: str, now: datetime | None = None) -> Document | Rejection:
    now = now or datetime.now(UTC)
    doc_id = record_id(record)
    text = record.get("text")
    if doc_id is None:
        if record.get("id") not in (None, ""):
            return Rejection("ingest", where, "missing_id", "the id must be a string or an integer")
        return Rejection("ingest", where, "missing_id", "the record has no id")
    if not isinstance(text, str) or not text.strip():
        return Rejection("ingest", where, "missing_text", f"record {doc_id!r} has no text (or it is empty)")
    published_at = None
    raw_date = record.get("published_at")
    if raw_date not in (None, ""):
        try:
            published_at = parse_published_at(str(raw_date))
        except ValueError as err:
            return Rejection("ingest", where, "bad_published_at", f"record {doc_id!r}: {err}")
        if published_at > now + _FUTURE_TOLERANCE:
            return Rejection(
                "ingest",
                where,
                "future_published_at",
                f"record {doc_id!r}: published_at {raw_date} is in the future",
            )
    return build_document(
        doc_id,
        text.replace("\r\n", "\n").replace("\x00", ""),
        published_at,
        title=replace_lone_surrogates(record["title"]) if isinstance(record.get("title"), str) else None,
        source=replace_lone_surrogates(record["source"]) if isinstance(record.get("source"), str) else None,
        fallback_time=None,
        date_source="record",
    )
