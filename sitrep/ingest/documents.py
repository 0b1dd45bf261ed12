"""Text + metadata -> Document: dates, page furniture left out, live blogs split into timed entries."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sitrep.ingest.clean import Paragraph, furniture_kinds, normalise_characters, paragraphs
from sitrep.ingest.segment import EntryStart, entry_time, find_entries
from sitrep.ingest.timeparse import find_dateline
from sitrep.model import Document, Segment

_DATELINE_WINDOW = 400  # a dateline stands at the top of a page


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def build_document(
    document_id: str,
    text: str,
    published_at: datetime | None = None,
    *,
    title: str | None = None,
    source: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    fallback_time: datetime | None = None,
    date_source: str = "metadata",
    language: str | None = None,
) -> Document:
    """Build a Document. Without published_at, a dateline at the top of the text is used, else
    fallback_time (the file's modification time); either way the date is recorded as inferred.
    date_source says where a given published_at came from (sources.toml, page metadata, a record)."""
    digest = content_hash(text)  # of the decoded text, so the inbox can skip unchanged files before this work
    text = normalise_characters(text)
    inferred = published_at is None
    if published_at is None:
        published_at = find_dateline(text[:_DATELINE_WINDOW], reference=fallback_time)
        date_source = "dateline" if published_at else "file_time"
        if published_at is None:
            published_at = fallback_time
    return Document(
        document_id=document_id,
        text=text,
        published_at=published_at,
        date_inferred=inferred,
        date_source=date_source,
        title=title,
        source=source,
        publisher=publisher,
        url=url,
        language=language,
        content_hash=digest,
        segments=segments_of(text, published_at),
    )


def segments_of(text: str, published_at: datetime | None) -> list[Segment]:
    """Runs of consecutive prose paragraphs, within one live-blog entry (or the whole text)."""
    paras = paragraphs(text)
    entry_at = {entry.paragraph_index: entry for entry in find_entries(paras)}
    # Each paragraph with the entry it opens; an entry's paragraph keeps only the text after its marker.
    bodies: list[tuple[Paragraph | None, EntryStart | None]] = []
    for index, paragraph in enumerate(paras):
        entry = entry_at.get(index)
        bodies.append((_after_marker(text, paragraph, entry) if entry else paragraph, entry))
    kinds = iter(furniture_kinds([p.text for p, _ in bodies if p is not None]))
    segments: list[Segment] = []
    current: EntryStart | None = None
    entry_number = 0
    run: list[Paragraph] = []

    def close_run() -> None:
        if run:
            segments.append(
                Segment(
                    index=len(segments),
                    start=run[0].start,
                    end=run[-1].end,
                    anchor_time=entry_time(current, published_at) if current else published_at,
                    heading=current.heading if current else None,
                    entry=entry_number,
                )
            )
            run.clear()

    for paragraph, entry in bodies:
        if entry is not None:
            close_run()
            current = entry
            entry_number += 1
        if paragraph is None:
            continue
        if next(kinds):
            close_run()
            continue
        run.append(paragraph)
    close_run()
    return segments


def _after_marker(text: str, paragraph: Paragraph, entry: EntryStart) -> Paragraph | None:
    """The entry's own text in the paragraph that opens it (None when the marker stands alone)."""
    rest = paragraph.text[entry.content_offset :]
    if not rest.strip():
        return None
    start = paragraph.start + entry.content_offset + len(rest) - len(rest.lstrip())
    return Paragraph(start, paragraph.end, text[start : paragraph.end])
