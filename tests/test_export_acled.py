"""`sitrep export --format acled`: ACLED's columns, codes and types over a warehouse loaded from real texts
(the seeds and two gold files, through the real extractor), written as CSV and Parquet and read back with
pandas as an ACLED user would."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.config import Settings
from sitrep.export.acled import ACLED_COLUMNS
from sitrep.extract.lexicon import read_tsv
from sitrep.extract.run import extract_document
from sitrep.extract_cli import documents_from_files
from sitrep.ingest.records import documents_from_jsonl
from sitrep.load import snapshots, warehouse
from sitrep.model import Document
from tests.helpers import (
    REPO,
    SEEDS,
    build_warehouse,
    drone_strike_event,
    empty_warehouse,
    make_doc,
    one_line_failure,
)

runner = CliRunner()
# Hand-written news in many styles: several reports of one happening (happenings.jsonl), ACLED-coded
# texts of many event types (acled_dev.jsonl). The blind set stays out.
GOLD_TEXTS = [REPO / "tests" / "gold" / "happenings.jsonl", REPO / "tests" / "gold" / "acled_dev.jsonl"]
INTEGERS = ["year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities"]


def texts() -> list[Document]:
    """The seeds and the gold texts as documents, each gold text under its outlet's name as publisher."""
    documents = [d for d in documents_from_files(sorted(str(p) for p in SEEDS.glob("*.txt")))]
    for path in GOLD_TEXTS:
        lines = path.read_text(encoding="utf-8").splitlines()
        outlets = {json.loads(line)["id"]: json.loads(line).get("outlet") for line in lines}
        for document in documents_from_jsonl(lines, origin=str(path)):
            documents.append(replace(document, publisher=outlets.get(document.document_id)))
    assert all(isinstance(d, Document) for d in documents)
    return documents


_EXTRACTED: dict[str, list[dict]] = {}


def extracted(document: Document) -> list[dict]:
    """The extractor's events of `document`, extracted once per test process (several tests load the same
    texts; what they check is the warehouse and the export, not a second extraction)."""
    key = repr(document)  # every field, segments included
    if key not in _EXTRACTED:
        _EXTRACTED[key] = extract_document(document)
    return [dict(event) for event in _EXTRACTED[key]]


def load_texts(root: Path, documents: list[Document]) -> Settings:
    """A warehouse at root/wh holding the extractor's events of `documents`, loaded by one finished run."""
    settings = Settings(warehouse=root / "wh" / "sitrep.duckdb", inbox=root / "inbox")
    events = [event for document in documents for event in extracted(document)]
    sources = [(f"{d.document_id}.txt", d.document_id, d.content_hash or d.document_id) for d in documents]
    with empty_warehouse(settings.warehouse) as con:
        con.execute("BEGIN TRANSACTION")
        warehouse.start_run(con, "run-1")
        warehouse.load_batch(con, documents, events, sources)
        warehouse.finish_run(con, "run-1", "succeeded", {"events_loaded": len(events)})
        con.execute("COMMIT")
    return settings


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Settings:
    return load_texts(tmp_path_factory.mktemp("acled"), texts())


def invoke_export(warehouse_file: Path, *options: str):
    return runner.invoke(app, ["export", *options, "--warehouse", str(warehouse_file)])


def export(settings: Settings, output: Path, *options: str) -> pd.DataFrame:
    """Run the command, check its summary line, and read the file back as an ACLED user would."""
    result = invoke_export(settings.warehouse, "--format", "acled", "--output", str(output), *options)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(output, keep_default_na=False) if output.suffix == ".csv" else pd.read_parquet(output)
    assert f"sitrep: wrote {len(frame)} rows to {output}" in result.stderr.splitlines()[-1]
    return frame


