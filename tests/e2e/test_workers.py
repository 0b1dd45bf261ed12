"""`sitrep run` with the extract stage on two worker processes loads exactly the warehouse of a run in one
process, quarantines the same document for the same reason, and records how many processes extracted."""

from __future__ import annotations

from pathlib import Path

import duckdb

from bench.corpus import generate
from tests.helpers import LOADED_TABLES, copy_seeds


def rows(path: Path) -> dict[str, list]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in LOADED_TABLES}
        tables["quarantine"] = con.execute(
            "SELECT stage, source, reason, detail FROM quarantine ORDER BY ALL"
        ).fetchall()
        tables["etl_stage"] = con.execute(
            "SELECT stage, workers, cpu_seconds > 0 FROM etl_stage WHERE stage = 'extract'"
        ).fetchall()
    return tables


def test_two_workers_load_the_warehouse_of_one_process(prefect_harness, tmp_path):
    from sitrep.flows.pipeline import run_pipeline

    from sitrep.config import Settings

    inbox = copy_seeds(tmp_path)
    generate(inbox / "generated", 60, seed=7)
    # one "sentence" with a trigger on every word: over a 1 s budget in either process
    (inbox / "run_on.txt").write_text("killed " * 200_000 + ".\n", encoding="utf-8")
    # pool_from=0: the pool even for this small inbox (a run under 300 documents stays in process)
    one = Settings(tmp_path / "one" / "sitrep.duckdb", inbox, batch_size=20, doc_seconds=1.0, workers=1)
    two = Settings(
        tmp_path / "two" / "sitrep.duckdb", inbox, batch_size=20, doc_seconds=1.0, workers=2, pool_from=0
    )

    in_process = run_pipeline(one)
    pooled = run_pipeline(two)

    assert in_process["status"] == pooled["status"] == "succeeded"
    assert (in_process["extract_workers"], pooled["extract_workers"]) == (1, 2)
    assert pooled["documents_new"] == 63
    expected, got = rows(one.warehouse), rows(two.warehouse)
    assert len(expected["fact_event"]) > 0
    assert expected["quarantine"] == [
        (
            "extract",
            "run_on",
            "timeout",
            "run_on.txt: extraction took longer than the budget of 1 s per document (SITREP_DOC_SECONDS), "
            "so the document was left out",
        )
    ]
    assert (expected.pop("etl_stage"), got.pop("etl_stage")) == (
        [("extract", 1, True)],
        [("extract", 2, True)],
    )
    assert got == expected
    assert "- extraction: on 2 worker processes" in Path(pooled["report"]).read_text(encoding="utf-8")
