"""The options of `sitrep export`, checked before anything is read: one clear sentence per mistake."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sitrep.export.acled import UNITS
from sitrep.export.acled_codes import country_code
from sitrep.export.files import ExportFileError, check_writable, file_format

COLUMN_SETS = ("acled",)


class OptionError(Exception):
    """A wrong or missing option, in one sentence."""


@dataclass(frozen=True)
class Request:
    output: Path
    file_format: str  # csv | parquet
    unit: str | None  # happenings | events; None: happenings when the warehouse has them
    since: date | None
    until: date | None
    country: str | None  # ISO3


def _day(option: str, value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value is not None else None
    except ValueError:
        raise OptionError(f"--{option} {value!r} is not a date (YYYY-MM-DD)") from None


def export_request(
    column_set: str | None,
    output: Path | None,
    output_format: str | None = None,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    unit: str | None = None,
) -> Request:
    if column_set is None:
        raise OptionError("give the column set: --format acled")
    if column_set.lower() not in COLUMN_SETS:
        raise OptionError(f"unknown format {column_set!r}: choose {', '.join(COLUMN_SETS)}")
    if output is None:
        raise OptionError("give the file to write: --output FILE.csv or FILE.parquet")
    if unit is not None and unit not in UNITS:
        raise OptionError(f"unknown unit {unit!r}: choose happenings or events")
    try:
        fmt = file_format(output, output_format)
        check_writable(output)
    except ExportFileError as err:
        raise OptionError(str(err)) from None
    first, last = _day("since", since), _day("until", until)
    if first and last and first > last:
        raise OptionError(f"--since {since} is after --until {until}")
    iso3 = None
    if country is not None:
        iso3 = country_code(country)
        if iso3 is None:
            raise OptionError(f"unknown country {country!r}: give an ISO3 code (UKR) or a name (Ukraine)")
    return Request(output, fmt, unit, first, last, iso3)
