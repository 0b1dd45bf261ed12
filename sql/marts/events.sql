-- mart.events: one row per event, the columns analysts and checks rely on (names are a contract): the
-- same columns and values as `sitrep extract` prints. Key 0 is a dimension's unknown member: NULL here.
CREATE SCHEMA IF NOT EXISTS mart;
CREATE OR REPLACE VIEW mart.events AS
SELECT
    f.event_id,
    d.full_date              AS event_date,
    f.date_precision,
    t.event_type,
    t.event_mode,
    f.factuality,
    CASE WHEN f.actor1_key <> 0 THEN a1.actor_name END AS actor1_name,
    a1.actor_country         AS actor1_country,
    a1.actor_type            AS actor1_type,
    CASE WHEN f.actor2_key <> 0 THEN a2.actor_name END AS actor2_name,
    a2.actor_country         AS actor2_country,
    a2.actor_type            AS actor2_type,
    CASE WHEN f.location_key <> 0 THEN l.location_name END AS location_name,
    l.admin1,
    l.country,
    l.latitude,
    l.longitude,
    l.location_precision,
    f.fatalities,
    f.injuries,
    f.missing,
    CASE WHEN f.weapon_key <> 0 THEN w.weapon END AS weapon,
    f.quantity,
    f.quantity_unit,
    f.intercepted,
    f.is_aggregate,
    t.cameo_code,
    t.acled_event_type,
    t.acled_sub_event_type,
    f.inter1,
    f.inter2,
    f.acled_swapped,
    doc.document_id,
    f.evidence,
    f.evidence_start,
    f.evidence_end,
    f.confidence,
    he.happening_id
FROM fact_event f
JOIN dim_date d        ON d.date_key = f.date_key
JOIN dim_event_type t  ON t.event_type_key = f.event_type_key
JOIN dim_actor a1      ON a1.actor_key = f.actor1_key
JOIN dim_actor a2      ON a2.actor_key = f.actor2_key
JOIN dim_location l    ON l.location_key = f.location_key
JOIN dim_weapon w      ON w.weapon_key = f.weapon_key
JOIN dim_document doc  ON doc.document_key = f.document_key
LEFT JOIN happening_event he ON he.event_id = f.event_id;
