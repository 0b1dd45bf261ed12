"""Where one event ends and the next begins (stop 20): stated days and opposed sides keep attacks apart, a
title line folds into its lead, and notices, prayers, habits and denials of the target make no event."""

import pytest


def _of(events: list[dict], event_type: str) -> list[dict]:
    return [e for e in events if e["event_type"] == event_type]


def test_an_attack_on_another_stated_day_is_another_event(extract):
    events = extract(
        "Gunmen attacked a police post in Bannu on Monday, killing two officers. "
        "On Tuesday, a roadside bomb struck an army patrol in Bannu, wounding three soldiers."
    )
    assaults = _of(events, "ASSAULT")
    assert len(assaults) == 2
    assert sorted(str(e["event_date"]) for e in assaults) == ["2024-06-17", "2024-06-18"]


def test_the_same_day_told_again_is_the_same_attack(extract):
    events = extract(
        "Gunmen attacked a police post in Bannu on Monday, killing two officers. "
        "On Monday night the gunmen also wounded a guard at the post."
    )
    assert len(_of(events, "ASSAULT")) == 1


def test_a_statements_day_does_not_split_the_attack_it_reports(extract):
    events = extract(
        "Militants ambushed an army convoy near Diafarabe on Sunday, killing 16 soldiers.\n"
        "The army said in a statement on Monday that its troops had killed 12 militants in the fighting."
    )
    assert len(_of(events, "ASSAULT")) == 1


def test_the_army_against_a_militia_of_its_country_is_not_the_militias_attack(extract):
    events = extract(
        "CODECO militiamen killed 12 villagers in Djugu territory of Ituri province. "
        "Congolese troops launched an operation against the militia and killed five fighters."
    )
    assaults = _of(events, "ASSAULT")
    assert len(assaults) == 2
    assert sorted(e["fatalities"] for e in assaults) == [5, 12]


def test_an_operation_joined_to_a_killing_is_the_killing(extract):
    (ev,) = _of(
        extract("Troops launched an operation near Chiure on Sunday and neutralised 11 insurgents."),
        "ASSAULT",
    )
    assert ev["fatalities"] == 11


def test_a_title_line_folds_into_the_lead(extract):
    events = extract(
        "Three soldiers killed in ambush near Patikul\n"
        "JOLO - Three soldiers were killed when gunmen ambushed an army patrol in Patikul on Thursday, "
        "the military said.\n"
        "Troops later searched the hills above the town."
    )
    (ev,) = _of(events, "ASSAULT")
    assert ev["evidence"].startswith("JOLO") or "ambushed an army patrol" in ev["evidence"]
    assert ev["fatalities"] == 3 and ev["location_name"] == "Patikul"


def test_a_hard_wrapped_line_is_no_title(extract):
    events = extract(
        "Gunmen believed to belong to the rebel group\n"
        "abducted 17 passengers from a bus near Gebre Guracha on Monday, police said.\n"
        "Separately, 11 people were killed on Sunday in clashes between militias near Mieso."
    )
    assert len(_of(events, "ASSAULT")) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Residents are urged to share information with the police.",
        "Members of the public are asked not to approach the site.",
        '"May Allah grant the martyrs the highest place in paradise," the commander said.',
        "The fighters ask Allah to accept the martyrs.",
        "Separatists regularly enforce lockdowns and raid villages across the region.",
        "The district has been hit by several roadside bombs this year.",
        "Clashes between rival student groups are common on campuses in the district.",
    ],
)
def test_notices_prayers_and_habits_are_no_events(extract, text):
    assert extract(text) == []


def test_a_request_with_its_requester_stays_a_request(extract):
    (ev,) = extract("The police called on residents to share information about the attack.")
    assert ev["event_type"] == "REQUEST"


def test_denying_the_target_while_asserting_the_strike_is_no_denied_attack(extract):
    events = extract(
        "Air force jets bombed a rebel camp in Maguindanao on Tuesday, the military said. "
        "It denied that civilians were hit, saying the jets had struck only the camp."
    )
    assaults = _of(events, "ASSAULT")
    assert len(assaults) == 1 and assaults[0]["factuality"] == "happened"


@pytest.mark.parametrize(
    "text",
    [
        '"They will pay for this," the governor said after the attack.',
        '"We will hunt them down wherever they are," the minister told reporters.',
        "The army said the rebels will answer for these crimes.",
    ],
)
def test_a_quoted_threat_is_a_threat(extract, text):
    assert [e["event_type"] for e in extract(text)] == ["THREATEN"]


def test_paying_for_goods_is_no_threat(extract):
    assert (
        _of(extract("Norway says it will pay for the production of 10,000 artillery shells."), "THREATEN")
        == []
    )


def test_a_civilian_road_block_is_a_protest_and_an_armed_one_is_not(extract):
    (ev,) = extract(
        "Truck drivers blocked the main highway outside Quevedo on Monday to demand better security."
    )
    assert ev["event_type"] == "PROTEST"
    assert _of(extract("Rebel fighters blocked the highway near Turbat on Monday."), "PROTEST") == []


def test_tear_gas_fired_at_a_crowd_is_coercion(extract):
    events = extract("Police fired tear gas to clear the road, injuring 12 students.")
    assert [e["event_type"] for e in events] == ["COERCE"]
