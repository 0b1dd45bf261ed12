"""Tolls that must reach the attack they belong to (stop 20, issues 13/14; sitrep/extract/tolls.py, numbers.py,
restate.toll_update, build._casualty_head): euphemisms of official statements, the other side's dead, toll
updates of the wounded told apart (another day, a hospital's town, a later live-blog entry) and counts with
qualifiers. The texts are new (not gold sentences)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sitrep.extract.numbers import casualties_in, numbers_in
from sitrep.extract.run import extract_document
from sitrep.extract.text import tokenize
from tests.extract.test_restate import attacks, killed
from tests.helpers import make_blog


def _count(sentence: str):
    lows = [t.low for t in tokenize(sentence, 0)]
    return casualties_in(lows, numbers_in(lows))


@pytest.mark.parametrize(
    ("sentence", "dead", "hurt"),
    [
        ("Gunmen shot dead a 45-year-old farmer near the market.", 1, None),
        ("The blast killed five policemen and their driver on the highway.", 6, None),
        (
            "Four constables of the Special Task Force (STF) and their driver were killed in the ambush.",
            5,
            None,
        ),
        ("Three wounded soldiers died in hospital overnight.", 3, None),
        ("The first count was four dead; the figure was later revised up to nine.", 9, None),
        ("Two police officers, having fought bravely, embraced martyrdom.", 2, None),
        ("Two soldiers paid the supreme price while 11 terrorists were neutralised.", 13, None),
        # the wounded who died explain the toll, or add to it when no total is stated
        ("The blast killed five guards on Monday, after one of three wounded men died overnight.", 5, None),
        (
            "We counted 12 dead in the square, and two of the wounded died on the road to the clinic.",
            14,
            None,
        ),
        ("The number of police officers killed in the ambush has risen to seven, residents said.", 7, None),
    ],
)
def test_counts_with_qualifiers_and_euphemisms(sentence, dead, hurt):
    cas = _count(sentence)
    assert (cas.fatalities, cas.injuries) == (dead, hurt)


def test_wounded_who_died_add_to_the_toll_as_the_dead_of_the_wounded():
    cas = _count("Three wounded soldiers died in hospital overnight.")
    assert "fatalities" in cas.added


def test_a_euphemistic_toll_after_the_attack_reaches_it_though_its_sentence_makes_no_event(extract):
    text = (
        "The mujahideen raided a militia camp in the village of Bulo Burde at dawn. 19 apostates were sent "
        "to hell and their rifles were taken as booty.\n"
    )
    assert killed(extract(text)) == 19


def test_the_enemy_a_statement_names_adds_to_its_own_sides_dead(extract):
    text = (
        "PRESS RELEASE - Police Lakki Marwat\n\n"
        "Terrorists attacked the Tajori police station with heavy weapons late on Friday. Police responded "
        "with full force. In the exchange of fire, three constables embraced shahadat and two were injured. "
        "Five khawarij were sent to hell, and their bodies were shifted to the hospital.\n"
    )
    events = attacks(extract(text))
    assert killed(events) == 8


def test_the_other_sides_dead_in_the_next_sentence_add_as_both_sides(extract):
    text = (
        "Armed men attacked an army post near Kompienga on Sunday, killing three soldiers, the "
        "army said. Twelve terrorists were neutralised during the counter-offensive, the army added.\n"
    )
    assert killed(extract(text)) == 15


def test_a_stated_toll_of_one_side_keeps_the_other_sides_dead(extract):
    text = (
        "Insurgents attacked an army base outside Mueda on Monday, killing three soldiers, sources said.\n"
        "The toll among the soldiers rose to five on Tuesday after two wounded soldiers died, a source said. "
        "Troops had killed nine of the insurgents before they fled, the sources added.\n"
    )
    events = attacks(extract(text))
    assert len(events) == 1 and killed(events) == 14


def test_an_operation_told_by_its_toll_is_an_attack(extract):
    text = "Soldiers launched an operation in the hills near Sigi on Friday and neutralised four militants.\n"
    events = attacks(extract(text))
    assert [e["fatalities"] for e in events] == [4]


@pytest.mark.parametrize(
    ("update", "dead", "hurt"),
    [
        # another day, at the hospital's town
        ("Two of the injured died in hospital in Kumba on Monday, a nurse said.", 4, 4),
        # an ordinal before a person noun: a toll update, not another attack
        ("A third passenger succumbed to his injuries at a hospital in Kumba on Monday.", 3, 5),
    ],
)
def test_a_toll_update_of_the_wounded_updates_the_attack_not_a_new_event(extract, update, dead, hurt):
    text = (
        "Gunmen opened fire on a minibus at a checkpoint in Mamfe on Sunday, killing two passengers and "
        f"wounding six, officials said.\n{update}\n"
    )
    events = attacks(extract(text))
    assert len(events) == 1
    assert (events[0]["fatalities"], events[0]["injuries"]) == (dead, hurt)
    assert events[0]["location_name"] == "Mamfe"


def test_an_ordinal_that_does_not_follow_the_toll_is_no_update(extract):
    text = (
        "Gunmen opened fire on a minibus at a checkpoint in Mamfe on Sunday, killing five passengers, "
        "officials said.\nA third policeman died in Kumba on Monday.\n"
    )
    assert len(attacks(extract(text))) == 2


def test_a_later_live_blog_entry_on_the_wounded_updates_the_attack():
    t0 = datetime(2026, 6, 27, 10, 15)
    doc = make_blog(
        [
            (
                t0,
                "Militiamen attacked a police camp in Dangila this morning, killing four officers and wounding seven.",
            ),
            (t0 + timedelta(hours=2), "One of the wounded has died in hospital, a medical source says."),
        ]
    )
    events = attacks(extract_document(doc))
    assert len(events) == 1
    assert (events[0]["fatalities"], events[0]["injuries"]) == (5, 6)


def test_the_attackers_claim_of_whom_it_killed_is_the_same_victims_not_more(extract):
    text = (
        "A drone strike on a motorbike near the town of Tyre killed two men on Sunday, the health ministry "
        "said. The Israeli army said it had killed a commander of the Radwan force.\n"
    )
    assert killed(extract(text)) == 2


def test_the_defenders_toll_of_the_attackers_still_adds(extract):
    text = (
        "Militants attacked a police post in Dera Ismail Khan overnight, killing four policemen, officials "
        "said. Police said six attackers were also killed.\n"
    )
    assert killed(extract(text)) == 10


def test_a_report_that_opens_with_a_later_death_gives_the_ordinal_as_the_toll(extract):
    text = (
        "A fourth policeman died on Monday in a hospital in Garissa from wounds sustained in Saturday's "
        "bomb attack on a patrol near Hulugho, police said.\n"
    )
    assert killed(extract(text)) == 4


def test_a_toll_told_before_the_attack_with_no_event_of_its_own_reaches_it(extract):
    text = (
        "PRESS RELEASE - Defence Headquarters\n"
        "Troops conducted a clearance operation near Gwoza on Sunday. 14 terrorists were eliminated.\n"
        "One soldier was martyred during the fighting.\n"
    )
    assert killed(extract(text)) == 15


def test_the_paragraph_after_an_attack_told_without_a_count_gives_its_toll(extract):
    text = (
        "Militiamen overran an army camp on the outskirts of Kobo on Monday, residents said.\n"
        "A doctor in Kobo said the hospital had received the bodies of 11 soldiers and four fighters. "
        '"Three more of the wounded died this morning," he said.\n'
    )
    events = attacks(extract(text))
    assert len(events) == 1 and killed(events) == 18


def test_a_possessive_before_one_person_counts_one():
    cas = _count("A drone hit a motorcycle near the border, killing its rider, the ministry said.")
    assert cas.fatalities == 1


def test_part_of_a_count_of_admitted_who_died_is_no_new_event_at_the_hospital(extract):
    text = (
        "Fighting between two militias near Beni killed at least 12 people on Sunday, local leaders said.\n"
        "The wounded were taken to hospital in Butembo, where a doctor said three of the 15 admitted later died.\n"
    )
    events = attacks(extract(text))
    assert len(events) == 1 and events[0]["location_name"] == "Beni"
