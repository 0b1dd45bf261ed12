"""Issue 14 §2: where places are (document focus, place-in-division, names needing support, small
places of Kenya, spelling variants) and dates (day ranges, weekday mornings, year-less datelines,
datelines never actors). Sentences here are in no gold file."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.extract.run import extract_document
from sitrep.ingest.timeparse import find_dateline
from tests.helpers import make_doc

TUESDAY = datetime(2026, 4, 14, 9, 0, tzinfo=UTC)


def _events(text: str, anchor: datetime = TUESDAY) -> list[dict]:
    out = extract_document(make_doc(text, anchor))
    for e in out:
        e["event_date"] = str(e["event_date"]) if e["event_date"] else None
    return out


def _place(text: str) -> tuple:
    e = _events(text)[0]
    return e["location_name"], e["admin1"], e["country"]


# place.focus_country / place.needs_support
def test_a_regions_name_shared_with_an_italian_city_stays_in_the_documents_country():
    text = "GAROWE, Somalia, April 14 (Wire) - Puntland troops raided an Islamic State hideout in Bari on Sunday."
    assert _place(text)[1:] == ("Bari", "SOM")


def test_the_italian_city_is_kept_where_the_text_says_italian():
    text = "Somali diaspora groups protested in the Italian port city of Bari on Sunday against the war."
    assert _place(text)[2] == "ITA"


def test_a_common_word_is_no_place_without_support():
    events = _events("Kenyan police arrested 14 students at the University of Machakos on Monday.")
    assert (events[0]["admin1"], events[0]["country"]) == ("Machakos", "KEN")


def test_a_forest_named_like_a_german_city_is_not_bonn():
    events = _events("Kenyan soldiers killed three al-Shabaab fighters in the Boni Forest on Sunday.")
    assert events and events[0]["country"] != "DEU"


# place.in_division / place.unknown_in_division
def test_a_namesake_is_read_inside_the_division_after_it():
    assert _place("Gunmen killed two farmers near Granada, Antioquia, on Monday.")[1:] == ("Antioquia", "COL")


def test_a_bracketed_division_with_a_district_first_gives_the_admin1():
    assert (
        _place("On 11 April 2026, bandits abducted 9 travellers in Kankara (Kankara LGA, Katsina).")[1]
        == "Katsina"
    )


def test_a_small_place_the_gazetteer_lacks_takes_its_divisions_admin1_under_its_own_name():
    assert _place("On 12 April 2026, police shot dead a robbery suspect in Mathare North, Nairobi.") == (
        "Mathare North",
        "Nairobi Area",
        "KEN",
    )


def test_a_kenyan_village_of_a_few_thousand_people_is_known():
    assert (
        _place("On 10 April 2026, suspected al-Shabaab fighters attacked a police post in Tarbaj.")[1]
        == "Wajir"
    )


def test_somali_spelling_variants_reach_the_division():
    assert _place("On 9 April 2026, SNA troops clashed with al-Shabaab near Mahas (Hiraan).")[1] == "Hiran"
    assert (
        _place("On 9 April 2026, al-Shabaab attacked a base in Balcad (Shabelle Dhexe).")[1]
        == "Middle Shabelle"
    )


# dates
def test_a_day_range_takes_its_first_day():
    assert (
        _events("On 7-8 April 2026, clan militias clashed near Dusamareb (Galguduud). 4 people were killed.")[
            0
        ]["event_date"]
        == "2026-04-07"
    )
    assert (
        _events("Between 5 and 6 April 2026, the army shelled villages near Kadugli (South Kordofan).")[0][
            "event_date"
        ]
        == "2026-04-05"
    )


def test_monday_morning_in_a_tuesday_report_is_the_monday():
    text = "Gunmen ambushed a convoy near Kalat on Monday morning, killing four soldiers, officials said."
    assert _events(text)[0]["event_date"] == "2026-04-13"


def test_a_dateline_is_never_an_actor():
    text = "CAIRO, April 14 (Wire) - Gunmen attacked a police checkpoint in El Arish on Monday, killing two officers."
    events = _events(text)
    assert events and all(e["actor1_country"] != "EGY" or e["actor1_name"] != "CAIRO" for e in events)
    assert all((e["actor1_name"] or "").upper() != "CAIRO" for e in events)


def test_a_yearless_dateline_takes_the_year_closest_before_the_documents_time():
    seen = datetime(2026, 1, 3, 8, 0, tzinfo=UTC)
    assert (
        find_dateline("KHARTOUM, Dec 29 (Wire) - Shelling ...", reference=seen).date().isoformat()
        == "2025-12-29"
    )
    assert (
        find_dateline("KHARTOUM, Jan 2 (Wire) - Shelling ...", reference=seen).date().isoformat()
        == "2026-01-02"
    )
    assert find_dateline("KHARTOUM, Jan 2 (Wire) - Shelling ...") is None  # no reference: no guess


def test_a_city_shared_by_two_countries_is_the_one_of_the_documents_forces():
    assert _place("Lebanese soldiers arrested five men in Tripoli on Sunday.")[1:] == ("North Lebanon", "LBN")
    assert _place("Libyan militias clashed in Tripoli on Sunday, killing three.")[2] == "LBY"


def test_a_street_named_after_a_province_is_no_place():
    events = _events(
        "A drone strike hit a car on the Salah al-Din road in Khan Yunis on Monday, killing two."
    )
    assert events[0]["country"] == "PSE"
    assert events[0]["admin1"] != "Salahuddin"


def test_a_document_with_no_date_but_a_yearless_dateline_is_dated_by_it():
    from sitrep.ingest.documents import build_document

    seen = datetime(2026, 1, 3, 8, 0, tzinfo=UTC)
    doc = build_document("w1", "MOGADISHU, Dec 30 (Wire) - A car bomb exploded.", fallback_time=seen)
    assert (doc.published_at.date().isoformat(), doc.date_source) == ("2025-12-30", "dateline")


def test_a_time_of_day_beside_a_weekday_belongs_to_that_day():
    text = "Gunmen attacked a bus near Kalat in the early morning on Monday, killing four."
    assert _events(text)[0]["event_date"] == "2026-04-13"
    assert (
        _events("Gunmen attacked a bus near Kalat in the early morning, killing four.")[0]["event_date"]
        == "2026-04-14"
    )


def test_a_village_named_after_a_far_city_is_read_in_the_division_after_it():
    text = "Russian airstrikes on New York, Donetsk killed two civilians on Monday, the governor said."
    assert _place(text) == ("Niu-York", "Donetsk", "UKR")


def test_a_list_of_places_is_no_address():
    from sitrep.extract.divisions import division_after
    from sitrep.extract.places import find_places
    from sitrep.extract.text import tokenize

    toks = tokenize("Shelling hit Kramatorsk, Sloviansk and Lyman on Monday.", 0)
    places = find_places(toks, set())
    assert division_after(toks, places[0].end, {p.start: p for p in places}) is None
