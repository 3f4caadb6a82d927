-- Rows per table, layer by layer.
SELECT 'bronze.crypto_ticks_raw' AS table_name, count(*) AS row_count FROM bronze.crypto_ticks_raw
UNION ALL SELECT 'bronze.coin_markets_raw', count(*) FROM bronze.coin_markets_raw
UNION ALL SELECT 'silver.crypto_prices_clean', count(*) FROM silver.crypto_prices_clean
UNION ALL SELECT 'silver.crypto_prices_rejected', count(*) FROM silver.crypto_prices_rejected
UNION ALL SELECT 'gold.fact_crypto_ticks', count(*) FROM gold.fact_crypto_ticks
UNION ALL SELECT 'gold.fact_crypto_hourly', count(*) FROM gold.fact_crypto_hourly
UNION ALL SELECT 'gold.dim_crypto', count(*) FROM gold.dim_crypto
UNION ALL SELECT 'gold.crypto_daily_volatility', count(*) FROM gold.crypto_daily_volatility
UNION ALL SELECT 'gold.price_drop_alerts', count(*) FROM gold.price_drop_alerts
