from sitrep.extract.crosswalk import crosswalk
from sitrep.model import EVENT_COLUMNS


def test_drone_assault_is_an_air_drone_strike():
    assert crosswalk("ASSAULT", "drone", None) == ("18", "Explosions/Remote violence", "Air/drone strike")


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
    assert ev["cameo_code"] == "18" and ev["acled_event_type"] == "Explosions/Remote violence"
