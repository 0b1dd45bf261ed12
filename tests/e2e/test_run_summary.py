"""End to end through `sitrep run`: a French wire report and an English note with no event are named in
the terminal summary, in latest.md and in the Prefect artifact; dim_document records each language."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from tests.ingest.test_language import FRENCH

BUDGET = (
    "The finance ministry published its quarterly budget review on Tuesday. Spending on schools and roads "
    "rose slightly, the review said, and tax receipts were in line with the spring forecast.\n"
)
LANGUAGE_LINE = "1 document not in English (French, fr): fr_wire.txt"
NO_EVENT_LINE = "2 documents with no event: budget_note.txt, fr_wire.txt"


@pytest.fixture(scope="module")
def ran(prefect_harness, tmp_path_factory):
    root = tmp_path_factory.mktemp("summary")
    inbox = root / "inbox"
    shutil.copytree(Path(__file__).resolve().parents[2] / "seeds", inbox)
    (inbox / "fr_wire.txt").write_text(FRENCH, encoding="utf-8")
    (inbox / "budget_note.txt").write_text(BUDGET, encoding="utf-8")
    warehouse = root / "wh" / "sitrep.duckdb"
    result = CliRunner().invoke(app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    return warehouse, result.stdout


def test_the_terminal_summary_names_the_french_report_and_the_documents_with_no_event(ran):
    _, stdout = ran
    assert f"  note        {LANGUAGE_LINE}" in stdout.splitlines()
    assert f"  note        {NO_EVENT_LINE}" in stdout.splitlines()


def test_latest_md_names_them_too(ran):
    warehouse, _ = ran
    latest = (warehouse.parent / "reports" / "latest.md").read_text(encoding="utf-8")
    assert f"- {LANGUAGE_LINE}\n" in latest
    assert f"- {NO_EVENT_LINE}\n" in latest


def test_dim_document_records_each_language(ran):
    warehouse, _ = ran
    with duckdb.connect(str(warehouse), read_only=True) as con:
        languages = dict(con.execute("SELECT document_id, language FROM dim_document").fetchall())
    assert languages == {
        "000_297ce01fbae54819": "en",
        "002_2df3635b8cf17e36": "en",
        "budget_note": "en",
        "fr_wire": "fr",
    }


def test_the_prefect_artifact_of_the_run_names_them(ran):
    from prefect.client.orchestration import get_client

    async def read() -> list[str]:
        async with get_client() as client:
            response = await client._client.post(
                "/artifacts/filter",
                json={
                    "artifacts": {"key": {"any_": ["sitrep-run-summary"]}},
                    "limit": 50,
                    "sort": "CREATED_DESC",
                },
            )
            return [artifact["data"] for artifact in response.json()]

    assert any(LANGUAGE_LINE in body and NO_EVENT_LINE in body for body in asyncio.run(read()))


def test_the_dim_document_snapshot_carries_the_language(ran):
    warehouse, _ = ran
    files = str(warehouse.parent / "snapshots" / "dim_document" / "**" / "*.parquet")
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT document_id, language FROM read_parquet('{files}', hive_partitioning = true) "
            "WHERE language <> 'en'"
        ).fetchall()
    assert rows == [("fr_wire", "fr")]
