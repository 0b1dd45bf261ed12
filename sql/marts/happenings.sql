-- mart.happenings: one row per real-world happening, however many reports told it. Sum fatalities
-- here (not over mart.events) to count each person once.
CREATE SCHEMA IF NOT EXISTS mart;
CREATE OR REPLACE VIEW mart.happenings AS
SELECT
    happening_id, event_date, date_precision, event_type, event_mode, acled_event_type,
    acled_sub_event_type, actor1_name, actor1_country, actor2_name, actor2_country, location_name,
    admin1, country, latitude, longitude, fatalities, fatalities_min, fatalities_max, injuries,
    sources, documents, first_reported, last_reported
FROM dim_happening;
