"""The DuckDB warehouse: schema from sql/, run bookkeeping, and one transaction per load.

Writers keep the database open only briefly (register a run, load, close the run), so readers such as
`sitrep sql` can get in between; extraction happens with the file closed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from sitrep.config import SQL_DIR
from sitrep.ingest.nearcopy import shingles
from sitrep.load.keys import UNKNOWN_KEY, date_key, surrogate_key
from sitrep.load.upgrade import upgrade_schema
from sitrep.model import DOCUMENT_SCHEMA, EVENT_COLUMNS, Document, Rejection

STAR_TABLES = [
    "dim_date",
    "dim_actor",
    "dim_location",
    "dim_event_type",
    "dim_weapon",
    "dim_document",
    "fact_event",
    "dim_happening",
    "happening_event",
    "document_published_local",
    "document_source",
    "etl_run",
    "quarantine",
    "dq_result",
]

_UNKNOWN_MEMBERS = [
    "INSERT INTO dim_date (date_key) VALUES (0) ON CONFLICT DO NOTHING",
    "INSERT INTO dim_actor VALUES (0, 'unknown', NULL, NULL) ON CONFLICT DO NOTHING",
    "INSERT INTO dim_location VALUES (0, 'unknown', NULL, NULL, NULL, NULL, NULL) ON CONFLICT DO NOTHING",
    "INSERT INTO dim_event_type VALUES (0, 'unknown', NULL, NULL, NULL, NULL) ON CONFLICT DO NOTHING",
    "INSERT INTO dim_weapon VALUES (0, 'unknown') ON CONFLICT DO NOTHING",
]


def now() -> datetime:
    return datetime.now(UTC)


def connect(path: Path, read_only: bool = False, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; while a reader (`sitrep sql`) has it open, retry for a bounded time."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


def sql_file(relative: str) -> str:
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in sorted((SQL_DIR / "ddl").glob("*.sql")):
        con.execute(ddl.read_text(encoding="utf-8"))
    upgrade_schema(con, sql_file)
    for statement in _UNKNOWN_MEMBERS:
        con.execute(statement)
    create_views(con)


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """The mart views, one file each in sql/marts/ (over the tables or over snapshot views of them)."""
    for view in sorted((SQL_DIR / "marts").glob("*.sql")):
        con.execute(view.read_text(encoding="utf-8"))


def known_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT document_id, content_hash FROM dim_document").fetchall())


def known_shingles(con: duckdb.DuckDBPyConnection) -> dict[str, frozenset[int]]:
    """Each loaded document's shingle hashes, in load order (the first loaded wins a near-copy tie)."""
    rows = con.execute(
        "SELECT s.document_id, s.shingles FROM document_shingle s "
        "JOIN dim_document d USING (document_id) ORDER BY s.load_order"
    ).fetchall()
    return {document_id: frozenset(values) for document_id, values in rows}


def abandon_stale_runs(con: duckdb.DuckDBPyConnection) -> int:
    """Runs still marked running or loaded were killed (the caller holds the run lock, so none is alive).

    A 'running' run committed nothing; a 'loaded' run committed its data but not its snapshots, which
    the current run writes again.
    """
    stale = con.execute("SELECT count(*) FROM etl_run WHERE status IN ('running', 'loaded')").fetchone()[0]
    con.execute(
        "UPDATE etl_run SET status = 'abandoned', ended_at = ?, error = CASE status "
        "WHEN 'running' THEN 'the process ended before the load committed (killed or crashed); nothing of it was kept' "
        "ELSE 'the process ended after the load committed, before the snapshots; the next run rewrote them' END "
        "WHERE status IN ('running', 'loaded')",
        [now()],
    )
    return stale


