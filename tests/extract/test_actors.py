from sitrep.extract.actors import find_actors
from sitrep.extract.text import tokenize


def actors(text: str):
    toks = tokenize(text, 0)
    return [(a.name, a.code, a.type) for a in find_actors(toks, [t.low for t in toks])]


def test_demonym_with_role_noun_is_state_forces():
    assert actors("Russian forces advanced.") == [("Russian forces", "RUS", "state_forces")]


def test_possessive_title_and_name_make_one_government_actor():
    ((name, code, atype),) = actors("Poland's Foreign Minister Radoslaw Sikorski spoke.")
    assert code == "POL" and atype == "government" and "Sikorski" in name


def test_organisation_acronym_needs_its_case():
    assert actors("Let us go.") == []
    assert actors("The US said so.")[0][1] == "USA"


def test_organisations_get_short_codes():
    assert [a[1] for a in actors("NATO and the European Union met.")] == ["NATO", "EU"]


def test_armed_groups_take_their_base_country_and_type():
    assert actors("Hezbollah fired rockets.") == [("Hezbollah", "LBN", "militia")]
    assert actors("Hamas fired rockets.") == [("Hamas", "PSE", "rebels")]


def test_groups_across_countries_have_no_code():
    assert actors("JNIM attacked a convoy.")[0][1] is None


def test_weapon_origin_is_marked_not_an_actor():
    toks = tokenize("27 Iran-type drones", 0)
    (a,) = find_actors(toks, [t.low for t in toks])
    assert a.kind == "weapon_origin"


def test_pycountry_names_are_known():
    assert actors("Guatemala protested.")[0][1] == "GTM"
