"""People killed, the analyst's first figure: on every gold file of issue 13, sum(fatalities) over the
extractor's happened, non-aggregate events must stay as near the gold sum as recorded in
tests/gold/killed_baseline.json (a restatement counted twice, or a toll lost, moves it). `python -m
bench.killed_totals` measures the same through the real flow over mart.happenings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.killed_totals import error, extracted_killed, gold_killed, load_records

GOLD = Path(__file__).resolve().parent / "gold"
BASELINE = json.loads((GOLD / "killed_baseline.json").read_text())
ROUNDING = 0.0005  # the baseline holds errors rounded to 3 decimals


@pytest.mark.parametrize("name", sorted(BASELINE["extracted_error"]))
def test_the_killed_error_does_not_rise_above_its_baseline(name):
    path = GOLD / name
    records = load_records(path)
    summed, _once = gold_killed(path, records)
    assert summed > 0
    assert abs(error(extracted_killed(records), summed)) <= BASELINE["extracted_error"][name] + ROUNDING


def test_every_gold_file_of_issue_13_has_a_killed_baseline():
    assert set(BASELINE["extracted_error"]) == {
        "dev.jsonl",
        "heldout.jsonl",
        "heldout2.jsonl",
        "restatements.jsonl",
        "happenings.jsonl",
    }
    assert "acled_blind.jsonl" not in BASELINE["mart_happenings_error"]
