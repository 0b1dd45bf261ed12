"""Happenings in the warehouse: refreshed in the load transaction, only where a batch touched, and always
equal to clustering everything again; `forget` and changed texts leave no happening without events."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from sitrep.load import warehouse
from sitrep.load.happenings import consistency, refresh_happenings
from sitrep.model import Document
from tests.helpers import drone_strike_event, empty_warehouse

SOUND = {
    "events_without_happening": 0,
    "links_without_event": 0,
    "happenings_without_events": 0,
    "links_without_happening": 0,
}


def doc(document_id: str, published: str, publisher: str) -> Document:
    return Document(
        document_id=document_id,
        text=f"text of {document_id}\n",
        published_at=datetime.fromisoformat(published),
        publisher=publisher,
        content_hash=f"hash-{document_id}",
    )


# Kharkiv on 20 June told by three outlets with a rising toll; Izium the same day; Kharkiv again on the 22nd.
DOCS = {
    "wire": (
        doc("wire", "2024-06-20T12:00:00+03:00", "Wire"),
        [drone_strike_event("w1", "wire", fatalities=2)],
    ),
    "paper": (
        doc("paper", "2024-06-20T20:00:00+03:00", "Paper"),
        [
            drone_strike_event("p1", "paper", fatalities=4),
            drone_strike_event(
                "p2", "paper", location_name="Izium", latitude=49.21, longitude=37.26, fatalities=1
            ),
        ],
    ),
    "radio": (
        doc("radio", "2024-06-21T09:00:00+03:00", "Radio"),
        [drone_strike_event("r1", "radio", location_name=None, latitude=None, longitude=None, fatalities=5)],
    ),
    "later": (
        doc("later", "2024-06-22T15:00:00+03:00", "Wire"),
        [drone_strike_event("l1", "later", event_date="2024-06-22", fatalities=1)],
    ),
}


def load(con, *names: str, source: dict | None = None) -> None:
    source = source or DOCS
    con.execute("BEGIN TRANSACTION")
    warehouse.load_batch(con, [source[n][0] for n in names], [e for n in names for e in source[n][1]], [])
    con.execute("COMMIT")


def happenings(con) -> set[tuple]:
    return {
        (row[0], tuple(row[1]), *row[2:])
        for row in con.execute(
            "SELECT happening_id, list_sort(list(event_id)), any_value(h.fatalities), any_value(h.fatalities_min), "
            "any_value(h.documents) FROM happening_event JOIN dim_happening h USING (happening_id) GROUP BY 1"
        ).fetchall()
    }


def members(con) -> list[list[str]]:
    return sorted(list(row[1]) for row in happenings(con))


@pytest.fixture()
def con(tmp_path: Path):
    connection = empty_warehouse(tmp_path / "wh" / "sitrep.duckdb")
    yield connection
    connection.close()


@pytest.fixture()
def fresh(tmp_path: Path):
    def build(*names: str, source: dict | None = None):
        connection = empty_warehouse(tmp_path / f"fresh-{len(names)}-{'-'.join(names)}.duckdb")
        load(connection, *names, source=source)
        return connection

    return build


def test_one_batch_groups_the_reports_and_counts_each_person_once(con):
    load(con, *DOCS)
    assert members(con) == [["l1"], ["p1", "r1", "w1"], ["p2"]]
    total = con.execute("SELECT sum(fatalities) FROM mart.happenings").fetchone()[0]
    assert total == 5 + 1 + 1  # the latest Kharkiv toll (radio, 5), Izium 1, the 22nd 1; not 2+4+1+5+1
    assert con.execute("SELECT count(DISTINCT happening_id) FROM mart.events").fetchone()[0] == 3
    assert consistency(con) == SOUND


def test_a_later_batch_joins_the_existing_happening_and_keeps_its_id(con, fresh):
    load(con, "wire", "paper")
    before = {tuple(m): h for h, m, *_ in happenings(con)}
    load(con, "radio")
    after = {tuple(m): h for h, m, *_ in happenings(con)}
    assert after[("p1", "r1", "w1")] == before[("p1", "w1")]
    load(con, "later")
    assert happenings(con) == happenings(fresh(*DOCS))  # incremental = everything at once
    assert consistency(con) == SOUND


def test_forget_leaves_every_happening_consistent(con, fresh):
    load(con, *DOCS)
    warehouse.forget_document(con, "wire")
    assert members(con) == [["l1"], ["p1", "r1"], ["p2"]]
    assert happenings(con) == happenings(fresh("paper", "radio", "later"))
    warehouse.forget_document(con, "paper")
    warehouse.forget_document(con, "radio")
    assert members(con) == [["l1"]]
    assert consistency(con) == SOUND


def test_a_changed_text_replaces_its_events_in_their_happenings(con):
    load(con, *DOCS)
    moved = [drone_strike_event("p3", "paper", event_date="2024-06-22", fatalities=3)]
    con.execute("BEGIN TRANSACTION")
    warehouse.load_batch(con, [DOCS["paper"][0]], moved, [])
    con.execute("COMMIT")
    assert members(con) == [["l1", "p3"], ["r1", "w1"]]
    assert consistency(con) == SOUND


def test_a_warehouse_from_before_happenings_gets_them_on_the_next_refresh(con):
    load(con, *DOCS)
    con.execute("DELETE FROM happening_event")
    con.execute("DELETE FROM dim_happening")
    refresh_happenings(con)
    assert members(con) == [["l1"], ["p1", "r1", "w1"], ["p2"]]
    assert consistency(con) == SOUND


def test_after_midnight_is_judged_on_the_reporters_clock_not_utc(con):
    # 00:40 in Kyiv is 21:40 UTC the day before: in UTC the report would seem filed before the strike's day.
    evening = doc("evening", "2024-06-20T22:10:00+03:00", "Wire")
    night = doc("night", "2024-06-21T00:40:00+03:00", "Paper")
    con.execute("BEGIN TRANSACTION")
    warehouse.load_batch(
        con,
        [evening, night],
        [drone_strike_event("v1", "evening"), drone_strike_event("n1", "night", event_date="2024-06-21")],
        [],
    )
    con.execute("COMMIT")
    assert members(con) == [["n1", "v1"]]
    assert con.execute(
        "SELECT published_local FROM document_published_local WHERE document_id = 'night'"
    ).fetchone() == ("2024-06-21T00:40:00+03:00",)


def test_a_region_only_report_is_not_taken_for_a_town_named_after_its_region(con):
    # dim_location names a region-only place after its admin1; the matcher must still see no town.
    city = doc("city", "2024-06-20T12:00:00+03:00", "Local")
    region = doc("region", "2024-06-20T13:00:00+03:00", "Wire")
    izium = drone_strike_event("c1", "city", location_name="Izium", latitude=49.21, longitude=37.26)
    oblast = drone_strike_event(
        "r1", "region", location_name=None, location_precision="admin1", latitude=49.5, longitude=36.5
    )
    con.execute("BEGIN TRANSACTION")
    warehouse.load_batch(con, [city, region], [izium, oblast], [])
    con.execute("COMMIT")
    assert members(con) == [["c1", "r1"]]


# One seed in the fast loop; the other two (about 10 s each) run with the end-to-end tests in CI.
@pytest.mark.parametrize(
    "seed", [7, pytest.param(8, marks=pytest.mark.e2e), pytest.param(9, marks=pytest.mark.e2e)]
)
def test_random_loads_and_forgets_leave_what_clustering_everything_gives(con, fresh, seed):
    import random

    rng = random.Random(seed)
    towns = [("Kharkiv", 49.99, 36.23), ("Izium", 49.21, 37.26), (None, None, None)]
    docs, events = {}, {}
    for n in range(30):
        day = 20 + rng.randrange(4)
        hour = rng.choice([0, 1, 9, 15, 22])
        name = f"d{n:02d}"
        docs[name] = doc(name, f"2024-06-{day:02d}T{hour:02d}:30:00+03:00", f"outlet{rng.randrange(6)}")
        town, lat, lon = rng.choice(towns)
        events[name] = [
            drone_strike_event(
                f"{name}-{k}",
                name,
                event_date=f"2024-06-{day - rng.choice([0, 0, 1]):02d}",
                location_name=town,
                latitude=lat,
                longitude=lon,
                event_mode=rng.choice(["drone", "aerial", None]),
                fatalities=rng.choice([None, 1, 2, 3]),
            )  # fmt: skip
            for k in range(rng.choice([1, 1, 2]))
        ]
    names = list(docs)
    rng.shuffle(names)
    for start in range(0, 30, 8):
        batch = names[start : start + 8]
        con.execute("BEGIN TRANSACTION")
        warehouse.load_batch(con, [docs[n] for n in batch], [e for n in batch for e in events[n]], [])
        con.execute("COMMIT")
    for name in names[:5]:
        warehouse.forget_document(con, name)
    kept = names[5:]
    source = {n: (docs[n], events[n]) for n in kept}
    assert happenings(con) == happenings(fresh(*kept, source=source))
    assert consistency(con) == SOUND
    assert len(happenings(con)) < sum(len(events[n]) for n in kept)  # some reports did join
