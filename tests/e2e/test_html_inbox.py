"""End to end: saved news pages in an inbox, the real flow, and what dim_document and the facts hold."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

PAGES = Path(__file__).resolve().parents[1] / "ingest" / "pages"
SOURCES = """
["jeddah.html"]
publisher = "Wire Desk"   # sources.toml names the publisher; title and date still come from the page
"""


@pytest.fixture(scope="module")
def html_run(prefect_harness, tmp_path_factory):
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    root = tmp_path_factory.mktemp("html")
    inbox = root / "inbox"
    inbox.mkdir()
    shutil.copy(PAGES / "kharkiv_drone_strike.html", inbox / "kharkiv.html")
    shutil.copy(PAGES / "jeddah_talks.html", inbox / "jeddah.html")
    (inbox / "sources.toml").write_text(SOURCES, encoding="utf-8")
    settings = Settings(warehouse=root / "wh" / "sitrep.duckdb", inbox=inbox)
    first = run_pipeline(settings)
    second = run_pipeline(settings)
    return settings, first, second


def rows(settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_dim_document_has_the_pages_title_date_and_site(html_run):
    settings, first, _ = html_run
    assert first["status"] == "succeeded" and first["documents_new"] == 2
    documents = {
        row[0]: row[1:]
        for row in rows(
            settings,
            "SELECT document_id, title, published_at, date_source, date_inferred, publisher, url "
            "FROM dim_document ORDER BY 1",
        )
    }
    assert documents["kharkiv"] == (
        "Drones hit Kharkiv apartment block, killing three",
        datetime(2024, 3, 14, 6, 30, tzinfo=timezone(timedelta(hours=2))),
        "page_metadata",
        False,
        "Eastern Ledger",
        "https://www.easternledger.example/world/2024/03/kharkiv-drone-strike",
    )
    title, published_at, date_source, _, publisher, _ = documents["jeddah"]
    assert title == "Sudan's warring sides agree to humanitarian corridors at Jeddah talks"
    assert (published_at, date_source) == (datetime(2024, 5, 2, 9, 15, tzinfo=UTC), "page_metadata")
    assert publisher == "Wire Desk"  # sources.toml first


def test_only_the_articles_events_are_loaded(html_run):
    settings, *_ = html_run
    kharkiv = rows(
        settings,
        "SELECT event_type, location_name, fatalities, evidence FROM mart.events "
        "WHERE document_id = 'kharkiv' ORDER BY evidence_start",
    )
    assert [(t, place, dead) for t, place, dead, _ in kharkiv] == [
        ("ASSAULT", "Kharkiv", 3),
        ("ASSAULT", None, None),
    ]
    evidence = " ".join(row[0] for row in rows(settings, "SELECT evidence FROM mart.events"))
    for furniture in [
        "cookies",
        "prisoners of war",
        "dock workers",
        "Belgorod",
        "Halfaya",
        "Nyala",
        "Houthi",
    ]:
        assert furniture not in evidence
    assert rows(settings, "SELECT count(*) FROM quarantine") == [(0,)]


def test_second_run_over_the_same_pages_loads_nothing(html_run):
    _, _, second = html_run
    assert second["status"] == "succeeded"
    assert (second["documents_new"], second["documents_unchanged"]) == (0, 2)
