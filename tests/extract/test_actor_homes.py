"""Issue 14, actor fields: generic state actors and the state the document tells (sitrep/extract/homes.py),
speakers after an adjunct, members of a named group, claims and agentless arrests. Sentences here are in
no gold file."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.extract.run import extract_document
from tests.helpers import make_doc

THURSDAY = datetime(2026, 4, 16, 9, 0, tzinfo=UTC)


def _events(text: str) -> list[dict]:
    return extract_document(make_doc(text, THURSDAY))


def _actor1(text: str, event_type: str = "ASSAULT") -> tuple:
    e = next(e for e in _events(text) if e["event_type"] == event_type)
    return e["actor1_name"], e["actor1_country"]


# actors.home_state / actors.focus_country (generic nouns, agents.tsv home=focus)
def test_a_generic_military_takes_the_country_of_the_events_place():
    assert (
        _actor1("On 2 April 2026, the military shelled a village near Hakha (Chin), killing 4 civilians.")[1]
        == "MMR"
    )


def test_soldiers_in_a_one_country_note_are_that_countrys():
    assert _actor1("On 9 April 2026, soldiers shot dead 2 civilians at a checkpoint in Kumbo.")[1] == "CMR"


# actors.nearest_national: two states contend, the place proves nothing
def test_in_a_contested_document_the_nearest_national_cue_of_the_kind_decides():
    text = (
        "Israeli warplanes struck the outskirts of Marjayoun on Tuesday, killing two people, Lebanon's "
        "health ministry said. The military said it had also hit a Hezbollah depot near Marjayoun."
    )
    assert {e["actor1_country"] for e in _events(text) if e["event_type"] == "ASSAULT"} == {"ISR"}


def test_generic_nouns_are_no_actor_as_adjective_title_or_after_a_possessive():
    e = _events("Ukrainian drones attacked the military airfield at Morozovsk on Tuesday.")[0]
    assert (e["actor1_country"], e["actor2_name"]) == ("UKR", "Russia")
    names = [
        a["actor2_name"]
        for a in _events("Japanese Prime Minister Fumio Kishida met President Yoon Suk Yeol in Seoul.")
    ]
    assert "President" not in names
    owned = _events(
        "Russian forces attacked Krynky on Monday. Ukraine said 3 of its soldiers were missing after the assault."
    )
    assert [e["actor1_country"] for e in owned] == ["RUS"]


# actors.speaker_pronoun
def test_a_pronoun_after_the_speech_verbs_adjunct_stands_for_the_speaker():
    text = "Chad's army said on Friday it had attacked Boko Haram fighters near Bol."
    assert _actor1(text)[1] == "TCD"
    # a repelled attack is the attacker's (roles._repelled): the speaker defended
    repelled = "Chad's army said on Friday it had repelled an attack by Boko Haram fighters near Bol."
    assert _actor1(repelled)[1] == "NGA"


# actors.members_of
def test_members_of_a_named_gang_name_the_gang():
    text = (
        "On 2 April 2026, members of the Gran Grif gang kidnapped 6 passengers near Saint-Marc (Artibonite)."
    )
    assert _actor1(text) == ("Gran Grif", "HTI")
    text = "On 3 April 2026, gunmen from the Los Tiguerones gang shot dead 5 people in Guayaquil (Guayas)."
    assert _actor1(text)[1] == "ECU"


# actors.claimed
def test_a_claim_names_the_author_of_the_attack_just_told_and_is_no_second_event():
    text = (
        "On 11 April 2026, a car bomb exploded at a checkpoint in Tikrit (Salahuddin), killing 4 people. "
        "The Islamic State later claimed responsibility in a statement."
    )
    events = [e for e in _events(text) if e["event_type"] == "ASSAULT"]
    assert [e["actor1_name"] for e in events] == ["Islamic State"]


# actors.agentless_arrest
def test_an_agentless_passive_arrest_is_made_by_the_state_where_it_happened():
    text = "Three officers were arrested in Bobo-Dioulasso on Tuesday, the government said."
    assert _actor1(text, "COERCE")[1] == "BFA"


# actors.py _titled_person: a government title with no country, then a personal name no lexicon lists
def test_a_bare_title_before_a_name_is_the_government_of_the_documents_state():
    text = (
        "Gunmen attacked a bus near Garissa in Kenya on Monday, killing 4 passengers. "
        "Interior Minister Kipchumba Murkomen blamed al-Shabaab for the attack."
    )
    assert _actor1(text, "ACCUSE") == ("Interior Minister Kipchumba Murkomen", "KEN")
    assert {e["actor1_type"] for e in _events(text) if e["event_type"] == "ACCUSE"} == {"government"}


def test_a_title_after_a_countrys_name_or_a_possessive_keeps_that_country():
    text = (
        "Shelling hit a market in Kharkiv in Ukraine on Monday, killing 3 people. "
        "Polish Foreign Minister Radoslaw Sikorski condemned the attack. "
        "Its Defence Minister Jan Novak denounced the shelling."
    )
    codes = {e["actor1_name"]: e["actor1_country"] for e in _events(text)}
    assert codes["Polish Foreign Minister Radoslaw Sikorski"] == "POL"
    assert "Defence Minister Jan Novak" not in codes


# actors.protest_crowd_of_place: a protest whose crowd no word names as an actor
def test_a_protest_with_no_named_crowd_is_held_by_protesters_of_its_place():
    text = "Thousands marched through Accra on Monday against the new electricity tariffs."
    assert _actor1(text, "PROTEST") == ("protesters", "GHA")


def test_a_protest_with_no_place_gets_no_crowd_and_a_named_crowd_is_kept():
    nowhere = "Thousands marched on Monday against the new electricity tariffs."
    assert _actor1(nowhere, "PROTEST") == (None, None)
    assert _actor1("Students rallied in Nairobi on Monday against the finance bill.", "PROTEST") == (
        "Students",
        "KEN",
    )


# actors.focus_country for an armed-group noun (home=local) of an event with no place at all
def test_a_local_group_with_no_place_takes_the_one_country_the_document_is_about():
    one = (
        "The Mozambican army said on Monday that its patrols had secured the road. On Sunday, insurgents "
        "burned a church and eleven houses, residents said."
    )
    assert _actor1(one) == ("insurgents", "MOZ")
    two = (
        "Kenya and Somalia agreed on Monday to share intelligence. On Sunday, militants burned a school, "
        "residents said."
    )
    assert _actor1(two) == ("militants", None)


# lexicons/agents.tsv: "official(s)" is a generic state noun (home=focus), a speaker stays a source
def test_an_official_who_accuses_is_the_documents_government_and_officials_who_speak_are_sources():
    text = (
        "Gunmen killed 6 farmers near Kaduna in Nigeria on Monday. A senior official blamed bandits for the "
        "killings."
    )
    assert _actor1(text, "ACCUSE") == ("official", "NGA")
    said = _events("Gunmen killed 6 farmers near Kaduna in Nigeria on Monday, officials said.")
    assert [(e["event_type"], e["actor1_name"]) for e in said] == [("ASSAULT", "unidentified gunmen")]


# lexicons/agents.tsv: state-force units named by their kind alone take the document's state (class S, stop 18)
def test_levies_and_a_task_force_are_forces_of_the_documents_state():
    assert (
        _actor1("Levies arrested three suspects near Khuzdar in Balochistan on Monday.", "COERCE")[1] == "PAK"
    )
    text = "The joint task force killed four gunmen near Maiduguri in Borno state on Monday."
    assert _actor1(text)[1] == "NGA"
