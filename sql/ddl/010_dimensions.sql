-- Dimensions of the event star. Surrogate keys are deterministic (a hash of the natural key, computed
-- by the loader), so rebuilding the warehouse from the same inputs gives the same keys. Key 0 is the
-- "unknown" member every dimension has, for events whose value the text does not state.
CREATE TABLE IF NOT EXISTS dim_date (
    date_key      INTEGER PRIMARY KEY,       -- yyyymmdd; 0 = unknown
    full_date     DATE,
    year          INTEGER,
    month         INTEGER,
    day           INTEGER,
    iso_week      INTEGER,
    weekday       VARCHAR
);
CREATE TABLE IF NOT EXISTS dim_actor (
    actor_key     BIGINT PRIMARY KEY,
    actor_name    VARCHAR NOT NULL,
    actor_country VARCHAR,
    actor_type    VARCHAR
);
CREATE TABLE IF NOT EXISTS dim_location (
    location_key       BIGINT PRIMARY KEY,
    location_name      VARCHAR,               -- NULL: the event names only its admin1 or country
    admin1             VARCHAR,
    country            VARCHAR,
    latitude           DOUBLE,
    longitude          DOUBLE,
    location_precision VARCHAR
);
CREATE TABLE IF NOT EXISTS dim_event_type (
    event_type_key       BIGINT PRIMARY KEY,
    event_type           VARCHAR NOT NULL,
    event_mode           VARCHAR,
    cameo_code           VARCHAR,
    acled_event_type     VARCHAR,
    acled_sub_event_type VARCHAR
);
CREATE TABLE IF NOT EXISTS dim_weapon (
    weapon_key    BIGINT PRIMARY KEY,
    weapon        VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS dim_document (
    document_key   BIGINT PRIMARY KEY,
    document_id    VARCHAR NOT NULL,          -- document_key is the hash of it, so it is unique too
    title          VARCHAR,
    publisher      VARCHAR,
    source         VARCHAR,
    url            VARCHAR,
    published_at   TIMESTAMPTZ,
    date_inferred  BOOLEAN,
    date_source    VARCHAR,
    content_hash   VARCHAR,
    characters     INTEGER,
    segments       INTEGER,
    language       VARCHAR                     -- ISO 639-1 of the readable text (en, fr, ...); NULL: too short to tell
);
