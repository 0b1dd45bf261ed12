"""A report placed at the town where its victims were treated names no place of the happening
(sitrep/happen/care.py): real extractor, real clustering."""

from __future__ import annotations

import pytest

from sitrep.happen import happenings_table
from sitrep.happen.care import only_care_place
from tests.helpers import extracted_reports

TIBU = (
    "a",
    "2026-05-02T20:00:00-05:00",
    "TIBU, Colombia - ELN guerrillas attacked an army base in Tibu with explosive-laden drones on Saturday, "
    "killing two soldiers, the army said.",
)
DIED_IN_CUCUTA = (
    "b",
    "2026-05-04T09:00:00-05:00",
    "A third soldier died on Sunday in a hospital in Cucuta from wounds sustained in Saturday's drone attack "
    "on the army base in Tibu, in the Catatumbo region, military sources confirmed.",
)
STRUCK_CUCUTA = (
    "c",
    "2026-05-02T21:00:00-05:00",
    "CUCUTA, Colombia - A drone struck a police post in Cucuta on Saturday, killing two officers; the wounded "
    "were taken to a hospital in Cucuta, police said.",
)


def test_a_death_in_the_hospital_town_joins_the_attack_it_tells():
    rows = happenings_table(extracted_reports(TIBU, DIED_IN_CUCUTA))[1]
    assert rows[["location_name", "fatalities", "documents"]].values.tolist() == [["Tibu", 3, 2]]


def test_a_strike_on_the_hospital_town_itself_stays_there():
    rows = happenings_table(extracted_reports(TIBU, STRUCK_CUCUTA))[1]
    assert sorted(rows["location_name"]) == ["Cucuta", "Tibu"]


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        ("CUCUTA (Radio) - A third soldier died at the Erasmo Meoz hospital in Cucuta from wounds", True),
        ("The wounded were airlifted to Cucuta.", True),
        ("A drone hit a market in Cucuta; the wounded were taken to a hospital in Cucuta.", False),
        ("A drone hit a market in Cucuta, killing two.", False),
    ],
)
def test_only_care_place(evidence, expected):
    assert only_care_place(evidence, "Cucuta") is expected
