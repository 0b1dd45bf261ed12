"""The second pass (sitrep/happen/restated.py): groups whose tolls restate each other are one happening,
and the hard negatives it must not join stay apart."""

from __future__ import annotations

from tests.happen.test_matching import assert_order_free, groups, report

IZIUM = {"location_name": "Izium", "latitude": 49.21, "longitude": 37.26}  # Kharkiv oblast, 120 km away


def test_a_report_written_from_the_regions_capital_joins_the_towns_reports_by_their_toll():
    # "KHARKIV -": the wire names its dateline, the local reports the town; all count 12 or 13 dead
    wire = report("a", "wire", fatalities=12)
    local = report("b", "local", fatalities=13, **IZIUM)
    radio = report("c", "radio", fatalities=12, **IZIUM)
    assert groups([wire, local, radio]) == [{"a", "b", "c"}]
    assert_order_free([wire, local, radio])


def test_two_towns_of_one_admin1_with_different_tolls_stay_two():
    assert groups([report("a", "wire", fatalities=12), report("b", "local", fatalities=4, **IZIUM)]) == [
        {"a"},
        {"b"},
    ]


def test_two_towns_in_two_admin1_stay_two_whatever_the_toll():
    sumy = {"location_name": "Sumy", "admin1": "Sumy", "latitude": 50.91, "longitude": 34.80}
    assert groups([report("a", "wire", fatalities=12), report("b", "local", fatalities=12, **sumy)]) == [
        {"a"},
        {"b"},
    ]


def test_a_contradicting_mode_keeps_equal_tolls_apart():
    shelling = report("b", "local", fatalities=12, event_mode="artillery", **IZIUM)
    assert groups([report("a", "wire", fatalities=12), shelling]) == [{"a"}, {"b"}]


def test_last_nights_strike_dated_to_the_day_a_report_was_filed_joins_by_its_toll():
    evening = report("a", "wire", "2024-06-20T21:00:00+03:00", fatalities=12)
    morning_after = report("c", "radio", "2024-06-21T08:00:00+03:00", fatalities=12)  # "on Thursday"
    # filed the next afternoon, "overnight" read as that day: the first pass needs a filing before noon
    next_day = report("b", "paper", "2024-06-21T15:00:00+03:00", event_date="2024-06-21", fatalities=12)
    assert groups([evening, morning_after, next_day]) == [{"a", "b", "c"}]


def test_two_reports_each_dated_the_day_it_was_filed_stay_two_strikes():
    # nothing says either date is a misreading: two evenings, two strikes
    evening = report("a", "wire", "2024-06-20T21:00:00+03:00", fatalities=12)
    next_evening = report("b", "paper", "2024-06-21T21:00:00+03:00", event_date="2024-06-21", fatalities=12)
    assert groups([evening, next_evening]) == [{"a"}, {"b"}]


def test_the_same_town_the_next_day_told_a_day_later_stays_another_strike():
    first = report("a", "wire", "2024-06-20T21:00:00+03:00", fatalities=12)
    # dated the 21st by a report of the 22nd: it tells the 21st as the day before, another strike
    second = report("b", "paper", "2024-06-22T09:00:00+03:00", event_date="2024-06-21", fatalities=12)
    assert groups([first, second]) == [{"a"}, {"b"}]


def test_tolls_never_chain_strikes_of_three_days_into_one():
    days = [
        report(f"d{n}", f"outlet{n}", f"2024-06-{20 + n}T15:00:00+03:00", event_date=f"2024-06-{20 + n}",
               fatalities=12)
        for n in range(3)
    ]  # fmt: skip
    # each told the day it was filed, and by a report two days on that dates it firmly
    later = [
        report(f"r{n}", f"review{n}", f"2024-06-{22 + n}T09:00:00+03:00", event_date=f"2024-06-{20 + n}",
               fatalities=12)
        for n in range(3)
    ]  # fmt: skip
    found = groups(days + later)
    assert not any({"d0", "d2"} <= members or {"r0", "r1"} <= members for members in found)
    assert_order_free(days + later)


def _lead_and_detail(lead_toll: int) -> list[dict]:
    """A wire telling one strike twice (a region-only lead, a detail paragraph at the town) beside a
    local report of the town; the lead and the detail paragraph state their tolls."""
    detail = report("a1", "wire", fatalities=12, **IZIUM)
    lead = report("a2", "wire", fatalities=lead_toll, location_name=None)
    local = report("b", "local", fatalities=12, **IZIUM)
    return [detail, lead, local]


def test_a_report_stating_one_toll_in_two_groups_told_one_happening_twice():
    assert groups(_lead_and_detail(12)) == [{"a1", "a2", "b"}]
    assert_order_free(_lead_and_detail(12))


def test_a_report_stating_two_tolls_told_two_incidents():
    # 12 and 13 restate each other across outlets, but one text counts one happening's dead once
    assert groups(_lead_and_detail(13)) == [{"a1", "b"}, {"a2"}]


def _town_then_region_two_days_on(toll: int) -> list[dict]:
    """A strike on Izium told on its day and the next morning, and a region-only report filed two days
    on, dated that day (too late for the vague-report pass); all count `toll` dead."""
    evening = report("a", "wire", "2024-06-20T21:00:00+03:00", fatalities=toll, **IZIUM)
    morning_after = report("c", "radio", "2024-06-21T08:00:00+03:00", fatalities=toll, **IZIUM)
    region = report(
        "b",
        "paper",
        "2024-06-22T15:00:00+03:00",
        event_date="2024-06-22",
        fatalities=toll,
        location_name=None,
    )
    return [evening, morning_after, region]


def test_a_region_only_report_of_a_later_day_joins_by_one_toll_of_five_or_more():
    assert groups(_town_then_region_two_days_on(12)) == [{"a", "b", "c"}]


def test_a_small_toll_of_a_later_day_needs_a_named_place():
    assert groups(_town_then_region_two_days_on(3)) == [{"a", "c"}, {"b"}]
