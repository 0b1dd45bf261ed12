"""The extractor's score on the development gold set must not fall below the figures recorded in the repo.

tests/gold/baseline.json holds the figures of the last accepted extractor; raise them when the extractor
improves (the README quotes them too). A drop in any of them fails a test: precision, recall, F1 and the
accuracy of every scored field, the weak ones (actor1, actor2, event_mode) included.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.evaluate import evaluate_file
from sitrep.extract_cli import extract_records

GOLD = Path(__file__).resolve().parent / "gold"
BASELINE = json.loads((GOLD / "baseline.json").read_text())
# baseline.json records figures rounded to 3 decimals (as `sitrep eval` prints them); a score that
# rounds to the recorded figure has not dropped, so allow half a unit in the last place and no more.
ROUNDING = 0.0005
SCORES = ("precision", "recall", "f1")


@pytest.fixture(scope="module")
def report():
    return evaluate_file(GOLD / "dev.jsonl", extract_records)


@pytest.mark.parametrize("score", SCORES)
def test_score_on_the_development_gold_set_does_not_drop(report, score):
    assert getattr(report, score) >= BASELINE[score] - ROUNDING


@pytest.mark.parametrize("field", sorted(BASELINE["field_accuracy"]))
def test_field_accuracy_does_not_drop(report, field):
    assert report.field_total.get(field, 0) > 0, f"{field} is no longer scored"
    assert report.field_accuracy(field) >= BASELINE["field_accuracy"][field] - ROUNDING


def test_every_scored_field_has_a_baseline_figure(report):
    # a field the evaluator starts scoring is guarded from the day it appears
    assert set(report.field_total) == set(BASELINE["field_accuracy"])


def test_the_baseline_holds_only_figures_these_tests_check():
    # a figure added to baseline.json without a test here would guard nothing
    figures = set(BASELINE) - {"command", "field_accuracy"}
    assert figures == set(SCORES)


def test_no_double_counting_of_the_gold_set_fatalities(report):
    # aggregates carry no casualties, so predicted killed can never exceed what the texts report
    assert report.predicted_fatalities <= report.gold_fatalities