def start_run(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    con.execute("INSERT INTO etl_run (run_id, started_at, status) VALUES (?, ?, 'running')", [run_id, now()])


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: dict, error: str | None = None
) -> None:
    columns = [
        "documents_seen",
        "documents_new",
        "documents_unchanged",
        "events_extracted",
        "events_loaded",
        "quarantined",
        "checks_passed",
        "checks_failed",
        "report_path",
    ]
    assignments = ", ".join(f"{column} = ?" for column in columns)
    con.execute(
        f"UPDATE etl_run SET status = ?, ended_at = ?, error = ?, {assignments} WHERE run_id = ?",
        [status, now(), error, *[counts.get(column) for column in columns], run_id],
    )


def record_stages(con: duckdb.DuckDBPyConnection, run_id: str, stages: list) -> None:
    """The run's StageTime records (sitrep/stage_times.py), in order."""
    rows = pd.DataFrame(
        [(run_id, s.stage, n, s.seconds, s.cpu_seconds, s.items, s.workers) for n, s in enumerate(stages)],
        columns=["run_id", "stage", "position", "seconds", "cpu_seconds", "items", "workers"],
    ).astype({"items": "Int64", "workers": "Int64"})
    if len(rows):
        con.register("staged_stages", rows)
        try:
            con.execute("INSERT OR REPLACE INTO etl_stage BY NAME SELECT * FROM staged_stages")
        finally:
            con.unregister("staged_stages")


def quarantine_id(rejection: Rejection) -> str:
    text = "\x1f".join(
        [rejection.stage, rejection.source, rejection.reason, rejection.detail, rejection.content_hash]
    )
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


_QUARANTINE_COLUMNS = [
    "quarantine_id",
    "run_id",
    "stage",
    "source",
    "reason",
    "detail",
    "recorded_at",
    "content_hash",
]


def record_rejections(con: duckdb.DuckDBPyConnection, run_id: str, rejections: Iterable[Rejection]) -> int:
    rows = pd.DataFrame(
        [
            (quarantine_id(r), run_id, r.stage, r.source, r.reason, r.detail, now(), r.content_hash or None)
            for r in rejections
        ],
        columns=_QUARANTINE_COLUMNS,
    )
    if len(rows):
        con.register("staged_rejections", rows)
        try:
            con.execute(
                f"INSERT INTO quarantine ({', '.join(_QUARANTINE_COLUMNS)}) SELECT * FROM staged_rejections "
                "ON CONFLICT DO NOTHING"
            )
        finally:
            con.unregister("staged_rejections")
    return len(rows)


def rejected_before(con: duckdb.DuckDBPyConnection) -> tuple[set[tuple[str, str]], set[str]]:
    """What earlier runs refused: (file name, fingerprint) of files refused at ingest, and the content
    hashes of texts the checks refused or a user forgot. An extractor error is not remembered: it is
    sitrep's fault, not the text's, and a fixed sitrep should read the text again."""
    files = con.execute(
        "SELECT source, content_hash FROM quarantine WHERE stage = 'ingest' AND content_hash IS NOT NULL"
    ).fetchall()
    contents = con.execute(
        "SELECT content_hash FROM quarantine WHERE stage IN ('validate', 'forget') AND content_hash IS NOT NULL"
    ).fetchall()
    return {(source, digest) for source, digest in files}, {digest for (digest,) in contents}


def events_frame(events: list[dict]) -> pd.DataFrame:
    """Events as a frame with exactly EVENT_COLUMNS, plus the surrogate keys of their dimensions."""
    frame = pd.DataFrame(events, columns=EVENT_COLUMNS)
    frame = frame.astype(object).where(frame.notna(), None)
    frame["date_key"] = [date_key(v) for v in frame["event_date"]]
    for n in (1, 2):
        frame[f"actor{n}_key"] = [
            surrogate_key(*row)
            for row in zip(
                frame[f"actor{n}_name"], frame[f"actor{n}_country"], frame[f"actor{n}_type"], strict=True
            )
        ]
    frame["location_key"] = [
        surrogate_key(*row)
        for row in zip(
            frame["location_name"],
            frame["admin1"],
            frame["country"],
            frame["location_precision"],
            strict=True,
        )
    ]
    frame["event_type_key"] = [
        surrogate_key(*row)
        for row in zip(
            frame["event_type"],
            frame["event_mode"],
            frame["cameo_code"],
            frame["acled_event_type"],
            frame["acled_sub_event_type"],
            strict=True,
        )
    ]
    frame["weapon_key"] = [surrogate_key(w) for w in frame["weapon"]]
    frame["document_key"] = [surrogate_key(d) for d in frame["document_id"]]
    return frame


