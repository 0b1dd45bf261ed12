"""Surrogate keys are deterministic hashes of the natural key; all-empty keys are the unknown member."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime

from sitrep.load.keys import UNKNOWN_KEY, date_key, surrogate_key


def test_the_same_natural_key_gives_the_same_key_in_another_process():
    here = surrogate_key("Russian forces", "RUS", "state_forces")
    code = "from sitrep.load.keys import surrogate_key; print(surrogate_key('Russian forces', 'RUS', 'state_forces'))"
    there = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert int(there) == here


def test_keys_are_positive_and_fit_a_bigint():
    for parts in [("a",), ("Kharkiv", "Kharkiv", "UKR", "place"), ("x" * 10_000,)]:
        key = surrogate_key(*parts)
        assert 0 < key < 2**63


def test_different_natural_keys_give_different_keys():
    assert surrogate_key("Kyiv", None) != surrogate_key(None, "Kyiv")  # position matters
    assert surrogate_key("ab", "c") != surrogate_key("a", "bc")  # parts are separated
    assert surrogate_key("drone") != surrogate_key("Drone")


def test_all_empty_parts_are_the_unknown_member():
    assert surrogate_key(None, "", None) == UNKNOWN_KEY == 0
    assert surrogate_key(None, "RUS") != UNKNOWN_KEY


def test_date_key_is_yyyymmdd_or_unknown():
    assert date_key(date(2024, 6, 20)) == 20240620
    assert date_key("2024-06-20") == 20240620
    assert date_key(datetime(2024, 6, 20, 23, 59, tzinfo=UTC)) == 20240620
    assert date_key(None) == date_key("") == UNKNOWN_KEY
