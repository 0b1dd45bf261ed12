"""The gold set itself (tests/gold/dev.jsonl) is well formed and covers what the README promises."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from flows.evaluate import EVENT_TYPES, load_gold
from flows.model import EVENT_COLUMNS, NON_FACTUAL_MODES

GOLD_PATH = Path(__file__).parent / "gold" / "dev.jsonl"
RECORD_KEYS = {"id", "title", "source", "published_at", "text", "events"}
ACTOR_TYPES = {"state_forces", "government", "civilians", "rebels", "organisation", "militia", None}
COUNT_FIELDS = ("fatalities", "injuries", "missing")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return load_gold(GOLD_PATH)


def _events(records):
    return [(rec, ev) for rec in records for ev in rec["events"]]


def test_every_record_has_the_document_keys(records):
    for rec in records:
        assert set(rec) == RECORD_KEYS, rec["id"]
        datetime.fromisoformat(rec["published_at"])


def test_event_keys_are_event_columns_plus_evidence(records):
    allowed = set(EVENT_COLUMNS) | {"evidence"}
    for rec, ev in _events(records):
        assert set(ev) <= allowed, (rec["id"], set(ev) - allowed)
        assert {"event_type", "event_mode", "is_aggregate", "evidence"} <= set(ev)


def test_every_evidence_is_a_substring_of_its_text(records):
    for rec, ev in _events(records):
        assert ev["evidence"] and ev["evidence"] in rec["text"], (rec["id"], ev["evidence"])


def test_event_types_and_actor_types_come_from_the_lists(records):
    for rec, ev in _events(records):
        assert ev["event_type"] in EVENT_TYPES, (rec["id"], ev["event_type"])
        assert ev.get("actor1_type") in ACTOR_TYPES and ev.get("actor2_type") in ACTOR_TYPES, rec["id"]


def test_dates_parse_and_carry_a_precision(records):
    for rec, ev in _events(records):
        if ev.get("event_date") is None:
            assert ev.get("date_precision") is None, rec["id"]
            continue
        day = date.fromisoformat(ev["event_date"])
        assert ev["date_precision"] in ("day", "month", "year"), rec["id"]
        if ev["date_precision"] != "day":
            assert day.day == 1, (rec["id"], "a month or year date is the first day of its period")


def test_counts_are_non_negative_integers_or_null(records):
    for rec, ev in _events(records):
        for name in COUNT_FIELDS:
            value = ev.get(name)
            assert value is None or (isinstance(value, int) and value >= 0), (rec["id"], name, value)


def test_aggregates_carry_no_casualties(records):
    for rec, ev in _events(records):
        if ev["is_aggregate"]:
            assert ev.get("fatalities") is None and ev.get("injuries") is None, rec["id"]


def test_intercepted_never_exceeds_quantity(records):
    for rec, ev in _events(records):
        if ev.get("intercepted") is not None:
            assert ev.get("quantity") is not None and ev["intercepted"] <= ev["quantity"], rec["id"]


def test_country_codes_are_three_letters_or_organisations(records):
    for rec, ev in _events(records):
        for name in ("actor1_country", "actor2_country", "country"):
            code = ev.get(name)
            assert code is None or (code.isupper() and 2 <= len(code) <= 4), (rec["id"], name, code)


def test_gold_set_is_big_enough(records):
    assert len(records) >= 45
    assert sum(len(rec["events"]) for rec in records) >= 130


def test_every_event_type_appears_at_least_twice(records):
    counts = Counter(ev["event_type"] for _, ev in _events(records))
    assert {t: counts[t] for t in EVENT_TYPES if counts[t] < 2} == {}


def test_every_non_factual_mode_appears(records):
    modes = Counter(ev["event_mode"] for _, ev in _events(records))
    assert all(modes[m] >= 2 for m in NON_FACTUAL_MODES), modes
