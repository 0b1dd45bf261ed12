"""Datelines and zone abbreviations: the few date formats a news page states its own time in."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

from sitrep.config import DATA_DIR


def _month_names() -> dict[str, int]:
    with (DATA_DIR / "ingest" / "months.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["name"]: int(row["month"]) for row in rows}


_MONTHS = _month_names()  # "sept" -> 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:,?\s+(?:at\s+)?(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?:\s*(?P<zone>[A-Z]{2,4}))?)?"
_DATELINES = [
    re.compile(r"\b(?P<day>[0-3]?\d)\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b" + _TIME, re.IGNORECASE),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d),?\s+(?P<year>(?:19|20)\d\d)\b" + _TIME, re.IGNORECASE),
    re.compile(
        r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?:[T ](?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?"
    ),
]


@lru_cache(maxsize=1)
def zone_offsets() -> dict[str, int]:
    with (DATA_DIR / "ingest" / "timezones.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["zone"]: int(row["offset_minutes"]) for row in rows}


def zone(abbreviation: str | None) -> timezone | None:
    if not abbreviation:
        return None
    minutes = zone_offsets().get(abbreviation.upper())
    return None if minutes is None else timezone(timedelta(minutes=minutes))


RULE_DATELINE_YEAR = "date.dateline_year"  # "PORT SUDAN, Oct 12 (Reuters) -": the year closest before
# A wire dateline without a year at the top of a text: "PORT SUDAN, Oct 12 (Reuters) -", "GOMA, Congo, Feb 3 -".
_YEARLESS = re.compile(
    r"^\s*[A-Z][A-Z .'\-]+,(?:\s+[A-Za-z .'\-]{2,40},)?\s+(?i:"
    + _MONTH
    + r")\s+(?P<day>[0-3]?\d)\b(?!,?\s+\d{4})"
)


def yearless_dateline(text: str, reference: datetime) -> datetime | None:
    """The day of a dateline that states no year, in the year that puts it closest before `reference`
    (the document's other time, such as the file's): "Dec 30" seen on 2 January is last year's."""
    match = _YEARLESS.match(text)
    if not match:
        return None
    month, day = _MONTHS[match.group("month").lower()], int(match.group("day"))
    for year in (reference.year, reference.year - 1):
        try:
            found = datetime(year, month, day, tzinfo=reference.tzinfo or UTC)
        except ValueError:
            continue
        if found <= reference + timedelta(days=1):
            return found
    return None


def find_dateline(text: str, reference: datetime | None = None) -> datetime | None:
    """The first date (with time if stated) in a stretch of text, as an aware datetime (UTC if no zone).
    With a `reference` time, a dateline without a year counts too (yearless_dateline)."""
    if reference is not None:
        found = yearless_dateline(text, reference)
        if found is not None:
            return found
    best: tuple[int, datetime] | None = None
    for pattern in _DATELINES:
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mon"]) if parts.get("mon") else _MONTHS[parts["month"].lower()]
        try:
            found = datetime(
                int(parts["year"]),
                month,
                int(parts["day"]),
                int(parts.get("hour") or 0),
                int(parts.get("minute") or 0),
                tzinfo=zone(parts.get("zone")) or UTC,
            )
        except ValueError:
            continue
        if best is None or match.start() < best[0]:
            best = (match.start(), found)
    return best[1] if best else None


def parse_published_at(value: str) -> datetime:
    """A record's published_at: ISO date or date-time; a zone-less value is taken as UTC.

    Raises ValueError with a readable message when the value is not a date.
    """
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        found = find_dateline(text)
        if found is None:
            raise ValueError(
                f"published_at {value!r} is not a date (expected e.g. 2024-06-20T14:45:00+00:00)"
            ) from None
        return found
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
