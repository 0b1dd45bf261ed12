"""Event dates from context: planned day-of-month dates, summaries shared with their parts, and
future dates that must not leak into later sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest


def test_planned_meeting_on_a_later_day_of_month_is_this_year(extract):
    anchor = datetime(2024, 3, 10, 9, 0, tzinfo=UTC)
    events = [
        e
        for e in extract("The two foreign ministers will meet in Ankara on April 2.", anchor)
        if e["event_type"] == "CONSULT"
    ]
    assert events and str(events[0]["event_date"]) == "2024-04-02"


def test_parts_of_a_summary_share_its_date_and_attacker(extract):
    events = extract(
        "Russian strikes on the Zaporizhzhia region killed five people and wounded six on Monday.\n\n"
        "In Orikhiv, shelling killed three people and wounded four.\n\n"
        "In Polohy, a drone hit a shop, killing two and injuring two."
    )
    parts = [e for e in events if e["location_name"] in ("Orikhiv", "Polohy")]
    assert len(parts) == 2
    assert all(str(e["event_date"]) == "2024-06-17" and e["actor1_country"] == "RUS" for e in parts)


def test_part_without_victim_noun_takes_the_summary_victims(extract):
    events = extract(
        "Israeli strikes across the Gaza Strip killed 30 people on Tuesday.\n\n"
        "Eighteen died when a clinic was hit in Khan Yunis.\n\n"
        "Twelve more died in shelling of Rafah."
    )
    parts = [e for e in events if not e["is_aggregate"]]
    assert len(parts) == 2 and all(
        e["actor2_country"] == "PSE" and e["actor1_country"] == "ISR" for e in parts
    )


def test_next_week_does_not_date_the_following_statement(extract):
    events = extract(
        "The navy plans joint drills with Japan next week. Beijing's foreign ministry condemned the plan."
    )
    said = [e for e in events if e["event_type"] != "MOBILIZE"]
    assert said and str(said[0]["event_date"]) == "2024-06-20"


def test_reaction_later_in_the_paragraph_is_dated_when_reported(extract):
    events = extract(
        "Gunmen killed six traders near Gao on Saturday. The government blamed JNIM for the attack."
    )
    accuse = [e for e in events if e["event_type"] == "ACCUSE"]
    assert accuse and str(accuse[0]["event_date"]) == "2024-06-20"


def test_the_same_day_keeps_the_paragraph_date_for_a_reaction(extract):
    events = extract(
        "Drones struck a depot near Kursk on Monday. Moscow the same day rejected the peace proposal."
    )
    reject = [e for e in events if e["event_type"] == "REJECT"]
    assert reject and str(reject[0]["event_date"]) == "2024-06-17"


def _assault_dates(events: list[dict]) -> list[str]:
    return [str(e["event_date"]) for e in events if e["event_type"] == "ASSAULT"]


def test_over_the_weekend_in_a_tuesday_report_is_the_saturday_before(extract):
    tuesday = datetime(2024, 6, 18, 10, 0, tzinfo=UTC)
    events = extract("Bandits killed five farmers near Zurmi over the weekend, police said.", tuesday)
    assert _assault_dates(events) == ["2024-06-15"]


def test_a_meeting_planned_for_the_weekend_is_the_coming_saturday(extract):
    tuesday = datetime(2024, 6, 18, 10, 0, tzinfo=UTC)
    events = extract("The two foreign ministers will meet in Doha over the weekend.", tuesday)
    meeting = [e for e in events if e["event_type"] == "CONSULT"]
    assert meeting and str(meeting[0]["event_date"]) == "2024-06-22"


# A toll that rose or a death of the wounded is dated by the attack, not by the rise or the death.
LATER_DEATHS = {
    "The death toll rose to nine on Wednesday from Saturday's ambush near Mopti, the army said.": "2024-06-15",
    "A fourth soldier has died from injuries he suffered when a mine hit his truck near Mopti on Monday.": "2024-06-17",
    "A fourth police officer died on Tuesday from wounds suffered in Saturday's ambush near Mopti.": "2024-06-15",
}


@pytest.mark.parametrize("text", sorted(LATER_DEATHS))
def test_a_later_death_or_a_risen_toll_keeps_the_day_of_the_attack(extract, text):
    assert _assault_dates(extract(text)) == [LATER_DEATHS[text]]


def test_last_year_in_a_clause_about_another_subject_does_not_date_the_attack(extract):
    events = extract(
        "Gunmen killed three soldiers at a base near Menaka, according to the governor, who left the town last year."
    )
    assert _assault_dates(events) == ["2024-06-20"]


def test_the_night_of_two_days_with_a_slash_is_its_first_day(extract):
    # an official communique's "27/28 April": a night range, not a numeric day/month date
    anchor = datetime(2026, 4, 28, 8, 0, tzinfo=UTC)
    events = extract(
        "On the night of 27/28 April 2026, militants attacked a police station in Bannu District, "
        "killing four policemen.",
        anchor,
    )
    assert [str(e["event_date"]) for e in events] == ["2026-04-27"]


def test_a_slash_date_before_a_month_name_is_no_day_month_date(extract):
    # "12/13 March" read as day 13 of month 12 would date the raid in December
    anchor = datetime(2025, 3, 22, 8, 0, tzinfo=UTC)
    events = extract(
        "Gunmen on the night of 12/13 March attacked the mosque of Bankilare, killing 44 people.", anchor
    )
    assert [str(e["event_date"]) for e in events] == ["2025-03-12"]


@pytest.mark.parametrize(
    ("opening", "tera"),
    [
        ("The same day, soldiers", "2025-03-21"),
        ("That night, soldiers", "2025-03-21"),
        # the hard negative: nothing points back, so the report's own day stands
        ("Soldiers", "2025-03-22"),
    ],
)
def test_the_same_day_in_a_later_paragraph_is_the_day_stated_before(extract, opening, tera):
    anchor = datetime(2025, 3, 22, 13, 0, tzinfo=UTC)
    events = extract(
        "On Friday 21 March 2025, gunmen attacked the mosque of Bankilare, killing 44 people.\n\n"
        f"{opening} in Tera repelled an attack by gunmen. Six soldiers were killed.",
        anchor,
    )
    dates = {e["location_name"]: str(e["event_date"]) for e in events}
    assert dates == {"Bankilare": "2025-03-21", "Tera": tera}
