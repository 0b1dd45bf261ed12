"""Uniform row output for the CLI: table, csv or json, streamed batch by batch."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import TextIO

FORMATS = ("table", "csv", "json")


def json_default(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def write_rows(
    columns: list[str],
    batches: Iterable[list[tuple]],
    fmt: str,
    out: TextIO | None = None,
    limit: int | None = None,
) -> int:
    """Write rows; returns how many were written. `limit` stops early (the query stops streaming too)."""
    out = out or sys.stdout  # looked up per call: the CLI runner and embedders replace sys.stdout
    rows = _limited(batches, limit)
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
        return count
    if fmt == "json":
        out.write("[")
        count = 0
        for row in rows:
            out.write(
                ("," if count else "")
                + "\n"
                + json.dumps(dict(zip(columns, row, strict=True)), default=json_default)
            )
            count += 1
        out.write("\n]\n")
        return count
    return _write_table(columns, list(rows), out)


def _limited(batches: Iterable[list[tuple]], limit: int | None) -> Iterator[tuple]:
    """Rows up to `limit`; never pulls a batch more than it needs."""
    if limit is not None and limit <= 0:
        return
    count = 0
    for batch in batches:
        for row in batch:
            yield row
            count += 1
            if limit is not None and count >= limit:
                return


def _cell(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.6g}"
    return str(value).replace("\n", " ")


def _write_table(columns: list[str], rows: list[tuple], out: TextIO, max_width: int = 60) -> int:
    cells = [[_cell(v)[:max_width] for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out.write(line + "\n")
    out.write("| " + " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)) + " |\n")
    out.write(line + "\n")
    out.writelines(
        "| " + " | ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) + " |\n" for row in cells
    )
    out.write(line + "\n")
    return len(rows)
