-- Upgrade of a warehouse written before fact_event.factuality existed, when event_mode held the
-- factuality of events that did not happen. sitrep/load/upgrade.py stages, per event-type member that
-- holds a factuality, the key of the same member without it (the hash the loader computes for a NULL mode).
ALTER TABLE fact_event ADD COLUMN IF NOT EXISTS factuality VARCHAR;

INSERT INTO dim_event_type
SELECT DISTINCT s.new_key, t.event_type, NULL, t.cameo_code, t.acled_event_type, t.acled_sub_event_type
FROM staged_event_types s JOIN dim_event_type t ON t.event_type_key = s.old_key
ON CONFLICT DO NOTHING;

UPDATE fact_event SET factuality = s.factuality, event_type_key = s.new_key
FROM staged_event_types s WHERE fact_event.event_type_key = s.old_key;

UPDATE fact_event SET factuality = 'happened' WHERE factuality IS NULL;
