"""Live blogs: split into timed entries ("UPDATE 1445 GMT:", "ORIGINAL ENTRY:") with their anchor times."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sitrep.config import DATA_DIR
from sitrep.ingest.clean import Paragraph
from sitrep.ingest.timeparse import zone


@dataclass(frozen=True)
class EntryStart:
    paragraph_index: int
    content_offset: int  # where the entry's own text starts in the paragraph (after the marker)
    heading: str
    hour: int | None
    minute: int | None
    zone_name: str | None


@lru_cache(maxsize=1)
def entry_markers() -> list[re.Pattern[str]]:
    with (DATA_DIR / "ingest" / "entry_markers.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [re.compile(row["pattern"], re.IGNORECASE) for row in rows]


def find_entries(paragraphs: list[Paragraph]) -> list[EntryStart]:
    starts = []
    for index, paragraph in enumerate(paragraphs):
        for pattern in entry_markers():
            match = pattern.match(paragraph.text)
            if match:
                parts = match.groupdict()
                starts.append(
                    EntryStart(
                        paragraph_index=index,
                        content_offset=match.end(),
                        heading=match.group().strip(),
                        hour=int(parts["hour"]) if parts.get("hour") else None,
                        minute=int(parts["minute"]) if parts.get("minute") else None,
                        zone_name=parts.get("zone"),
                    )
                )
                break
    return starts


def entry_time(entry: EntryStart, published_at: datetime | None) -> datetime | None:
    """The entry's time on the blog's day; entries without a time anchor to the publication time."""
    if published_at is None or entry.hour is None:
        return published_at
    tz = zone(entry.zone_name) or published_at.tzinfo
    day = published_at.astimezone(tz).date()
    return datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(
        hours=entry.hour, minutes=entry.minute or 0
    )
