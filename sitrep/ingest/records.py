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
    """One Document per good record, one Rejection (stage ingest) per bad line, in input order."""
    now = datetime.now(UTC)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Rejection("ingest", where, "malformed_json", f"line {number} is not JSON: {err.msg}")
            continue
        if not isinstance(record, dict):
            yield Rejection("ingest", where, "malformed_json", f"line {number} is not a JSON object")
            continue
        yield document_from_record(record, where, now)


def document_from_record(record: dict, where: str, now: datetime | None = None) -> Document | Rejection:
    now = now or datetime.now(UTC)
    doc_id = replace_lone_surrogates(str(record.get("id") or "")).strip()
    source = doc_id or where
    text = record.get("text")
    if not doc_id:
        return Rejection("ingest", source, "missing_id", "the record has no id")
    if not isinstance(text, str) or not text.strip():
        return Rejection("ingest", source, "missing_text", "the record has no text (or it is empty)")
    published_at = None
    raw_date = record.get("published_at")
    if raw_date not in (None, ""):
        try:
            published_at = parse_published_at(str(raw_date))
        except ValueError as err:
            return Rejection("ingest", source, "bad_published_at", str(err))
        if published_at > now + _FUTURE_TOLERANCE:
            return Rejection(
                "ingest", source, "future_published_at", f"published_at {raw_date} is in the future"
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
