"""End to end: the real Prefect flow over the seeds into a temporary warehouse, run twice."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from sitrep.config import SQL_DIR
from sitrep.model import MART_EVENT_COLUMNS
from tests.helpers import LOADED_TABLES, REPO, copy_seeds

STAR = [*LOADED_TABLES, "quarantine"]  # quarantine without its recorded_at


def table_fingerprints(path: Path) -> dict[str, tuple[int, str]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            table: con.execute(
                f"SELECT count(*), coalesce(sum(hash(t)), 0)::VARCHAR FROM (SELECT * EXCLUDE (recorded_at) "
                f"FROM {table}) t"
                if table == "quarantine"
                else f"SELECT count(*), coalesce(sum(hash(t)), 0)::VARCHAR FROM {table} t"
            ).fetchone()
            for table in STAR
        }


@pytest.fixture(scope="module")
def seeded(prefect_harness, tmp_path_factory):
    """Seeds plus a binary file, run twice; returns (settings, first summary, second summary, fingerprints)."""
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    root = tmp_path_factory.mktemp("e2e")
    inbox = copy_seeds(root)
    (inbox / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    settings = Settings(warehouse=root / "wh" / "sitrep.duckdb", inbox=inbox)
    # a daily folder far past the retention (30 days): the first successful run removes it
    expired = settings.snapshots_dir / "fact_event" / "snapshot_date=2000-01-01"
    expired.mkdir(parents=True)
    (expired / "data.parquet").write_bytes(b"an old day")
    first = run_pipeline(settings)
    before = table_fingerprints(settings.warehouse)
    second = run_pipeline(settings)
    after = table_fingerprints(settings.warehouse)
    return settings, first, second, before, after


def test_first_run_loads_the_seed_documents(seeded):
    settings, first, *_ = seeded
    assert first["status"] == "succeeded"
    assert first["documents_new"] == 2
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        ids = {row[0] for row in con.execute("SELECT document_id FROM dim_document").fetchall()}
        published = dict(con.execute("SELECT document_id, published_at FROM dim_document").fetchall())
    assert ids == {"000_297ce01fbae54819", "002_2df3635b8cf17e36"}
    assert published["000_297ce01fbae54819"].isoformat().startswith("2024-06-14")


def test_binary_file_is_quarantined_with_its_reason_and_the_rest_loads(seeded):
    settings, first, *_ = seeded
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT stage, source, reason, detail FROM quarantine WHERE source = 'photo.txt'"
        ).fetchall()
    assert rows == [("ingest", "photo.txt", "binary", "photo.txt: binary content (PNG image), not text")]
    assert (
        first["events_loaded"] == first["events_extracted"] - sum(1 for _ in ())
        or first["events_loaded"] <= first["events_extracted"]
    )


def test_mart_events_has_the_contract_columns_in_order(seeded):
    settings, *_ = seeded
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        columns = [row[0] for row in con.execute("DESCRIBE mart.events").fetchall()]
    assert columns == MART_EVENT_COLUMNS


def test_every_fact_key_points_at_a_dimension_row(seeded):
    from sitrep.load.warehouse import orphan_keys

    settings, *_ = seeded
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert set(orphan_keys(con).values()) == {0}
        facts = con.execute("SELECT count(*) FROM fact_event").fetchone()[0]
        view = con.execute("SELECT count(*) FROM mart.events").fetchone()[0]
    assert facts == view


def test_second_run_changes_no_row(seeded):
    _, first, second, before, after = seeded
    assert second["status"] == "succeeded"
    # The refused photo is unchanged too: not read as new, not refused again.
    assert (second["documents_new"], second["documents_unchanged"], second["quarantined"]) == (0, 3, 0)
    assert after == before


def test_runs_and_checks_are_recorded(seeded):
    settings, first, second, *_ = seeded
    expectations = sum(
        len(json.loads(p.read_text())["expectations"]) for p in (REPO / "expectations").glob("*.json")
    )
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        runs = con.execute("SELECT run_id, status FROM etl_run ORDER BY started_at").fetchall()
        per_run = con.execute("SELECT run_id, count(*) FROM dq_result GROUP BY 1").fetchall()
    assert [status for _, status in runs] == ["succeeded", "succeeded"]
    assert {run_id for run_id, _ in runs} == {first["run_id"], second["run_id"]}
    assert sorted(count for _, count in per_run) == [expectations, expectations]


def test_report_files_are_written(seeded):
    settings, first, *_ = seeded
    latest = Path(first["report"])
    assert latest.exists() and "checks:" in latest.read_text()
    assert (settings.reports_dir / "index.html").exists()


def test_snapshots_hold_every_table_and_match_the_warehouse(seeded):
    settings, *_ = seeded
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        for table in ["fact_event", "dim_actor", "dim_location", "dim_document", "etl_run"]:
            pattern = str(settings.snapshots_dir / table / "**" / "*.parquet")
            snap = con.execute(
                f"SELECT count(*), count(DISTINCT snapshot_date) FROM read_parquet('{pattern}', hive_partitioning=true)"
            ).fetchone()
            live = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert snap == (live, 1), table
    assert not list(settings.snapshots_dir.rglob("*.tmp"))


def test_a_successful_run_writes_latest_and_removes_days_past_the_retention(seeded):
    settings, *_ = seeded
    assert not (settings.snapshots_dir / "fact_event" / "snapshot_date=2000-01-01").exists()
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        live = con.execute("SELECT count(*) FROM fact_event").fetchone()[0]
        latest = settings.snapshots_dir / "latest" / "fact_event.parquet"
        assert con.execute(f"SELECT count(*) FROM read_parquet('{latest}')").fetchone()[0] == live > 0


@pytest.mark.parametrize("query_file", sorted(p.name for p in (SQL_DIR / "analysis").glob("*.sql")))
def test_analysis_queries_answer_the_same_on_warehouse_and_snapshots(seeded, query_file):
    from sitrep.query import _snapshot_reader, open_reader, run_query

    settings, *_ = seeded
    sql = (SQL_DIR / "analysis" / query_file).read_text()
    live, note = open_reader(settings)
    assert note == ""
    snap, snap_note = _snapshot_reader(settings.snapshots_dir)
    assert "snapshot" in snap_note
    results = []
    for con in (live, snap):
        columns, batches = run_query(con, sql)
        results.append((columns, [row for batch in batches for row in batch]))
    assert results[0] == results[1]
    assert results[0][0], "query returns columns"


def test_each_run_leaves_a_markdown_artifact_with_its_counts(seeded):
    import asyncio

    from prefect.client.orchestration import get_client

    _, first, second, *_ = seeded

    async def read():
        # The REST filter directly: this client version sends nulls the server's schema refuses.
        async with get_client() as client:
            response = await client._client.post(
                "/artifacts/filter",
                json={
                    "artifacts": {"key": {"any_": ["sitrep-run-summary"]}},
                    "limit": 50,
                    "sort": "CREATED_DESC",
                },
            )
            return response.json()

    bodies = [a["data"] for a in asyncio.run(read())]
    assert any(first["run_id"] in body and "checks:" in body for body in bodies)
    assert any(second["run_id"] in body for body in bodies)


def test_each_run_records_its_stage_times_and_a_no_op_rerun_rewrites_nothing_it_need_not(seeded):
    from sitrep.load.warehouse import STAR_TABLES
    from sitrep.stage_times import STAGE_ITEMS

    settings, first, second, *_ = seeded
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT run_id, stage, items, seconds, cpu_seconds FROM etl_stage ORDER BY run_id, position"
        ).fetchall()
    items = {(run_id, stage): count for run_id, stage, count, *_ in rows}
    for run in (first, second):
        assert [stage for run_id, stage, *_ in rows if run_id == run["run_id"]] == list(STAGE_ITEMS)
    assert all(seconds >= 0 and cpu_seconds >= 0 for *_, seconds, cpu_seconds in rows)
    one, two = first["run_id"], second["run_id"]
    assert items[one, "ingest"] == 2 and items[one, "load"] == first["events_loaded"] > 0
    # the first run clusters every event and writes every table
    assert items[one, "happenings"] == first["events_loaded"]
    assert items[one, "snapshot"] == 2 * len(STAR_TABLES)
    # nothing new: nothing extracted, checked, loaded or clustered again; of the snapshots only the run
    # log and the check results changed (their partition of the day and their latest file)
    assert [items[two, stage] for stage in ("ingest", "extract", "validate", "load", "happenings")] == [0] * 5
    assert items[two, "snapshot"] == 4
