from sitrep.extract.crosswalk import crosswalk
from sitrep.model import EVENT_COLUMNS


def test_drone_assault_is_an_air_drone_strike():
    assert crosswalk("ASSAULT", "drone", None) == ("19", "Explosions/Remote violence", "Air/drone strike")


def test_conventional_fighting_is_cameo_fight_and_unconventional_violence_is_cameo_assault():
    # CAMEO codebook: 19 FIGHT (193 small arms, 194 artillery, 195 aerial, 192 occupy); 18 ASSAULT
    # (181 abduct, 183 bombings, 186 assassinate); 20 mass violence needs more than a weapon to tell.
    fight = [
        ("aerial", None),
        ("artillery", None),
        ("missile", None),
        ("firearms", "state_forces"),
        ("occupy", None),
    ]
    assault = [("explosives", None), ("abduction", None), ("assassination", None), ("firearms", "civilians")]
    assert {crosswalk("ASSAULT", mode, target)[0] for mode, target in fight} == {"19"}
    assert {crosswalk("ASSAULT", mode, target)[0] for mode, target in assault} == {"18"}
    assert crosswalk("ASSAULT", None, None)[0] == "19"


def test_firearms_against_civilians_is_violence_against_civilians():
    assert crosswalk("ASSAULT", "firearms", "civilians")[1:] == ("Violence against civilians", "Attack")


def test_firearms_against_forces_is_an_armed_clash():
    assert crosswalk("ASSAULT", "firearms", "state_forces")[1:] == ("Battles", "Armed clash")


def test_aid_is_a_strategic_development_with_cameo_07():
    assert crosswalk("AID", "military", None) == ("07", "Strategic developments", "Other")


def test_verbal_events_have_no_acled_type():
    assert crosswalk("ACCUSE", None, None) == ("11", None, None)


def test_records_have_exactly_the_event_columns(extract):
    (ev,) = extract("Houthi rebels fired a missile at a ship in the Red Sea.")
    assert list(ev) == EVENT_COLUMNS
    assert ev["cameo_code"] == "19" and ev["acled_event_type"] == "Explosions/Remote violence"
