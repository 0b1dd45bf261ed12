-- The events sitrep/happen clusters: mart.events plus when and by whom each report was published.
-- Filtered by the registered frame wanted_events (event_id).
SELECT e.event_id, e.document_id, d.published_at, coalesce(d.publisher, d.source, d.document_id) AS outlet,
       e.event_type, e.event_mode, e.actor1_name, e.actor1_country, e.actor2_name, e.actor2_country,
       e.location_name, e.admin1, e.country, e.latitude, e.longitude, e.event_date, e.date_precision,
       e.fatalities, e.injuries, e.is_aggregate, e.acled_event_type, e.acled_sub_event_type
FROM mart.events e
JOIN dim_document d USING (document_id)
SEMI JOIN wanted_events w USING (event_id)
