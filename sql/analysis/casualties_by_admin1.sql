-- Killed, wounded and missing by first-level region. Aggregate (summary) events carry no casualties,
-- so these sums do not double count; events that did not happen are left out.
SELECT country, coalesce(admin1, '(unknown)') AS admin1,
       count(*) AS events,
       sum(fatalities) AS killed, sum(injuries) AS wounded, sum(missing) AS missing
FROM mart.events
WHERE event_type = 'ASSAULT' AND NOT is_aggregate AND factuality = 'happened'
GROUP BY ALL
ORDER BY killed DESC NULLS LAST, wounded DESC NULLS LAST, country, admin1;
