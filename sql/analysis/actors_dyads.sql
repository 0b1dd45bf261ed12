-- Who does what to whom: event counts per actor pair and type.
SELECT coalesce(actor1_country, actor1_name) AS actor1, event_type,
       coalesce(actor2_country, actor2_name) AS actor2, count(*) AS events
FROM mart.events
GROUP BY ALL
ORDER BY events DESC, actor1 NULLS LAST, event_type, actor2 NULLS LAST
LIMIT 50;
