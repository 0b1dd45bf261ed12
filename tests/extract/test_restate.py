"""Restatements (sitrep/extract/restate.py): one report telling one attack several times gives one event
with the latest, fullest toll; a summary lead over attacks told afterwards counts nothing of its own; a
habit is no event. The texts are new (not gold sentences); the anchor is Thursday 20 June 2024."""

from __future__ import annotations

import pytest

from sitrep.extract.restate import RULES, definite_reference, stated_total
from sitrep.extract.run import extract_document
from tests.helpers import make_doc


def attacks(events: list[dict]) -> list[dict]:
    return [e for e in events if e["event_type"] == "ASSAULT" and e["factuality"] == "happened"]


def killed(events: list[dict]) -> int:
    return sum(e["fatalities"] or 0 for e in attacks(events) if not e["is_aggregate"])


def test_rule_ids_are_named_for_the_explain_trace():
    assert all(r.startswith("restate.") for r in RULES) and len(set(RULES)) == len(RULES)


def test_a_later_detail_naming_the_attack_gives_its_fuller_toll_not_a_second_event(extract):
    events = extract(
        "A Russian missile struck a school in Chernihiv on Wednesday, killing at least three people.\n\n"
        "Firefighters worked through the night.\n\n"
        "On Thursday the regional governor said that attack had killed six people and injured nine."
    )
    (strike,) = attacks(events)
    assert (strike["fatalities"], strike["injuries"]) == (6, 9)
    assert strike["location_name"] == "Chernihiv" and str(strike["event_date"]) == "2024-06-19"


def test_an_attack_in_the_same_town_a_day_earlier_stays_its_own_event(extract):
    events = extract(
        "Russian shelling of Kherson killed four people on Wednesday, officials said.\n\n"
        "A day earlier, on Tuesday, Russian shelling of the same district killed two people."
    )
    assert sorted(e["fatalities"] for e in attacks(events)) == [2, 4]
    assert killed(events) == 6


def test_a_quote_restating_the_lead_is_the_same_attack(extract):
    events = extract(
        "A drone struck a minibus near Sumy on Thursday, killing four passengers, the governor said.\n\n"
        '"Four people died in the minibus and two were injured," the governor wrote on Telegram.'
    )
    (strike,) = attacks(events)
    assert (strike["fatalities"], strike["injuries"]) == (4, 2)


def test_a_running_total_updates_the_attack_it_follows(extract):
    events = extract(
        "Gunmen attacked a market in Djibo on Wednesday, killing nine traders.\n\n"
        "Three of the wounded died in hospital on Thursday, raising the death toll to 12."
    )
    (attack,) = attacks(events)
    assert attack["fatalities"] == 12


def test_a_total_that_adds_up_two_attacks_is_no_update_of_the_last_one(extract):
    events = extract(
        "Airstrikes killed 20 people in Nyala on Tuesday.\n\n"
        "Further airstrikes killed 15 people in Nyala on Wednesday.\n\n"
        "The total number of dead in Nyala since Tuesday rose to 35, the medics said."
    )
    assert killed(events) == 35
    assert 15 in [e["fatalities"] for e in attacks(events)]


def test_the_same_sentence_twice_is_one_event(extract):
    lead = (
        "Mortar rounds fired by al-Shabaab hit a market in Mogadishu on Wednesday, killing three civilians."
    )
    events = extract(f"{lead}\n\n{lead} Shops were destroyed.")
    (attack,) = attacks(events)
    assert attack["fatalities"] == 3


def test_a_summary_lead_over_attacks_told_afterwards_counts_nothing_of_its_own(extract):
    events = extract(
        "Russian drones attacked Kharkiv and Odesa on Thursday, killing five people.\n\n"
        "In Kharkiv, a drone hit a tram depot, killing three workers.\n\n"
        "In Odesa, a drone struck a car, killing two people."
    )
    summary = [e for e in attacks(events) if e["is_aggregate"]]
    assert len(summary) == 1 and summary[0]["fatalities"] is None
    assert killed(events) == 5


