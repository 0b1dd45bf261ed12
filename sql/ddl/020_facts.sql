-- One row per event. Every key points at a dimension row (0 = unknown member).
CREATE TABLE IF NOT EXISTS fact_event (
    event_id        VARCHAR PRIMARY KEY,
    date_key        INTEGER NOT NULL,
    actor1_key      BIGINT NOT NULL,
    actor2_key      BIGINT NOT NULL,
    location_key    BIGINT NOT NULL,
    event_type_key  BIGINT NOT NULL,
    weapon_key      BIGINT NOT NULL,
    document_key    BIGINT NOT NULL,
    date_precision  VARCHAR,
    fatalities      INTEGER,
    injuries        INTEGER,
    missing         INTEGER,
    quantity        DOUBLE,
    quantity_unit   VARCHAR,
    intercepted     DOUBLE,
    is_aggregate    BOOLEAN NOT NULL DEFAULT false,
    evidence        VARCHAR,
    evidence_start  INTEGER,
    evidence_end    INTEGER,
    confidence      DOUBLE,
    factuality      VARCHAR,                  -- happened | planned | threatened | denied | hypothetical
    inter1          VARCHAR,                  -- ACLED category of ACLED actor1 (sitrep/data/acled_inter.tsv)
    inter2          VARCHAR,                  -- ACLED category of ACLED actor2
    acled_swapped   BOOLEAN                   -- ACLED actor1 is the event's actor2 (inter1 describes it)
);
-- The file names a document was seen under (the same content under two names is one document).
CREATE TABLE IF NOT EXISTS document_source (
    path          VARCHAR PRIMARY KEY,
    document_id   VARCHAR NOT NULL,
    content_hash  VARCHAR NOT NULL
);
