-- Silver's snapshots (one per streaming commit): what each added. Iceberg metadata table.
SELECT committed_at, snapshot_id, operation,
       summary['added-records'] AS added_records, summary['total-records'] AS total_records
FROM silver.crypto_prices_clean.snapshots
ORDER BY committed_at DESC
LIMIT 20