def test_a_habit_is_no_event(extract):
    events = extract(
        "Russian artillery shelled Nikopol on Thursday, wounding two men.\n\n"
        "Russian forces frequently attack the riverside districts of the city with drones and artillery."
    )
    (attack,) = attacks(events)
    assert attack["injuries"] == 2


def test_a_live_blog_update_naming_the_place_revises_the_earlier_entry():
    from datetime import UTC, datetime

    from tests.helpers import make_blog

    doc = make_blog(
        [
            (
                datetime(2024, 6, 20, 7, 0, tzinfo=UTC),
                "An Israeli airstrike on a house in Rafah killed five people overnight.",
            ),
            (datetime(2024, 6, 20, 9, 0, tzinfo=UTC), "Aid trucks are waiting at the crossing."),
            (
                datetime(2024, 6, 20, 11, 0, tzinfo=UTC),
                "More on the Rafah strike: medics now say eight people were killed and 11 injured.",
            ),
        ]
    )
    (strike,) = attacks(extract_document(doc))
    assert (strike["fatalities"], strike["injuries"]) == (8, 11)


def test_definite_reference_is_an_attack_named_as_known_not_one_of_several():
    assert definite_reference("the cowardly attack killed seven".split())
    assert definite_reference("that attack killed 34 people".split())
    assert not definite_reference("the first strike hit a car".split())
    assert not definite_reference("a drone hit the town centre".split())


def test_stated_total_reads_the_new_figure_and_skips_period_totals():
    assert stated_total("the death toll from the strike on the school has risen to 17".split()) == (
        "fatalities",
        17,
    )
    assert stated_total("the number of injured rose to 30".split()) == ("injuries", 30)
    assert stated_total("the death toll has risen to 40,000 since the war began".split()) is None


def test_no_restatement_is_read_across_documents():
    lead = "A Russian missile struck Dnipro on Thursday, killing two people."
    one, two = make_doc(lead, doc_id="a"), make_doc(lead, doc_id="b")
    assert [len(attacks(extract_document(d))) for d in (one, two)] == [1, 1]


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        (  # a bare count and a quote a paragraph or two on
            "Government aircraft bombed a cattle market in Kutum on Wednesday, killing 11 traders.\n\n"
            "More than 30 people were wounded.\n\n"
            '"They came at noon and bombed us," a trader said.',
            (11, 30),
        ),
        (  # its only place is where the wounded were taken
            "Gunmen stormed a church in Mbalmayo on Sunday, killing six worshippers, police said.\n\n"
            "Eight people were wounded and taken to the regional hospital in Yaounde.",
            (6, 8),
        ),
    ],
)
def test_a_detail_sentence_after_the_attack_adds_its_wounded_to_it(extract, text, toll):
    (strike,) = attacks(extract(text))
    assert (strike["fatalities"], strike["injuries"]) == toll


def test_a_detail_under_its_own_place_and_date_header_is_another_attack(extract):
    events = extract(
        "04/05 - Kutum. Aircraft bombed the cattle market. 11 traders killed.\n\n"
        "06/05 - Tawila. Gunmen raided the camp at night. 3 displaced people killed."
    )
    assert sorted(e["fatalities"] for e in attacks(events)) == [3, 11]


def test_one_strike_of_several_picked_out_is_not_a_detail_of_the_lead(extract):
    events = extract(
        "Israeli strikes on southern Lebanon killed five people on Tuesday, the health ministry said.\n\n"
        "The first strike hit a motorcycle outside Tyre, killing two men."
    )
    assert len(attacks(events)) == 2


def test_a_state_of_affairs_since_a_month_is_background_not_an_attack(extract):
    events = extract(
        "Gunmen killed four farmers near Bokkos on Tuesday, police said.\n\n"
        "The plateau has been torn by fighting between herders and farmers since March.\n\n"
        "An armed group that has killed thousands of villagers still raids the hills."
    )
    (attack,) = attacks(events)
    assert attack["fatalities"] == 4


def test_fighting_since_a_named_day_is_still_an_event(extract):
    events = extract("Troops have fought rebels in the streets of Bunia since Monday, residents said.")
    assert len(attacks(events)) == 1
