-- What was rejected, at which stage, and why.
SELECT stage, reason, count(*) AS rejected, min(source) AS example
FROM quarantine
GROUP BY ALL
ORDER BY rejected DESC, stage, reason;
