-- Events per day and PLOVER type (happened events only: planned/threatened/denied/hypothetical left out).
SELECT event_date, event_type, count(*) AS events
FROM mart.events
WHERE factuality = 'happened'
GROUP BY ALL
ORDER BY event_date, event_type;
