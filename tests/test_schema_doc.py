from pathlib import Path

import duckdb

from sitrep.load import warehouse
from sitrep.model import DOCUMENT_SCHEMA
from sitrep.schema_doc import documents_table, events_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_column_table_matches_the_event_schema():
    readme = README.read_text(encoding="utf-8")
    assert events_table() in readme, "README's mart.events table is stale: run python -m sitrep.schema_doc"


def test_readme_document_table_matches_the_document_schema():
    readme = README.read_text(encoding="utf-8")
    assert documents_table() in readme, (
        "README's dim_document table is stale: run python -m sitrep.schema_doc"
    )


def test_dim_document_ddl_has_the_documented_columns_and_types_in_order():
    with duckdb.connect() as con:
        warehouse.ensure_schema(con)
        described = con.execute("SELECT column_name, column_type FROM (DESCRIBE dim_document)").fetchall()
    assert described == [(name, sql_type) for name, (sql_type, _) in DOCUMENT_SCHEMA.items()]


def test_a_warehouse_made_before_the_language_column_gains_it_and_loads(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        # dim_document and dq_result as the first release made them
        con.execute(
            "CREATE TABLE dim_document (document_key BIGINT PRIMARY KEY, document_id VARCHAR NOT NULL, "
            "title VARCHAR, publisher VARCHAR, source VARCHAR, url VARCHAR, published_at TIMESTAMPTZ, "
            "date_inferred BOOLEAN, date_source VARCHAR, content_hash VARCHAR, characters INTEGER, segments INTEGER)"
        )
    from datetime import UTC, datetime

    from sitrep.model import Document

    with warehouse.connect(path) as con:
        warehouse.ensure_schema(con)
        doc = Document("d", "Texte.\n", datetime(2024, 1, 1, tzinfo=UTC), content_hash="h", language="fr")
        warehouse.load_batch(con, [doc], [], [("d.txt", "d", "h")])
        assert con.execute("SELECT document_id, language FROM dim_document").fetchall() == [("d", "fr")]
