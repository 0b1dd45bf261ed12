-- Facts of the staged batch; the loader has deleted the previous facts of these documents.
INSERT INTO fact_event
SELECT event_id, date_key, actor1_key, actor2_key, location_key, event_type_key, weapon_key, document_key,
       date_precision, CAST(fatalities AS INTEGER), CAST(injuries AS INTEGER), CAST(missing AS INTEGER),
       CAST(quantity AS DOUBLE), quantity_unit, CAST(intercepted AS DOUBLE), coalesce(CAST(is_aggregate AS BOOLEAN), false),
       evidence, CAST(evidence_start AS INTEGER), CAST(evidence_end AS INTEGER), CAST(confidence AS DOUBLE)
FROM staged_events;
