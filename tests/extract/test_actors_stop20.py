"""Issue 14, stop 20 (/work/blind_store/actor1_errors_stop20.md): state units, offices and bodies named
with no country take the document's state; one name for a group known by several; mines and unexploded
ordnance name no attacker; a side named only inside a denial is a second side; a live blog's speaker label
is no subject. Sentences here are in no gold file."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.extract.run import extract_document
from tests.helpers import make_doc

THURSDAY = datetime(2026, 4, 16, 9, 0, tzinfo=UTC)


def _events(text: str) -> list[dict]:
    return extract_document(make_doc(text, THURSDAY))


def _actor1(text: str, event_type: str) -> tuple[str | None, str | None]:
    """(name, country) of actor1 of the first event of that type."""
    e = next(e for e in _events(text) if e["event_type"] == event_type)
    return e["actor1_name"], e["actor1_country"]


ONE_STATE = "Gunmen killed four herders near Gao in northern Mali on Tuesday.\n\n"


def test_a_state_body_with_no_country_is_the_documents_state():
    for body in ("The general staff", "Law enforcement officers", "The regional administration"):
        text = ONE_STATE + f"{body} called on residents of Gao to report suspicious movements."
        assert _actor1(text, "REQUEST")[1] == "MLI", body


def test_a_sentence_opening_the_names_an_office_not_a_group():
    text = ONE_STATE + "The Ministry of Foreign Affairs called on citizens to avoid travel to Gao."
    assert _actor1(text, "REQUEST")[1] == "MLI"


def test_capitalised_modifiers_qualify_an_office():
    text = ONE_STATE + "Local authorities blamed jihadists for the attack on Wednesday."
    assert _actor1(text, "ACCUSE")[1] == "MLI"


def test_a_name_before_the_noun_still_names_someone_else():
    # "Polish border guards": the demonym, not the document's state
    text = ONE_STATE + "Malian soldiers and Wagner fighters arrested six men in Gao on Wednesday."
    name, code = _actor1(text, "COERCE")
    assert code == "MLI" and name != "fighters"


def test_a_title_and_name_is_an_office_holder_of_the_documents_state():
    text = ONE_STATE + "Attorney General Moussa Timbine said 12 suspects had been arrested in Gao."
    assert _actor1(text, "COERCE")[1] == "MLI"


def test_a_role_noun_in_apposition_is_the_named_actor_it_describes():
    text = (
        "The National Unity Government, the shadow administration formed by ousted lawmakers, accused the "
        "junta of bombing a school in Sagaing on Tuesday."
    )
    assert _actor1(text, "ACCUSE")[0] == "National Unity Government"


def test_a_speaker_label_before_a_colon_is_no_attacker():
    text = "09:12 - Regional governor: a glide bomb struck a residential block in Kharkiv this morning."
    e = next(e for e in _events(text) if e["event_type"] == "ASSAULT")
    assert e["actor1_name"] != "governor"


def test_a_country_label_before_a_colon_still_acts():
    text = "Burkina Faso: the army struck a terrorist base near Djibo on Monday."
    assert _actor1(text, "ASSAULT")[1] == "BFA"


def test_one_name_for_a_group_known_by_several():
    for form in ("ISIS", "Daesh"):
        text = f"{form} militants attacked an army checkpoint near Tikrit on Tuesday, killing two soldiers."
        assert _actor1(text, "ASSAULT")[0] == "Islamic State", form
    text = "Islamic State Sahel fighters attacked a village near Menaka on Tuesday, killing 12 civilians."
    assert _actor1(text, "ASSAULT")[0] == "IS Sahel"


RUSSIAN_STRIKES = "Russian forces shelled Kupyansk on Tuesday, killing two civilians.\n\n"


def test_a_mine_takes_no_document_attacker():
    text = RUSSIAN_STRIKES + "In Balakliia, a farmer was injured when his tractor hit an anti-tank mine."
    attacks = {e["location_name"]: e for e in _events(text) if e["event_type"] == "ASSAULT"}
    assert attacks["Balakliia"]["actor1_country"] is None
    assert attacks["Kupyansk"]["actor1_country"] == "RUS"


def test_unexploded_ordnance_takes_no_document_attacker():
    text = RUSSIAN_STRIKES + "In Izium, a boy was wounded when unexploded ordnance went off in a field."
    attacks = {e["location_name"]: e for e in _events(text) if e["event_type"] == "ASSAULT"}
    assert attacks["Izyum"]["actor1_country"] is None
    assert attacks["Izyum"]["weapon"] == "unexploded ordnance"


def test_a_side_named_only_in_a_denial_is_a_second_side():
    text = (
        "A drone strike hit a market in Fada N'Gourma on Monday, killing 24 civilians.\n\n"
        'The government denied that civilians had been targeted, saying the army had struck "terrorists".\n\n'
        "Also on Monday, JNIM militants abducted six truck drivers near Pama.\n\n"
    )
    attacks = {e["location_name"]: e for e in _events(text) if e["event_type"] == "ASSAULT"}
    assert attacks["Fada N'gourma"]["actor1_name"] != "JNIM"


def test_a_clash_between_two_named_sides_gives_each_side():
    text = "Fighting broke out on Saturday between SSPDF troops and the White Army in Nasir, Upper Nile."
    e = next(e for e in _events(text) if e["event_type"] == "ASSAULT")
    assert e["actor1_name"].startswith("SSPDF") and e["actor2_name"] == "White Army"


def test_between_with_no_pair_named_reads_no_sides():
    text = "Fighting between the two groups killed more than 600 civilians in Djugu, according to the United Nations."
    e = next(e for e in _events(text) if e["event_type"] == "ASSAULT")
    assert e["actor2_country"] != "UN"


def _inter1(text: str) -> str | None:
    return next(e for e in _events(text) if e["event_type"] == "ASSAULT").get("inter1")


def test_communal_raiders_and_ethnic_militias_are_identity_militias():
    assert _inter1("Cattle raiders attacked a camp near Moroto on Tuesday, killing three herders.") == (
        "Identity militias"
    )
    assert _inter1(
        "CODECO militiamen attacked a displacement camp near Djugu on Tuesday, killing 9 people."
    ) == ("Identity militias")


def test_the_scorer_accepts_either_category_where_writers_disagreed_on_russias_forces():
    from sitrep.evaluate_acled import _read_either, inter_right

    gold = {"actor1_name": "Russian forces", "inter1": "State forces"}
    either = _read_either()
    assert inter_right(gold, {"inter1": "External/Other forces"}, "inter1", either)
    assert not inter_right(gold, {"inter1": "Rebel groups"}, "inter1", either)


def test_a_noun_that_is_also_an_adjective_acts_before_a_request_verb():
    # "ministry" may be an adjective ("a ministry building"); before "calls on" it is the body that asks
    text = ONE_STATE + "The Ministry calls on the population to report suspicious movements."
    assert _actor1(text, "REQUEST")[1] == "MLI"


def test_aid_organisations_named_by_what_they_are_are_compared_by_name():
    text = (
        ONE_STATE
        + "Humanitarian partners delivered 40 tonnes of food to displaced families in Gao on Wednesday."
    )
    assert _actor1(text, "AID") == ("humanitarian partners", None)
