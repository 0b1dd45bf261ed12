-- Happenings: the real-world happening several reports (events of different documents) tell. Rebuilt
-- by sitrep/load/happenings.py in the load transaction, only for the blocks a run touched.
-- happening_id is a hash of the earliest member event (first published), so it does not change when
-- later reports join. fatalities / injuries are the latest report's figures; min / max keep the spread.
CREATE TABLE IF NOT EXISTS dim_happening (
    happening_id         VARCHAR PRIMARY KEY,
    event_date           DATE,
    date_precision       VARCHAR,
    event_type           VARCHAR,
    event_mode           VARCHAR,
    acled_event_type     VARCHAR,
    acled_sub_event_type VARCHAR,
    actor1_name          VARCHAR,
    actor1_country       VARCHAR,
    actor2_name          VARCHAR,
    actor2_country       VARCHAR,
    location_name        VARCHAR,
    admin1               VARCHAR,
    country              VARCHAR,
    latitude             DOUBLE,
    longitude            DOUBLE,
    fatalities           INTEGER,
    fatalities_min       INTEGER,
    fatalities_max       INTEGER,
    injuries             INTEGER,
    sources              INTEGER,               -- distinct outlets (publisher, else source, else document)
    documents            INTEGER,
    first_reported       TIMESTAMPTZ,
    last_reported        TIMESTAMPTZ
);
-- Every event belongs to exactly one happening (a report told by no other document is one alone).
CREATE TABLE IF NOT EXISTS happening_event (
    event_id      VARCHAR PRIMARY KEY,
    happening_id  VARCHAR NOT NULL
);
-- Each document's publication time as its source wrote it (ISO 8601 with its UTC offset): TIMESTAMPTZ keeps
-- the instant, not the offset, and "filed after midnight" is a matter of the reporter's local clock.
CREATE TABLE IF NOT EXISTS document_published_local (
    document_id     VARCHAR PRIMARY KEY,
    published_local VARCHAR NOT NULL
);
