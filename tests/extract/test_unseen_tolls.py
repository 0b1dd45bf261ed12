"""Tolls as text nobody here wrote tells them (issue 14; sitrep/extract/numbers.py, tolls.py, restate.py,
merge.py and lexicons/casualties.tsv, victims.tsv, number_cues.tsv): casualty phrases ("neutralised",
"lost four soldiers", "gunned down", "hacked to death"), one person named in the singular ("the driver
died"), "two of the wounded died", a cause that is no toll, and summaries that keep tolls apart.
The texts are new (not gold sentences); the anchor is Thursday 20 June 2024."""

from __future__ import annotations

import pytest

from sitrep.extract.numbers import casualties_in, numbers_in
from sitrep.extract.text import tokenize
from tests.extract.test_restate import attacks, killed


def counts(sentence: str):
    lows = [t.low for t in tokenize(sentence, 0)]
    return casualties_in(lows, numbers_in(lows))


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Troops neutralised 14 insurgents near Dikwa on Monday.", 14),
        ("The battalion lost five soldiers in the ambush.", 5),
        ("Gunmen gunned down three herders near Bokkos.", 3),
        ("Attackers hacked to death seven villagers in Djugu.", 7),
        ("Nine passengers perished when the bus hit a mine.", 9),
        ("Police shot dead two suspected kidnappers in Abuja.", 2),
        ("Militants shot dead a village headman in Pattani.", 1),
        ("A mortar round hit the market and the driver died.", 1),
        ("Two police constables embraced martyrdom in the attack.", 2),
        ("The fighting left eleven people dead.", 11),
        ("Six gendarmes fell on the field of honour near Diapaga.", 6),
        ("Nine soldiers fell with honour defending the post.", 9),
        ("A customs officer also lost his life.", 1),
        ("At least 20 militiamen from both sides died in the clashes.", 20),
        ("Fourteen herders from two villages were killed.", 14),
    ],
)
def test_a_casualty_phrase_counts_its_dead(sentence, dead):
    assert counts(sentence).fatalities == dead


@pytest.mark.parametrize(
    "sentence",
    [
        "Air defences neutralised 20 drones over Odesa.",  # a thing, not people
        "The army lost three tanks near the river.",
        "Crowds set fire to a police post after the death of a student in custody.",  # the cause
        "The driver was among the wounded.",  # a group told before, no count
    ],
)
def test_no_toll_is_read_where_none_is_told(sentence):
    assert counts(sentence).fatalities is None


def test_the_toll_is_read_far_after_its_noun_and_past_an_adverb():
    long = (
        "The toll from Monday's strike on the clinic in the Al-Nasr quarter, north of the old market of the "
        "city, rose to 23 after two of the wounded died."
    )
    assert counts(long).fatalities == 23
    assert counts('"The death toll on their side is now nine," the officer said.').fatalities == 9
    assert counts("Officials put the number of dead at 31.").fatalities == 31


def test_the_dead_among_the_wounded_add_to_the_attack_unless_the_toll_holds_them(extract):
    events = extract(
        "Gunmen attacked a market in Kaya on Tuesday, killing six traders. "
        "Two of the wounded later succumbed to their injuries."
    )
    assert killed(events) == 8
    assert counts("The toll rose from six to eight as two of the wounded died.").fatalities == 8


def test_those_who_were_killed_are_remembered_not_told(extract):
    assert attacks(extract('"We will never forget those who were murdered here," the mayor said.')) == []


def test_a_summary_of_two_attacks_sums_its_parts_as_first_told(extract):
    events = extract(
        "Shelling and a drone strike in Kadugli killed at least 10 civilians on Monday and Tuesday.\n\n"
        "On Monday, shells landed in a camp in Kadugli, killing six people. Two of the wounded died on "
        "Wednesday, raising the number of dead from the shelling to eight.\n\n"
        "On Tuesday, a drone struck a clinic in Kadugli, killing four people."
    )
    assert killed(events) == 12


def test_an_attack_on_another_day_is_no_part_of_a_summary(extract):
    """A toll at a division (the village went unread) is no summary of a later attack at a named town
    inside it: both tolls count."""
    events = extract(
        "Bandits stormed the hamlet of Tungar Kwana in Zamfara state on Tuesday, killing 23 villagers.\n\n"
        "On Wednesday, vigilantes shot dead three men suspected of spying for the bandits in Gusau."
    )
    assert killed(events) == 26


def test_a_period_total_is_no_part_of_a_summary(extract):
    """A toll over a period after an attack at a division is no part that makes the attack a summary."""
    events = extract(
        "Russian forces struck a residential area in Dnipropetrovsk region with a glide bomb, killing five "
        "people.\n\n"
        "Over the past day, Russian artillery also shelled Marhanets, killing a man."
    )
    assert killed(events) == 5


def test_a_later_larger_toll_without_an_event_of_its_own_updates_the_attack(extract):
    events = extract(
        "Militiamen raided the cattle camp of Pibor on Monday. The county commissioner said 14 herders had "
        "been killed. Elders later said the number of dead herders was 19."
    )
    assert killed(events) == 19


def test_a_placeless_toll_is_no_summary_of_the_one_attack_after_it(extract):
    events = extract(
        "At least six people were killed in an ambush this morning, a hospital source said.\n\n"
        "A drone struck a pickup near Kidal this afternoon, killing three fighters."
    )
    assert killed(events) == 9
