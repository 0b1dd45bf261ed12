"""The ACLED decision (sitrep/extract/acled.py, sitrep/data/acled_rules.tsv, acled_actor_rules.tsv): type,
sub-type and actor categories follow who acts on whom and with what, through the real extractor."""

from __future__ import annotations

import pytest

from sitrep.extract.acled import code_event, has_cue, side
from sitrep.extract.lexicon import read_tsv

EXP, STR, VAC, BAT = (
    "Explosions/Remote violence",
    "Strategic developments",
    "Violence against civilians",
    "Battles",
)


def _acled(event: dict) -> tuple:
    return event["acled_event_type"], event["acled_sub_event_type"], event["inter1"], event["inter2"]


def test_an_interception_with_nothing_hit_is_disrupted_weapons_use_by_the_interceptor(extract):
    (ev,) = extract("Ukrainian air defence shot down 20 drones over Kharkiv overnight.")
    assert ev["event_type"] == "ASSAULT"  # the PLOVER event stays an attack
    assert _acled(ev) == (STR, "Disrupted weapons use", "State forces", None)


def test_the_target_of_a_downed_salvo_is_acled_actor1_and_the_launcher_external():
    coding = code_event(
        event_type="ASSAULT", mode="drone", factuality="happened",
        actor1=side("Russia", "RUS", None), actor2=side("Ukraine", "UKR", None), victim_type=None,
        weapon="drone", intercepted=31.0, fatalities=None, injuries=None, country=None,
        evidence="Air defence shot down 31 of 40 drones that Russia launched overnight.",
    )  # fmt: skip
    assert (coding.event_type, coding.sub_event_type) == (STR, "Disrupted weapons use")
    assert (coding.inter1, coding.inter2) == ("State forces", "External/Other forces")
    assert coding.rule == "acled.intercept_disrupted"


def test_an_intercepted_salvo_that_still_kills_is_remote_violence(extract):
    (ev,) = extract(
        "Russia launched 10 missiles at Odesa; 8 were intercepted, but one hit a house, killing 2 people."
    )
    assert ev["acled_event_type"] == EXP


def test_gunmen_killing_villagers_is_violence_against_civilians_by_an_unidentified_armed_group(extract):
    (ev,) = extract("Bandits killed 5 villagers near Gusau, Nigeria, on Monday.")
    assert ev["actor1_name"] == "bandits" and ev["actor1_country"] == "NGA"
    assert _acled(ev) == (VAC, "Attack", "Political militias", "Civilians")


def test_two_armed_sides_clashing_is_a_battle_and_clan_militias_are_identity_militias(extract):
    (ev,) = extract(
        "On 14 March 2025, Degodia clan militia and Garre clan militia clashed near Mandera, killing 4."
    )
    assert ev["actor1_name"] == "Degodia clan militia"
    assert _acled(ev)[:3] == (BAT, "Armed clash", "Identity militias")


def test_kdf_is_kenyan_state_forces_fighting_rebels(extract):
    (ev,) = extract("KDF soldiers clashed with al-Shabaab militants near Lamu, Kenya, on Monday.")
    assert (ev["actor1_name"], ev["actor1_country"]) == ("KDF soldiers", "KEN")
    assert _acled(ev) == (BAT, "Armed clash", "State forces", "Rebel groups")


def test_police_dispersing_protesters_is_a_protest_with_intervention_protesters_first(extract):
    (ev,) = extract("Police fired tear gas to disperse protesters in Nairobi on Monday.")
    assert ev["event_type"] == "COERCE"
    assert _acled(ev) == ("Protests", "Protest with intervention", "Protesters", "State forces")


def test_police_shooting_at_a_protest_is_excessive_force(extract):
    events = extract("Police opened fire on protesters marching in Kampala, Uganda, on Monday.")
    (ev,) = [e for e in events if e["event_type"] == "ASSAULT"]
    assert _acled(ev) == ("Protests", "Excessive force against protesters", "Protesters", "State forces")


def test_a_labour_strike_is_a_protest_not_a_military_strike(extract):
    (ev,) = extract("Nurses who have been striking for two weeks held a protest in Nairobi on Monday.")
    assert ev["event_type"] == "PROTEST"
    assert _acled(ev)[:3] == ("Protests", "Peaceful protest", "Protesters")


def test_arson_of_a_party_office_is_property_destruction(extract):
    (ev,) = extract(
        "Unidentified men set fire to an office of the opposition party in Lahore, Pakistan, on Monday."
    )
    assert _acled(ev)[:2] == (STR, "Looting/property destruction")


def test_weapons_seized_from_a_hideout_are_disrupted_weapons_use(extract):
    (ev,) = extract(
        "On 4 February 2026, KDF soldiers seized 3 rifles from an al-Shabaab hideout near Lamu (Lamu)."
    )
    assert _acled(ev)[:2] == (STR, "Disrupted weapons use")


def test_a_foreign_army_striking_abroad_is_external(extract):
    (ev,) = extract("A US drone strike killed four al-Shabaab fighters near Jilib, Somalia, on Tuesday.")
    assert _acled(ev) == (EXP, "Air/drone strike", "External/Other forces", "Rebel groups")


def test_a_planned_attack_is_not_coded(extract):
    (ev,) = extract("Russia plans to strike Kharkiv next week, officials said.")
    assert ev["factuality"] != "happened"
    assert _acled(ev) == (None, None, None, None)


def test_a_campaign_toll_is_a_running_total_not_an_incident(extract):
    events = extract(
        "The insurgency, which began in Mocimboa da Praia in 2017, has killed more than 6,000 people."
    )
    assert all(e["fatalities"] is None for e in events)


# ---- the tables themselves


def _rows(name: str) -> list[dict[str, str]]:
    return read_tsv(name)


def test_every_acled_pair_in_the_rules_is_in_the_codebook():
    pairs = {(r["event_type"], r["sub_event_type"]) for r in _rows("acled_types.tsv")}
    for r in _rows("acled_rules.tsv"):
        pair = (r["acled_event_type"], r["acled_sub_event_type"])
        assert pair == ("", "") or pair in pairs, r["id"]


def test_every_category_in_the_actor_rules_is_an_acled_category():
    names = {r["inter_name"] for r in _rows("acled_inter.tsv")}
    for r in _rows("acled_actor_rules.tsv"):
        assert r["inter"] in names | {""}, r["id"]


@pytest.mark.parametrize(
    ("name", "prefix"), [("acled_rules.tsv", "acled."), ("acled_actor_rules.tsv", "inter.")]
)
def test_rule_ids_are_unique_and_named_for_explain(name, prefix):
    ids = [r["id"] for r in _rows(name)]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(prefix) for i in ids)


def test_every_cue_a_table_names_exists():
    cues = {r["cue"] for r in _rows("acled_cues.tsv")}
    named = {r["cue"].lstrip("!") for r in _rows("acled_rules.tsv")}
    named |= {r["name"].lstrip("!") for r in _rows("acled_actor_rules.tsv")}
    assert named - {"*"} <= cues


def test_cues_match_whole_words_only():
    assert has_cue("crowd", "protesters gathered")
    assert not has_cue("crowd", "On 4 March 2025, militiamen abducted 5 people")  # the month is no march
    assert not has_cue("mob", "a mobile phone shop")
