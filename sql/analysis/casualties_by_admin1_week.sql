-- "How many people were killed, where, this week": killed and wounded per first-level region and ISO
-- week, counted once per happening (the latest report's toll), not once per report. `reported_sum` is
-- what summing every report's toll would say.
SELECT h.country, coalesce(h.admin1, '(unknown)') AS admin1,
       date_trunc('week', h.event_date) AS week,
       count(*) AS happenings,
       sum(h.documents) AS reports,
       sum(h.fatalities) AS killed,
       sum(h.injuries) AS wounded,
       sum(r.reported) AS reported_sum
FROM mart.happenings h
LEFT JOIN (
    SELECT happening_id, sum(fatalities) AS reported FROM mart.events WHERE NOT is_aggregate GROUP BY 1
) r USING (happening_id)
WHERE h.event_type = 'ASSAULT' AND h.event_date IS NOT NULL
  AND (h.event_mode IS NULL OR h.event_mode NOT IN ('planned', 'threatened', 'denied', 'hypothetical'))
GROUP BY ALL
ORDER BY week DESC, killed DESC NULLS LAST, country, admin1;
