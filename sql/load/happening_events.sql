-- The events sitrep/happen clusters: mart.events plus when and by whom each report was published.
-- Filtered by the registered frame wanted_events (event_id). dim_location names a region-only place after
-- its admin1 (or country); the matcher needs the null the extractor gave, or a region would pass for a town.
SELECT e.event_id, e.document_id, coalesce(p.published_local, CAST(d.published_at AS VARCHAR)) AS published_at, coalesce(d.publisher, d.source, d.document_id) AS outlet,
       e.event_type, e.event_mode, e.actor1_name, e.actor1_country, e.actor2_name, e.actor2_country,
       CASE WHEN e.location_precision IN ('admin1', 'country') AND e.location_name IN (e.admin1, e.country)
            THEN NULL ELSE e.location_name END AS location_name, e.admin1, e.country, e.latitude, e.longitude, e.location_precision, e.event_date, e.date_precision,
       e.fatalities, e.injuries, e.is_aggregate, e.acled_event_type, e.acled_sub_event_type, e.evidence
FROM mart.events e
JOIN dim_document d USING (document_id)
LEFT JOIN document_published_local p USING (document_id)
SEMI JOIN wanted_events w USING (event_id)
