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
        "threatened",
        "missiles",
        "were",
        "by",
        "'",
        '"',
    ]
)
# Numbers as reports write them: digits, words, ranges of size, and none at all.
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=2_000).map(str),
    st.sampled_from(["35", "40", "1,200", "five", "forty", "thirty-five", "a dozen", "all", "none", "most"]),
)
# Interception, negation and count phrases ("did not shoot down 35 of 40 drones"): the merge stage gives
# a downed count to an earlier attack, which such a sentence may not have.
INTERCEPTION_SENTENCE = st.tuples(
    st.sampled_from(
        ["Air defences", "Ukraine's air force", "Russian forces", "They", "", "The military said"]
    ),
    st.sampled_from(["", "did not", "didn't", "never", "failed to", "could not", "have"]),
    st.sampled_from(
        ["shot down", "shoot down", "intercepted", "intercept", "downed", "destroyed", "launched", "fired"]
    ),
    NUMBERS,
    st.sampled_from(["of", "out of", "", "of the", "and"]),
    NUMBERS,
    st.sampled_from(["drones", "missiles", "Shahed drones", "cruise missiles", "rockets", "", "of them"]),
    st.sampled_from([".", "", " overnight.", " over Kyiv.", ", killing two."]),
).map(lambda parts: " ".join(part for part in parts[:-1] if part) + parts[-1])
INTERCEPTION_TEXT = st.lists(INTERCEPTION_SENTENCE, min_size=1, max_size=3).map(" ".join)
NOISY_TEXT = st.one_of(
    st.text(min_size=0, max_size=400),
    st.lists(WORDS, min_size=0, max_size=80).map(" ".join),
    INTERCEPTION_TEXT,
)


def _check_contract(document) -> None:
    for event in run.extract_documents([document]):
        assert list(event) == EVENT_COLUMNS  # the keys, in the order of mart.events
        assert event["document_id"] == document.document_id
        start, end = event["evidence_start"], event["evidence_end"]
        assert 0 <= start <= end <= len(document.text)
        assert event["evidence"] == document.text[start:end]
        for column in ("fatalities", "injuries", "missing"):
            assert event[column] is None or event[column] >= 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NOISY_TEXT, with_date=st.booleans())
def test_extractor_never_raises_and_emits_contract_records(text, with_date):
    published = datetime(2024, 6, 20, 12, tzinfo=UTC) if with_date else None
    _check_contract(build_document("prop", text, published))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=INTERCEPTION_TEXT)
def test_interception_negation_and_count_phrases_never_raise(text):
    _check_contract(build_document("intercept", text, datetime(2024, 6, 20, 12, tzinfo=UTC)))


def test_a_negated_interception_with_no_attack_before_it_is_read_not_quarantined():
    # "35 of 40" is a downed count with nothing to give it to: it raised UnboundLocalError in merge.py
    document = build_document(
        "neg", "Air defences did not shoot down 35 of 40 drones.", datetime(2024, 6, 20, tzinfo=UTC)
    )
    assert run.extract_documents([document]) == []


def test_a_text_ending_on_a_threat_verb_is_read_not_quarantined():
    # the addressee rule looked at the word after "threatened", past the end of the sentence (IndexError)
    document = build_document(
        "threat", "The Kremlin warned. Russia threatened", datetime(2024, 6, 20, tzinfo=UTC)
    )
    assert isinstance(run.extract_documents([document]), list)


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


@pytest.mark.parametrize(
    "text",
    [
        "On June \u00b2 Russia shelled Kyiv.",  # "²" passes str.isdigit, int() refuses it
        "On June " + "1" * 5000 + " Russia shelled Kyiv.",  # int() refuses more than 4,300 digits
        "Russian forces killed " + "7" * 5000 + " people in Kyiv.",  # float('7' * 5000) is inf
        "Russian forces killed one " + "million " * 60 + "people.",  # 1e6 ** 60 overflows
        "The death toll rose to " + "9" * 400 + ".",
    ],
)
def test_absurd_numbers_are_no_counts_and_raise_nothing(text):
    events = run.extract_documents([build_document("absurd", text, datetime(2024, 6, 20, tzinfo=UTC))])
    assert [e["event_type"] for e in events] == ["ASSAULT"]
    assert events[0]["fatalities"] is None
    assert events[0]["event_date"] == datetime(2024, 6, 20).date()