def mart(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def csv_rows(loaded, tmp_path_factory) -> pd.DataFrame:
    return export(loaded, tmp_path_factory.mktemp("out") / "acled.csv")


def test_columns_are_acleds_in_acleds_order_in_csv_and_parquet(loaded, csv_rows, tmp_path):
    parquet = export(loaded, tmp_path / "acled.parquet")
    assert list(csv_rows.columns) == list(parquet.columns) == ACLED_COLUMNS
    assert len(ACLED_COLUMNS) == 31
    assert len(csv_rows) == len(parquet) > 50


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_numbers_read_back_as_numbers(loaded, tmp_path, suffix):
    frame = export(loaded, tmp_path / f"acled{suffix}")
    for column in [*INTEGERS, "timestamp"]:
        assert pd.api.types.is_integer_dtype(frame[column]), (column, frame[column].dtype)
    for column in ("latitude", "longitude"):
        assert pd.api.types.is_float_dtype(frame[column]), (column, frame[column].dtype)
    for column in ("event_id_cnty", "actor1", "notes", "source", "admin2"):
        assert pd.api.types.is_object_dtype(frame[column]) or pd.api.types.is_string_dtype(frame[column])
    assert (frame["year"] == pd.to_datetime(frame["event_date"], format="%Y-%m-%d").dt.year).all()
    assert frame["timestamp"].nunique() == 1 and frame["timestamp"].iloc[0] > 1_700_000_000


def test_codes_come_from_acleds_codebook(csv_rows):
    types = read_tsv("acled_types.tsv")
    pairs = {(r["event_type"], r["sub_event_type"]): r["disorder_type"] for r in types}
    rows = csv_rows
    assert set(zip(rows["event_type"], rows["sub_event_type"], strict=True)) <= set(pairs)
    assert [pairs[(t, s)] for t, s in zip(rows["event_type"], rows["sub_event_type"], strict=True)] == list(
        rows["disorder_type"]
    )
    assert rows["time_precision"].between(1, 3).all() and rows["geo_precision"].between(1, 3).all()
    assert rows["inter1"].between(1, 8).all()
    assert rows["inter2"].between(0, 8).all()
    assert ((rows["inter2"] == 0) == (rows["actor2"] == "")).all()
    assert (rows["actor1"] != "").all()
    lone = rows["inter2"] == 0
    low = rows[["inter1", "inter2"]].min(axis=1)
    high = rows[["inter1", "inter2"]].max(axis=1)
    assert (rows.loc[lone, "interaction"] == rows.loc[lone, "inter1"] * 10).all()
    assert (rows.loc[~lone, "interaction"] == (10 * low + high)[~lone]).all()
    assert set(rows["civilian_targeting"]) <= {"", "Civilian targeting"}
    assert ((rows["civilian_targeting"] != "") == (rows["inter2"] == 7)).all()
    assert (rows["fatalities"] >= 0).all()


def test_the_texts_give_acled_codes_of_several_kinds(csv_rows):
    # The seeds and gold texts tell of state forces striking civilians: the export must show that coding.
    assert {"Explosions/Remote violence", "Battles"} <= set(csv_rows["event_type"])
    assert 1 in set(csv_rows["inter1"]) and 7 in set(csv_rows["inter2"])
    assert "Civilian targeting" in set(csv_rows["civilian_targeting"])
    assert (csv_rows["fatalities"] > 0).any() and (csv_rows["fatalities"] == 0).any()


def test_country_columns_use_acled_names_regions_and_iso_numbers(csv_rows):
    ukraine = csv_rows[csv_rows["event_id_cnty"].str.startswith("UKR")]
    assert len(ukraine) > 10
    assert set(ukraine["country"]) == {"Ukraine"} and set(ukraine["region"]) == {"Europe"}
    assert set(ukraine["iso"]) == {804}
    regions = {r["region"] for r in read_tsv("acled_countries.tsv")}
    assert set(csv_rows["region"]) <= regions and "" not in set(csv_rows["region"])
    assert (csv_rows["iso"] > 0).all()
    assert csv_rows["event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d{1,16}").all()


def test_text_columns_acled_leaves_empty_are_empty_strings_not_nulls(loaded, tmp_path):
    frame = export(loaded, tmp_path / "acled.parquet")
    for column in ("assoc_actor_1", "assoc_actor_2", "admin3", "source_scale", "tags"):
        assert set(frame[column]) == {""}, column
    # admin2 is known for some places only: those the text names (geo_precision 1), not a division alone
    assert "" in set(frame["admin2"]) and len(set(frame["admin2"])) > 5
    assert (frame.loc[frame["admin2"] != "", "geo_precision"] == 1).all()
    text_columns = [c for c in ACLED_COLUMNS if c not in [*INTEGERS, "timestamp", "latitude", "longitude"]]
    assert not frame[text_columns].isna().any().any()
    assert (frame["location"] != "").all() and (frame["notes"] != "").all() and (frame["source"] != "").all()


def test_one_row_per_happening_that_acled_would_hold(loaded, csv_rows):
    (happenings,) = mart(
        loaded,
        "SELECT count(*) FROM mart.happenings h WHERE acled_event_type IS NOT NULL AND event_date IS NOT NULL "
        "AND country IS NOT NULL AND EXISTS (SELECT 1 FROM mart.events e WHERE e.happening_id = h.happening_id "
        "AND e.factuality = 'happened' AND NOT e.is_aggregate)",
    )[0]
    assert len(csv_rows) == happenings
    assert csv_rows["event_id_cnty"].is_unique
    # A happening several outlets told names them all, once each.
    told_by_several = csv_rows[csv_rows["source"].str.contains("; ")]
    assert len(told_by_several) > 5
    for sources in told_by_several["source"]:
        names = sources.split("; ")
        assert names == sorted(set(names))


def test_fatalities_are_the_happenings_not_the_sum_of_reports(loaded, csv_rows):
    (killed,) = mart(
        loaded,
        "SELECT coalesce(sum(h.fatalities), 0) FROM mart.happenings h WHERE acled_event_type IS NOT NULL "
        "AND event_date IS NOT NULL AND country IS NOT NULL AND EXISTS (SELECT 1 FROM mart.events e "
        "WHERE e.happening_id = h.happening_id AND e.factuality = 'happened' AND NOT e.is_aggregate)",
    )[0]
    assert csv_rows["fatalities"].sum() == killed > 0


def test_unit_events_gives_one_row_per_factual_event(loaded, tmp_path, csv_rows):
    events = export(loaded, tmp_path / "events.csv", "--unit", "events")
    (expected,) = mart(
        loaded,
        "SELECT count(*) FROM mart.events WHERE acled_event_type IS NOT NULL AND event_date IS NOT NULL "
        "AND country IS NOT NULL AND factuality = 'happened' AND NOT is_aggregate",
    )[0]
    assert len(events) == expected > len(csv_rows)
    assert events["event_id_cnty"].is_unique
    assert not set(events["event_id_cnty"]) & set(csv_rows["event_id_cnty"])


def test_event_ids_are_stable_across_exports_and_a_fresh_load_in_another_order(loaded, csv_rows, tmp_path):
    again = export(loaded, tmp_path / "again.csv")
    assert list(again["event_id_cnty"]) == list(csv_rows["event_id_cnty"])
    reloaded = load_texts(tmp_path / "reload", list(reversed(texts())))
    fresh = export(reloaded, tmp_path / "fresh.parquet")
    columns = [c for c in ACLED_COLUMNS if c != "timestamp"]
    key = "event_id_cnty"
    pd.testing.assert_frame_equal(
        fresh[columns].sort_values(key).reset_index(drop=True),
        csv_rows[columns].sort_values(key).reset_index(drop=True),
        check_dtype=False,
    )


def test_since_until_and_country_select_rows(loaded, csv_rows, tmp_path):
    days = sorted(csv_rows["event_date"])
    middle = days[len(days) // 2]
    later = export(loaded, tmp_path / "later.csv", "--since", middle)
    earlier = export(loaded, tmp_path / "earlier.csv", "--until", middle)
    assert (later["event_date"] >= middle).all() and (earlier["event_date"] <= middle).all()
    assert len(later) + len(earlier) == len(csv_rows) + (csv_rows["event_date"] == middle).sum()
    by_name = export(loaded, tmp_path / "ukraine.csv", "--country", "ukraine")
    by_code = export(loaded, tmp_path / "ukr.csv", "--country", "UKR")
    assert list(by_name["event_id_cnty"]) == list(by_code["event_id_cnty"])
    assert set(by_code["country"]) == {"Ukraine"}
    assert len(by_code) == (csv_rows["country"] == "Ukraine").sum()


def test_file_format_option_overrides_the_extension(loaded, tmp_path):
    output = tmp_path / "acled.data"
    result = invoke_export(loaded.warehouse, "-f", "acled", "-o", str(output), "--file-format", "parquet")
    assert result.exit_code == 0, result.output
    assert list(pd.read_parquet(output).columns) == ACLED_COLUMNS


def test_a_failed_export_keeps_the_old_file_and_leaves_no_temporary(loaded, tmp_path):
    output = tmp_path / "acled.csv"
    output.write_text("old\n")
    result = invoke_export(loaded.warehouse, "-f", "acled", "-o", str(output), "--since", "2024-13-01")
    assert "--since '2024-13-01' is not a date" in one_line_failure(result, 2)
    assert output.read_text() == "old\n"
    export(loaded, output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acled.csv"]
    assert oct(output.stat().st_mode & 0o777) != oct(0o600)


@pytest.mark.parametrize(
    ("options", "message", "code"),
    [
        (["-f", "gdelt", "-o", "x.csv"], "unknown format 'gdelt': choose acled", 2),
        (["-o", "x.csv"], "give the column set: --format acled", 2),
        (["-f", "acled"], "give the file to write: --output FILE.csv or FILE.parquet", 2),
        (["-f", "acled", "-o", "x.xlsx"], "cannot tell the file format of x.xlsx", 2),
        (["-f", "acled", "-o", "x.csv", "--file-format", "json"], "unknown file format 'json'", 2),
        (["-f", "acled", "-o", "x.csv", "--unit", "reports"], "unknown unit 'reports'", 2),
        (["-f", "acled", "-o", "x.csv", "--country", "Atlantis"], "unknown country 'Atlantis'", 2),
        (
            ["-f", "acled", "-o", "x.csv", "--since", "2024-06-02", "--until", "2024-06-01"],
            "is after --until",
            2,
        ),
    ],
)
def test_wrong_options_fail_with_one_line(tmp_path, options, message, code):
    settings = build_warehouse(tmp_path)
    assert message in one_line_failure(invoke_export(settings.warehouse, *options), code)


def test_no_warehouse_and_an_unwritable_path_fail_with_one_line(tmp_path):
    result = invoke_export(tmp_path / "none.duckdb", "-f", "acled", "-o", str(tmp_path / "x.csv"))
    assert "no warehouse at" in one_line_failure(result, 1)
    settings = build_warehouse(tmp_path)
    (tmp_path / "folder.csv").mkdir()
    for target, reason in [
        (tmp_path / "missing" / "x.csv", "no folder"),
        (tmp_path / "folder.csv", "it is a folder"),
    ]:
        result = invoke_export(settings.warehouse, "-f", "acled", "-o", str(target))
        assert f"cannot write {target}: {reason}" in one_line_failure(result, 2)


def two_reports(tmp_path: Path) -> Settings:
    """A warehouse (and its snapshots of 2024-06-21) loaded by hand with two reports."""
    # Two reports by hand: a drone strike on Kharkiv by Russian forces killing two civilians (2024-06-20),
    # and an abduction near Kherson by an actor no report names, in June 2024, no toll stated.
    strike = drone_strike_event("e1", "d1")
    abduction = drone_strike_event(
        "e2", "d1", event_date="2024-06-01", date_precision="month", actor1_name=None, actor1_country=None,
        actor1_type=None, actor2_name=None, actor2_country=None, actor2_type=None, location_name="Kherson",
        admin1="Kherson", latitude=46.6354, longitude=32.6169, location_precision="admin1", fatalities=None,
        event_mode="abduction", acled_event_type="Violence against civilians",
        acled_sub_event_type="Abduction/forced disappearance", evidence="A man  was\nabducted near Kherson.",
    )  # fmt: skip
    document = replace(make_doc("Drones struck Kharkiv, killing two.", doc_id="d1"), publisher="Kyiv Daily")
    settings = Settings(warehouse=tmp_path / "wh" / "sitrep.duckdb", inbox=tmp_path)
    with empty_warehouse(settings.warehouse) as con:
        warehouse.load_batch(con, [document], [strike, abduction], [("d1.txt", "d1", "h")])
        snapshots.write_snapshots(con, settings.snapshots_dir, date(2024, 6, 21), "by-hand")
    return settings


NOTES_OUTSIDE_UKRAINE = (
    "On 3 February 2026, suspected al-Shabaab militants attacked a police post in El Wak (Mandera). "
    "2 police reservists were killed.\n\n"
    "On 5 February 2026, al-Shabaab fighters attacked an SNA base in Afgooye (Lower Shabelle). "
    "4 soldiers were killed.\n\n"
    "On 6 February 2026, gunmen killed 2 herders in the Mandera region.\n"
)


def test_places_outside_ukraine_get_their_admin2(tmp_path):
    """A Kenyan and a Somali town get the district ACLED names (sitrep/data/place_admin2.tsv, seats of
    admin2_seats.tsv); an event placed only in a division gets none."""
    document = make_doc(NOTES_OUTSIDE_UKRAINE, datetime(2026, 2, 9, 8, tzinfo=UTC), doc_id="notes")
    rows = export(load_texts(tmp_path, [document]), tmp_path / "notes.csv", "--unit", "events")
    by_place = {r.location: (r.country, r.admin1, r.admin2) for r in rows.itertuples()}
    assert by_place["El Wak"] == ("Kenya", "Mandera", "Mandera South")
    assert by_place["Afgooye"] == ("Somalia", "Lower Shabelle", "Afgooye")
    assert by_place["Mandera"][2] == ""  # the county alone: no district


def test_each_field_maps_to_its_acled_column(tmp_path):
    settings = two_reports(tmp_path)
    rows = export(settings, tmp_path / "two.csv").set_index("event_date")
    assert dict(rows.loc["2024-06-20"]) == {
        "event_id_cnty": rows.loc["2024-06-20", "event_id_cnty"], "year": 2024, "time_precision": 1,
        "disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike", "actor1": "Russian forces", "assoc_actor_1": "", "inter1": 1,
        "actor2": "civilians", "assoc_actor_2": "", "inter2": 7, "interaction": 17,
        "civilian_targeting": "Civilian targeting", "iso": 804, "region": "Europe", "country": "Ukraine",
        "admin1": "Kharkiv", "admin2": "", "admin3": "", "location": "Kharkiv", "latitude": 49.99,
        "longitude": 36.23, "geo_precision": 1, "source": "Kyiv Daily", "source_scale": "",
        "notes": "Drones struck Kharkiv, killing two.", "fatalities": 2, "tags": "",
        "timestamp": rows.loc["2024-06-20", "timestamp"],
    }  # fmt: skip
    unnamed = rows.loc["2024-06-01"]
    assert (unnamed["actor1"], unnamed["inter1"]) == ("Unidentified Armed Group (Ukraine)", 3)
    assert (unnamed["actor2"], unnamed["inter2"], unnamed["interaction"]) == ("Civilians (Ukraine)", 7, 37)
    assert (unnamed["time_precision"], unnamed["geo_precision"], unnamed["fatalities"]) == (3, 3, 0)
    assert (unnamed["location"], unnamed["notes"]) == ("Kherson", "A man was abducted near Kherson.")
    assert rows["event_id_cnty"].str.fullmatch(r"UKR\d+").all()


def test_the_extractors_inter_categories_win_when_mart_events_has_them(tmp_path):
    # What the extractor's own ACLED categories will look like: mart.events with inter1/inter2 columns
    # (names as in acled_inter.tsv). Here every actor1 is coded External/Other forces and every actor2
    # with a name ACLED does not have, so inter1 follows the mart and inter2 falls back to the actor type.
    # (Without the mart's columns a named Russian actor1 is State forces, 1; an unnamed one 3.)
    settings = load_texts(tmp_path, [d for d in texts() if d.document_id.startswith("ha0")][:12])
    with_inter = warehouse.sql_file("marts/events.sql").replace(
        "SELECT\n", "SELECT\n    'External/Other forces' AS inter1, 'no such category' AS inter2,\n", 1
    )
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute(with_inter)
    rows = export(settings, tmp_path / "coded.csv")
    assert (rows["inter1"] == 8).all()  # an unnamed actor1 too: ACLED's name, the extractor's category
    assert rows["actor1"].str.startswith("Unidentified Armed Group").any()
    assert 7 in set(rows["inter2"])  # civilians, from actor2_type


def test_the_export_tables_use_acleds_names():
    categories = {r["inter_name"] for r in read_tsv("acled_inter.tsv")}
    event_types = {r["event_type"] for r in read_tsv("acled_types.tsv")}
    assert {r["inter_name"] for r in read_tsv("acled_actor_types.tsv")} <= categories
    unnamed = read_tsv("acled_unnamed_actors.tsv")
    assert {r["inter_name"] for r in unnamed} <= categories and {
        r["event_type"] for r in unnamed
    } <= event_types
    assert all("{country}" in r["actor"] for r in unnamed)
    countries = read_tsv("acled_countries.tsv")
    assert len({r["iso3"] for r in countries}) == len(countries) >= 249
    assert {r["region"] for r in countries} == {
        "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "Middle East",
        "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia", "Europe", "Central America",
        "Caribbean", "South America", "North America", "Oceania", "Antarctica",
    }  # fmt: skip


def test_the_snapshots_answer_when_the_warehouse_file_is_gone(tmp_path):
    settings = two_reports(tmp_path)
    live = export(settings, tmp_path / "live.csv")
    settings.warehouse.unlink()
    result = invoke_export(settings.warehouse, "-f", "acled", "-o", str(tmp_path / "snap.csv"))
    assert result.exit_code == 0, result.output
    assert "answering from the snapshot of 2024-06-21" in result.stderr
    from_snapshots = pd.read_csv(tmp_path / "snap.csv", keep_default_na=False)
    columns = [c for c in ACLED_COLUMNS if c != "timestamp"]
    pd.testing.assert_frame_equal(from_snapshots[columns], live[columns])


def test_an_empty_selection_writes_the_header_and_the_types(loaded, tmp_path):
    frame = export(loaded, tmp_path / "none.parquet", "--since", "2100-01-01")
    assert len(frame) == 0 and list(frame.columns) == ACLED_COLUMNS
    schema = pq.read_schema(tmp_path / "none.parquet")
    assert str(schema.field("actor1").type) == "string" and str(schema.field("fatalities").type) == "int64"
    assert list(export(loaded, tmp_path / "none.csv", "--since", "2100-01-01").columns) == ACLED_COLUMNS


def test_acled_actor1_is_the_side_acled_names_first(tmp_path):
    # ACLED codes police breaking up a protest as a protest: the protesters are its actor1 and the police
    # its actor2, the other way round from the event (police acted on the crowd); the categories follow
    text = "Police fired tear gas to disperse hundreds of protesters in Nairobi on Tuesday."
    (event,) = extract_document(make_doc(text, doc_id="kenya-protest"))
    assert event["acled_swapped"] and event["actor1_name"] == "Police"
    settings = load_texts(tmp_path, [make_doc(text, doc_id="kenya-protest")])
    for unit in ("events", "happenings"):
        (row,) = export(settings, tmp_path / f"{unit}.csv", "--unit", unit).to_dict("records")
        assert (row["sub_event_type"], row["actor2"]) == ("Protest with intervention", "Police")
        assert (row["inter1"], row["inter2"], row["interaction"]) == (6, 1, 16), row
