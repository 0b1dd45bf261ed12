"""mart.events returns exactly what the extractor produced: the real flow over the seeds and the dev gold
texts, compared value for value with `extract_documents` on the same Documents."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from sitrep.config import DEFAULT_MAX_BYTES, Settings
from sitrep.ingest.inbox import ingest_inbox
from sitrep.model import EVENT_COLUMNS, MART_EVENT_COLUMNS

REPO = Path(__file__).resolve().parents[2]


def _write_gold_texts(gold: Path, inbox: Path) -> int:
    """Each gold record as <id>.txt, with its title and published_at in sources.toml (as a user would)."""
    entries = []
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    for record in records:
        name = f"{record['id']}.txt"
        (inbox / name).write_text(record["text"], encoding="utf-8")
        entry = [f"[{json.dumps(name)}]"]
        if record.get("title"):
            entry.append(f"title = {json.dumps(record['title'])}")
        if record.get("published_at"):
            entry.append(f"published_at = {record['published_at']}")
        entries.append("\n".join(entry))
    with (inbox / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n\n" + "\n\n".join(entries) + "\n")
    return len(records)


def _normalise(value):
    """One representation for both sides: dates as ISO strings, NULL as None, numbers as Python numbers."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "item"):  # numpy scalars from a frame
        return value.item()
    return value


@pytest.fixture(scope="module")
def loaded(prefect_harness, tmp_path_factory):
    from sitrep.flows.pipeline import run_pipeline

    root = tmp_path_factory.mktemp("contract")
    inbox = root / "inbox"
    shutil.copytree(REPO / "seeds", inbox)
    gold_documents = _write_gold_texts(REPO / "tests" / "gold" / "dev.jsonl", inbox)
    settings = Settings(warehouse=root / "wh" / "sitrep.duckdb", inbox=inbox)
    summary = run_pipeline(settings)
    return settings, summary, gold_documents


def test_mart_events_equal_the_extractor_output_value_for_value(loaded):
    from sitrep.extract.run import extract_documents

    settings, summary, gold_documents = loaded
    ingested = ingest_inbox(settings.inbox, {}, DEFAULT_MAX_BYTES)
    assert len(ingested.documents) == gold_documents + 2 and not ingested.rejected
    extracted = {
        e["event_id"]: {c: _normalise(e[c]) for c in EVENT_COLUMNS}
        for e in extract_documents(ingested.documents)
    }
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        cursor = con.execute("SELECT * FROM mart.events")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        quarantined = con.execute("SELECT count(*) FROM quarantine").fetchone()[0]
    assert columns == MART_EVENT_COLUMNS  # the extractor's columns, then the happening the event belongs to
    assert summary["status"] == "succeeded" and quarantined == 0
    mart = {
        row[0]: {c: _normalise(v) for c, v in zip(columns, row, strict=True) if c in EVENT_COLUMNS}
        for row in rows
    }
    assert len(extracted) > 300 and sorted(mart) == sorted(extracted)
    differing = {
        (event_id, column): (extracted[event_id][column], mart[event_id][column])
        for event_id in extracted
        for column in EVENT_COLUMNS
        if extracted[event_id][column] != mart[event_id][column]
    }
    assert differing == {}
