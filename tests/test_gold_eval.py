"""The extractor's score on the development gold set must not fall below the figures recorded in the repo.

tests/gold/baseline.json holds the figures of the last accepted extractor; raise them when the extractor
improves (the README quotes them too). A drop fails this test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.evaluate import evaluate_file
from sitrep.extract_cli import extract_records

GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="module")
def report():
    return evaluate_file(GOLD / "dev.jsonl", extract_records)


@pytest.fixture(scope="module")
def baseline() -> dict:
    return json.loads((GOLD / "baseline.json").read_text())


def test_f1_on_the_development_gold_set_does_not_drop(report, baseline):
    assert round(report.f1, 3) >= baseline["f1"]


@pytest.mark.parametrize("field", ["fatalities", "admin1", "event_type", "injuries", "event_date"])
def test_field_accuracy_does_not_drop(report, baseline, field):
    assert round(report.field_accuracy(field), 3) >= baseline["field_accuracy"][field]


def test_no_double_counting_of_the_gold_set_fatalities(report):
    # aggregates carry no casualties, so predicted killed can never exceed what the texts report
    assert report.predicted_fatalities <= report.gold_fatalities
