-- Run log, rejected inputs and data-quality results.
CREATE TABLE IF NOT EXISTS etl_run (
    run_id              VARCHAR PRIMARY KEY,
    started_at          TIMESTAMPTZ NOT NULL,
    ended_at            TIMESTAMPTZ,
    status              VARCHAR NOT NULL,      -- running | succeeded | failed | abandoned
    documents_seen      INTEGER,
    documents_new       INTEGER,
    documents_unchanged INTEGER,
    events_extracted    INTEGER,
    events_loaded       INTEGER,
    quarantined         INTEGER,
    checks_passed       INTEGER,
    checks_failed       INTEGER,
    report_path         VARCHAR,
    error               VARCHAR
);
-- Every rejected input or row, once: the same rejection seen again by a later run is not re-added.
-- A whole file or text refused (stage ingest or validate) or forgotten (stage forget) keeps its content hash.
CREATE TABLE IF NOT EXISTS quarantine (
    quarantine_id VARCHAR PRIMARY KEY,         -- hash of stage, source, reason, content
    run_id        VARCHAR NOT NULL,            -- the run that first rejected it
    stage         VARCHAR NOT NULL,            -- ingest | extract | validate
    source        VARCHAR NOT NULL,            -- file path, record id or document id / event id
    reason        VARCHAR NOT NULL,
    detail        VARCHAR,
    recorded_at   TIMESTAMPTZ NOT NULL,
    content_hash  VARCHAR                      -- of a refused or forgotten file or text: skipped while the same
);
-- Warehouses made before content_hash get it (their rows keep NULL: those files are read once more).
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS content_hash VARCHAR;
-- One row per expectation per run.
CREATE TABLE IF NOT EXISTS dq_result (
    run_id           VARCHAR NOT NULL,
    suite            VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    column_name      VARCHAR,
    success          BOOLEAN NOT NULL,
    element_count    INTEGER,
    unexpected_count INTEGER,
    checked_at       TIMESTAMPTZ NOT NULL,
    detail           VARCHAR                -- in words: the rule, how many rows failed, the first few (file: why)
);
