"""The matching rules on small hand-written reports: what joins one happening and what stays apart."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from sitrep.happen import cluster_events, happenings_table
from sitrep.happen.rules import RulesError, load_rules
from tests.helpers import drone_strike_event


def report(
    event_id: str, document_id: str, published_at: str = "2024-06-20T15:00:00+03:00", **values
) -> dict:
    """A Russian drone strike on Kharkiv on 2024-06-20 as told by one document; values override fields."""
    return {**drone_strike_event(event_id, document_id, **values), "published_at": published_at}


def assert_order_free(events: list[dict]) -> None:
    """The same happenings (members, ids, rows) whatever order the events come in."""
    expected = happenings_table(events)
    for seed in range(5):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        links, rows = happenings_table(shuffled)
        pd.testing.assert_frame_equal(links, expected[0])
        pd.testing.assert_frame_equal(rows, expected[1])


def groups(events: list[dict]) -> list[set[str]]:
    frame = cluster_events(events)
    found = frame.groupby("happening_id")["event_id"].apply(set)
    return sorted(found, key=lambda members: sorted(members))


def test_two_outlets_telling_one_strike_make_one_happening():
    assert groups([report("a", "wire"), report("b", "paper")]) == [{"a", "b"}]


def test_strikes_on_one_city_on_consecutive_days_stay_two():
    first = report("a", "wire", "2024-06-20T15:00:00+03:00")
    second = report("b", "paper", "2024-06-21T16:00:00+03:00", event_date="2024-06-21")
    assert groups([first, second]) == [{"a"}, {"b"}]


def test_report_filed_after_midnight_joins_the_evening_strike():
    evening = report("a", "wire", "2024-06-20T22:10:00+03:00")
    # "overnight" in a report filed at 00:40 resolves to the next day
    after_midnight = report("b", "paper", "2024-06-21T00:40:00+03:00", event_date="2024-06-21")
    assert groups([evening, after_midnight]) == [{"a", "b"}]


def test_next_day_report_filed_in_the_evening_is_another_strike():
    evening = report("a", "wire", "2024-06-20T22:10:00+03:00")
    next_evening = report("b", "paper", "2024-06-21T21:00:00+03:00", event_date="2024-06-21")
    assert groups([evening, next_evening]) == [{"a"}, {"b"}]


def test_region_only_report_joins_the_city_report_in_its_admin1():
    city = report("a", "local")
    region = report("b", "wire", location_name=None, latitude=None, longitude=None)
    assert groups([city, region]) == [{"a", "b"}]


def test_region_only_report_does_not_join_a_city_of_another_admin1():
    city = report("a", "local")
    region = report("b", "wire", location_name=None, admin1="Sumy", latitude=None, longitude=None)
    assert groups([city, region]) == [{"a"}, {"b"}]


def test_two_attacks_in_one_admin1_on_one_day_in_different_towns_stay_two():
    kharkiv = report("a", "wire")
    izium = report(
        "b", "paper", location_name="Izium", latitude=49.21, longitude=37.26, actor2_name="soldiers"
    )
    assert groups([kharkiv, izium]) == [{"a"}, {"b"}]


def test_a_region_only_report_does_not_glue_two_towns_into_one():
    kharkiv = report("a", "wire")
    izium = report("b", "paper", location_name="Izium", latitude=49.21, longitude=37.26)
    region = report("c", "radio", location_name=None, latitude=None, longitude=None)
    found = groups([kharkiv, izium, region])
    assert len(found) == 2 and {"a", "b"} not in [g & {"a", "b"} for g in found]


def test_a_district_within_the_distance_is_the_city():
    city = report("a", "wire", location_name="Kyiv", admin1="Kyiv City", latitude=50.45, longitude=30.52)
    district = report(
        "b", "local", location_name="Obolon", admin1="Kyiv City", latitude=50.50, longitude=30.50
    )
    assert groups([city, district]) == [{"a", "b"}]


def unfound(event_id: str, document_id: str, name: str, admin1: str = "Kharkiv") -> dict:
    """A report naming a place the gazetteer did not find: its admin1 is the extractor's guess and its
    coordinates are that region's centre (location_precision admin1)."""
    return report(
        event_id, document_id, location_name=name, admin1=admin1, latitude=49.80, longitude=36.50,
        location_precision="admin1",
    )  # fmt: skip


def test_a_village_the_gazetteer_did_not_find_joins_the_town_of_its_admin1():
    assert groups([report("a", "wire"), unfound("b", "local", "Lozovenky")]) == [{"a", "b"}]


