from sitrep.extract.places import find_places
from sitrep.extract.text import tokenize
from tests.helpers import places


def test_region_word_makes_an_admin1(extract):
    (ev,) = extract("Ukrainian drones struck a fuel depot in the Bryansk region.")
    assert ev["admin1"] == "Bryansk" and ev["location_precision"] == "admin1" and ev["country"] == "RUS"


def test_variant_spelling_resolves_to_canonical_admin1(extract):
    (ev,) = extract("Russian artillery shelled a village in the Zaporozhye region.")
    assert ev["admin1"] == "Zaporizhia" and ev["country"] == "UKR"


def test_place_in_named_division_picks_that_namesake(extract):
    (ev,) = extract("A Russian drone attack on Nikopol in Dnipropetrovsk damaged two homes.")
    assert ev["location_name"] == "Nikopol" and ev["admin1"] == "Dnipropetrovsk"


def test_place_takes_the_paragraph_division(extract):
    events = extract(
        "Russian attacks on the Donetsk region killed two civilians and wounded five. "
        "One man was killed in Rozkishne."
    )
    part = [e for e in events if e["location_name"] == "Rozkishne"]
    assert part and part[0]["admin1"] == "Donetsk"


def test_republic_suffix_resolves_to_admin1(extract):
    (ev,) = extract("Drones struck a fuel tank in the Chechen Republic.")
    assert ev["admin1"] == "Chechnya"


def test_person_names_are_not_places():
    assert places("President Vladimir Putin met Viktor Orban.") == []


def test_weapon_names_are_not_places():
    toks = tokenize("Germany delivered a Patriot system.", 0)
    assert [p.text for p in find_places(toks, {3})] == ["Germany"]


def test_small_namesake_without_locative_cue_is_dropped():
    assert "Tuna" not in places("Four Tuna speed boats were hit.")


def test_list_of_regions_reads_each_as_admin1():
    found = find_places(tokenize("Strikes hit the Sumy, Poltava, and Kharkiv regions.", 0), set())
    assert [p.entry.precision for p in found] == ["admin1", "admin1", "admin1"]


def test_country_after_in_is_a_country_level_place(extract):
    (ev,) = extract("Gunmen killed three villagers in Burkina Faso.")
    assert ev["country"] == "BFA" and ev["location_precision"] == "country"


def test_dateline_is_not_the_event_place(extract):
    (ev,) = extract("LVIV, June 20 - Russian drones struck a warehouse in Kovel, injuring two workers.")
    assert ev["location_name"] == "Kovel" and ev["admin1"] == "Volyn"


def test_open_sea_is_no_place(extract):
    (ev,) = extract("Houthi forces fired a missile at a tanker in the Gulf of Aden.")
    assert ev["admin1"] is None and ev["country"] is None


def test_region_only_has_no_location_name(extract):
    (ev,) = extract("Russian artillery shelled villages in the Sumy region.")
    assert ev["location_name"] is None and ev["admin1"] == "Sumy"


def test_hyphen_and_space_spellings_of_a_name_find_the_same_place(extract):
    for name in ("Huliaipole", "Huliai Pole", "Huliai-Pole"):
        (ev,) = extract(f"Russian artillery shelled {name} on Monday, wounding three residents.")
        assert (ev["admin1"], ev["country"]) == ("Zaporizhia", "UKR"), name


def test_arabic_article_spellings_el_and_al_match_one_name():
    assert places("Shelling hit a school in Deir al-Balah and a clinic in Deir el Balah.") == [
        "Deir al-Balah",
        "Deir el Balah",
    ]
