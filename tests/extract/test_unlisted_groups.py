"""Actors of issue 14's actor1 error classes (tests/gold/actors_dev2.jsonl): groups no lexicon lists, members
of a named group, crowds that lynch or protest, clashes with one side named, victims counted before a
casualty participle. The sentences are new wordings, not gold sentences."""

from sitrep.extract.actors import find_actors
from sitrep.extract.text import tokenize


def assaults(events):
    return [e for e in events if e["event_type"] == "ASSAULT"]


def test_a_group_no_lexicon_lists_acts_with_the_country_of_its_town(extract):
    (ev,) = assaults(extract("On Friday, Kamwina Nsapu militants attacked a police post in Kananga."))
    assert (ev["actor1_name"], ev["actor1_country"], ev["actor1_type"]) == ("Kamwina Nsapu", "COD", "rebels")


def test_gunmen_from_a_named_front_are_that_front(extract):
    text = "Gunmen from the Patriotic Resistance Front (FRPI) ambushed a supply convoy near Bunia on Monday."
    (ev,) = assaults(extract(text))
    assert (ev["actor1_name"], ev["actor1_country"]) == ("Patriotic Resistance Front", "COD")


def test_members_of_a_community_are_no_armed_group():
    toks = tokenize("Gunmen abducted four members of the Hema community near Bunia.", 0)
    names = [a.name for a in find_actors(toks, [t.low for t in toks])]
    assert "Hema" not in names


def test_a_known_group_name_inside_a_longer_name_is_another_group(extract):
    text = (
        "Fighters of the Ogaden National Liberation Army attacked a police station near Degehabur on Sunday."
    )
    (ev,) = assaults(extract(text))
    assert ev["actor1_country"] == "ETH" and ev["actor1_name"] == "Ogaden National Liberation Army"


def test_exchanged_fire_is_a_clash_between_both_sides(extract):
    text = (
        "Police officers and cattle rustlers exchanged fire near Mbale on Tuesday, leaving two officers dead."
    )
    (ev,) = assaults(extract(text))
    assert ev["event_mode"] == "firearms" and ev["actor1_type"] == "police"
    assert ev["actor2_name"] == "cattle rustlers" and ev["actor2_country"] == "UGA"
    assert (ev["acled_event_type"], ev["acled_sub_event_type"]) == ("Battles", "Armed clash")


def test_a_lynching_is_mob_violence_by_the_crowd_on_civilians(extract):
    text = "On 5 May 2025, villagers lynched a man suspected of stealing a goat near Mbale (Eastern Region)."
    (ev,) = assaults(extract(text))
    assert (ev["actor1_name"], ev["actor1_country"]) == ("villagers", "UGA")
    assert (ev["actor2_type"], ev["actor2_country"], ev["fatalities"]) == ("civilians", "UGA", 1)
    assert (ev["acled_event_type"], ev["acled_sub_event_type"]) == ("Riots", "Mob violence")


def test_a_crowd_named_by_its_trade_protests(extract):
    text = "Hundreds of fishermen marched through Mombasa on Monday to protest a ban on night fishing."
    (ev,) = [e for e in extract(text) if e["event_type"] == "PROTEST"]
    assert (ev["actor1_name"], ev["actor1_country"]) == ("fishermen", "KEN")


def test_a_counted_noun_before_a_casualty_participle_is_the_victim(extract):
    text = "On 2 June 2025, army drones struck a camp near Jowhar (Middle Shabelle); 9 militants killed."
    events = assaults(extract(text))
    assert events and all(e["actor1_name"] != "militants" for e in events)


def test_a_clash_with_one_side_named_is_fought_against_the_same_kind(extract):
    (ev,) = assaults(extract("Rival clan militias clashed near Galkayo on Friday."))
    assert (ev["actor2_type"], ev["actor2_country"]) == ("militia", "SOM")


def test_two_groups_of_one_country_in_two_notes_are_two_events(extract):
    text = (
        "On 11 March 2025, TTP militants attacked a police post in Bannu (Khyber Pakhtunkhwa), killing 2 "
        "policemen.\nOn 12 March 2025, BLA fighters ambushed a Frontier Corps convoy near Turbat "
        "(Balochistan). 4 FC personnel were killed.\n"
    )
    events = assaults(extract(text))
    assert sorted(e["actor1_name"] for e in events) == ["BLA", "TTP"]
