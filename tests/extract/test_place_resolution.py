"""Place resolution rules: sentence openers, water bodies, capitals standing for governments,
a name's own division reading, document-level divisions, and the added GeoNames divisions."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.extract.places import find_places
from sitrep.extract.text import tokenize
from tests.helpers import places


def test_sentence_opening_in_is_not_part_of_the_place_name():
    assert places("In Izium, a glide bomb destroyed a school.") == ["Izium"]


def test_the_red_sea_is_water_not_the_sudanese_state():
    assert places("A drone boat hit a tanker in the Red Sea.") == []


def test_red_sea_with_state_word_is_the_division():
    found = find_places(tokenize("Refugees reached the Red Sea state.", 0), set())
    assert [p.entry.precision for p in found] == ["admin1"]


def test_capital_after_with_is_a_party_not_a_place():
    assert "Moscow" not in places("Chad cut its security ties with Moscow.")


def test_capital_as_speaker_gives_a_verbal_event_no_place(extract):
    events = extract("Berlin called on Baku to release the detained journalists.")
    assert events and all(e["admin1"] is None and e["location_name"] is None for e in events)


def test_verbal_event_keeps_the_place_it_happened_in(extract):
    events = [
        e
        for e in extract("Officials from both sides held talks in Doha on Monday.")
        if e["event_type"] == "CONSULT"
    ]
    assert events and events[0]["location_name"] == "Doha" and events[0]["country"] == "QAT"


def test_capital_city_beats_the_state_of_the_same_name(extract):
    events = [
        e
        for e in extract("Kenya's president will meet Joe Biden in Washington next Tuesday.")
        if e["event_type"] == "CONSULT"
    ]
    assert events and events[0]["admin1"] == "District of Columbia"


def test_city_named_like_its_division_keeps_that_division(extract):
    (ev,) = extract("An airstrike on a market in Gaza City killed nine people.")
    assert ev["admin1"] == "Gaza Strip" and ev["country"] == "PSE"


def test_division_named_earlier_in_the_document_decides_a_namesake(extract):
    events = extract(
        "Russian shelling of the Kharkiv region killed four people on Sunday.\n\n"
        "In Balakliia, a drone attack on a bus station killed two and injured one."
    )
    part = [e for e in events if e["location_name"] and "Balakl" in e["location_name"]]
    assert part and part[0]["admin1"] == "Kharkiv"


def test_locative_division_beats_a_name_that_qualifies_an_office(extract):
    (ev,) = extract("Israeli strikes across the Gaza Strip killed 15 people, the Gaza health ministry said.")
    assert ev["admin1"] == "Gaza Strip" and ev["location_name"] is None


def test_place_in_parenthesis_after_besieging_is_read(extract):
    (ev,) = extract("JNIM fighters besieging Djibo (Sahel, Burkina Faso) burned three lorries.")
    assert ev["location_name"] == "Djibo" and ev["admin1"] == "Sahel"


def test_cairo_governorate_is_known(extract):
    (ev,) = extract("Police arrested 12 protesters in Cairo on Friday.")
    assert ev["admin1"] == "Cairo" and ev["country"] == "EGY"


def test_menaka_region_of_mali_is_known(extract):
    (ev,) = extract("Gunmen killed five herders near Menaka on Tuesday.")
    assert ev["admin1"] == "Menaka" and ev["country"] == "MLI"


def test_month_name_may_in_a_dateline_is_no_modal(extract):
    anchor = datetime(2024, 5, 16, 9, 0, tzinfo=UTC)  # a Thursday
    (ev,) = extract("BAMAKO, May 16 - Soldiers shot dead four civilians near Gao on Wednesday.", anchor)
    assert ev["event_mode"] == "firearms" and str(ev["event_date"]) == "2024-05-15"


def test_capital_named_as_addressee_is_the_target_state(extract):
    (ev,) = extract("Vilnius asked Warsaw to reopen the rail crossing.")
    assert ev["actor2_country"] == "POL" and ev["location_name"] is None


def test_possessive_country_picks_its_own_namesake_division(extract):
    (ev,) = extract(
        "Truck drivers blockaded a highway in Bulgaria's Pleven province on Monday, demanding lower tolls."
    )
    assert (ev["admin1"], ev["country"]) == ("Pleven", "BGR")


def test_apposition_puts_an_unknown_namesake_inside_the_following_division(extract):
    (ev,) = extract(
        "Dockers blockaded the port of Nikopol, a small town in Bulgaria's Pleven province, on Monday, "
        "demanding higher wages."
    )
    assert (ev["location_name"], ev["admin1"], ev["country"]) == ("Nikopol", "Pleven", "BGR")


def test_possessor_without_a_namesake_keeps_the_place(extract):
    (ev,) = extract("Israel's Gaza offensive killed 14 people in Khan Yunis on Monday.")
    assert ev["country"] == "PSE"
