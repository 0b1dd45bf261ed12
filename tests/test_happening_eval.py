"""The happening figures on tests/gold/happenings.jsonl must not fall below tests/gold/happenings_baseline.json.

Raise the baseline when the grouping (sitrep/happen) or the extractor improves; a drop fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.evaluate import load_gold
from sitrep.evaluate_happenings import evaluate_happenings
from sitrep.extract_cli import extract_records

GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="module")
def report():
    records = load_gold(GOLD / "happenings.jsonl")
    return evaluate_happenings(GOLD / "happenings.jsonl", records, extract_records(records))


@pytest.fixture(scope="module")
def baseline() -> dict:
    return json.loads((GOLD / "happenings_baseline.json").read_text())


def test_bcubed_f1_does_not_drop(report, baseline):
    assert round(report.bcubed_f1, 3) >= baseline["bcubed_f1"]


@pytest.mark.parametrize("figure", ["pair_precision", "pair_recall", "tolls_exact_share", "oracle_bcubed_f1"])
def test_happening_figures_do_not_drop(report, baseline, figure):
    assert round(getattr(report, figure), 3) >= baseline[figure]


def test_the_killed_total_stays_near_the_gold(report, baseline):
    assert report.gold_killed == 773  # the TSV's sum: each person once
    assert abs(report.killed_error) <= baseline["killed_error_at_most"]


def test_happenings_count_fewer_dead_than_summing_every_report(report):
    assert report.predicted_killed < report.summed_killed
