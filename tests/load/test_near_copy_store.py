"""The warehouse side of near-copies: a warehouse made before them gains the columns; a load stores each
text's shingles and a copy's similarity; forget removes both."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.ingest.nearcopy import shingles
from sitrep.load import warehouse
from sitrep.model import Document
from tests.helpers import drone_strike_event
from tests.ingest.test_nearcopy import WIRE


def test_an_old_document_source_gains_similarity_and_loads_keep_shingles(tmp_path):
    con = warehouse.connect(tmp_path / "sitrep.duckdb")
    con.execute(
        "CREATE TABLE document_source (path VARCHAR PRIMARY KEY, document_id VARCHAR NOT NULL, content_hash VARCHAR NOT NULL)"
    )
    con.execute("INSERT INTO document_source VALUES ('old.txt', 'old', 'h0')")
    warehouse.ensure_schema(con)
    doc = Document("wire", WIRE, datetime(2024, 3, 3, tzinfo=UTC), content_hash="h1")
    con.execute("BEGIN TRANSACTION")
    warehouse.load_batch(
        con,
        [doc],
        [drone_strike_event("e1", "wire")],
        [("wire.txt", "wire", "h1"), ("reprint.txt", "wire", "h2", 0.8312)],
    )
    con.execute("COMMIT")
    assert con.execute(
        "SELECT path, document_id, similarity FROM document_source ORDER BY path"
    ).fetchall() == [
        ("old.txt", "old", None),
        ("reprint.txt", "wire", 0.8312),
        ("wire.txt", "wire", None),
    ]
    assert warehouse.known_shingles(con) == {"wire": shingles(WIRE)}
    assert warehouse.forget_document(con, "wire") == 1
    assert warehouse.known_shingles(con) == {}
    assert con.execute("SELECT path FROM document_source").fetchall() == [("old.txt",)]
