-- The happenings told by the most documents, with how far the reported tolls spread (tolls rise as
-- bodies are found: `fatalities` is the latest report's figure).
SELECT happening_id, event_date, event_type, event_mode, coalesce(location_name, admin1, country) AS place,
       actor1_name, documents, sources, fatalities, fatalities_min, fatalities_max,
       first_reported, last_reported
FROM mart.happenings
ORDER BY documents DESC, sources DESC, fatalities DESC NULLS LAST, happening_id
LIMIT 20;