def test_an_unfound_village_does_not_join_a_town_of_another_admin1():
    sumy = report("a", "wire", location_name="Sumy", admin1="Sumy", latitude=50.91, longitude=34.80)
    assert groups([sumy, unfound("b", "local", "Lozovenky")]) == [{"a"}, {"b"}]


def test_two_unfound_villages_of_one_admin1_stay_two():
    # both sit at the region's centre: that is no evidence of one place
    found = groups([unfound("a", "wire", "Lozovenky"), unfound("b", "local", "Ruska Lozova")])
    assert found == [{"a"}, {"b"}]


def test_an_unfound_village_does_not_glue_two_towns_into_one():
    kharkiv = report("a", "wire")
    izium = report("b", "paper", location_name="Izium", latitude=49.21, longitude=37.26)
    found = groups([kharkiv, izium, unfound("c", "radio", "Lozovenky")])
    assert len(found) == 2 and {"a", "b"} not in [g & {"a", "b"} for g in found]


def test_a_found_town_named_again_with_a_guessed_admin1_is_that_town():
    # "Téra" not found, given the admin1 of the hospital town the text also names
    guessed = unfound("b", "local", "Khárkiv", admin1="Sumy")
    assert groups([report("a", "wire"), guessed]) == [{"a", "b"}]


def test_contradicting_actor1_countries_stay_apart():
    russian = report("a", "wire")
    belarusian = report("b", "paper", actor1_name="Belarusian forces", actor1_country="BLR")
    assert groups([russian, belarusian]) == [{"a"}, {"b"}]


def test_the_places_own_side_as_actor1_joins_the_attacker_at_one_town():
    # "a drone hit the Ukrainian city of Kharkiv": one report names the side that was hit
    russian = report("a", "wire")
    ukrainian = report("b", "paper", actor1_name="Ukrainian", actor1_country="UKR")
    assert groups([russian, ukrainian]) == [{"a", "b"}]


def test_the_places_own_side_against_the_attacker_in_a_region_only_report_stays_apart():
    russian = report("a", "wire")
    ukrainian = report(
        "b", "paper", actor1_name="Ukrainian forces", actor1_country="UKR", location_name=None,
        latitude=None, longitude=None, location_precision="admin1",
    )  # fmt: skip
    assert groups([russian, ukrainian]) == [{"a"}, {"b"}]


def test_a_bomb_read_as_aerial_and_as_explosives_at_one_town_is_one_blast():
    dropped = report("a", "wire", event_mode="aerial")
    planted = report("b", "paper", event_mode="explosives")
    assert groups([dropped, planted]) == [{"a", "b"}]


def test_aerial_and_explosives_in_one_region_without_one_town_stay_apart():
    dropped = report("a", "wire", event_mode="aerial")
    planted = report(
        "b", "paper", event_mode="explosives", location_name=None, latitude=None, longitude=None,
        location_precision="admin1",
    )  # fmt: skip
    assert groups([dropped, planted]) == [{"a"}, {"b"}]


def placeless(event_id: str, document_id: str, mode: str) -> dict:
    """A report the extractor read no place and no country from (it contradicts no place)."""
    return report(
        event_id, document_id, event_mode=mode, location_name=None, admin1=None, country=None,
        latitude=None, longitude=None, location_precision=None,
    )  # fmt: skip


def test_a_placeless_report_reading_the_bomb_as_gunfire_joins_the_towns_report():
    # it cannot put the two readings in two towns
    planted = report("a", "wire", event_mode="explosives")
    assert groups([planted, placeless("b", "paper", "firearms")]) == [{"a", "b"}]


def test_a_placeless_report_of_a_mode_that_contradicts_stays_apart():
    shelling = report("a", "wire", event_mode="artillery")
    assert groups([shelling, placeless("b", "paper", "firearms")]) == [{"a"}, {"b"}]


def test_a_report_with_no_country_does_not_glue_strikes_in_two_countries():
    kharkiv = report("a", "wire")
    belgorod = report(
        "b", "paper", actor1_name="Ukrainian forces", actor1_country="UKR", location_name="Belgorod",
        admin1="Belgorod", country="RUS", latitude=50.6, longitude=36.6,
    )  # fmt: skip
    nowhere = report(
        "c", "radio", actor1_name=None, actor1_country=None, location_name=None, admin1=None,
        country=None, latitude=None, longitude=None, location_precision=None,
    )  # fmt: skip
    found = groups([kharkiv, belgorod, nowhere])
    assert {"a", "b"} not in [members & {"a", "b"} for members in found]
    assert len(found) == 2


def statement(event_id: str, document_id: str, speaker: str | None, country: str | None) -> dict:
    return report(
        event_id, document_id, event_type="ACCUSE", event_mode=None, actor1_name=speaker,
        actor1_country=country, actor2_name="Russia", actor2_country="RUS", location_name=None,
        admin1=None, country=None, latitude=None, longitude=None, location_precision=None,
    )  # fmt: skip


