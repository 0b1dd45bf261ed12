"""A file that takes longer than the time budget per document goes to quarantine with reason "timeout";
the run goes on and the seeds load. A rerun tries it again and changes nothing."""

from __future__ import annotations

import duckdb

from tests.helpers import LOADED_TABLES

SEED_IDS = {"000_297ce01fbae54819", "002_2df3635b8cf17e36"}
BUDGET = 3.0  # seconds: the seeds take milliseconds each, the run-on file half a minute


def loaded_tables(con) -> dict[str, tuple]:
    return {
        t: con.execute(f"SELECT count(*), coalesce(sum(hash(x)), 0) FROM {t} x").fetchone()
        for t in LOADED_TABLES
    }


def test_a_file_over_the_budget_is_quarantined_for_timeout_while_the_seeds_load(
    run_flow, make_settings, seed_inbox
):
    # 4.9 MB, one "sentence" with a trigger on every word (issue 11): read in pieces, still ~30 s of work
    (seed_inbox / "run_on.txt").write_text("killed " * 700_000 + ".\n", encoding="utf-8")
    settings = make_settings(seed_inbox, doc_seconds=BUDGET)

    first = run_flow(settings)

    assert first["status"] == "succeeded"
    assert first["documents_new"] == 3 and first["quarantined"] == 1
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        quarantined = con.execute("SELECT stage, source, reason, detail FROM quarantine").fetchall()
        documents = {r[0] for r in con.execute("SELECT document_id FROM dim_document").fetchall()}
        sources = {r[0] for r in con.execute("SELECT document_id FROM document_source").fetchall()}
        by_document = dict(
            con.execute(
                "SELECT document_id, count(*) FROM fact_event f JOIN dim_document USING (document_key) GROUP BY 1"
            ).fetchall()
        )
        before = loaded_tables(con)
    [(stage, source, reason, detail)] = quarantined
    assert (stage, source, reason) == ("extract", "run_on", "timeout")
    assert detail == (
        "run_on.txt: extraction took longer than the budget of 3 s per document (SITREP_DOC_SECONDS), "
        "so the document was left out"
    )
    assert documents == sources == SEED_IDS  # the run-on file is not loaded
    assert set(by_document) == SEED_IDS and sum(by_document.values()) == first["events_loaded"] > 0

    second = run_flow(settings)  # not loaded, so read again: it times out again, and nothing changes

    assert second["status"] == "succeeded"
    assert second["documents_new"] == 1 and second["documents_unchanged"] == 2
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("SELECT stage, source, reason, detail FROM quarantine").fetchall() == quarantined
        assert loaded_tables(con) == before
