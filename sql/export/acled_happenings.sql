-- The rows of `sitrep export --format acled` (unit happenings), before sitrep/export/acled.py maps them to
-- ACLED's columns: one row per happening of mart.happenings, with what the mart does not keep taken from
-- its reports: the actor types and place precision of the report whose actor or place the happening
-- shows (the latest such report), every outlet that told it, the latest report's evidence, and whether
-- any report tells it as having happened (not planned, denied, ... nor a summary of other events).
-- The export filters them by date and country (sitrep/export/acled.py read_rows).
WITH reports AS (
    SELECT e.*, coalesce(d.publisher, d.source, d.document_id) AS outlet, d.published_at,
           h.actor1_name AS shown_actor1, h.actor2_name AS shown_actor2,
           h.latitude AS shown_latitude, h.longitude AS shown_longitude
    FROM mart.events e
    JOIN dim_document d USING (document_id)
    JOIN mart.happenings h USING (happening_id)
),
told AS (
    SELECT
        happening_id,
        bool_or(factuality = 'happened' AND NOT is_aggregate) AS happened,
        list_sort(list_distinct(list(outlet))) AS outlets,
        first(event_id ORDER BY published_at DESC NULLS LAST, event_id DESC)
            FILTER (WHERE actor1_name IS NOT DISTINCT FROM shown_actor1) AS actor1_event_id,
        first(actor1_type ORDER BY published_at DESC NULLS LAST, event_id DESC)
            FILTER (WHERE actor1_name IS NOT DISTINCT FROM shown_actor1) AS actor1_type,
        first(event_id ORDER BY published_at DESC NULLS LAST, event_id DESC)
            FILTER (WHERE actor2_name IS NOT DISTINCT FROM shown_actor2) AS actor2_event_id,
        first(actor2_type ORDER BY published_at DESC NULLS LAST, event_id DESC)
            FILTER (WHERE actor2_name IS NOT DISTINCT FROM shown_actor2) AS actor2_type,
        first(location_precision ORDER BY published_at DESC NULLS LAST, event_id DESC)
            FILTER (WHERE latitude IS NOT DISTINCT FROM shown_latitude
                      AND longitude IS NOT DISTINCT FROM shown_longitude) AS location_precision,
        first(evidence ORDER BY published_at DESC NULLS LAST, event_id DESC)
            FILTER (WHERE evidence IS NOT NULL) AS evidence
    FROM reports
    GROUP BY happening_id
)
SELECT
    h.happening_id AS row_id, h.event_date, h.date_precision, h.acled_event_type, h.acled_sub_event_type,
    h.actor1_name, t.actor1_type, t.actor1_event_id, h.actor2_name, t.actor2_type, t.actor2_event_id,
    h.location_name, h.admin1, h.country, h.latitude, h.longitude, t.location_precision,
    h.fatalities, t.outlets, t.evidence, t.happened
FROM mart.happenings h
JOIN told t USING (happening_id)
