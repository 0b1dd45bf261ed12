"""Awkward names, link loops and refused files in a real run: every file ends loaded or quarantined under
its own name, and a file refused once is read again only when its content changes.

Three real flow runs over one inbox: the first, the same inbox again, then with two refused files changed.
"""

from __future__ import annotations

import duckdb
import pytest

from tests.helpers import (
    AWKWARD,
    assert_every_awkward_name_is_accounted_for,
    plant_awkward_names,
    warehouse_fingerprint,
)

pytest.importorskip("sitrep.extract.run", reason="the flow needs the extractor (sitrep/extract/run.py)")

ONE_LINE = "On 14 July 2023, Ukrainian forces shot down six Shahed drones in the Dnipro region"
FURNITURE_ONLY = (
    "Photo: Agency\n\nShare this article on your network.\n"  # no text to read: refused by the checks
)
LINKS = {
    "loop_a": "symlink_loop",
    "loop_b": "symlink_loop",
    "itself": "symlink_loop",
    "elsewhere": "symlink_outside_inbox",
}
# Whole files and texts in quarantine carry their content hash; refused events do not.
FILE_ROWS = "SELECT stage, source, reason, content_hash FROM quarantine WHERE content_hash IS NOT NULL"


def read(settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def runs(prefect_harness, tmp_path_factory):
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    root = tmp_path_factory.mktemp("awkward")
    inbox = root / "inbox"
    inbox.mkdir()
    plant_awkward_names(inbox)
    (inbox / "one_line.txt").write_text(ONE_LINE)
    (inbox / "furniture_only.txt").write_text(FURNITURE_ONLY)
    (inbox / "loop_a").symlink_to(inbox / "loop_b")
    (inbox / "loop_b").symlink_to(inbox / "loop_a")
    (inbox / "itself").symlink_to(inbox / "itself")
    (root / "outside").mkdir()
    (root / "outside" / "private.txt").write_text("Private notes on Kharkiv. Not for the warehouse.\n")
    (inbox / "elsewhere").symlink_to(root / "outside", target_is_directory=True)
    settings = Settings(warehouse=root / "wh" / "sitrep.duckdb", inbox=inbox)
    states, summaries, quarantined = [], [], []
    for change in (None, None, "change the refused files"):
        if change:
            (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"another picture")
            (inbox / "furniture_only.txt").write_text("Photo: Another Agency\n")
        summaries.append(run_pipeline(settings))
        with duckdb.connect(str(settings.warehouse), read_only=True) as con:
            states.append(warehouse_fingerprint(con))
        quarantined.append(read(settings, FILE_ROWS))
    return settings, summaries, states, quarantined


def test_every_run_succeeds(runs):
    _, summaries, *_ = runs
    assert [s["status"] for s in summaries] == ["succeeded"] * 3


def test_every_file_is_one_loaded_name_or_one_quarantined_file(runs):
    settings, _, _, quarantined = runs
    names = dict(read(settings, "SELECT path, document_id FROM document_source"))
    refused = {source: reason for stage, source, reason, _ in quarantined[0] if stage == "ingest"}
    texts = {source: reason for stage, source, reason, _ in quarantined[0] if stage == "validate"}
    files_in = len(AWKWARD) + 2 + len(LINKS)  # + one_line.txt and furniture_only.txt
    assert len(names) + len(refused) + len(texts) == files_in
    assert texts == {"furniture_only": "expect_column_values_to_be_between(segments)"}
    assert {name: refused.pop(name) for name in LINKS} == LINKS
    assert names.pop("one_line.txt") == "one_line"
    assert_every_awkward_name_is_accounted_for(names, refused)
    loaded = read(settings, "SELECT document_id FROM dim_document")
    assert sorted(set(names.values()) | {"one_line"}) == sorted(d for (d,) in loaded)


def test_a_one_line_report_without_a_full_stop_loads_with_its_event(runs):
    settings, *_ = runs
    assert read(settings, "SELECT segments FROM dim_document WHERE document_id = 'one_line'") == [(1,)]
    assert read(
        settings,
        "SELECT event_date::VARCHAR, actor1_name, admin1 FROM mart.events WHERE document_id = 'one_line'",
    ) == [("2023-07-14", "Ukrainian forces", "Dnipropetrovsk")]


def test_nothing_behind_the_folder_link_reaches_the_warehouse(runs):
    settings, *_ = runs
    assert read(settings, "SELECT count(*) FROM document_source WHERE path LIKE 'elsewhere%'") == [(0,)]
    assert read(settings, "SELECT count(*) FROM fact_event WHERE evidence LIKE '%Private notes%'") == [(0,)]


def test_a_second_run_reads_refused_files_as_unchanged_and_adds_no_row(runs):
    _, (first, second, _), (before, after, _), (rows_before, rows_after, _) = runs
    refused_names = sum(1 for *_, fate in AWKWARD if fate != "loaded")
    assert first["quarantined"] == len(rows_before) == refused_names + len(LINKS) + 1  # + furniture_only
    assert (second["documents_new"], second["quarantined"], second["checks_failed"]) == (0, 0, 0)
    assert second["documents_unchanged"] == second["documents_seen"] == first["documents_seen"]
    assert after == before and rows_after == rows_before


def test_a_refused_file_is_tried_again_when_its_content_changes(runs):
    _, (_, second, third), (_, after, changed), (_, rows_after, rows_changed) = runs
    assert (third["documents_new"], third["documents_unchanged"]) == (1, second["documents_unchanged"] - 2)
    new_rows = sorted(row[:3] for row in set(rows_changed) - set(rows_after))
    assert new_rows == [
        ("ingest", "image.txt", "binary"),
        ("validate", "furniture_only", "expect_column_values_to_be_between(segments)"),
    ]
    assert {t: v for t, v in changed.items() if t != "quarantine"} == {
        t: v for t, v in after.items() if t != "quarantine"
    }
