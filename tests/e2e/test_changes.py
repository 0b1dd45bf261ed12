"""Texts that change, vanish or are forgotten: changed ones are re-extracted and replace their old events,
removed ones keep theirs until `sitrep forget`. Two real flow runs, then the CLI."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from sitrep.load.warehouse import FACT_FOREIGN_KEYS, orphan_keys

pytest.importorskip("sitrep.extract.run", reason="the flow needs the extractor (sitrep/extract/run.py)")

CHANGING_V1 = (
    "Kupiansk shelled\n\n3 May 2024\n\n"
    "Russian forces shelled the town of Kupiansk in Kharkiv region on Friday. Two civilians were killed and five "
    "were wounded, the regional governor said.\n"
)
CHANGING_V2 = (
    "Kupiansk shelled again\n\n4 May 2024\n\n"
    "A day after the first strike, Russian artillery hit Kupiansk again, the governor said. One civilian was "
    "killed.\n\n"
    "Russian forces shelled the town of Kupiansk in Kharkiv region on Friday. Three civilians were killed and "
    "five were wounded, the regional governor said in an update.\n"
)
REMOVED = (
    "Odesa port hit\n\n12 March 2024\n\n"
    "Russian drones struck the port of Odesa overnight, damaging two grain terminals, the navy said.\n"
)
STEADY = (
    "Belgorod\n\n2 February 2024\n\n"
    "Ukrainian drones attacked an oil depot in Belgorod region, the Russian governor said. A fire broke out.\n"
)
EVENTS_OF = (
    "SELECT f.event_id, f.evidence, f.evidence_start, f.evidence_end FROM fact_event f "
    "JOIN dim_document d USING (document_key) WHERE d.document_id = ? ORDER BY 1"
)


def read(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def orphans(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return orphan_keys(con)


@pytest.fixture(scope="module")
def history(prefect_harness, tmp_path_factory):
    """Run 1 over three texts; then one changes, one is removed, one stays; run 2."""
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    root = tmp_path_factory.mktemp("changes")
    inbox = root / "inbox"
    inbox.mkdir()
    (inbox / "changing.txt").write_text(CHANGING_V1)
    (inbox / "removed.txt").write_text(REMOVED)
    (inbox / "steady.txt").write_text(STEADY)
    settings = Settings(warehouse=root / "wh" / "sitrep.duckdb", inbox=inbox)
    first = run_pipeline(settings)
    before = {doc: read(settings.warehouse, EVENTS_OF, [doc]) for doc in ("changing", "removed", "steady")}
    (inbox / "changing.txt").write_text(CHANGING_V2)
    (inbox / "removed.txt").unlink()
    second = run_pipeline(settings)
    after = {doc: read(settings.warehouse, EVENTS_OF, [doc]) for doc in ("changing", "removed", "steady")}
    return settings, first, second, before, after


def test_runs_see_the_change(history):
    _, first, second, *_ = history
    assert (first["status"], first["documents_new"]) == ("succeeded", 3)
    assert (second["status"], second["documents_new"], second["documents_unchanged"]) == ("succeeded", 1, 1)


def test_changed_text_is_reloaded_with_its_new_content(history):
    settings, *_ = history
    assert read(
        settings.warehouse,
        "SELECT content_hash, date_source FROM dim_document WHERE document_id = 'changing'",
    ) == [(hashlib.sha256(CHANGING_V2.encode()).hexdigest(), "dateline")]
    assert read(settings.warehouse, "SELECT count(*) FROM dim_document WHERE document_id = 'changing'") == [
        (1,)
    ]


def test_changed_text_has_only_events_of_its_new_version(history):
    settings, _, second, before, after = history
    for event_id, evidence, start, end in after["changing"]:
        assert CHANGING_V2[start:end] == evidence, event_id  # every event reads from the new text
    stale = {row[0] for row in before["changing"]} - {row[0] for row in after["changing"]}
    if stale:
        assert read(
            settings.warehouse,
            f"SELECT count(*) FROM fact_event WHERE event_id IN ({', '.join('?' for _ in stale)})",
            sorted(stale),
        ) == [(0,)]
    assert second["events_loaded"] == len(after["changing"])  # only the changed text was loaded again


def test_no_event_is_duplicated_and_every_key_resolves(history):
    settings, *_ = history
    assert read(settings.warehouse, "SELECT count(*) - count(DISTINCT event_id) FROM fact_event") == [(0,)]
    assert read(settings.warehouse, "SELECT count(*) FROM fact_event") == read(
        settings.warehouse, "SELECT count(*) FROM mart.events"
    )
    assert orphans(settings.warehouse) == dict.fromkeys(FACT_FOREIGN_KEYS, 0)


def test_removed_text_keeps_its_events_and_unchanged_text_is_untouched(history):
    settings, _, _, before, after = history
    assert after["removed"] == before["removed"]
    assert after["steady"] == before["steady"]
    assert read(settings.warehouse, "SELECT document_id FROM dim_document ORDER BY 1") == [
        ("changing",),
        ("removed",),
        ("steady",),
    ]


def test_forget_removes_the_removed_text_and_says_how_many_events(history):
    from sitrep.cli import app

    settings, _, _, _, after = history
    expected = len(after["removed"])
    result = CliRunner().invoke(app, ["forget", "removed", "--warehouse", str(settings.warehouse)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"forgot document removed: {expected} events removed"
    assert read(settings.warehouse, EVENTS_OF, ["removed"]) == []
    assert read(settings.warehouse, "SELECT count(*) FROM document_source WHERE document_id = 'removed'") == [
        (0,)
    ]
    assert read(settings.warehouse, "SELECT document_id FROM dim_document ORDER BY 1") == [
        ("changing",),
        ("steady",),
    ]
    assert orphans(settings.warehouse) == dict.fromkeys(FACT_FOREIGN_KEYS, 0)
    again = CliRunner().invoke(app, ["forget", "removed", "--warehouse", str(settings.warehouse)])
    assert again.exit_code == 1 and "no document 'removed'" in again.stderr


STEADY_V2 = STEADY + "\nFirefighters put the fire out by the evening, the governor said later.\n"


@pytest.fixture(scope="module")
def forgotten(history):
    """After the two runs: `sitrep forget steady` while steady.txt stays in the inbox; run 3 over the same
    inbox; then steady.txt changes; run 4."""
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.cli import app

    settings = history[0]
    key = read(settings.warehouse, "SELECT document_key FROM dim_document WHERE document_id = 'steady'")[0][0]
    today = sorted((settings.snapshots_dir / "fact_event").glob("snapshot_date=*"))[-1] / "data.parquet"
    snapshot_before = read(settings.warehouse, f"SELECT count(*) FROM '{today}' WHERE document_key = {key}")
    result = CliRunner().invoke(app, ["forget", "steady", "--warehouse", str(settings.warehouse)])
    assert result.exit_code == 0, result.output
    snapshot_after = read(settings.warehouse, f"SELECT count(*) FROM '{today}' WHERE document_key = {key}")
    third = run_pipeline(settings)
    after_third = read(settings.warehouse, "SELECT document_id FROM dim_document ORDER BY 1")
    (settings.inbox / "steady.txt").write_text(STEADY_V2)
    fourth = run_pipeline(settings)
    return settings, snapshot_before, snapshot_after, third, after_third, fourth


def test_forget_takes_the_document_out_of_todays_snapshot(forgotten):
    _, snapshot_before, snapshot_after, *_ = forgotten
    assert snapshot_before[0][0] > 0 and snapshot_after == [(0,)]


def test_a_forgotten_text_still_in_the_inbox_is_not_loaded_again(forgotten):
    settings, _, _, third, after_third, _ = forgotten
    assert (third["status"], third["documents_new"], third["quarantined"]) == ("succeeded", 0, 0)
    assert third["documents_unchanged"] == 2  # changing.txt, and steady.txt skipped as forgotten
    assert ("steady",) not in after_third
    assert read(settings.warehouse, "SELECT stage, reason FROM quarantine WHERE source = 'steady'") == [
        ("forget", "forgotten")
    ]


def test_a_forgotten_text_comes_back_when_its_content_changes(forgotten):
    settings, *_, fourth = forgotten
    assert (fourth["documents_new"], fourth["documents_unchanged"]) == (1, 1)
    assert read(settings.warehouse, "SELECT content_hash FROM dim_document WHERE document_id = 'steady'") == [
        (hashlib.sha256(STEADY_V2.encode()).hexdigest(),)
    ]
    assert read(settings.warehouse, "SELECT count(*) FROM document_source WHERE path = 'steady.txt'") == [
        (1,)
    ]
    assert orphans(settings.warehouse) == dict.fromkeys(FACT_FOREIGN_KEYS, 0)


def test_a_changed_text_leaves_every_event_in_exactly_one_happening(history):
    from sitrep.load.happenings import consistency

    settings, *_ = history
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert consistency(con) == dict.fromkeys(consistency(con), 0)
        assert con.execute("SELECT count(*) FROM mart.events WHERE happening_id IS NULL").fetchone() == (0,)