def test_an_unnamed_speaker_joins_a_statement_but_does_not_glue_two_speakers():
    zelensky = statement("a", "wire", "Zelensky", "UKR")
    unnamed = statement("b", "paper", None, None)
    assert groups([zelensky, unnamed]) == [{"a", "b"}]
    scholz = statement("c", "radio", "Scholz", "DEU")
    found = groups([zelensky, unnamed, scholz])
    assert len(found) == 2 and not any({"a", "c"} <= members for members in found)


def test_a_null_actor_contradicts_nothing():
    named = report("a", "wire")
    unnamed = report("b", "paper", actor1_name=None, actor1_country=None, actor1_type=None)
    assert groups([named, unnamed]) == [{"a", "b"}]


def test_events_of_one_document_alone_never_merge_here():
    # whether two events of one text are one happening is the extractor's call; other reports decide here
    assert groups([report("a", "wire"), report("b", "wire")]) == [{"a"}, {"b"}]


def region_only(event_id: str, document_id: str, **values) -> dict:
    return report(event_id, document_id, location_name=None, latitude=None, longitude=None, **values)


def test_a_report_that_told_one_strike_twice_joins_the_other_reports_whole():
    # the paper's detail sentence names only the region and the soldiers hit: the extractor made it a
    # second event, and the radio report, which names the soldiers too, paired with it first
    wire, paper = report("a", "wire"), report("b", "paper")
    detail = region_only("b2", "paper", event_mode=None, actor2_name="soldiers", fatalities=None)
    radio = region_only("c", "radio", event_mode=None, actor2_name="soldiers", fatalities=None)
    assert groups([wire, paper, detail, radio]) == [{"a", "b", "b2", "c"}]


def test_a_told_twice_event_alone_does_not_join_its_reports_happening():
    # only other reports can say two events of one text are one happening ("forces then stormed the
    # town" after the strike is another happening at the same place and day)
    wire, paper = report("a", "wire"), report("b", "paper")
    then = report("b2", "paper", event_mode=None, actor2_name="residents", fatalities=None)
    assert groups([wire, paper, then]) == [{"a", "b"}, {"b2"}]


def test_a_second_toll_of_one_report_is_another_incident_not_the_lead_told_twice():
    # "Separately, gangs attacked another commune, killing three" after the lead's ten dead: the extractor
    # read the second town only as the region, and the same side attacks in both; a local report of the
    # three dead joins that incident, never the lead's happening
    wire, paper = report("a", "wire", fatalities=10), report("b", "paper", fatalities=10)
    separately = region_only("b2", "paper", event_mode=None, fatalities=3)
    local = region_only("c", "local", event_mode=None, fatalities=3)
    assert groups([wire, paper, separately, local]) == [{"a", "b"}, {"b2", "c"}]


def test_two_weapon_kinds_one_report_tells_stay_two_strikes():
    # one report: drones and shelling hit Kharkiv the same day (two events); a wire without a mode joins one
    drones, shelling = report("p1", "paper"), report("p2", "paper", event_mode="artillery")
    found = groups([drones, shelling, report("w", "wire", event_mode=None)])
    assert len(found) == 2 and not any({"p1", "p2"} <= members for members in found)


def test_one_report_of_two_days_in_one_city_does_not_join_them():
    # the same town on two days: a document telling both keeps them apart even when others agree
    first, second = report("p1", "paper"), report("p2", "paper", event_date="2024-06-21")
    wire = report("w", "wire", "2024-06-21T00:40:00+03:00", event_date="2024-06-21")
    found = groups([first, second, wire])
    assert not any({"p1", "p2"} <= members for members in found)


def test_told_twice_reports_in_any_order_give_the_same_happenings():
    events = [
        report("a", "wire", fatalities=2),
        report("b", "paper", fatalities=4),
        region_only("b2", "paper", event_mode=None, fatalities=None),
        region_only("c", "radio", fatalities=5),
        report("d", "tv", location_name="Izium", latitude=49.21, longitude=37.26),
        report("d2", "tv", event_mode="artillery"),
    ]
    assert_order_free(events)


def test_an_airstrike_and_a_drone_may_be_one_strike_but_shelling_and_a_car_bomb_may_not():
    assert groups([report("a", "wire", event_mode="aerial"), report("b", "paper")]) == [{"a", "b"}]
    shelled = report("c", "wire", event_mode="artillery")
    bomb = report("d", "paper", event_mode="explosives")
    assert groups([shelled, bomb]) == [{"c"}, {"d"}]


