-- Gold's hourly table history: which snapshot was current when (rollbacks would show here).
SELECT made_current_at, snapshot_id, parent_id, is_current_ancestor
FROM gold.fact_crypto_hourly.history
ORDER BY made_current_at DESC
LIMIT 20
