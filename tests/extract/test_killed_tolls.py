"""Killed totals (issue 13; sitrep/extract/tolls.py, numbers.py, dating.py): a toll told as "more" adds to
the attack's, the attackers killed in the same fight add to their victims, "N of them" and "a woman and
her two children" are counts, and a toll of history or of a month is no incident. The texts are new (not
gold sentences); the anchor is Thursday 20 June 2024."""

from __future__ import annotations

from tests.extract.test_restate import attacks, killed


def test_people_who_died_later_add_to_the_attacks_toll(extract):
    events = extract(
        "Gunmen attacked a bus station in Kaya on Tuesday, killing nine passengers, a local official said. "
        "Two more people died in hospital on Wednesday."
    )
    assert killed(events) == 11
    assert [e["fatalities"] for e in attacks(events)] == [11]


def test_a_later_restated_toll_still_gives_the_larger_figure_not_a_sum(extract):
    events = extract(
        "A drone strike hit a market in Kaya on Tuesday, killing nine people. "
        "Nine people were killed in the drone strike, a health official said."
    )
    assert killed(events) == 9


def test_the_attackers_killed_by_the_defenders_add_to_the_fight(extract):
    events = extract(
        "Militants attacked a police checkpoint near Dori late on Monday, killing four policemen. "
        "Police returned fire and killed three of the attackers."
    )
    (fight,) = attacks(events)
    assert fight["fatalities"] == 7


def test_a_count_of_them_and_a_family_are_counts(extract):
    events = extract(
        "Insurgents ambushed an army convoy near Kidal on Monday, killing 8 of them. "
        "Separately, a shell hit a house in Gao on Tuesday, killing a man and his two children."
    )
    assert sorted(e["fatalities"] for e in attacks(events)) == [3, 8]


def test_an_anniversary_toll_counts_no_one(extract):
    events = extract(
        "Two years ago today, on 20 June 2022, militants attacked the village of Seytenga.\n"
        "At least 86 people died, according to the government."
    )
    assert killed(events) == 0


def test_a_months_total_is_no_incident(extract):
    events = extract("Local monitors say 52 people were killed in the province last month.")
    assert killed(events) == 0


def test_an_ambush_by_the_other_side_is_no_part_of_a_summary_lead(extract):
    events = extract(
        "Junta airstrikes killed 12 civilians in Monywa and Shwebo townships on Sunday, residents said.\n\n"
        "A fighter jet struck a Buddhist monastery in Monywa that sheltered displaced families, killing eight "
        "people.\n\n"
        "Hours later, a junta warplane bombed a school in Shwebo, killing four people.\n\n"
        "On Monday, the Monywa PDF said its fighters had ambushed a military column near the town, killing "
        "five soldiers."
    )
    assert killed(events) == 8 + 4 + 5  # the lead sums the two airstrikes, not the ambush


def test_one_count_of_soldiers_and_militia_members_is_read_once(extract):
    events = extract(
        "At least 40 soldiers and members of a self-defence militia were killed when insurgents stormed a "
        "base near Kaya on Wednesday, two security sources said."
    )
    assert [e["fatalities"] for e in attacks(events)] == [40]
