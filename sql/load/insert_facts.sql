-- Facts of the staged batch; the loader has deleted the previous facts of these documents.
-- Columns by name: a warehouse upgraded in place has its later columns at the end (sitrep/load/upgrade.py).
INSERT INTO fact_event (
    event_id, date_key, actor1_key, actor2_key, location_key, event_type_key, weapon_key, document_key,
    date_precision, fatalities, injuries, missing, quantity, quantity_unit, intercepted, is_aggregate,
    evidence, evidence_start, evidence_end, confidence, factuality, inter1, inter2, acled_swapped
)
SELECT event_id, date_key, actor1_key, actor2_key, location_key, event_type_key, weapon_key, document_key,
       date_precision, CAST(fatalities AS INTEGER), CAST(injuries AS INTEGER), CAST(missing AS INTEGER),
       CAST(quantity AS DOUBLE), quantity_unit, CAST(intercepted AS DOUBLE), coalesce(CAST(is_aggregate AS BOOLEAN), false),
       evidence, CAST(evidence_start AS INTEGER), CAST(evidence_end AS INTEGER), CAST(confidence AS DOUBLE),
       factuality, inter1, inter2, CAST(acled_swapped AS BOOLEAN)
FROM staged_events;
