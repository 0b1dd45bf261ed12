def only(events, etype):
    found = [e for e in events if e["event_type"] == etype]
    assert len(found) == 1, events
    return found[0]


def test_active_transfer_puts_giver_first_and_recipient_second(extract):
    ev = only(extract("Hungary supplied ammunition to Serbia."), "AID")
    assert (ev["actor1_country"], ev["actor2_country"], ev["event_mode"]) == ("HUN", "SRB", "military")


def test_supply_with_object_form_finds_recipient(extract):
    ev = only(extract("Iran has supplied Russia with drones."), "AID")
    assert (ev["actor1_country"], ev["actor2_country"]) == ("IRN", "RUS")


def test_passive_voice_puts_agent_in_actor1(extract):
    ev = only(extract("Six civilians were killed by Israeli airstrikes in Khan Younis."), "ASSAULT")
    assert ev["actor1_country"] == "ISR" and ev["actor2_type"] == "civilians" and ev["fatalities"] == 6


def test_possessive_attack_phrase_names_the_attacker(extract):
    ev = only(
        extract("Three fuel tanks have been set on fire in Ukraine's drone attacks on the Kursk region."),
        "ASSAULT",
    )
    assert ev["actor1_country"] == "UKR" and ev["admin1"] == "Kursk"


def test_actor_is_taken_from_the_entry_when_omitted(extract):
    events = extract(
        "Russian strikes hit the Kharkiv region overnight. A glide bomb killed two people in Kupiansk."
    )
    part = [e for e in events if e["fatalities"] == 2]
    assert part and part[0]["actor1_country"] == "RUS"


def test_coordinated_parties_of_an_agreement_are_both_actors(extract):
    ev = only(extract("Japan and the Philippines signed a defence pact."), "AGREE")
    assert {ev["actor1_country"], ev["actor2_country"]} == {"JPN", "PHL"}


def test_speaker_is_not_the_actor(extract):
    ev = only(extract("Reuters reported that Sweden sent artillery shells to Ukraine."), "AID")
    assert (ev["actor1_country"], ev["actor2_country"]) == ("SWE", "UKR")


def test_sanctions_against_name_the_target(extract):
    ev = only(extract("The European Union imposed sanctions on Belarus."), "SANCTION")
    assert (ev["actor1_country"], ev["actor2_country"]) == ("EU", "BLR")


def test_reciprocal_clash_takes_both_conjuncts(extract):
    ev = only(extract("Somali troops and al-Shabaab militants clashed near Jowhar."), "ASSAULT")
    assert (ev["actor1_country"], ev["actor2_type"]) == ("SOM", "rebels")


def test_trailing_source_is_not_the_target(extract):
    events = extract("North Korea fired three ballistic missiles into the sea, South Korea's military said.")
    (mob,) = [e for e in events if e["event_type"] == "MOBILIZE"]
    assert mob["actor1_country"] == "PRK" and mob["actor2_country"] is None


def test_unnamed_target_of_a_cross_border_attack_is_the_state(extract):
    ev = only(extract("Russian missiles hit an energy facility in the Lviv region."), "ASSAULT")
    assert (ev["actor2_country"], ev["actor2_type"]) == ("UKR", None)


def test_words_of_a_group_name_are_no_trigger(extract):
    evs = extract(
        "The Three Brotherhood Alliance and the army agreed on Monday to a ceasefire in Shan state."
    )
    assert [e["event_type"] for e in evs] == ["AGREE"]


def test_protesters_and_their_target_take_the_country_of_the_place(extract):
    (ev,) = extract("Hundreds of students protested against tuition fees in Mandalay on Tuesday.")
    assert (ev["event_type"], ev["actor1_country"], ev["actor2_country"]) == ("PROTEST", "MMR", "MMR")


def test_a_verb_after_and_shares_the_subject_of_the_verb_before(extract):
    events = extract(
        "The European Union accused Russia of jamming satellite signals over the Baltic and demanded "
        "that Moscow stop the interference."
    )
    demand = [e for e in events if e["event_type"] == "DEMAND"]
    assert demand and demand[0]["actor1_country"] == "EU" and demand[0]["actor2_country"] == "RUS"
