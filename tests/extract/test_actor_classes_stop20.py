"""Issue 14, the stop-20 actor1 error classes of wt-actors7 (/work/blind_store/actor1_errors_stop20b.md): a defence
verb names the attacker as actor1, victims of a "when" clause are no attacker, groups of regions the tables
covered little, canonical names of transnational groups, a participle's object is no subject. Sentences here
are in no gold file."""

from __future__ import annotations


def _attack(events: list[dict]) -> dict:
    return next(e for e in events if e["event_type"] == "ASSAULT")


def test_a_repelled_attack_has_the_attacker_as_actor1_and_the_defender_as_actor2(extract):
    e = _attack(
        extract("Chadian soldiers repelled an attack by Boko Haram fighters on a post near Bol on Monday.")
    )
    assert (e["actor1_name"], e["actor2_country"]) == ("Boko Haram", "TCD")


def test_a_repelled_attack_on_a_base_does_not_make_the_base_the_attacker(extract):
    e = _attack(extract("Police repelled an attack on the police station in Mandera on Monday night."))
    assert e["actor1_name"] is None and e["actor2_type"] == "police"


def test_a_passive_repelled_attack_keeps_the_attacker_before_the_verb(extract):
    e = _attack(
        extract("An al-Shabaab assault on a base near Balad was repelled by government troops on Monday.")
    )
    assert (e["actor1_name"], e["actor2_type"]) == ("al-Shabaab", "state_forces")


def test_fought_off_is_a_defence(extract):
    e = _attack(extract("Members of a self-defence group fought off Boko Haram raiders near Mora on Monday."))
    assert e["actor1_name"] == "Boko Haram"


def test_victims_before_when_are_no_attacker(extract):
    e = _attack(
        extract(
            "Two Ugandan soldiers were killed on Monday when their truck hit a landmine near Kotido, the army said."
        )
    )
    assert e["actor1_name"] is None


def test_an_attack_after_when_keeps_its_own_subject(extract):
    e = _attack(
        extract("Four farmers were killed on Monday when Fulani gunmen attacked Kaura village in Kaduna.")
    )
    assert e["actor1_type"] in ("militia", "rebels") and e["actor1_name"] != "farmers"


def test_its_weapon_after_when_keeps_the_subject_before(extract):
    e = _attack(
        extract(
            "The RSF committed a new massacre on Monday when its drones targeted a market in El Obeid, killing 9."
        )
    )
    assert e["actor1_country"] == "SDN" and e["actor1_type"] == "rebels"


def test_the_subject_of_died_is_the_victim_and_the_agent_after_by_attacked(extract):
    e = _attack(extract("Two Malian soldiers died in an attack by JNIM near Djibo on Monday."))
    assert (e["actor1_name"], e["actor2_country"]) == ("JNIM", "MLI")


def test_died_of_wounds_from_a_named_strike_takes_its_state_as_attacker(extract):
    e = _attack(
        extract(
            "A third Syrian soldier died on Friday of wounds from Thursday's Israeli airstrike near Kiswah."
        )
    )
    assert (e["actor1_country"], e["actor2_country"]) == ("ISR", "SYR")


def test_isis_and_daesh_take_the_conventional_name(extract):
    for text in (
        "ISIS fighters attacked a checkpoint near Deir ez-Zor on Monday.",
        "Daesh militants attacked a checkpoint near Deir ez-Zor on Monday.",
    ):
        assert _attack(extract(text))["actor1_name"] == "Islamic State"


def test_groups_of_regions_the_tables_covered_little(extract):
    cases = {
        "JSS members attacked a UPDF-Prasit camp in Dighinala, Khagrachari, on Monday.": "BGD",
        "The machababos attacked the village of Nchinga in Meluco district on Monday.": "MOZ",
        "Anti-balaka fighters attacked a Fulani camp near Bambari on Monday.": "CAF",
        "PJAK fighters attacked a Basij base near Marivan on Monday.": "IRN",
        "An FPV drone of the AFU struck a car near Graivoron in Belgorod region on Monday.": "UKR",
    }
    for text, code in cases.items():
        assert _attack(extract(text))["actor1_country"] == code, text


def test_a_un_mission_is_an_organisation(extract):
    events = extract("MINUSCA peacekeepers deployed a patrol to Bambari on Monday.")
    assert (events[0]["actor1_name"], events[0]["actor1_country"]) == ("MINUSCA", "UN")


def test_ethnic_and_communal_armed_groups_are_identity_militias(extract):
    for text in (
        "White Army fighters attacked an army garrison near Nasir in Upper Nile on Monday.",
        "White Army militiamen overran an army barracks in Ulang county on Monday.",
    ):
        assert _attack(extract(text))["inter1"] == "Identity militias", text


def test_the_object_of_a_participle_is_no_subject(extract):
    e = _attack(
        extract(
            "A Russian missile strike on a dormitory housing displaced families in Sumy killed four people on Monday."
        )
    )
    assert e["actor1_country"] == "RUS"
