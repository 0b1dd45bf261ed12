-- Air attacks: how many missiles and drones were launched and how many were intercepted.
SELECT event_date, actor1_country AS attacker, weapon, quantity AS launched, intercepted,
       round(100.0 * intercepted / nullif(quantity, 0), 1) AS intercepted_pct
FROM mart.events
WHERE quantity IS NOT NULL AND intercepted IS NOT NULL
ORDER BY event_date, attacker, weapon, launched, intercepted;
