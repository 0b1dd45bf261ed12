"""A report that names only a region or a country joins the one located happening it may be, and none
when two compete (sitrep/happen/vague.py): real extractor, real clustering."""

from __future__ import annotations

import pandas as pd

from sitrep.happen import happenings_table
from tests.helpers import extracted_reports

BANNU = (
    "a",
    "2026-04-27T23:00:00+05:00",
    "BANNU, Pakistan - Gunmen attacked a police station in Bannu on Monday night, killing three "
    "policemen, officials said.",
)
LAKKI = (
    "c",
    "2026-04-27T23:30:00+05:00",
    "LAKKI MARWAT, Pakistan - Gunmen attacked a police station in Lakki Marwat on Monday night, killing "
    "two policemen, officials said.",
)
# filed the next afternoon, no day of its own: the extractor dates it the day it was filed
REGION_NEXT_DAY = (
    "b",
    "2026-04-28T16:00:00+05:00",
    "Gunmen attacked a police station in Khyber Pakhtunkhwa province and wounded four policemen, "
    "officials said.",
)


def _groups(*reports: tuple[str, str, str]) -> list[list[str]]:
    events = extracted_reports(*reports)
    links = happenings_table(events)[0].merge(pd.DataFrame(events)[["event_id", "document_id"]])
    return sorted(sorted(set(docs)) for _, docs in links.groupby("happening_id")["document_id"])


def test_a_region_only_report_dated_the_day_it_was_filed_joins_the_one_town_of_its_region():
    assert _groups(BANNU, REGION_NEXT_DAY) == [["a", "b"]]


def test_two_towns_of_the_region_compete_and_the_vague_report_joins_neither():
    assert _groups(BANNU, LAKKI, REGION_NEXT_DAY) == [["a"], ["b"], ["c"]]


def test_a_vague_report_dated_two_days_after_stays_apart():
    later = (REGION_NEXT_DAY[0], "2026-04-29T16:00:00+05:00", REGION_NEXT_DAY[2])
    assert _groups(BANNU, later) == [["a"], ["b"]]


def test_a_country_wide_salvo_does_not_join_the_one_strike_of_its_country():
    strike = (
        "k",
        "2025-02-11T09:00:00+02:00",
        "KYIV, Feb 11 - Russian drones hit an apartment building in Kyiv late on Monday, killing four people, "
        "the mayor said.",
    )
    salvo = (
        "s",
        "2025-02-11T10:00:00+02:00",
        "Russia launched 87 attack drones at Ukraine overnight, the Ukrainian air force said on Tuesday.",
    )
    assert _groups(strike, salvo) == [["k"], ["s"]]
