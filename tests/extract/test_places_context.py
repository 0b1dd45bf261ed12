"""Issue 14 §2 (stop 20): places an event takes from beyond its own words. Care places (where the wounded
were taken), clock zones, a heading's town, "the town" pointing back, villages the gazetteer lacks in a
one-division report, the open sea, Levantine spellings. Sentences here are in no gold file."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.extract.care import care_starts
from sitrep.extract.reportplace import report_place
from sitrep.extract.run import extract_document
from sitrep.model import Document, Segment
from tests.helpers import make_doc

FRIDAY = datetime(2026, 5, 8, 9, 0, tzinfo=UTC)


def _events(text: str) -> list[dict]:
    return extract_document(make_doc(text, FRIDAY))


def _places(text: str) -> list[tuple]:
    return [(e["location_name"], e["admin1"], e["country"]) for e in _events(text)]


# place.care_place
def test_the_town_the_wounded_were_flown_to_is_no_events_place():
    text = (
        "Insurgents attacked a police post in Mocimboa da Praia on Wednesday, killing two officers.\n"
        "Three wounded officers were flown to hospital in Nampula, where one of them died on Thursday.\n"
    )
    places = _places(text)
    assert ("Mocimboa da Praia", "Cabo Delgado", "MOZ") in places
    assert all(p[0] != "Nampula" and p[1] != "Nampula" for p in places)


def test_a_hospital_that_was_hit_is_where_the_attack_was():
    assert _places("An RSF drone hit a hospital in Kadugli on Thursday, killing four patients.")[0] == (
        "Kadugli",
        "South Kordofan",
        "SDN",
    )


def test_a_care_site_needs_the_place_right_after_it():
    lows = "a woman died in hospital this morning , the Sinaloa prosecutor said".split()
    assert care_starts(lows, [9]) == set()
    lows = "a woman died in hospital in Culiacan this morning".split()
    assert care_starts(lows, [6]) == {6}


# place.clock_zone
def test_a_clock_zone_is_no_place_of_the_sentence():
    text = "At 06:30 (Moscow time) Ukrainian drones hit an oil depot in Tuapse, the governor said."
    assert _places(text)[0][:2] == ("Tuapse", "Krasnodar")


def test_a_launch_into_the_sea_told_in_a_capitals_time_has_no_place():
    text = "At about 3 p.m. (Sanaa time) the Houthis fired two anti-ship missiles into the Gulf of Aden."
    assert all(p[:2] == (None, None) for p in _places(text))


# place.report_place
def test_a_heading_town_and_date_line_places_the_reports_events():
    text = "Kherson | Thursday 7 May 2026\nA Russian drone struck a bus on Thursday morning, wounding six passengers.\n"
    assert _places(text)[0] == ("Kherson", "Kherson", "UKR")


def test_a_live_blogs_clock_names_its_town():
    title = "Armenia protests - live (all times Yerevan)\n\n"
    body = "21:40 - Police detained dozens of protesters outside the government building.\n"
    text = title + body
    doc = Document("blog", text, FRIDAY, segments=[Segment(0, len(title), len(text), FRIDAY)])
    assert report_place(text, len(title), {"ARM"}).name == "Yerevan"
    events = extract_document(doc)
    assert events and events[0]["location_name"] == "Yerevan"


def test_no_heading_no_report_place():
    assert report_place("Police detained dozens of protesters.\n", 0, {"ARM"}) is None


# place.anaphora
def test_the_town_in_a_later_paragraph_is_the_last_town_attacked():
    text = (
        "Boko Haram fighters attacked Mubi on Monday, killing three vigilantes.\n\n"
        "A local official said the fighters returned to the town on Wednesday and burned the market.\n"
    )
    assert _places(text)[-1] == ("Mubi", "Adamawa", "NGA")


def test_the_town_named_earlier_in_the_sentence_is_the_one_meant():
    text = (
        "Al-Shabaab fighters attacked an army base near Jowhar on Monday.\n\n"
        "Residents of Baidoa said a bomb hit a bus on the road out of the town on Tuesday, killing four.\n"
    )
    assert _places(text)[-1][:2] == ("Baidoa", "Bay")


def test_the_town_of_a_name_is_not_the_last_town():
    text = "Gunmen attacked Mubi on Monday.\n\nOn Tuesday gunmen raided the town of Garbey Kourou, killing two.\n"
    assert _places(text)[-1][0] != "Mubi"


def test_a_district_of_a_city_is_in_the_city():
    assert _places("A glide bomb hit a school in the Kyivskyi district of Kharkiv on Thursday.")[0][1:] == (
        "Kharkiv",
        "UKR",
    )


# place.village_in_division
def test_a_village_the_gazetteer_lacks_takes_the_documents_one_division():
    text = (
        "Jihadists stole hundreds of cattle near Ouallam on Monday, local officials said.\n\n"
        "On Wednesday they killed four herders at Garbey Kourou.\n"
    )
    assert _places(text)[-1] == ("Garbey Kourou", "Tillaberi", "NER")


def test_with_two_divisions_named_the_village_stays_unplaced():
    text = (
        "Jihadists stole cattle near Ouallam on Monday.\n\nSoldiers killed five bandits near Agadez on Tuesday.\n\n"
        "On Wednesday they killed four herders at Garbey Kourou.\n"
    )
    assert _places(text)[-1][0] is None


def test_a_street_before_its_town_is_no_village():
    text = (
        "Separatists threw a grenade into a bar at Commercial Avenue, Bamenda, on Monday night, killing two."
    )
    assert _places(text)[0][0] != "Commercial Avenue"


# place.at_sea
def test_an_attack_on_a_ship_takes_no_place_from_its_paragraph():
    text = (
        "Houthi forces shelled government positions near Hodeidah on Monday, killing two soldiers.\n\n"
        "On Tuesday a Houthi drone hit the bulk carrier Sea Lark, setting it ablaze.\n"
    )
    assert _places(text)[-1][:2] == (None, None)


# lexicons/place_spellings.tsv
def test_a_levantine_spelling_reaches_the_gazetteers():
    assert _places("An Israeli drone struck a car in Bint Jbeil on Thursday, killing one man.")[0][1:] == (
        "Nabatieh",
        "LBN",
    )


def test_a_district_of_the_city_told_before_is_in_that_city():
    text = (
        "Russian guided bombs hit Zaporizhzhia on Monday, killing two.\n\n"
        "On Tuesday a drone struck the city's industrial Oleksandrivskyi district, wounding four.\n"
    )
    assert _places(text)[-1][1:] == ("Zaporizhia", "UKR")


def test_a_named_centre_region_is_no_town_pointed_back_to():
    text = "Gunmen attacked Kaya on Monday.\n\nOn Tuesday soldiers clashed with jihadists in the Centre region.\n"
    assert _places(text)[-1][0] != "Kaya"


def test_a_district_named_after_its_own_seat_town_keeps_the_town():
    text = "Gunmen opened fire on a wedding in the Midyat district of Mardin on Sunday, killing six."
    assert _places(text)[0][:2] == ("Midyat", "Mardin")
