"""Page furniture is never read for events, and cleaning never moves an offset."""

from __future__ import annotations

import pytest

from sitrep.ingest.clean import furniture_kind, furniture_kinds, normalise_characters, paragraphs


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Map: Regional Mapping Office", "credit"),
        ("Photo (Reuters): smoke over the harbour.", "credit"),
        ("Wednesday's Coverage: Drones Hit The Fuel Depot.", "link"),
        ("Monday\u2019s Coverage: Talks Stall Again.", "link"),
        ("Read more: the port in numbers.", "link"),
        ("https://example.org/live/1234", "link"),
        ("This is Article sidebar. Related stories follow.", "sidebar"),
        ("Share this article on your network.", "share"),
        ("\u00a9 2024 Example Media. All rights reserved.", "rights"),
        ("Frontline Digest For The Week", "heading"),
        ("Drones over the harbour", "heading"),
    ],
)
def test_page_furniture_is_recognised_with_its_kind(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "prose",
    [
        "Drones struck the harbour overnight, the governor said.",
        "The office said in a statement:",  # a colon ends a lead-in to a quote
        "\u2022 Two ferries were damaged",  # a list item is prose even without a full stop
        "Mapping teams said the front line moved. Fighting continued.",
    ],
)
def test_article_sentences_are_not_furniture(prose):
    assert furniture_kind(prose) is None


def test_paragraph_offsets_point_into_the_text():
    text = "  Title line\n\nFirst sentence here. Still first.\nSame paragraph.\n\n\n   Second one.  \n"
    found = paragraphs(text)
    assert [p.text for p in found] == [
        "Title line",
        "First sentence here. Still first.\nSame paragraph.",
        "Second one.",
    ]
    for p in found:
        assert text[p.start : p.end] == p.text


def test_normalising_characters_keeps_the_length():
    text = "A\u00a0B\u200bC\ufeffD\tE\u202fF"
    cleaned = normalise_characters(text)
    assert cleaned == "A B C D E F"
    assert len(cleaned) == len(text)


def test_a_text_is_never_only_a_heading_its_last_heading_is_body_text():
    assert furniture_kinds(["Drones Over Dnipro", "Six drones were shot down", "Photo: Agency"]) == [
        "heading",
        None,
        "credit",
    ]


def test_headings_stay_headings_beside_prose():
    texts = ["Port Strike", "Drones struck the port overnight.", "More On The Port"]
    assert furniture_kinds(texts) == ["heading", None, "heading"]
    assert furniture_kinds([]) == []
