"""Live blogs split into one segment per timed entry, each anchored at its own time on the blog's day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from sitrep.ingest.documents import build_document, segments_of

BLOG = """Frontline live: day 900

Map: Regional Mapping Office

Tuesday's Coverage: Drones Hit The Fuel Depot Near The Border

This is Article sidebar with related links

Heading Without A Full Stop

UPDATE 1445 GMT:

Engineers restored power to the eastern district after overnight shelling.

Officials said repairs would take two more days.

UPDATE 0930 GMT: Air raid sirens sounded across the capital for three hours.

ORIGINAL ENTRY:

Talks between the two delegations resumed in the morning.
"""
FURNITURE = [
    "Frontline live",
    "Map:",
    "Regional Mapping Office",
    "Coverage:",
    "Fuel Depot",
    "sidebar",
    "Heading Without",
]


def blog_segments(published_at: datetime):
    document = build_document("blog", BLOG, published_at)
    return document, [(segment, document.segment_text(segment)) for segment in document.segments]


def test_each_live_blog_entry_is_one_segment_with_its_own_text():
    _, segments = blog_segments(datetime(2024, 3, 5, 8, 0, tzinfo=UTC))
    assert [text for _, text in segments] == [
        (
            "Engineers restored power to the eastern district after overnight shelling.\n\n"
            "Officials said repairs would take two more days."
        ),
        "Air raid sirens sounded across the capital for three hours.",
        "Talks between the two delegations resumed in the morning.",
    ]
    assert [s.heading for s, _ in segments] == ["UPDATE 1445 GMT:", "UPDATE 0930 GMT:", "ORIGINAL ENTRY:"]
    assert [s.entry for s, _ in segments] == [1, 2, 3]
    assert [s.index for s, _ in segments] == [0, 1, 2]


def test_entries_are_anchored_at_their_time_on_the_blog_day():
    published = datetime(2024, 3, 5, 8, 0, tzinfo=UTC)
    _, segments = blog_segments(published)
    assert [s.anchor_time for s, _ in segments] == [
        datetime(2024, 3, 5, 14, 45, tzinfo=UTC),
        datetime(2024, 3, 5, 9, 30, tzinfo=UTC),
        published,  # an entry without a time anchors to the publication time
    ]


def test_entry_day_is_the_publication_day_in_the_entry_zone():
    # 23:30 in New York on 5 March is already 6 March in GMT: the 14:45 GMT entry is on 6 March.
    published = datetime(2024, 3, 5, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    _, segments = blog_segments(published)
    assert segments[0][0].anchor_time == datetime(2024, 3, 6, 14, 45, tzinfo=UTC)


def test_entry_zone_other_than_utc_is_kept():
    text = "UPDATE 0915 BST: Trains to the coast were cancelled after the strike.\n"
    segments = segments_of(text, datetime(2024, 7, 1, 0, 30, tzinfo=UTC))
    assert segments[0].anchor_time == datetime(2024, 7, 1, 9, 15, tzinfo=timezone(timedelta(hours=1)))
    assert segments[0].anchor_time.astimezone(UTC).hour == 8


def test_furniture_lines_are_in_no_segment():
    document, segments = blog_segments(datetime(2024, 3, 5, tzinfo=UTC))
    for _, text in segments:
        for marker in FURNITURE:
            assert marker not in text
    covered = "".join(text for _, text in segments)
    assert "Map:" in document.text and "Map:" not in covered


def test_segment_offsets_select_the_entry_text_in_the_document():
    document, segments = blog_segments(datetime(2024, 3, 5, tzinfo=UTC))
    assert document.text == BLOG  # nothing to normalise here, so text is unchanged
    for segment, text in segments:
        assert BLOG[segment.start : segment.end] == text
        assert not text.startswith(("UPDATE", "ORIGINAL"))


def test_article_without_entries_is_one_segment_anchored_at_publication():
    text = "Port Strike\n\nDrones struck the port overnight.\nTwo cranes fell.\n\nRepairs began at dawn.\n"
    published = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    segments = segments_of(text, published)
    assert len(segments) == 1
    assert text[segments[0].start : segments[0].end] == (
        "Drones struck the port overnight.\nTwo cranes fell.\n\nRepairs began at dawn."
    )
    assert segments[0].anchor_time == published and segments[0].heading is None and segments[0].entry == 0


def test_furniture_between_paragraphs_splits_the_run():
    text = "Drones struck the port overnight.\n\nPhoto: Agency\n\nRepairs began at dawn.\n"
    segments = segments_of(text, None)
    assert [text[s.start : s.end] for s in segments] == [
        "Drones struck the port overnight.",
        "Repairs began at dawn.",
    ]
    assert all(s.anchor_time is None for s in segments)


ONE_LINE = "On 14 July 2023, Ukrainian forces shot down six Shahed drones in the Dnipro region"


@pytest.mark.parametrize("ending", ["", "\n", "\n\n"])
def test_a_one_line_text_without_a_final_full_stop_is_body_text(ending):
    segments = segments_of(ONE_LINE + ending, None)
    assert [ONE_LINE[s.start : s.end] for s in segments] == [ONE_LINE]


def test_a_headline_over_a_last_line_without_full_stop_stays_a_heading():
    text = f"Drones Over Dnipro\n\n{ONE_LINE}\n"
    assert [text[s.start : s.end] for s in segments_of(text, None)] == [ONE_LINE]


def test_a_text_with_prose_keeps_its_last_line_as_a_heading():
    text = "Drones struck the port overnight. Two cranes fell.\n\nMore On The Port Strike\n"
    assert [text[s.start : s.end] for s in segments_of(text, None)] == [
        "Drones struck the port overnight. Two cranes fell."
    ]


def test_a_live_blog_entry_without_a_full_stop_is_read_when_nothing_else_is():
    text = f"Frontline Live\n\nUPDATE 1445 GMT: {ONE_LINE}\n"
    segments = segments_of(text, datetime(2023, 7, 14, 8, 0, tzinfo=UTC))
    assert [text[s.start : s.end] for s in segments] == [ONE_LINE]
    assert segments[0].heading == "UPDATE 1445 GMT:"


def test_a_text_of_page_furniture_only_still_has_no_segment():
    assert segments_of("Photo: Agency\n\nShare this article on your network.\n", None) == []
