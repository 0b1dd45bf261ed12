from sitrep.extract.crosswalk import cameo_code
from sitrep.model import EVENT_COLUMNS


def test_drone_assault_is_cameo_fight():
    assert cameo_code("ASSAULT", "drone", None) == "19"


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
    assert {cameo_code("ASSAULT", mode, target) for mode, target in fight} == {"19"}
    assert {cameo_code("ASSAULT", mode, target) for mode, target in assault} == {"18"}
    assert cameo_code("ASSAULT", None, None) == "19"


def test_aid_is_cameo_07_and_an_accusation_cameo_11():
    assert cameo_code("AID", "military", None) == "07"
    assert cameo_code("ACCUSE", None, None) == "11"


def test_records_have_exactly_the_event_columns(extract):
    (ev,) = extract("Houthi rebels fired a missile at a ship in the Red Sea.")
    assert list(ev) == EVENT_COLUMNS
    assert ev["cameo_code"] == "19" and ev["acled_event_type"] == "Explosions/Remote violence"
