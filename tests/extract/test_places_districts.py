"""Issue 14 (stop 19): districts as divisions, far namesakes that support only themselves, one-word datelines
and the dateline's division, directional divisions, facilities "of" a town, qualifiers, roads, a division that
holds none of a name's readings, and the same name read the same way through a document. Sentences here are
in no gold file."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.extract.districts import district_admins
from sitrep.extract.gazetteer import compact
from sitrep.extract.run import extract_document
from tests.helpers import make_doc

TUESDAY = datetime(2026, 4, 14, 9, 0, tzinfo=UTC)


def _events(text: str) -> list[dict]:
    return extract_document(make_doc(text, TUESDAY))


def _place(text: str, k: int = 0) -> tuple:
    e = _events(text)[k]
    return e["location_name"], e["admin1"], e["country"]


# districts.py and place.district


def test_district_names_are_indexed_with_and_without_their_level_word():
    assert [e.name for e in district_admins(compact("soum"))] == ["Sahel"]  # GeoNames: "Province du Soum"
    assert [e.name for e in district_admins(compact("kurram"))] == ["Khyber Pakhtunkhwa"]  # admin2_extra.tsv
    assert district_admins(compact("north")) == ()  # "North District" leaves no bare direction


def test_a_district_the_gazetteer_has_no_town_of_reads_as_its_division():
    assert _place(
        "Militants attacked a police post in Pakistan's Orakzai district on Monday, killing two."
    ) == (
        None,
        "Khyber Pakhtunkhwa",
        "PAK",
    )


def test_a_town_named_like_a_district_elsewhere_reads_as_the_district_before_a_division_word():
    # Soum is also a Senegalese town; "the Soum province" is Burkina Faso's
    text = "Jihadists attacked an army post in the Soum province on Monday, killing six soldiers."
    assert _place(text)[1:] == ("Sahel", "BFA")


def test_a_district_seat_the_gazetteer_knows_stays_the_town():
    assert _place("Gunmen killed three policemen in Bannu district on Monday.") == (
        "Bannu",
        "Khyber Pakhtunkhwa",
        "PAK",
    )


def test_a_district_after_a_towns_comma_is_its_address():
    text = (
        "Soldiers clashed with gunmen in Barangay Lumbac, Butig, Lanao del Sur on Monday, leaving four dead."
    )
    assert _place(text)[1:] == ("Autonomous Region in Muslim Mindanao", "PHL")


# place.self_support


def test_a_small_town_abroad_does_not_support_its_own_country():
    # "Mir" alone is a town in Belarus: the Pakistani log names no place near it
    text = "North Waziristan (Khyber Pakhtunkhwa) - A drone strike hit a house in Mir Ali on Monday, injuring four."
    assert _place(text)[1:] == ("Khyber Pakhtunkhwa", "PAK")


# one-word datelines and place.dateline_division


def test_a_one_word_dateline_is_no_event_place_but_its_division_is_the_last_resort():
    events = _events(
        "GAROWE - Puntland forces arrested eleven suspected militants on Monday, officials said."
    )
    assert events[0]["location_name"] is None
    assert (events[0]["admin1"], events[0]["country"]) == ("Nugaal", "SOM")


def test_an_acronym_before_a_dash_is_no_dateline():
    assert (
        _events("UN - Peacekeepers were attacked in Bunia on Monday, killing one.")[0]["location_name"]
        == "Bunia"
    )


# place.directional_division


def test_a_direction_and_a_country_name_the_division_the_gazetteer_names_so():
    assert _place("Israeli drones struck a motorcycle in southern Lebanon on Monday, killing one man.") == (
        None,
        "South Lebanon",
        "LBN",
    )


def test_a_named_division_beats_the_directional_one_beside_it():
    text = "A drone strike on a car in Nabatieh in southern Lebanon killed a man on Monday."
    assert _place(text)[1:] == ("Nabatieh", "LBN")


# facilities "of" a town, place.qualifier, roads


def test_the_facility_of_a_town_makes_it_the_place():
    text = "Rebels shelled the central market of Kadugli on Monday, killing four traders."
    assert _place(text) == ("Kadugli", "South Kordofan", "SDN")


def test_a_city_naming_the_neighbourhood_after_it_is_only_a_qualifier():
    text = "In the Port-au-Prince suburb of Delmas, gang members shot dead two people on Monday."
    assert _place(text)[0] == "Delmas"


def test_a_name_before_a_road_number_is_a_road():
    text = "Gunmen torched two trucks on the Mexico 15 highway near Navolato on Monday."
    assert _place(text)[1:] == ("Sinaloa", "MEX")


# a division holding none of the readings; the same name through a document


def test_a_division_that_holds_none_of_a_names_readings_places_it_there():
    text = "Armed youth overran an army post in Tonga, Upper Nile state, on Monday, killing nine soldiers."
    assert _place(text) == ("Tonga", "Upper Nile", "SSD")


def test_a_name_placed_by_its_division_is_the_same_place_later_in_the_document():
    text = (
        "Armed youth overran an army post in Tonga, Upper Nile state, on Monday, killing nine soldiers.\n"
        "On Tuesday, government aircraft bombed Tonga, killing five civilians."
    )
    assert _place(text, 1)[1:] == ("Upper Nile", "SSD")


def test_a_village_placed_once_is_found_again():
    text = (
        "Bandits shot dead two herders at Kapchebau in Marakwet West on Monday, police said.\n"
        "On Tuesday, residents protested in Kapchebau, blocking the road with stones."
    )
    events = _events(text)
    assert [(e["location_name"], e["admin1"]) for e in events[-1:]] == [("Kapchebau", "Marakwet District")]
