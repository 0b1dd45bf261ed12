"""Failed expectations in words a person understands, from expectations/wording.tsv.

`row_sentence` says why one row failed ("kharkiv.txt, ASSAULT event at characters 40-80: -3 killed,
expected a number between 0 and 1,000,000"), `result_sentence` says how an expectation fared in a run.
The machine-readable name (expect_column_values_to_be_between(fatalities)) stays in its own column.
"""

from __future__ import annotations

import csv
import math
from functools import cache
from string import Formatter

import pandas as pd

from sitrep.config import EXPECTATIONS_DIR

ANY = "*"
_SHOWN_ROWS = 3  # rows a dq_result detail quotes before "and N more"


@cache
def wordings() -> dict[tuple[str, str, str], tuple[str, str]]:
    """(expectation type, suite or '*', column or '*') -> (row template, rule template)."""
    with open(EXPECTATIONS_DIR / "wording.tsv", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return {(row["expectation"], row["suite"], row["column"]): (row["row"], row["rule"]) for row in rows}


def _templates(suite: str, expectation_type: str, kwargs: dict) -> tuple[str, str]:
    column = kwargs.get("column") or kwargs.get("column_A") or ANY
    table = wordings()
    keys = [(suite, column), (ANY, column), (ANY, ANY)]
    found = next((table[(expectation_type, *key)] for key in keys if (expectation_type, *key) in table), None)
    # An expectation without a line still gets a sentence: its name and arguments.
    return found or (f"{expectation_type} failed on {column} = {{value}}", f"{expectation_type}({column})")


def plain(value: object) -> str:
    """A value as a person writes it: 3 not 3.0, 1,000,000 not 1000000, 'missing' for nothing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "missing"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)  # 1,000,000 but 2100, a year
    return str(value)


def bounds(kwargs: dict) -> str:
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if low is not None and high is not None:
        return f"between {plain(low)} and {plain(high)}"
    return f"at least {plain(low)}" if low is not None else f"at most {plain(high)}"


def _fields(kwargs: dict) -> dict[str, str]:
    value_set = kwargs.get("value_set") or []
    return {
        "column": str(kwargs.get("column", "")),
        "column_A": str(kwargs.get("column_A", "")),
        "column_B": str(kwargs.get("column_B", "")),
        "bounds": bounds(kwargs),
        "regex": str(kwargs.get("regex", "")),
        "value_set": ", ".join(str(v) for v in value_set),
    }


def _fill(template: str, fields: dict[str, str]) -> str:
    names = {name for _, name, _, _ in Formatter().parse(template) if name}
    return template.format(**{name: fields.get(name, "?") for name in names})


def subject(frame: pd.DataFrame, index: int) -> str:
    """Where a person looks: the file, and for an event which one (type and place in the text)."""
    name = str(frame.at[index, "file"]) if "file" in frame.columns else str(frame.iat[index, 0])
    if "event_id" not in frame.columns:
        return name
    kind = frame.at[index, "event_type"] if "event_type" in frame.columns else None
    start = frame.at[index, "evidence_start"] if "evidence_start" in frame.columns else None
    end = frame.at[index, "evidence_end"] if "evidence_end" in frame.columns else None
    where = f" at characters {plain(start)}-{plain(end)}" if start is not None and end is not None else ""
    return f"{name}, {kind or 'an'} event{where}"


def row_sentence(suite: str, expectation_type: str, kwargs: dict, frame: pd.DataFrame, index: int) -> str:
    """Why this row failed, without the subject (see `subject`)."""
    fields = _fields(kwargs)
    for key, column in (("value", "column"), ("value_A", "column_A"), ("value_B", "column_B")):
        name = kwargs.get(column)
        if name is not None and name in frame.columns:
            fields[key] = plain(frame.at[index, name])
    return _fill(_templates(suite, expectation_type, kwargs)[0], fields)


def rule_sentence(suite: str, expectation_type: str, kwargs: dict) -> str:
    return _fill(_templates(suite, expectation_type, kwargs)[1], _fields(kwargs))


def result_sentence(
    suite: str, expectation_type: str, kwargs: dict, checked: int, failures: list[str], error: str = ""
) -> str:
    """dq_result.detail: the rule, and how many rows of the suite failed it, quoting the first few."""
    rule = rule_sentence(suite, expectation_type, kwargs)
    rows = f"{checked} {suite.removesuffix('s') if checked == 1 else suite}"
    if error:
        return f"{rule}. The check could not run ({error}): none of the {rows} passed it"
    if not failures:
        return (
            f"{rule}. All {rows} pass" if checked != 1 else f"{rule}. The 1 {suite.removesuffix('s')} passes"
        )
    shown = "; ".join(failures[:_SHOWN_ROWS])
    more = f"; and {len(failures) - _SHOWN_ROWS} more" if len(failures) > _SHOWN_ROWS else ""
    verb = "fails" if len(failures) == 1 else "fail"
    return f"{rule}. {len(failures)} of {rows} {verb}: {shown}{more}"
