"""Issue 14 §2, third step: words around a known name that make it an event's place, found on text the
rules were not written for (heldout, heldout2, actors_dev2): a log line's time before "In X" or "X:", a
direction before "of", a site after "the X", a settlement word after the name, the name's own division or
country after it, a division word before "of". Sentences here are in no gold file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sitrep.extract.run import extract_document
from tests.helpers import make_doc

MONDAY = datetime(2026, 4, 13, 9, 0, tzinfo=UTC)


def _place(text: str) -> tuple:
    events = extract_document(make_doc(text, MONDAY))
    assert events, text
    e = events[0]
    return e["location_name"], e["admin1"], e["country"]


CUES = [
    # place.line_start: a time or date before the line's first words
    ("07:40 - In Kherson, Russian artillery shelled a bus stop, killing two people.", ("Kherson", "Kherson", "UKR")),
    ("12 April, Beni: ADF fighters killed seven farmers near their fields.", ("Beni", "North Kivu", "COD")),
    # place.direction_of
    ("Soldiers clashed with militants 10 km south of Dapaong on Sunday.", ("Dapaong", "Savanes", "TGO")),
    # place.site_after: "the X <site>", "X town"
    ("Gunmen stormed the Kaya police station on Sunday, killing two officers.", ("Kaya", "Centre-Nord", "BFA")),
    ("Junta aircraft bombed a school in the northern part of Falam town on Sunday.", ("Falam", "Chin", "MMR")),
    # place.address: the name's division or country after it, with no locative before it
    ("An aid convoy of 20 trucks carrying food reached Talodi, South Kordofan, on Sunday.", ("Talodi", "South Kordofan", "SDN")),
    ("14 Apr | Pakokku (Magway) | Troops torched 40 houses.", ("Pakokku", "Magway", "MMR")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), CUES)
def test_words_around_a_name_make_it_the_event_place(text: str, want: tuple) -> None:
    assert _place(text) == want


def test_a_region_word_before_of_reads_the_division() -> None:
    # place.region_of: "the department of Arauca" is the division, not only the town
    events = extract_document(
        make_doc("The ELN freed six soldiers in the department of Arauca on Sunday.", MONDAY)
    )
    assert events and (events[0]["admin1"], events[0]["location_precision"]) == ("Arauca", "admin1")


def test_a_hospital_where_the_wounded_died_is_no_place_of_its_own() -> None:
    # "in a Goma hospital" (no "the"): the toll still belongs to the attack told before it
    text = (
        "M23 rebels attacked army positions around Sake on Tuesday, the army said. "
        "The fighting left 18 soldiers dead, and four more died of their wounds in a Goma hospital."
    )
    events = [e for e in extract_document(make_doc(text, MONDAY)) if e["event_type"] == "ASSAULT"]
    assert [e["location_name"] for e in events] == ["Sake"]
