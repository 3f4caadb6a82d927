-- Why records were quarantined in Silver, by rule, with one example each.
SELECT rule, count(*) AS rejected, min(detail) AS example_detail, max(rejected_at) AS last_seen
FROM silver.crypto_prices_rejected
GROUP BY rule
ORDER BY rejected DESC
