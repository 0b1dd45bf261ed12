"""Issue 14 §2, second step: places in countries the first place rules were not written for (places_dev2.jsonl
found the classes): villages GeoNames has outside the old conflict list, divisions GeoNames names only by code,
names the gazetteer lacks whose division comes in a possessive or after a unit word, a valley named like a
division. Third step (actors_dev2, heldout, heldout2): words around a known name that make it an event's place
(CUES). Sentences here are in no gold file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sitrep.extract.run import extract_document
from tests.helpers import make_doc

MONDAY = datetime(2026, 4, 13, 9, 0, tzinfo=UTC)


def _place(text: str) -> tuple:
    events = extract_document(make_doc(text, MONDAY))
    assert events, text
    e = events[0]
    return e["location_name"], e["admin1"], e["country"]


UNSEEN = [
    # a village of a country outside the old conflict list (gazetteer build: Africa, Asia, Latin America)
    ("NPA rebels ambushed an army patrol in Las Navas, Northern Samar, on Sunday.", ("Las Navas", "Eastern Visayas", "PHL")),
    # divisions GeoNames names only by code (admin1_overrides.tsv code= rows)
    ("RSF drones struck a market in Nyala on Sunday, killing five civilians.", ("Nyala", "South Darfur", "SDN")),
    ("A roadside bomb killed two soldiers near Baqubah on Sunday.", ("Baqubah", "Diyala", "IRQ")),
    # names the gazetteer lacks: a verb whose object is a place opens the name, a unit word before the division
    ("Armed herders raided Lokwamosing village (Turkana) on Sunday, killing two people.", ("Lokwamosing", "Turkana", "KEN")),
    # ... the division in a possessive before the name
    ("Armed youth attacked cattle camps in Jonglei state's Pieri village on Sunday, killing six.", ("Pieri", "Jonglei", "SSD")),
    # ... the unit word, then "in" and a state after its country's possessive
    ("Gunmen killed four farmers in Tse-Ayu village in Nigeria's Benue state on Sunday.", ("Tse-Ayu", "Benue", "NGA")),
    # ... the unit word, then "in" and a district
    ("Police fired tear gas at refugees protesting at the Nakivale settlement in Isingiro district on Sunday.", ("Nakivale", "Western Region", "UGA")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "where"), UNSEEN)
def test_places_outside_the_first_countries_get_the_division_the_text_and_gazetteer_give(text, where):
    assert _place(text) == where


def test_a_camp_in_a_town_is_the_towns():
    # the town is the most precise place the gazetteer knows (as the gold conventions code Abu Shouk)
    assert _place("RSF shelled the Kalma camp in Nyala on Sunday, killing four civilians.")[0] == "Nyala"


def test_a_valley_named_like_a_division_is_not_that_division():
    text = "Israeli jets struck Hezbollah weapons depots near Baalbek in the Bekaa valley on Sunday."
    assert _place(text) == ("Baalbek", "Baalbek-Hermel", "LBN")


CUES = [
    # Words around a known name that make it the event's place (place.* rules in sitrep/extract/places.py).
    # place.line_start: a time or date before the line's first words
    ("07:40 - In Kherson, Russian artillery shelled a bus stop, killing two people.", ("Kherson", "Kherson", "UKR")),
    ("12 April, Beni: ADF fighters killed seven farmers near their fields.", ("Beni", "North Kivu", "COD")),
    # place.direction_of
    ("Soldiers clashed with militants south of Dapaong on Sunday.", ("Dapaong", "Savanes", "TGO")),
    # place.site_after: "the X <site>", "X town"
    ("Gunmen stormed the Kaya police station on Sunday, killing two officers.", ("Kaya", "Centre-Nord", "BFA")),
    ("Junta aircraft bombed a school in the northern part of Falam town on Sunday.", ("Falam", "Chin", "MMR")),
    # place.line_start: a log line's heading name before a comma or stop
    ("13/04 - Kupiansk. Artillery strike on a school. 2 civilians injured.", ("Kupyansk", "Kharkiv", "UKR")),
    # place.address: the name's division or country after it, with no locative before it
    ("An aid convoy of 20 trucks carrying food reached Talodi, South Kordofan, on Sunday.", ("Talodi", "South Kordofan", "SDN")),
    ("14 Apr | Pakokku (Magway) | Troops torched 40 houses.", ("Pakokku", "Magway", "MMR")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), CUES)
def test_words_around_a_name_make_it_the_event_place(text: str, want: tuple) -> None:
    assert _place(text) == want


def test_a_region_word_before_of_reads_the_division() -> None:
    # place.region_of: "the department of Arauca" is the division, not only the town
    events = extract_document(
        make_doc("The ELN freed six soldiers in the department of Arauca on Sunday.", MONDAY)
    )
    assert events and (events[0]["admin1"], events[0]["location_precision"]) == ("Arauca", "admin1")


def test_a_hospital_where_the_wounded_died_is_no_place_of_its_own() -> None:
    # "in a Goma hospital" (no "the"): the toll still belongs to the attack told before it
    text = (
        "M23 rebels attacked army positions around Sake on Tuesday, the army said. "
        "The fighting left 18 soldiers dead, and four more died of their wounds in a Goma hospital."
    )
    events = [e for e in extract_document(make_doc(text, MONDAY)) if e["event_type"] == "ASSAULT"]
    assert [e["location_name"] for e in events] == ["Sake"]


def test_several_divisions_and_no_town_leave_only_the_country() -> None:
    # place.several_divisions (locate.py)
    text = "Russia said its air defences shot down 40 Ukrainian drones over the Bryansk and Oryol regions overnight."
    e = extract_document(make_doc(text, MONDAY))[0]
    assert (e["admin1"], e["country"], e["location_precision"]) == (None, "RUS", "country")


def test_a_measured_offset_makes_the_town_only_a_reference_point() -> None:
    # "a village 30 km north of X": X is not where it happened (place.direction_of needs no distance)
    text = "Gunmen raided Hillat Nur, a village some 30 kilometres east of Kosti, on Sunday, killing five farmers."
    assert _place(text)[0] != "Kosti"


def test_a_town_near_the_division_named_beside_it_keeps_its_own_division() -> None:
    # place.near_division (resolve.py) and the article-less name (gazetteer.py): Al Kiswah, Rural Damascus
    text = (
        "Israeli jets struck an army depot near Kiswah, south of Damascus, on Sunday, killing two soldiers."
    )
    assert _place(text) == ("Al Kiswah", "Rural Damascus", "SYR")


def test_a_city_answers_to_its_divisions_other_spelling() -> None:
    # "Hodeidah" is a spelling of the governorate Al Hudaydah; the bare name reads as its city
    assert _place("US jets struck the port of Hodeidah on Sunday, killing three workers.")[2:] == ("YEM",)
    e = extract_document(
        make_doc("US jets struck the port of Hodeidah on Sunday, killing three workers.", MONDAY)
    )[0]
    assert e["location_precision"] == "place"


def test_a_small_namesake_outside_the_documents_countries_is_no_place() -> None:
    # place.far_namesake (resolve.py): Somalia is the document's country; Lido (Italy) is not the beach
    text = "Somali police said al-Shabaab gunmen attacked a restaurant on Lido beach on Friday, killing six."
    e = extract_document(make_doc(text, MONDAY))[0]
    assert e["country"] != "ITA"


def test_an_accented_name_finds_its_ascii_gazetteer_entry() -> None:
    assert _place("Jihadists ambushed an army convoy near Téra on Sunday, killing eight soldiers.") == (
        "Tera",
        "Tillaberi",
        "NER",
    )


RIO_RAID = "Police killed eight suspects in a raid in Niteroi on Wednesday, officials said.\n\n"
DOCUMENT_PLACE = [
    # place.from_document (locate.py): paragraphs later, the dispersal is still in Rio de Janeiro's division
    (RIO_RAID + "Residents later set fire to three buses in protest.\n\n"
     "Police dispersed them with stun grenades on Thursday.", "Rio de Janeiro"),
    # ... but not in a document of two divisions
    (RIO_RAID + "In Salvador, Bahia, gunmen shot dead two officers on Wednesday.\n\n"
     "Police dispersed protesters with stun grenades on Thursday.", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "admin1"), DOCUMENT_PLACE)
def test_an_event_with_no_place_takes_the_one_division_of_its_document(text: str, admin1) -> None:
    events = [e for e in extract_document(make_doc(text, MONDAY)) if e["event_type"] == "COERCE"]
    assert [(e["admin1"], e["location_name"]) for e in events] == [(admin1, None)]


def test_a_division_the_event_spans_beats_a_town_of_a_later_clause() -> None:
    # place.spanned (locate.py)
    text = "Israeli strikes across the Gaza Strip killed 29 people on Sunday, as mediators in Cairo met."
    e = extract_document(make_doc(text, MONDAY))[0]
    assert (e["admin1"], e["country"]) == ("Gaza Strip", "PSE")


def test_a_site_placed_elsewhere_by_in_is_not_the_names() -> None:
    # "the Kherson power station in Nova Kakhovka": the site is where "in" says (place.site_after)
    text = "The largest plant, the Kherson power station in Nova Kakhovka, was hit by missiles on Sunday, killing one."
    assert _place(text)[0] == "Nova Kakhovka"