def test_a_plan_never_joins_the_attack():
    planned = report("b", "paper", event_mode="planned", fatalities=None, injuries=None)
    assert groups([report("a", "wire"), planned]) == [{"a"}, {"b"}]


def test_two_accusations_against_different_targets_stay_two():
    def accusation(event_id: str, document_id: str, target: str) -> dict:
        return report(
            event_id, document_id, event_type="ACCUSE", event_mode=None, actor1_name="Colombian army",
            actor1_country="COL", actor2_name=target, actor2_country="COL", location_name=None, admin1=None,
            country=None, latitude=None, longitude=None, fatalities=None, injuries=None,
        )  # fmt: skip

    found = groups(
        [accusation("a", "wire", "ELN"), accusation("b", "paper", "ELN"), accusation("c", "tv", "FARC")]
    )
    assert found == [{"a", "b"}, {"c"}]


def test_the_same_reports_in_any_order_give_the_same_happenings():
    events = [
        report("a", "wire", "2024-06-20T12:00:00+03:00", fatalities=2),
        report("b", "paper", "2024-06-20T18:00:00+03:00", fatalities=4),
        report("c", "radio", location_name=None, latitude=None, longitude=None),
        report("d", "wire2", "2024-06-21T15:00:00+03:00", event_date="2024-06-21"),
        report("e", "tv", location_name="Izium", latitude=49.21, longitude=37.26),
    ]
    assert_order_free(events)


def test_the_latest_report_gives_the_toll_and_the_spread_is_kept():
    events = [
        report("a", "wire", "2024-06-20T12:00:00+03:00", fatalities=3, injuries=12),
        report("b", "paper", "2024-06-20T23:00:00+03:00", fatalities=7, injuries=None),
        report("c", "radio", "2024-06-20T18:00:00+03:00", fatalities=6, injuries=21),
    ]
    _, rows = happenings_table(events)
    row = rows.iloc[0]
    assert (row["fatalities"], row["fatalities_min"], row["fatalities_max"], row["injuries"]) == (7, 3, 7, 21)
    assert (row["documents"], row["sources"]) == (3, 3)
    assert rows["fatalities"].sum() == 7  # each person once, not 3 + 7 + 6


def test_a_later_report_without_a_toll_or_a_summary_neither_lowers_nor_doubles_it():
    events = [
        report("a", "wire", "2024-06-20T12:00:00+03:00", fatalities=3),
        report("b", "paper", "2024-06-20T18:00:00+03:00", fatalities=7),
        report("c", "radio", "2024-06-21T09:00:00+03:00", fatalities=None, injuries=None),
        # a weekly summary counting the same dead: its parts carry the toll, it adds none
        report("d", "digest", "2024-06-21T10:00:00+03:00", fatalities=40, is_aggregate=True),
    ]
    links, rows = happenings_table(events)
    strike = rows.set_index("happening_id").loc[links.set_index("event_id").loc["a", "happening_id"]]
    assert set(links.set_index("event_id").loc[["a", "b", "c"], "happening_id"]) == {strike.name}
    assert (strike["fatalities"], strike["fatalities_min"], strike["fatalities_max"]) == (7, 3, 7)
    assert rows["fatalities"].dropna().sum() == 7


def test_a_later_report_joining_keeps_the_happening_id():
    first = [
        report("a", "wire", "2024-06-20T12:00:00+03:00"),
        report("b", "paper", "2024-06-20T18:00:00+03:00"),
    ]
    before = set(cluster_events(first)["happening_id"])
    after = set(cluster_events([*first, report("c", "radio", "2024-06-21T09:00:00+03:00")])["happening_id"])
    assert len(before) == 1 and after == before


def test_a_bad_rules_line_names_file_and_line(tmp_path):
    path = tmp_path / "rules.tsv"
    path.write_text("kind\tkey\tvalue\nsetting\tspeed_of_light\t3\n")
    with pytest.raises(RulesError, match=r"rules.tsv:2: unknown setting"):
        load_rules(path)


def test_no_events_make_no_happenings():
    links, rows = happenings_table([])
    assert len(links) == 0 and len(rows) == 0


def test_a_raid_told_as_an_abduction_and_as_a_shooting_is_one_happening():
    # "killed six and abducted nine women": one outlet's mode is `abduct`, another's `firearms`
    abducted = report("a", "wire", event_mode="abduct", actor2_name="women")
    shot = report("b", "paper", event_mode="firearms")
    elsewhere = report(
        "c", "radio", event_mode="abduct", location_name="Izium", latitude=49.21, longitude=37.26
    )  # an abduction in another town of the region the same day
    assert groups([abducted, shot, elsewhere]) == [{"a", "b"}, {"c"}]
