-- The rows of `sitrep export --format acled --unit events`, before sitrep/export/acled.py maps them to
-- ACLED's columns: one row per event (per report) of mart.events, in the shape of acled_happenings.sql.
-- mart.events names a region-only place after its admin1 or country: NULL here, so the export names it.
-- The export filters them by date and country (sitrep/export/acled.py read_rows).
SELECT
    e.event_id AS row_id, e.event_date, e.date_precision, e.acled_event_type, e.acled_sub_event_type,
    e.actor1_name, e.actor1_type, e.event_id AS actor1_event_id,
    e.actor2_name, e.actor2_type, e.event_id AS actor2_event_id,
    CASE WHEN e.location_precision IN ('admin1', 'country') AND e.location_name IN (e.admin1, e.country)
         THEN NULL ELSE e.location_name END AS location_name,
    e.admin1, e.country, e.latitude, e.longitude, e.location_precision,
    e.fatalities, [coalesce(d.publisher, d.source, d.document_id)] AS outlets, e.evidence,
    e.factuality = 'happened' AND NOT e.is_aggregate AS happened
FROM mart.events e
JOIN dim_document d USING (document_id)