def documents_frame(documents: list[Document]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "document_key": surrogate_key(d.document_id),
                "document_id": d.document_id,
                "title": d.title,
                "publisher": d.publisher,
                "source": d.source,
                "url": d.url,
                "published_at": d.published_at,
                "date_inferred": d.date_inferred,
                "date_source": d.date_source,
                "content_hash": d.content_hash,
                "characters": len(d.text),
                "segments": len(d.segments),
                "language": d.language,
            }
            for d in documents
        ],
        columns=list(DOCUMENT_SCHEMA),
    )


def load_batch(
    con: duckdb.DuckDBPyConnection,
    documents: list[Document],
    events: list[dict],
    sources: list[tuple],
) -> int:
    """Replace the events of `documents` with `events`, all or nothing. Returns fact rows written.
    `sources` are (path, document_id, content_hash[, similarity]): a near-copy carries its similarity.

    Call inside a transaction (see `transaction`). Dimension rows are added when missing, never changed,
    so keys stay stable; a changed document's old facts are deleted before its new ones go in.
    In the same transaction, the happenings of the blocks this batch touched are clustered again.
    """
    from sitrep.load.happenings import refresh_happenings

    written, replaced = load_rows(con, documents, events, sources)
    refresh_happenings(con, replaced)
    return written


def load_rows(
    con: duckdb.DuckDBPyConnection,
    documents: list[Document],
    events: list[dict],
    sources: list[tuple],
    known_shingles: dict[str, frozenset[int]] | None = None,
) -> tuple[int, pd.DataFrame]:
    """load_batch without the happenings: (fact rows written, light_events of the facts replaced),
    for a caller that runs refresh_happenings itself (in the same transaction). known_shingles: the
    documents' shingles where ingest already computed them (the others are computed here)."""
    computed = known_shingles or {}
    from sitrep.load.happenings import light_events

    staged = events_frame(events)
    docs = documents_frame(documents)
    replaced = light_events(con, [d.document_id for d in documents])
    local = pd.DataFrame(
        [(d.document_id, d.published_at.isoformat()) for d in documents if d.published_at is not None],
        columns=["document_id", "published_local"],
    )
    # Set-based inserts from registered frames: executemany costs milliseconds per row in DuckDB.
    names = pd.DataFrame(
        [(*row, None)[:4] for row in sources], columns=["path", "document_id", "content_hash", "similarity"]
    ).astype({"similarity": "float64"})
    signatures = pd.DataFrame(
        [
            (n, d.document_id, sorted(computed.get(d.document_id) or shingles(d.text)))
            for n, d in enumerate(documents)
        ],
        columns=["position", "document_id", "shingles"],
    )
    con.register("staged_shingles", signatures)
    con.register("staged_events", staged)
    con.register("staged_documents", docs)
    con.register("staged_sources", names)
    con.register("staged_local_times", local)
    try:
        con.execute(sql_file("load/upsert_dimensions.sql"))
        con.execute(
            "DELETE FROM fact_event WHERE document_key IN (SELECT document_key FROM staged_documents)"
        )
        con.execute(sql_file("load/insert_facts.sql"))
        con.execute(
            "INSERT OR REPLACE INTO document_source (path, document_id, content_hash, similarity) "
            "SELECT s.path, s.document_id, s.content_hash, s.similarity FROM staged_sources s "
            "LEFT JOIN document_source d USING (path) "
            "WHERE d.path IS NULL OR d.document_id <> s.document_id OR d.content_hash <> s.content_hash "
            "OR d.similarity IS DISTINCT FROM s.similarity"
        )
        con.execute(sql_file("load/upsert_shingles.sql"))
        con.execute(
            "DELETE FROM document_published_local WHERE document_id IN (SELECT document_id FROM staged_documents)"
        )
        con.execute("INSERT INTO document_published_local SELECT * FROM staged_local_times")
    finally:
        for name in (
            "staged_events",
            "staged_documents",
            "staged_sources",
            "staged_local_times",
            "staged_shingles",
        ):
            con.unregister(name)
    return len(staged), replaced


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in STAR_TABLES}


