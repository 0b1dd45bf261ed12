"""Issue 14, class A of the stop-18 actor1 errors: an attack told without its attacker takes the one side its
document names as the author of its attacks (roles.document_attacker, tests/gold/README.md "Actors"), and an
interception of a state's projectiles is that state's attack (actors.weapon_owner). Sentences here are in no
gold file."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.extract.run import extract_document
from tests.helpers import make_doc

THURSDAY = datetime(2026, 4, 16, 9, 0, tzinfo=UTC)


def _attackers(text: str) -> dict[str, str | None]:
    """location -> actor1 country of each attack."""
    events = extract_document(make_doc(text, THURSDAY))
    return {e["location_name"]: e["actor1_country"] for e in events if e["event_type"] == "ASSAULT"}


ONE_SIDE = (
    "In Tyre, a drone hit a motorcycle on Wednesday, killing its rider.\n\n"
    "Later on Wednesday, Israeli warplanes struck a house in Nabatieh, killing three people.\n\n"
)


def test_an_agentless_attack_takes_the_one_attacker_its_document_names_even_after_it():
    assert _attackers(ONE_SIDE)["Tyre"] == "ISR"


def test_a_second_attacking_side_leaves_the_agentless_attack_unknown():
    text = (
        ONE_SIDE + "Hezbollah fired ten rockets at Kiryat Shmona on Wednesday evening, wounding two people."
    )
    assert _attackers(text)["Tyre"] is None


def test_an_attack_its_report_calls_unclaimed_stays_unknown():
    text = ONE_SIDE.replace("killing its rider.", "killing its rider. No group claimed the attack.")
    assert _attackers(text)["Tyre"] is None


def test_an_unnamed_attacker_is_no_author_for_other_attacks():
    text = (
        "In Tyre, a drone hit a motorcycle on Wednesday, killing its rider.\n\n"
        "Gunmen shot dead two men in Nabatieh on Wednesday evening.\n\n"
    )
    assert _attackers(text)["Tyre"] is None


def test_an_interception_of_a_states_drones_is_that_states_attack():
    text = "Air defences destroyed 20 Russian drones over the Kharkiv region overnight, the Ukrainian air force said."
    events = extract_document(make_doc(text, THURSDAY))
    attack = next(e for e in events if e["event_type"] == "ASSAULT")
    assert attack["actor1_country"] == "RUS"


def test_a_claim_names_the_unnamed_attackers_of_the_attacks_told_before_it():
    text = (
        "Gunmen attacked a church in Kirkuk on Sunday evening, killing three people.\n\n"
        "In Tikrit, gunmen opened fire on a police post, killing two officers.\n\n"
        "The Islamic State's Iraq branch claimed responsibility on Monday."
    )
    assert set(_names(text).values()) == {"Islamic State"}


def test_armed_men_of_a_named_gang_are_the_gang():
    text = "Armed men of the Gran Grif gang attacked Pont-Sonde in Haiti on Monday, killing 10 people."
    assert set(_names(text).values()) == {"Gran Grif"}


def _names(text: str) -> dict[str, str | None]:
    events = extract_document(make_doc(text, THURSDAY))
    return {e["location_name"]: e["actor1_name"] for e in events if e["event_type"] == "ASSAULT"}
