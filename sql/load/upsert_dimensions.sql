-- Add the dimension members a batch needs (staged_events, staged_documents are registered frames).
-- Existing members are never changed: their keys are hashes of the natural key, so they cannot drift.
INSERT INTO dim_date
SELECT DISTINCT date_key, CAST(event_date AS DATE), year(CAST(event_date AS DATE)), month(CAST(event_date AS DATE)),
       day(CAST(event_date AS DATE)), weekofyear(CAST(event_date AS DATE)), dayname(CAST(event_date AS DATE))
FROM staged_events WHERE date_key <> 0
ON CONFLICT DO NOTHING;

INSERT INTO dim_actor
SELECT DISTINCT actor1_key, actor1_name, actor1_country, actor1_type FROM staged_events WHERE actor1_key <> 0
UNION
SELECT DISTINCT actor2_key, actor2_name, actor2_country, actor2_type FROM staged_events WHERE actor2_key <> 0
ON CONFLICT DO NOTHING;

INSERT INTO dim_location
SELECT DISTINCT location_key, location_name, admin1, country,
       CAST(latitude AS DOUBLE), CAST(longitude AS DOUBLE), location_precision
FROM staged_events WHERE location_key <> 0
ON CONFLICT DO NOTHING;

INSERT INTO dim_event_type
SELECT DISTINCT event_type_key, event_type, event_mode, cameo_code, acled_event_type, acled_sub_event_type
FROM staged_events WHERE event_type_key <> 0
ON CONFLICT DO NOTHING;

INSERT INTO dim_weapon
SELECT DISTINCT weapon_key, weapon FROM staged_events WHERE weapon_key <> 0
ON CONFLICT DO NOTHING;

-- BY NAME: a warehouse that gained a column by ALTER (sql/ddl/040) has it last.
INSERT OR REPLACE INTO dim_document BY NAME SELECT * FROM staged_documents;
