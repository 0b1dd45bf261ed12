"""What is not news of one incident: period totals, background history, negated happenings; and
report furniture that must not be read as the event (long wire datelines, numeric log dates)."""

from __future__ import annotations

from datetime import UTC, datetime

ANCHOR = datetime(2024, 9, 20, 12, 0, tzinfo=UTC)


def test_a_running_toll_is_an_aggregate_with_no_casualty_count(extract):
    events = extract(
        "Russian shelling killed three civilians in Kupiansk on Thursday.\n"
        "More than 30,000 people have been killed in the region since the war began.",
        ANCHOR,
    )
    incident = [e for e in events if "Kupiansk" in e["evidence"]]
    assert incident and incident[0]["fatalities"] == 3 and not incident[0]["is_aggregate"]
    totals = [e for e in events if "30,000" in e["evidence"]]
    assert all(e["is_aggregate"] and e["fatalities"] is None for e in totals)
    assert sum(e["fatalities"] or 0 for e in events) == 3


def test_a_toll_since_a_date_is_an_aggregate(extract):
    events = extract("At least 52 people have died in Khartoum since Friday, medics said.", ANCHOR)
    assert all(e["fatalities"] is None for e in events)


def test_an_event_dated_only_by_an_earlier_year_is_background(extract):
    events = extract("In 2022 the junta expelled French troops from Mali.", ANCHOR)
    assert events == []


def test_an_event_in_a_named_past_war_is_background_but_the_news_beside_it_is_not(extract):
    events = extract(
        "Veterans who fought in the Korean War were honoured in Seoul on Thursday. "
        "Hours later North Korean artillery shelled Yeonpyeong island.",
        ANCHOR,
    )
    assert [e["event_type"] for e in events] == ["ASSAULT"]
    assert "Yeonpyeong" in events[0]["evidence"]
    assert extract("Soviet troops fought in the Great Patriotic War near Kursk.", ANCHOR) == []


def test_a_year_in_a_subordinate_clause_does_not_make_the_event_history(extract):
    events = extract("Farmers demanded that the government restore a ban that expired in 2023.", ANCHOR)
    assert [e["event_type"] for e in events] == ["DEMAND"]


def test_a_negated_happening_is_no_event_but_a_denial_is(extract):
    assert extract("Russian forces did not shell Kherson on Thursday.", ANCHOR) == []
    denied = extract("The Kremlin denied that its forces shelled Kherson on Thursday.", ANCHOR)
    assert [(e["factuality"], e["event_mode"]) for e in denied if e["event_type"] == "ASSAULT"] == [
        ("denied", "artillery")
    ]


def test_a_count_before_an_aside_belongs_to_the_verb(extract):
    events = extract("At least 17 Palestinians, including five children, were killed in Khan Yunis.", ANCHOR)
    assert [e["fatalities"] for e in events] == [17]


def test_a_long_wire_dateline_is_neither_place_nor_date(extract):
    events = extract(
        "GOMA, Democratic Republic of Congo, Sept 19 (Wire) - M23 rebels attacked Sake on Tuesday.", ANCHOR
    )
    assert len(events) == 1
    assert events[0]["location_name"] == "Sake" and str(events[0]["event_date"]) == "2024-09-17"


def test_numeric_log_dates_are_day_first_unless_only_month_first_fits(extract):
    day_first = extract("16/09 - Russian forces shelled Kherson.", ANCHOR)
    month_first = extract("On 09/14/2024 gunmen attacked a convoy in Kherson.", ANCHOR)
    assert [str(e["event_date"]) for e in day_first] == ["2024-09-16"]
    assert [str(e["event_date"]) for e in month_first] == ["2024-09-14"]


def test_a_date_in_an_aside_about_the_actor_does_not_date_the_event(extract):
    events = extract(
        "The military junta, which seized power in a coup in 2021, bombed a village near Shwebo on Tuesday.",
        ANCHOR,
    )
    assert [str(e["event_date"]) for e in events if e["event_type"] == "ASSAULT"] == ["2024-09-17"]


def test_a_negated_trigger_does_not_hide_a_happened_one_of_the_same_type(extract):
    events = extract(
        "Russian forces did not shell Kherson on Thursday but struck Mykolaiv with drones.", ANCHOR
    )
    assert [(e["event_type"], e["actor1_country"]) for e in events] == [("ASSAULT", "RUS")]
    assert "Mykola" in events[0]["location_name"]


def test_factuality_and_mode_are_two_columns(extract):
    (planned,) = extract("Russia will strike Kyiv with missiles next week.", ANCHOR)
    (happened,) = extract("Russia struck Kyiv with missiles on Thursday.", ANCHOR)
    assert (planned["factuality"], planned["event_mode"]) == ("planned", "aerial")
    assert (happened["factuality"], happened["event_mode"]) == ("happened", "aerial")
