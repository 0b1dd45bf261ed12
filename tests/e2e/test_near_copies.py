"""Syndicated near-copies through real flow runs: a reprint in the same inbox, then one arriving later,
each ends as another name of the first document, with its events loaded once."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.ingest.test_nearcopy import OTHER_REPORT, WIRE

pytest.importorskip("sitrep.extract.run", reason="the flow needs the extractor (sitrep/extract/run.py)")

REPRINT = "Kharkiv courtyard bombed, four dead\n\n" + WIRE.rsplit("\n\n", 1)[0] + "\n"
LATE_REPRINT = "Readers in our partner city of Kharkiv woke to grim news.\n\n" + WIRE


def read(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def runs(prefect_harness, tmp_path_factory):
    """Run 1: the wire story, a reprint and another outlet's own report. Run 2: a reprint arrives.
    Run 3: nothing new."""
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    root = tmp_path_factory.mktemp("near_copies")
    inbox = root / "inbox"
    inbox.mkdir()
    (inbox / "a_wire.txt").write_text(WIRE)
    (inbox / "b_reprint.txt").write_text(REPRINT)
    (inbox / "c_own_report.txt").write_text(OTHER_REPORT)
    settings = Settings(warehouse=root / "wh" / "sitrep.duckdb", inbox=inbox)
    first = run_pipeline(settings)
    events_after_first = read(settings.warehouse, "SELECT event_id FROM fact_event ORDER BY 1")
    (inbox / "d_late_reprint.txt").write_text(LATE_REPRINT)
    second = run_pipeline(settings)
    events_after_second = read(settings.warehouse, "SELECT event_id FROM fact_event ORDER BY 1")
    sources_after_second = read(settings.warehouse, "SELECT * FROM document_source ORDER BY path")
    third = run_pipeline(settings)
    return settings, (first, second, third), events_after_first, events_after_second, sources_after_second


def test_a_reprint_in_the_same_inbox_is_one_document_with_two_names(runs):
    settings, (first, *_), *_ = runs
    assert first["documents_new"] == 2  # the wire story and the other outlet's own report
    assert read(settings.warehouse, "SELECT document_id FROM dim_document ORDER BY 1") == [
        ("a_wire",),
        ("c_own_report",),
    ]
    rows = read(
        settings.warehouse,
        "SELECT path, similarity IS NOT NULL, similarity >= 0.5 FROM document_source "
        "WHERE document_id = 'a_wire' ORDER BY path",
    )
    assert rows == [
        ("a_wire.txt", False, None),
        ("b_reprint.txt", True, True),
        ("d_late_reprint.txt", True, True),
    ]


def test_the_copies_events_are_loaded_once(runs):
    settings, _, events_first, events_second, _ = runs
    per_document = dict(
        read(
            settings.warehouse,
            "SELECT d.document_id, count(*) FROM fact_event f JOIN dim_document d USING (document_key) GROUP BY 1",
        )
    )
    assert per_document.get("a_wire", 0) >= 1  # the story has its events, under the first text only
    assert set(per_document) <= {"a_wire", "c_own_report"}
    assert events_second == events_first  # the late reprint added none


def test_a_reprint_arriving_in_a_later_run_joins_the_first_document(runs):
    _, (_, second, _), *_ = runs
    assert (second["status"], second["documents_new"]) == ("succeeded", 0)


def test_a_third_run_over_the_same_inbox_changes_nothing(runs):
    settings, (_, _, third), _, events_second, sources_second = runs
    assert (third["status"], third["documents_new"]) == ("succeeded", 0)
    assert read(settings.warehouse, "SELECT event_id FROM fact_event ORDER BY 1") == events_second
    assert read(settings.warehouse, "SELECT * FROM document_source ORDER BY path") == sources_second
