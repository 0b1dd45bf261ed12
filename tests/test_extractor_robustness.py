"""The extractor never raises on any Unicode string, and its output always fits the event contract."""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest.documents import build_document
from sitrep.model import EVENT_COLUMNS

run = pytest.importorskip("sitrep.extract.run")

WORDS = st.sampled_from(
    [
        "Russian",
        "forces",
        "shelled",
        "Kherson",
        "killed",
        "three",
        "civilians",
        "on",
        "Wednesday",
        "drones",
        "1,000,000,000,000,000,000",
        "-5",
        "a dozen",
        "at least",
        "(",
        ")",
        "—",
        "\u200b",
        "العربية",
        "中文",
        "Україна",
        "UPDATE 1445 GMT:",
        "\n\n",
        ".",
        "?!",
        "NATO",
        "sanctions",
        "supplied",
        "missiles",
        "were",
        "by",
        "'",
        '"',
    ]
)
NOISY_TEXT = st.one_of(
    st.text(min_size=0, max_size=400),
    st.lists(WORDS, min_size=0, max_size=80).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NOISY_TEXT, with_date=st.booleans())
def test_extractor_never_raises_and_emits_contract_records(text, with_date):
    published = datetime(2024, 6, 20, 12, tzinfo=UTC) if with_date else None
    document = build_document("prop", text, published)
    for event in run.extract_documents([document]):
        assert list(event) == EVENT_COLUMNS  # the keys, in the order of mart.events
        assert event["document_id"] == "prop"
        start, end = event["evidence_start"], event["evidence_end"]
        assert 0 <= start <= end <= len(document.text)
        assert event["evidence"] == document.text[start:end]
        for column in ("fatalities", "injuries", "missing"):
            assert event[column] is None or event[column] >= 0


def test_huge_numbers_and_a_long_line_do_not_blow_up():
    # One 136,000-character sentence with a 26-digit number 2,000 times: the attack is still read, the
    # number stays a finite positive float (no overflow, no wrap to negative), the evidence is a real
    # span of the text, and the time stays linear-ish (about 3 s of CPU today; a backtracking
    # pattern would take minutes).
    text = ("Russian forces fired 99999999999999999999999999 missiles at Kharkiv " * 2000) + "."
    document = build_document("long", text, datetime(2024, 6, 20, tzinfo=UTC))
    started = time.process_time()
    events = run.extract_documents([document])
    assert time.process_time() - started < 60
    (event,) = events
    assert (event["event_type"], event["actor1_name"], event["admin1"]) == (
        "ASSAULT",
        "Russian forces",
        "Kharkiv",
    )
    assert (event["weapon"], event["quantity_unit"]) == ("missile", "missiles")
    assert math.isfinite(event["quantity"]) and event["quantity"] >= 99999999999999999999999999
    assert event["fatalities"] is None and event["injuries"] is None
    start, end = event["evidence_start"], event["evidence_end"]
    assert 0 <= start < end <= len(document.text) and event["evidence"] == document.text[start:end]