__all__ = ["UNKNOWN_KEY", "connect", "ensure_schema", "finish_run", "load_batch", "start_run"]


def record_checks(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    columns = [
        "run_id",
        "suite",
        "expectation",
        "column_name",
        "success",
        "element_count",
        "unexpected_count",
        "checked_at",
        "detail",
    ]
    if rows:
        con.register("staged_checks", pd.DataFrame(rows, columns=columns))
        try:
            con.execute(f"INSERT INTO dq_result ({', '.join(columns)}) SELECT * FROM staged_checks")
        finally:
            con.unregister("staged_checks")


def forget_document(con: duckdb.DuckDBPyConnection, document_id: str) -> int | None:
    """Delete a document, its names and its events in one transaction; None when it is unknown.

    Its content hash goes to quarantine (stage forget), so later runs skip the same text in the inbox;
    a changed text is read again."""
    row = con.execute(
        "SELECT document_key, content_hash FROM dim_document WHERE document_id = ?", [document_id]
    ).fetchone()
    if row is None:
        return None
    document_key, digest = row
    from sitrep.load.happenings import light_events, refresh_happenings

    con.execute("BEGIN TRANSACTION")
    try:
        gone = light_events(con, [document_id])
        removed = con.execute(
            "SELECT count(*) FROM fact_event WHERE document_key = ?", [document_key]
        ).fetchone()[0]
        con.execute("DELETE FROM fact_event WHERE document_key = ?", [document_key])
        con.execute("DELETE FROM document_source WHERE document_id = ?", [document_id])
        con.execute("DELETE FROM document_shingle WHERE document_id = ?", [document_id])
        con.execute("DELETE FROM dim_document WHERE document_key = ?", [document_key])
        con.execute("DELETE FROM document_published_local WHERE document_id = ?", [document_id])
        refresh_happenings(con, gone)  # its happenings lose a report (or vanish), in the same transaction
        detail = f"removed by sitrep forget with its {removed} events; the same text is not loaded again"
        forgotten = Rejection("forget", document_id, "forgotten", detail, digest or "")
        record_rejections(con, "forget-" + now().strftime("%Y%m%dT%H%M%S"), [forgotten])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return removed


# fact_event column -> (dimension, its key): the star's foreign keys (DuckDB does not enforce them here,
# the loader guarantees them and `orphan_keys` checks them).
FACT_FOREIGN_KEYS: dict[str, tuple[str, str]] = {
    "date_key": ("dim_date", "date_key"),
    "actor1_key": ("dim_actor", "actor_key"),
    "actor2_key": ("dim_actor", "actor_key"),
    "location_key": ("dim_location", "location_key"),
    "event_type_key": ("dim_event_type", "event_type_key"),
    "weapon_key": ("dim_weapon", "weapon_key"),
    "document_key": ("dim_document", "document_key"),
}


def orphan_keys(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Per fact foreign key, how many facts point at no dimension row (all zero in a sound warehouse)."""
    return {
        column: con.execute(
            f"SELECT count(*) FROM fact_event f ANTI JOIN {table} d ON d.{key} = f.{column}"
        ).fetchone()[0]
        for column, (table, key) in FACT_FOREIGN_KEYS.items()
    }
