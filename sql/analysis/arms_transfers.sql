-- Arms transfers and military aid by supplier and recipient, with what was sent (announced and denied
-- transfers included, as reports of them).
SELECT actor1_country AS supplier, actor2_country AS recipient,
       count(*) AS reports,
       string_agg(DISTINCT weapon, ', ' ORDER BY weapon) AS weapons,
       sum(quantity) AS units, string_agg(DISTINCT quantity_unit, ', ' ORDER BY quantity_unit) AS units_of
FROM mart.events
WHERE event_type = 'AID'
  AND ((event_mode = 'military' AND factuality = 'happened') OR factuality IN ('denied', 'planned'))
GROUP BY ALL
ORDER BY reports DESC, supplier NULLS LAST, recipient NULLS LAST;
