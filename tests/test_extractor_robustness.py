"""The extractor never raises on any Unicode string, and its output always fits the event contract."""

from __future__ import annotations

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
        assert list(event) == EVENT_COLUMNS or set(event) == set(EVENT_COLUMNS)
        assert event["document_id"] == "prop"
        start, end = event["evidence_start"], event["evidence_end"]
        assert 0 <= start <= end <= len(document.text)
        for column in ("fatalities", "injuries", "missing"):
            assert event[column] is None or event[column] >= 0


def test_huge_numbers_and_a_long_line_do_not_blow_up():
    text = ("Russian forces fired 99999999999999999999999999 missiles at Kharkiv " * 2000) + "."
    document = build_document("long", text, datetime(2024, 6, 20, tzinfo=UTC))
    events = run.extract_documents([document])
    assert isinstance(events, list)


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
